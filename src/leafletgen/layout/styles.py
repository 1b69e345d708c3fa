"""Paragraph styles and colours, derived from a format's type scale."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from leafletgen.formats import A4_LEAFLET, PageFormat
from leafletgen import direction, fonts, model
from leafletgen.load.leaflet import leaflet_words
from leafletgen.messages import ENGLISH, Words
from leafletgen.theme import Theme


@dataclass(frozen=True)
class Palette:
    """The colours one file is drawn in, from the theme (see leafletgen.theme.COLOUR_ROLES)."""

    text: colors.Color
    heading: colors.Color
    accent: colors.Color
    link: colors.Color
    muted: colors.Color
    note_background: colors.Color
    box_background: colors.Color
    highlight: colors.Color  # body-map regions
    band: colors.Color  # the band across the top of page 1
    rule: colors.Color
    neutral: colors.Color = colors.HexColor("#E4E6E8")  # body-map regions not highlighted
    outline: colors.Color = colors.HexColor("#8A9399")  # body-map outlines, writing lines
    boxed: bool = False  # outline boxes instead of tinting them (large print)

    def in_cmyk(self, given: dict[str, colors.CMYKColor]) -> "Palette":
        """The same palette for print-ready files, where no RGB colour may remain; CMYK values
        the theme gives are used as they are, the rest converted."""
        from leafletgen.paper import to_cmyk

        given = {**given, "rule": given.get("accent")}
        return replace(self, **{f.name: given.get(f.name) or to_cmyk(getattr(self, f.name))
                                for f in fields(self) if f.name != "boxed"})


# Large print: black on white; colour only where it carries no text.
HIGH_CONTRAST = dict(text=colors.black, heading=colors.black, accent=colors.black,
                     link=colors.black, muted=colors.black, note_background=colors.white,
                     box_background=colors.white)


def palette_for(theme: Theme, high_contrast: bool, cmyk: bool) -> Palette:
    chosen = {**theme.colours, **(HIGH_CONTRAST if high_contrast else {})}
    palette = Palette(**chosen, rule=chosen["accent"], boxed=high_contrast)
    return palette.in_cmyk({} if high_contrast else theme.cmyk) if cmyk else palette


@dataclass(frozen=True)
class Styles:
    fmt: PageFormat
    palette: Palette
    fonts: fonts.FontSet
    theme: Theme
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
    words: Words = ENGLISH  # the tool's own words, in the leaflet's language
    # The leaflet's language is written right to left: its pages are mirrored (bullets,
    # note bars, tables, logo and stamp; docs/scripts.md).
    right_to_left: bool = False

    @property
    def cmyk(self) -> bool:
        return isinstance(self.palette.text, colors.CMYKColor)

    @property
    def link_color(self) -> str:
        """Links are coloured by the paragraph's text colour: set here only for RGB files."""
        if isinstance(self.palette.link, colors.CMYKColor):
            return ""
        return self.palette.link.hexval().replace("0x", "#")


def themed_format(fmt: PageFormat, theme: Theme) -> PageFormat:
    """The format's type scale adjusted by the theme; large print keeps its own sizes."""
    if not fmt.high_contrast:
        fmt = fmt.scaled(fmt.body_size * theme.type_scale)
    title = theme.title_size * fmt.title_size / A4_LEAFLET.title_size if theme.title_size \
        else fmt.title_size
    return replace(fmt, heading_size=fmt.heading_size * theme.heading_scale, title_size=title)


def leaflet_styles(fmt: PageFormat, cmyk: bool, theme: Theme, leaflet: model.Leaflet) -> Styles:
    """The styles of one leaflet's file: in its language, with its library's words."""
    return build_styles(fmt, cmyk, theme, leaflet.language, leaflet_words(leaflet))


def build_styles(fmt: PageFormat, cmyk: bool, theme: Theme, language: str = "",
                 words: Words = ENGLISH) -> Styles:
    """The styles of one file: the format's type scale adjusted by the theme (the build
    passes the default theme when the library has none); language is the leaflet's, which
    sets the direction of its paragraphs (direction.py)."""
    fmt = themed_format(fmt, theme)
    palette = palette_for(theme, fmt.high_contrast, cmyk)
    fonts.register_fonts()
    faces = fonts.register_family(theme.font_files) if theme.font_files else fonts.NOTO
    if theme.fallback_fonts:
        faces = replace(faces, fallbacks=fonts.register_fallbacks(theme.fallback_fonts))
    size = fmt.body_size

    def style(name: str, font_size: float, bold: bool = False, **extra) -> ParagraphStyle:
        options = dict(
            fontName=faces.bold if bold else faces.regular, fontSize=font_size,
            leading=round(font_size * fmt.leading, 1), textColor=palette.text, alignment=TA_LEFT,
            allowWidows=0, allowOrphans=0, hyphenationLang="", embeddedHyphenation=0,
            bulletFontName=faces.regular,
        )
        options.update(extra)
        made = ParagraphStyle(name, **options)
        made.leaflet_fallbacks = faces.fallbacks  # read by scripts.py; kept by clones
        made.leaflet_language = language  # read by direction.py
        return made

    return Styles(
        fmt=fmt,
        palette=palette,
        fonts=faces,
        theme=theme,
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
        words=words,
        right_to_left=direction.is_right_to_left_language(language),
    )
