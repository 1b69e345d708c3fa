"""Paragraph styles and colours, derived from a format's type scale."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

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
    highlight: colors.Color = colors.HexColor("#C2185B")  # body-map regions
    neutral: colors.Color = colors.HexColor("#E4E6E8")  # body-map regions not highlighted
    outline: colors.Color = colors.HexColor("#8A9399")  # body-map outlines
    band: colors.Color = colors.HexColor("#00707F")  # the band across the top of page 1
    boxed: bool = False  # outline boxes instead of tinting them (large print)

    def in_cmyk(self) -> "Palette":
        """The same palette for print-ready files, where no RGB colour may remain."""
        from leafletgen.render.printmarks import to_cmyk

        return replace(self, **{f.name: to_cmyk(getattr(self, f.name)) for f in fields(self)
                                if isinstance(getattr(self, f.name), colors.Color)})


# Large print: black on white; colour only where it carries no text.
HIGH_CONTRAST = Palette(
    text=colors.black, heading=colors.black, accent=colors.black, link=colors.black,
    muted=colors.black, note_background=colors.white, box_background=colors.white,
    rule=colors.black, boxed=True,
)


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
    def cmyk(self) -> bool:
        return isinstance(self.palette.text, colors.CMYKColor)

    @property
    def link_color(self) -> str:
        """Links are coloured by the paragraph's text colour: set here only for RGB files."""
        if isinstance(self.palette.link, colors.CMYKColor):
            return ""
        return self.palette.link.hexval().replace("0x", "#")


def build_styles(fmt: PageFormat, cmyk: bool = False) -> Styles:
    palette = HIGH_CONTRAST if fmt.high_contrast else Palette()
    if cmyk:
        palette = palette.in_cmyk()
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
