"""Every script a patient reads: a font for each character, harfbuzz shaping, real text.

Noto Sans (or the theme's family) draws Latin, Greek and Cyrillic; a Noto face shipped in
assets/fonts/scripts draws each other script below, and the symbol faces what the text
faces lack (≥ → ✓). install() teaches ReportLab, once per process:

- each text fragment of a Paragraph is split into runs, each in a font that has its
  glyphs (the fragment's own, then Noto Sans, then the script's face, then the symbol
  faces); a paragraph with a run in a script face is shaped with harfbuzz;
- a word is shaped run by run (ReportLab shapes a whole word with its first font);
- a shaped string keeps the characters it was shaped from, and is written inside
  `/Span <</ActualText ...>>` so that text extraction, search and screen readers get the
  characters, not the glyphs (ligatures, conjuncts, reordered vowel signs).

undrawable() tells the loader which characters no font can draw, so none goes missing.
"""

from __future__ import annotations

import unicodedata
import weakref
from functools import cache
from importlib import resources
from pathlib import Path

from fontTools import unicodedata as scripts_of
from fontTools.ttLib import TTFont as FontFile
from reportlab.lib import textsplit
from reportlab.lib.fonts import addMapping, ps2tt
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont
from reportlab.pdfgen import textobject
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import Paragraph

from leafletgen.errors import LeafletError, Span, error

# What a screen reader should say for a flowable (its structure element's /ActualText):
# set here on a paragraph with shaped text, and by document.spoken_as.
SPOKEN_ATTRIBUTE = "leaflet_spoken"
TEXT_FACE = "NotoSans"  # registered by fonts.py, as are its bold and italics
TEXT_FILE = "NotoSans-Regular.ttf"
# Unicode script code -> (regular, bold) file in assets/fonts/scripts.
SCRIPT_FACES = {
    "Arab": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "Hebr": ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    "Beng": ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    "Deva": ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    "Gujr": ("NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf"),
    "Guru": ("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    "Taml": ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
    # Chinese and Japanese (Han, Hiragana, Katakana): Droid Sans Fallback (Apache 2.0), a
    # TrueType face (Noto CJK is CFF, which ReportLab cannot embed). No Hangul.
    "Hani": ("DroidSansFallbackFull.ttf", None),
    "Hira": ("DroidSansFallbackFull.ttf", None),
    "Kana": ("DroidSansFallbackFull.ttf", None),
}
WIDE = ("Hani", "Hira", "Kana")  # set without spaces: lines break between characters
# Closing marks of Chinese that ReportLab's rule for CJK lines (a line never starts with a
# closing mark) does not list: its list has the Japanese ones and ASCII's.
NEVER_STARTS_A_LINE = "\uff0c\uff1a\uff1b\uff1f\uff01\uff09\u300b\u300d\u300f\u3011\u3015\u3017\uff05"
# Tried in order for a character no text or script face has (mathematical signs, arrows,
# ticks and crosses); a face without a bold draws bold text in its regular.
SYMBOL_FACES = (("NotoSansMath-Regular.ttf", None),
                ("NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf"),
                ("NotoSansSymbols2-Regular.ttf", None))


def script_dir():
    return resources.files("leafletgen") / "assets" / "fonts" / "scripts"


def undrawable(text: str) -> list[tuple[int, str]]:
    """(index, character) of each character of text that no shipped font can draw."""
    if _file_cover(TEXT_FILE, False).issuperset(map(ord, text)):
        return []
    return [(n, ch) for n, ch in enumerate(text)
            if not ch.isspace() and unicodedata.category(ch) != "Cf" and not _can_draw(ch)]


def describe(ch: str) -> str:
    """U+1D11E MUSICAL SYMBOL G CLEF, script Common."""
    name = unicodedata.name(ch, "an unnamed character")
    return f"U+{ord(ch):04X} {name}, script {scripts_of.script_name(scripts_of.script(ch))}"


def is_emoji(ch: str) -> bool:
    """A pictograph (U+1F300 and on, the dingbat and weather signs) rather than a letter."""
    return 0x1F000 <= ord(ch) <= 0x1FAFF or unicodedata.category(ch) == "So" and \
        "EMOJI" in unicodedata.name(ch, "")


def _can_draw(ch: str) -> bool:
    code = ord(ch)
    if code in _file_cover(TEXT_FILE, False):
        return True
    return any(code in _file_cover(faces[0], True)
               for faces in (*_script_faces(ch), *SYMBOL_FACES, *ANY_FACE))


def _script_faces(ch: str) -> list[tuple[str, str | None]]:
    """The faces of the scripts that use ch: one for a letter, several for a sign shared
    by scripts (the danda of Devanagari, Bengali and Gurmukhi)."""
    return [SCRIPT_FACES[s] for s in sorted(scripts_of.script_extension(ch)) if s in SCRIPT_FACES]


# Last of all, for a sign no script claims that the symbol faces lack (the full-width ，？：
# of Chinese text): any script face that has it, in the order of SCRIPT_FACES.
ANY_FACE = tuple(dict.fromkeys(SCRIPT_FACES.values()))


@cache
def file_cover(path: str) -> frozenset[int]:
    """The characters a TrueType file has glyphs for (a theme's fallback font)."""
    return frozenset(FontFile(str(path), lazy=True).getBestCmap())


@cache
def _file_cover(file: str, shipped_for_scripts: bool) -> frozenset[int]:
    """The characters of a shipped font file: a script's or symbols' face, or Noto Sans."""
    folder = script_dir() if shipped_for_scripts else script_dir().parent
    with resources.as_file(folder / file) as path:
        return file_cover(str(path))


@cache
def install() -> None:
    """Teach ReportLab fallback runs, run-by-run shaping and ActualText (see above)."""
    setup, shape, format_text = Paragraph._setup, ttfonts.shapeFragWord, \
        textobject.PDFTextObject._formatText
    Paragraph._setup = _with_fallback_runs(setup)
    ttfonts.shapeFragWord = paragraph.shapeFragWord = _shaped_by_run(shape)
    textobject.PDFTextObject._formatText = _with_actual_text(format_text)
    TTFont.hbFont = _with_true_widths(TTFont.hbFont)
    kept = textsplit.ALL_CANNOT_START + "".join(
        ch for ch in NEVER_STARTS_A_LINE if ch not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START = paragraph.ALL_CANNOT_START = kept
    ShapedStr.__add__ = _keeping_source(ShapedStr.__add__, False)
    ShapedStr.__radd__ = _keeping_source(ShapedStr.__radd__, True)


# Fonts: registered with ReportLab when a character first needs them.

@cache
def _registered(file: str) -> str:
    name = "Script-" + Path(file).stem
    with resources.as_file(script_dir() / file) as path:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


_SCRIPT_FONTS: set[str] = set()  # registered faces of SCRIPT_FACES: their text is shaped
_WIDE_FONTS: set[str] = set()  # the CJK face: a paragraph with it breaks between characters


@cache
def _face(faces: tuple[str, str | None], bold: bool) -> str:
    """The registered name of a script's face, its bold one for bold text (when it has
    one), with the family mapping that lets <b> inside a run find the bold."""
    regular = _registered(faces[0])
    heavy = _registered(faces[1]) if faces[1] else regular
    for is_bold, is_italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
        addMapping(regular, is_bold, is_italic, heavy if is_bold else regular)
    scripts = [script for script, these in SCRIPT_FACES.items() if these == faces]
    if scripts and not set(scripts) & set(WIDE):
        _SCRIPT_FONTS.update((regular, heavy))
    elif scripts:
        _WIDE_FONTS.update((regular, heavy))
    return heavy if bold else regular


@cache
def _cover(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


@cache
def _is_bold(font_name: str) -> bool:
    try:
        return bool(ps2tt(font_name)[1])
    except ValueError:
        return font_name.endswith("-Bold")


def _font_for(ch: str, base: str, current: str, extra: tuple[str, ...] = ()) -> str | None:
    """The font that draws ch in text whose own font is base; current is the run before
    it. A joiner or combining mark stays in the script run it marks; spaces, digits and
    punctuation go with the text when its font has them (so that they are runs of their
    own for the bidi algorithm), else with a script that has them (the danda of Bengali)."""
    code = ord(ch)
    if current in _SCRIPT_FONTS and (unicodedata.category(ch) == "Cf" or (
            scripts_of.script(ch) == "Zinh" and code in _cover(current))):
        return current  # a joiner (ZWNJ in Farsi) is shaped with its word, had or not
    if code in _cover(base):
        return base
    bold = _is_bold(base)
    text_face = TEXT_FACE + ("-Bold" if bold else "")
    if code in _cover(text_face):
        return text_face
    for faces in (*_script_faces(ch), *SYMBOL_FACES, *ANY_FACE):
        if code in _file_cover(faces[0], True):  # no registering a face that lacks it
            face = _face(faces, bold)
            return face if code in _cover(face) else _face(faces, False)
    return next((name for name in extra if code in _cover(name)), None)  # the theme's


def _runs(text: str, base: str, extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(font, text) runs of a fragment, each drawable in its font; extra are the theme's
    fallback fonts."""
    runs: list[list] = []
    current = base
    for ch in text:
        font = _font_for(ch, base, current, extra)
        if font is None and unicodedata.category(ch) == "Cf":
            continue  # an invisible mark no font has: dropped rather than drawn as a box
        if font is None:
            raise LeafletError(error(
                "format.character", f"no font of this build can draw '{ch}' ({describe(ch)})",
                Span(""), "add a font that has it to the theme's fallback_fonts "
                "(docs/scripts.md), or build with the library's own theme"))
        current = font
        if runs and runs[-1][0] == current:
            runs[-1][1].append(ch)
        else:
            runs.append([current, [ch]])
    return [(font, "".join(chars)) for font, chars in runs]


def _written_text(frags) -> str:
    """A new paragraph's characters as written (none for the parts of a split one, whose
    fragments are shaped words by then: they share the whole's, tagging.py copies it)."""
    texts = [getattr(frag, "text", None) for frag in frags if not hasattr(frag, "cbDefn")]
    return "" if any(not isinstance(t, str) for t in texts) else " ".join("".join(
        texts).split())


def _with_fallback_runs(setup):
    def setup_with_runs(self, *args, **kwargs):
        setup(self, *args, **kwargs)
        written, frags, fonts = self.frags, [], set()
        extra = getattr(self.style, "leaflet_fallbacks", ())
        for frag in written:
            text = getattr(frag, "text", None)
            pieces = runs(text, frag.fontName, extra) \
                if text and not hasattr(frag, "cbDefn") else []
            if not pieces or pieces == [(frag.fontName, text)]:
                frags.append(frag)
                continue
            for font, run in pieces:
                frags.append(frag.clone(text=run, fontName=font))
                fonts.add(font)
        self.frags = frags
        if fonts & _SCRIPT_FONTS and (words := _written_text(written)):
            # Said as written: a screen reader (or poppler's structure text) takes the
            # element's words from here, not from the shaped glyphs and their spans.
            self.__dict__.setdefault(SPOKEN_ATTRIBUTE, words)
        if fonts & _SCRIPT_FONTS and not self.style.shaping:
            # Shaped, and a word longer than the line is never cut: ReportLab would cut it
            # between glyphs, inside a conjunct or a joined Arabic letter, and lose its text.
            self.style = restyled(self.style, "shaped", shaping=1, splitLongWords=0)
        if fonts & _WIDE_FONTS and self.style.wordWrap != "CJK":
            self.style = restyled(self.style, "cjk", wordWrap="CJK")

    return setup_with_runs


_restyled_styles: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def restyled(style, why: str, **changes):
    """The style with a change that its text needs (harfbuzz shaping, CJK line breaking,
    right alignment for direction.py): one copy per style and change, while the style
    lives."""
    copies = _restyled_styles.setdefault(style, {})
    if why not in copies:
        copies[why] = style.clone(f"{style.name}+{why}", **changes)
    return copies[why]


def _shaped_by_run(shape):
    """Only the runs in a script's face are shaped: Latin words and symbols are drawn as in
    any other paragraph (and cost no harfbuzz call). ReportLab shapes a word with its first
    fragment's font: a word in two fonts ("(" then Devanagari) is shaped one font at a time."""
    def shaped_by_run(word, *args, **kwargs):
        parts = word[1:]
        fonts = [getattr(frag, "fontName", None) for frag, _ in parts]
        if _SCRIPT_FONTS.isdisjoint(fonts):
            return word
        if len(set(fonts)) < 2 or any(hasattr(frag, "cbDefn") for frag, _ in parts):
            return _sourced(shape(word, *args, **kwargs), word)
        pieces, width, changed, start = [], 0.0, False, 0
        for end in range(1, len(parts) + 1):
            if end < len(parts) and fonts[end] == fonts[start]:
                continue
            group = parts[start:end]
            sub = word.__class__([sum(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize)
                                      for frag, text in group), *group])
            result = _sourced(shape(sub, *args, **kwargs), sub) \
                if fonts[start] in _SCRIPT_FONTS else sub
            changed = changed or result is not sub
            width += result[0]
            pieces += result[1:]
            start = end
        return ttfonts.makeShapedFragWord(word)([width, *pieces]) if changed else word

    return shaped_by_run


def _sourced(result, word):
    """The shaped word, its first shaped string carrying the characters of the word."""
    if result is not word:
        strings = [text for _, text in result[1:] if isinstance(text, ShapedStr)]
        for n, text in enumerate(strings):
            text.leaflet_source = "".join(text for _, text in word[1:]) if n == 0 else ""
    return result


def _with_true_widths(hb_font):
    """A glyph with no character of its own (a conjunct, a ligature) gets a private-use
    code. ReportLab numbers them in the order a process first meets them, which would make
    a file's bytes depend on what the process built before: here the code is U+E000 plus
    the glyph's id. Its width is the glyph's own advance, as the PDF's /Widths must be
    (PDF/UA, PDF/A); ReportLab took harfbuzz's advance in context, and the shaped
    positions make up the difference."""
    def hb_font_with_true_widths(self, fontSize=10):
        font, numbered, face = hb_font(self, fontSize), self.hbAddPrivate, self.face

        def add_private(name, gid, advance):
            code = 0xE000 + gid
            if code > 0xF8FF or face.charToGlyph.get(code, gid) != gid:
                code = numbered(name, gid, advance)  # a rare large or taken id
            elif code not in face.charToGlyph:
                face.charToGlyph[code] = gid
                face.glyphToChar.setdefault(gid, []).append(code)
            face.charWidths[code] = face.hmetrics[gid][0] * 1000 / face.unitsPerEm
            return code

        self.hbAddPrivate = add_private
        return font

    return hb_font_with_true_widths


def _source(text) -> str | None:
    return getattr(text, "leaflet_source", None) if isinstance(text, ShapedStr) else str(text)


def _keeping_source(operation, reflected: bool):
    """ReportLab joins a line's shaped words with + : the characters are joined too."""
    def joined(self, other):
        result = operation(self, other)
        first, second = (_source(other), _source(self)) if reflected else \
            (_source(self), _source(other))
        if first is not None and second is not None:
            result.leaflet_source = first + second
        return result

    return joined


class DrawnOtherwise(str):
    """Characters drawn otherwise than written (a right-to-left run's "(" drawn as ")"):
    leaflet_source, their ActualText, is what a reader extracts, as for a shaped word."""

    leaflet_source: str


def _with_actual_text(format_text):
    def with_actual_text(self, text):
        out = format_text(self, text)
        source = getattr(text, "leaflet_source", None) \
            if isinstance(text, (ShapedStr, DrawnOtherwise)) else None
        if source is None:
            return out
        words = ("\ufeff" + source).encode("utf-16-be").hex().upper()
        return f"/Span <</ActualText <{words}>>> BDC {out} EMC"

    return with_actual_text


def runs(text: str, font: str, extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(font, text) runs of a line of text whose own font is font, each drawable in its
    font (the whole line when its font has every character)."""
    if _cover(font).issuperset(map(ord, text)):
        return [(font, text)]
    return _runs(text, font, extra)


def is_shaped(font: str) -> bool:
    """Whether text in this registered font is shaped (a script face's)."""
    return font in _SCRIPT_FONTS
