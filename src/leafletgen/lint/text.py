"""What a reader reads, in reading order: the text units of a leaflet, its sentences and words.

Every unit knows the section it is in and where in the YAML it starts. The model keeps a
span per block, not per list item or per sentence; `Locator` narrows a span down to the
words themselves by searching the source file forward from the block's span, so that a
finding points at the sentence or term it is about.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from leafletgen import inline, model
from leafletgen.errors import Span

LEAFLET, QUICK_GUIDE = "leaflet", "quick guide"
# Kinds of unit counted for readability: running text, not titles, headings or alt text.
PROSE = frozenset({"summary", "paragraph", "item", "note", "caption", "point"})

_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\S+")
# A letter or digit, or a mark or joiner inside a word (vowel signs and viramas of Indic
# scripts, Arabic harakat, ZWNJ in Farsi), which \w alone would split words at.
_LETTER = "(?:[^\\W_]|[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u200c\u200d])"
_WORD = re.compile(f"{_LETTER}+(?:['\u2019\\-]{_LETTER}+)*")
# Full stops of other scripts too: the danda (Devanagari, Bengali, Gurmukhi), the Urdu and
# Arabic marks, and the CJK ones, which need no space after them.
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u0964\u0965]+[\"'\u201d\u2019)\]]*(?=\s|$)"
                           r"|[\u3002\uff01\uff1f]+")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "eg", "ie", "etc", "dr", "mr", "mrs", "ms", "prof",
                            "st", "approx", "no", "vs", "cf", "nb", "tel", "ext"})


@dataclass(frozen=True)
class Unit:
    text: str  # what the reader sees: markup removed, spaces normalised
    span: Span
    kind: str  # title, summary, heading, paragraph, item, note, caption, alt, point, reading, history
    section: str = ""  # the heading of the section it is in
    scope: str = LEAFLET  # the quick guide is read on its own, apart from the leaflet
    raw: str = ""  # as the author wrote it, with its markup

    @classmethod
    def of(cls, raw: str, span: Span, kind: str, section: str = "", scope: str = LEAFLET,
           locator: "Locator | None" = None) -> "Unit":
        text = reader_text(raw)
        return cls(text, locator.find(span, text) if locator else span, kind, section, scope, raw)

    @property
    def where(self) -> str:
        """Where a reader finds it, for messages: "in section 'How it spreads'"."""
        if self.scope == QUICK_GUIDE:
            return "in the quick guide"
        if self.section:
            return f"in section '{self.section}'"
        return {"reading": "in further reading", "history": "in the history"}.get(
            self.kind, f"in the {self.kind}")

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE


def reader_text(raw: str) -> str:
    """The words of an author's string, without markup and without addresses (not read as words)."""
    return " ".join(_ADDRESS.sub(" ", inline.plain(raw)).split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Sentences end at . ! or ? before a space or the end; a unit's end ends a sentence too."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()].split()
        if match.group().startswith(".") and before and before[-1].lower() in _ABBREVIATIONS:
            continue  # "e.g." or "Dr." does not end a sentence
        found.append(text[start:match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if words(rest):
        found.append(rest)
    return [s for s in found if words(s)]


def units(leaflet: model.Leaflet, locator: "Locator") -> list[Unit]:
    """Every string a reader sees, in reading order: the leaflet, then its quick guide."""
    fields = leaflet.field_spans
    found = [Unit.of(leaflet.title, fields.get("title", leaflet.span), "title")]
    if leaflet.summary:
        found.append(Unit.of(leaflet.summary, fields.get("summary", leaflet.span), "summary"))
    for section in leaflet.sections:
        heading = inline.plain(section.heading)
        found.append(Unit.of(section.heading, section.span, "heading", heading))
        for block in section.body:
            found += _block_units(block, heading, locator)
    found += [Unit.of(r.title, r.span, "reading") for r in leaflet.further_reading]
    found += [Unit.of(h.changes, h.span, "history") for h in leaflet.history]
    guide = leaflet.quick_guide
    if guide:
        if guide.title:
            found.append(Unit.of(guide.title, guide.span, "title", scope=QUICK_GUIDE))
        found += [Unit.of(point, guide.span, "point", scope=QUICK_GUIDE, locator=locator)
                  for point in guide.points]
        if guide.bodymap:
            found += _figure_units(guide.bodymap, "", QUICK_GUIDE)
    return [unit for unit in found if unit.text]


def _block_units(block: model.Block, section: str, locator: Locator) -> list[Unit]:
    if isinstance(block, (model.Paragraph, model.Note)):
        kind = "note" if isinstance(block, model.Note) else "paragraph"
        return [Unit.of(block.text, block.span, kind, section, locator=locator)]
    if isinstance(block, (model.BulletList, model.Steps)):
        located = []
        span = block.span
        for item in block.items:  # each item is searched for after the one before
            located.append(Unit.of(item, span, "item", section, locator=locator))
            span = located[-1].span
        return located
    return _figure_units(block, section, LEAFLET)


def _figure_units(block: model.BodyMap | model.Image, section: str, scope: str) -> list[Unit]:
    found = [Unit.of(block.alt, block.span, "alt", section, scope)]
    if block.caption:
        found.append(Unit.of(block.caption, block.span, "caption", section, scope))
    return found


class Locator:
    """Narrows a block's span to where some words are written in the source file."""

    def __init__(self, path: str):
        self.path = path

    @cached_property
    def _source(self) -> str:
        try:
            return Path(self.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self._source)]

    def find(self, span: Span, *needles: str) -> Span:
        """The span of the last needle, each searched for after the one before, from span on.

        A needle is matched word by word (any markup, punctuation or line break may stand
        between its words). When a needle is not found, the span found so far is kept."""
        if not span.line or span.file != self.path or not self._source:
            return span
        offset = self._offset(span)
        for needle in needles:
            pattern = _needle_pattern(needle)
            match = pattern.search(self._source, offset, offset + 4000) if pattern else None
            if match is None:
                break
            offset = match.start()
        return self._span_at(span.file, offset)

    def find_value(self, span: Span, key: str) -> Span:
        """The span of the value of the first `key:` written from span on (the alt text of
        a figure, the words of a heading), where the loader would point; span if none."""
        if not span.line or span.file != self.path or not self._source:
            return span
        offset = self._offset(span)
        pattern = re.compile(rf"(?<![\w-]){re.escape(key)}[ \t]*:\s*")
        match = pattern.search(self._source, offset, offset + 4000)
        return self._span_at(span.file, match.end()) if match else span

    def _offset(self, span: Span) -> int:
        starts = self._line_starts
        return starts[min(span.line, len(starts)) - 1] + span.column - 1

    def _span_at(self, file: str, offset: int) -> Span:
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset)
        return Span(file, line, offset - starts[line - 1] + 1)


def _needle_pattern(needle: str) -> re.Pattern | None:
    found = words(needle)[:6]
    if not found:
        return None
    body = r"[\W_]+".join(re.escape(w) for w in found)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
