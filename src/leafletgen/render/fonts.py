"""Register the tool's embedded TrueType family with ReportLab.

Every PDF uses only these fonts: no base-14 font may appear, not even an unused
Helvetica, so the defaults that ReportLab falls back to are redirected here too.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "NotoSans"
REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"

_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}


def font_dir():
    return resources.files("leafletgen") / "assets" / "fonts"


@cache
def register_fonts() -> str:
    """Register the family once per process and return its name."""
    folder = font_dir()
    for name, filename in _FILES.items():
        with resources.as_file(folder / filename) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    # Drawings (body maps) otherwise default to Helvetica.
    shapes.STATE_DEFAULTS["fontName"] = REGULAR
    return FAMILY
