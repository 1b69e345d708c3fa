"""Paragraph styles and colours, derived from a format's type scale."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from leafletgen.layout.formats import PageFormat
from leafletgen.render import fonts


@dataclass(frozen=True)
class Palette:
    """Colours of the default house style; every text colour meets WCAG AA on white."""

    text: colors.Color = colors.HexColor("#1A1A1A")
    heading: colors.Color = colors.HexColor("#00535E")
    accent: colors.Color = colors.HexColor("#00707F")
    link: colors.Color = colors.HexColor("#005A9C")
    muted: colors.Color = colors.HexColor("#4A4A4A")
    note_background: colors.Color = colors.HexColor("#E3F1F2")
    box_background: colors.Color = colors.HexColor("#F2F4F5")
    rule: colors.Color = colors.HexColor("#00707F")


@dataclass(frozen=True)
class Styles:
    fmt: PageFormat
    palette: Palette
    series: ParagraphStyle
    title: ParagraphStyle
    summary: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    small: ParagraphStyle
    stamp: ParagraphStyle

    @property
    def link_color(self) -> str:
        return self.palette.link.hexval().replace("0x", "#")


def build_styles(fmt: PageFormat, palette: Palette | None = None) -> Styles:
    palette = palette or Palette()
    fonts.register_fonts()
    size = fmt.body_size

    def style(name: str, font_size: float, bold: bool = False, **extra) -> ParagraphStyle:
        options = dict(
            fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=font_size,
            leading=round(font_size * fmt.leading, 1), textColor=palette.text, alignment=TA_LEFT,
            allowWidows=0, allowOrphans=0, hyphenationLang="", embeddedHyphenation=0,
            bulletFontName=fonts.REGULAR,
        )
        options.update(extra)
        return ParagraphStyle(name, **options)

    return Styles(
        fmt=fmt,
        palette=palette,
        series=style("series", size, bold=True, textColor=palette.accent, spaceAfter=size * 0.2),
        title=style("title", fmt.title_size, bold=True, textColor=palette.heading,
                    leading=fmt.title_size * 1.15, spaceAfter=size * 0.6),
        summary=style("summary", size * 1.17, spaceAfter=size * 0.6),
        heading=style("heading", fmt.heading_size, bold=True, textColor=palette.heading,
                      leading=fmt.heading_size * 1.25, spaceBefore=size * 1.2,
                      spaceAfter=size * 0.45, keepWithNext=1),
        subheading=style("subheading", size, bold=True, textColor=palette.heading,
                         spaceAfter=size * 0.2, keepWithNext=1),
        body=style("body", size, spaceAfter=size * 0.6),
        item=style("item", size, spaceAfter=size * 0.25),
        note=style("note", size, textColor=palette.text),
        caption=style("caption", max(size * 0.9, 10.5), textColor=palette.muted,
                      spaceBefore=size * 0.3, spaceAfter=size * 0.8),
        small=style("small", max(size * 0.9, 10.5), spaceAfter=size * 0.2),
        stamp=style("stamp", fmt.stamp_size, textColor=palette.muted, leading=fmt.stamp_size * 1.3),
    )
