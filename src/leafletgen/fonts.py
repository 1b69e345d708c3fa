"""Register embedded TrueType families with ReportLab.

Every PDF uses only embedded TrueType fonts: the tool's own Noto Sans, or a theme's
family. No base-14 font may appear, not even an unused Helvetica, so the defaults
that ReportLab falls back to are redirected to Noto Sans.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from leafletgen import direction, scripts
from leafletgen.errors import LeafletError, Span, error
from leafletgen.theme import FACES

FAMILY = "NotoSans"
REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"

# What ReportLab's TrueType parser raises on a file that only looks like a font: a broken
# or truncated one (the loader checks only its first bytes).
BROKEN_FONT = (TTFError, struct.error, ValueError, IndexError, KeyError)


@dataclass(frozen=True)
class FontSet:
    """The four faces of one family, by their registered ReportLab names."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    fallbacks: tuple[str, ...] = ()  # a theme's fonts for what no other font has


NOTO = FontSet(FAMILY, REGULAR, BOLD, ITALIC, BOLD_ITALIC)
_NOTO_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
               "NotoSans-BoldItalic.ttf")


def font_dir():
    return resources.files("leafletgen") / "assets" / "fonts"


@cache
def register_fonts() -> str:
    """Register the tool's own family once per process and return its name. Each face is
    read when a document first asks for it (about 17 ms a face; most use two of the four)."""
    folder = font_dir()
    with resources.as_file(folder) as path:
        _register(NOTO, tuple(str(Path(path) / name) for name in _NOTO_FILES), lazily=True)
    # Drawings (body maps) otherwise default to Helvetica.
    shapes.STATE_DEFAULTS["fontName"] = REGULAR
    ttfonts.makeToUnicodeCMap = _to_unicode_map
    scripts.install()  # fallback fonts per script, shaping, ActualText
    direction.install()  # right-to-left paragraphs: bidi order of each line
    return FAMILY


_READ_AS_NOTHING = (0x0000, 0xFEFF, 0xFFFE)  # PDF/UA forbids a glyph mapped to these
_reportlab_to_unicode_map = ttfonts.makeToUnicodeCMap


def _to_unicode_map(font_name: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map of a subset without its glyph 0 (.notdef, never drawn),
    which it maps to U+0000: a text extractor or screen reader would read a NUL."""
    cmap = _reportlab_to_unicode_map(font_name, subset)
    nothing = {"<%02X> <%04X>" % (code, value) for code, value in enumerate(subset)
               if value in _READ_AS_NOTHING}
    if not nothing:
        return cmap
    lines = [line for line in cmap.split("\n") if line not in nothing]
    mapped = "%d beginbfchar" % len(subset)
    return "\n".join("%d beginbfchar" % (len(subset) - len(nothing)) if line == mapped else line
                     for line in lines)


@cache
def register_family(files: tuple[str, str, str, str]) -> FontSet:
    """Register a theme's four TTF files (regular, bold, italic, bold italic), once.
    Raises LeafletError (theme.font-format) naming a file ReportLab cannot read."""
    register_fonts()
    family = "Theme-" + Path(files[0]).stem.replace(" ", "")
    fonts = FontSet(family, *(f"{family}-{face}" for face in FACES))
    _register(fonts, files)
    return fonts


@cache
def register_fallbacks(files: tuple[str, ...]) -> tuple[str, ...]:
    """Register a theme's fallback fonts (TrueType files), once; their registered names.
    Raises LeafletError (theme.font-format) naming a file ReportLab cannot read."""
    register_fonts()
    names = []
    for path in files:
        name = "Fallback-" + Path(path).stem.replace(" ", "")
        names.append(name)
        _register_face(name, path)
        for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
            addMapping(name, bold, italic, name)  # <b> and <i> inside a run keep the face
    return tuple(names)


def _register_face(name: str, path: str) -> None:
    try:
        font = TTFont(name, path)
    except BROKEN_FONT as exc:
        raise LeafletError(error(
            "theme.font-format", f"the font file cannot be read as TrueType ({exc})",
            Span(str(path)), "replace it with the family's .ttf file as published")) from None
    pdfmetrics.registerFont(font)


_LAZY_FACES: dict[str, tuple[str, FontSet]] = {}  # name -> (file, family), read when asked for
_reportlab_find_font = pdfmetrics.findFontAndRegister


def _find_font(name: str):
    """pdfmetrics.getFont's fallback for a name not registered yet: a lazy face is read
    now; any other name goes to ReportLab (which knows only its base-14 fonts)."""
    if name not in _LAZY_FACES:
        return _reportlab_find_font(name)
    path, fonts = _LAZY_FACES.pop(name)
    _register_face(name, path)
    _map_family(fonts)  # registering a face maps its own name as a family over ours
    return pdfmetrics.getFont(name)


def _register(fonts: FontSet, files: tuple[str, ...], lazily: bool = False) -> None:
    """The family's four faces, read now, or (lazily: the tool's own, known to be sound)
    when first asked for; a theme's are read now so that a broken file stops the build."""
    names = (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
    for name, path in zip(names, files):
        if lazily:  # mapped as registering it would map it, so <b> finds the same faces
            _LAZY_FACES[name] = (path, fonts)
            pdfmetrics.registerFontFamily(name)
        else:
            _register_face(name, path)
    if lazily:
        pdfmetrics.findFontAndRegister = _find_font
    _map_family(fonts)


def _map_family(fonts: FontSet) -> None:
    addMapping(fonts.family, 0, 0, fonts.regular)
    addMapping(fonts.family, 1, 0, fonts.bold)
    addMapping(fonts.family, 0, 1, fonts.italic)
    addMapping(fonts.family, 1, 1, fonts.bold_italic)
