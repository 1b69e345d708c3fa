"""A house style: organisation, logo, colours, font family, type scale, cover and footer.

One theme file gives every format of every leaflet an organisation's look; the
tool ships a neutral, accessible default (assets/themes/default.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.lib import colors

# Colour roles a theme may set, and what each is used for.
COLOUR_ROLES = {
    "text": "body text",
    "heading": "headings and titles",
    "accent": "series label, bullets, rules and note bars",
    "link": "links",
    "muted": "captions and the version stamp",
    "note_background": "the tint behind note boxes",
    "box_background": "the tint behind the contacts box",
    "highlight": "highlighted body-map regions",
    "band": "the band of colour across the top of page 1",
}
LOGO_POSITIONS = ("right", "left", "none")
# The four faces of a font family, in the order a theme's font files are given.
FACES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class Theme:
    name: str
    organisation: str = ""
    colours: dict[str, colors.Color] = field(default_factory=dict, hash=False)
    cmyk: dict[str, colors.CMYKColor] = field(default_factory=dict, hash=False)
    logo: str = ""  # a file under the library's assets, resolved by the loader
    logo_position: str = "right"
    font_files: tuple[str, ...] = ()  # regular, bold, italic, bold italic; empty: Noto Sans
    fallback_fonts: tuple[str, ...] = ()  # for characters no other font has (Korean, say)
    type_scale: float = 1.0
    heading_scale: float = 1.0
    title_size: float = 0.0  # the A4 title size in points; 0 keeps the format's own
    band: bool = True
    footer: str = ""
    source: str = ""


def relative_luminance(color: colors.Color) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (color.red, color.green, color.blue))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: colors.Color, b: colors.Color) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# (foreground role, background role or "white", minimum ratio, what it is)
# Headings and titles are at least 14 pt bold in every format: WCAG's "large text".
CONTRAST_RULES = (
    ("text", "white", 4.5, "body text on the page"),
    ("text", "note_background", 4.5, "text in note boxes"),
    ("text", "box_background", 4.5, "text in the contacts box"),
    ("link", "white", 4.5, "links on the page"),
    ("link", "box_background", 4.5, "links in the contacts box"),
    ("muted", "white", 4.5, "captions and the version stamp"),
    ("accent", "white", 4.5, "the series label"),
    ("heading", "white", 3.0, "headings (large text)"),
)


def contrast_problems(theme: Theme) -> list[tuple[str, str]]:
    """(role, message) for each pair of colours that is too close."""
    problems = []
    for fore, back, minimum, what in CONTRAST_RULES:
        fg = theme.colours[fore]
        bg = colors.white if back == "white" else theme.colours[back]
        ratio = contrast_ratio(fg, bg)
        if ratio < minimum:
            problems.append((fore, f"{what}: contrast of {fore} on {back} is {ratio:.2f}:1, "
                                   f"below the {minimum}:1 that WCAG AA asks"))
    return problems


def with_defaults(theme: Theme, default: Theme) -> Theme:
    """A theme's missing colours come from the default theme."""
    return replace(theme, colours={**default.colours, **theme.colours})
