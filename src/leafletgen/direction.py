"""Right-to-left text: the Unicode bidi algorithm on every line that holds Arabic-script or
Hebrew text, with python-bidi's implementation (ReportLab's own needs rlbidi, which is
not installable).

A paragraph's direction is that of its leaflet's language (ar, ur, fa, he...), else of its
first strong character: a right-to-left paragraph is set right-aligned. ReportLab breaks lines in logical
order; when a line is drawn, its runs (each a run of one font between spaces, already
shaped right to left by harfbuzz) and its spaces are put in visual order by the levels
the bidi algorithm gives their characters. Phone numbers, email and web addresses are
embedded left-to-right, so that "0161 555 0142" inside Arabic reads in its written order
(the plain algorithm would reverse the groups of digits).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from bidi import algorithm
from bidi.mirror import MIRRORED
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import Paragraph

from leafletgen.scripts import DrawnOtherwise, restyled

RIGHT_TO_LEFT = ("R", "AL")  # the strong right-to-left bidi classes
LEFT_TO_RIGHT_RUNS = re.compile(r"\+?\d[\d ()\-]{4,}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"
                                r"(?:https?://|www\.)\S+")
EMBED_LTR, POP = "\u202a", "\u202c"  # LRE ... PDF: a left-to-right embedding


# Languages written right to left (primary subtags of BCP 47): a leaflet in one has every
# paragraph right-to-left, whatever its first word ("CT scan" opening an Arabic sentence).
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "ur", "fa", "ckb", "he", "iw", "ps", "sd", "ug", "yi",
                                     "dv", "syr"})


def is_right_to_left_language(language: str) -> bool:
    return language.lower().split("-")[0] in RIGHT_TO_LEFT_LANGUAGES


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in RIGHT_TO_LEFT for ch in text)


def starts_right_to_left(text: str) -> bool:
    """The direction of a paragraph: that of its first strong character (rule P2)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in RIGHT_TO_LEFT:
            return True
        if kind == "L":
            return False
    return False


def levels(text: str, right_to_left: bool) -> list[int]:
    """The embedding level of each character of a line (rules X1 to I2)."""
    marked, last = [], 0
    for match in LEFT_TO_RIGHT_RUNS.finditer(text):
        marked += [text[last:match.start()], EMBED_LTR, match.group(), POP]
        last = match.end()
    marked.append(text[last:])
    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = (1, "R") if right_to_left else (0, "L")
    algorithm.get_embedding_levels("".join(marked), storage)
    for step in (algorithm.explicit_embed_and_overrides, algorithm.resolve_weak_types,
                 algorithm.resolve_neutral_types, algorithm.resolve_implicit_levels):
        step(storage, False)
    kept = iter(char["level"] for char in storage["chars"])  # X9 took out the marks
    found, level = [], int(right_to_left)
    for ch in text:
        if unicodedata.bidirectional(ch) not in algorithm.X9_REMOVED:
            level = next(kept, level)
        found.append(level)  # a joiner or mark (BN) takes its neighbour's level
    return found


def visual_order(unit_levels: list[int]) -> list[int]:
    """Rule L2 on units: from the highest level down to the lowest odd one, reverse every
    run of units at that level or higher."""
    order = list(range(len(unit_levels)))
    if not order:
        return order
    lowest_odd = min(unit_levels) | 1
    for level in range(max(unit_levels), lowest_odd - 1, -1):
        start = 0
        while start < len(order):
            if unit_levels[order[start]] < level:
                start += 1
                continue
            end = start
            while end < len(order) and unit_levels[order[end]] >= level:
                end += 1
            order[start:end] = reversed(order[start:end])
            start = end
    return order


@cache
def install() -> None:
    """Teach ReportLab right-to-left paragraphs and lines (a no-op for other text)."""
    Paragraph._setup = _with_direction(Paragraph._setup)
    Paragraph.breakLines = _marking_lines(Paragraph.breakLines)
    paragraph._putFragLine = _in_visual_order(paragraph._putFragLine)


def _plain_text(frags) -> str:
    """The characters of a paragraph's fragments, or of the words of a part of a split
    paragraph (lists of (fragment, text) after the first width)."""
    parts = []
    for frag in frags:
        pieces = frag[1:] if isinstance(frag, list) else [(frag, getattr(frag, "text", ""))]
        for _, text in pieces:
            parts.append(getattr(text, "leaflet_source", None) or text or "")
    return " ".join(parts)


def _with_direction(setup):
    """A paragraph notes its direction when made (breaking lines turns its fragments into
    shaped words); one that starts right-to-left is set right-aligned."""
    def setup_with_direction(self, *args, **kwargs):
        setup(self, *args, **kwargs)
        if is_right_to_left_language(getattr(self.style, "leaflet_language", "")):
            self.leaflet_rtl = True
        else:
            text = _plain_text(self.frags)
            self.leaflet_rtl = starts_right_to_left(text) if has_right_to_left(text) else None
        if self.leaflet_rtl and self.style.alignment == TA_LEFT:
            self.style = restyled(self.style, "rtl", alignment=TA_RIGHT)

    return setup_with_direction


def _marking_lines(break_lines):
    """Each line of a paragraph with right-to-left text knows its paragraph's direction."""
    def marked_break_lines(self, *args, **kwargs):
        broken = break_lines(self, *args, **kwargs)
        right_to_left = getattr(self, "leaflet_rtl", None)
        if getattr(broken, "kind", 0) == 1 and right_to_left is not None:
            for line in broken.lines:
                line.leaflet_rtl = right_to_left
        return broken

    return marked_break_lines


@dataclass
class _Unit:
    frag: object
    text: str  # as drawn: a shaped string's glyphs
    source: str  # the characters it stands for


def _units(line) -> list[_Unit] | None:
    """The line's runs and spaces, in logical order; None when a piece cannot be moved."""
    units = []
    for frag in line.words:
        text = getattr(frag, "text", None)
        if text is None or hasattr(frag, "cbDefn"):
            return None
        source = getattr(text, "leaflet_source", None) if isinstance(text, ShapedStr) else text
        if source is None:
            return None
        if source.count(" ") != text.count(" "):  # a joiner shaped as a space (ZWNJ)
            units.append(_Unit(frag, text, source))
            continue
        cuts = [n for n, ch in enumerate(text) if ch == " "]
        starts = [0] + [n + 1 for n in cuts]
        ends = cuts + [len(text)]
        for n, (start, end) in enumerate(zip(starts, ends)):
            if n:
                units.append(_Unit(frag, " ", " "))
            if end > start:
                piece = text[start:end]
                words = source.split(" ")[n]
                if isinstance(piece, ShapedStr):
                    piece.leaflet_source = words
                units.append(_Unit(frag, piece, words))
    return units


def _in_visual_order(put_line):
    def put_line_in_visual_order(cur_x, tx, line, last, kind):
        right_to_left = getattr(line, "leaflet_rtl", None)
        units = _units(line) if right_to_left is not None else None
        if not units:
            return put_line(cur_x, tx, line, last, kind)
        while units and units[-1].source == " ":
            units.pop()  # trailing spaces take no part (rule L1)
        placed = _leveled(units, levels("".join(unit.source for unit in units), right_to_left))
        order = visual_order([level for _, level in placed])
        logical, line.words = line.words, [_drawn(*placed[n]) for n in order]
        try:
            return put_line(cur_x, tx, line, last, kind)
        finally:
            line.words = logical

    return put_line_in_visual_order


def _leveled(units: list[_Unit], char_levels: list[int]) -> list[tuple[_Unit, int]]:
    """Each unit with its level; an unshaped unit whose characters differ in level
    ("0142." in Hebrew: the digits left-to-right, the full stop not) is cut where they
    change. A shaped unit is one run of its script, at one level."""
    placed, at = [], 0
    for unit in units:
        here = char_levels[at:at + len(unit.source)]
        at += len(unit.source)
        if isinstance(unit.text, ShapedStr) or len(set(here)) < 2:
            placed.append((unit, here[0]))
            continue
        start = 0
        for end in range(1, len(here) + 1):
            if end == len(here) or here[end] != here[start]:
                piece = unit.text[start:end]
                placed.append((_Unit(unit.frag, piece, piece), here[start]))
                start = end
    return placed


def _drawn(unit: _Unit, level: int):
    """The unit's fragment. A right-to-left shaped run carries its characters backwards:
    text extractors (poppler, pdfium) read a right-to-left run's glyphs from right to left,
    and its ActualText with them."""
    text = unit.text
    if level % 2 and isinstance(text, ShapedStr):
        text = text[0:len(text)]  # a copy, with the characters the other way round
        text.leaflet_source = unit.source[::-1]
    elif level % 2 and mirrored(text[::-1]) != text:
        # Right-to-left neutrals: reversed, "(" drawn as ")" (rule L4); extracted as written.
        text = DrawnOtherwise(mirrored(text[::-1]))
        text.leaflet_source = unit.source[::-1]
    return unit.frag.clone(text=text)


def mirrored(text: str) -> str:
    """Each character with a mirrored form (brackets, < >) in it, as a right-to-left run shows it."""
    return "".join(MIRRORED.get(ch, ch) for ch in text)
