"""Readability: SMOG and Flesch-Kincaid grades, reading age, long sentences and paragraphs.

Our own implementation of the published formulas, with our own syllable counter, so
nothing is downloaded at run time:

- SMOG grade (McLaughlin 1969, the regression form): 1.0430 * sqrt(P * 30 / S) + 3.1291,
  P the words of three or more syllables, S the sentences.
- Flesch-Kincaid grade (Kincaid et al. 1975): 0.39 * W / S + 11.8 * Y / W - 15.59,
  W the words, Y the syllables.
- Reading age is the US school grade plus 5 (grade 1 is read at about age 6).

Only running text counts (summary, paragraphs, list items, notes, captions, quick-guide
points), never titles, headings or alt text. Every list item and every caption counts
as one sentence of its own.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leafletgen.errors import Span
from leafletgen.lint import syllables
from leafletgen.lint.rules import Finding, finding
from leafletgen.lint.text import LEAFLET, QUICK_GUIDE, Unit, sentences, words

if TYPE_CHECKING:
    from leafletgen.lint.config import Settings
    from leafletgen.lint.context import Context

FORMULAS = ("smog", "flesch-kincaid")
LONG_WORD = 3  # syllables: SMOG's "polysyllable"


@dataclass(frozen=True)
class Scores:
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0

    def __add__(self, other: "Scores") -> "Scores":
        return Scores(self.sentences + other.sentences, self.words + other.words,
                      self.syllables + other.syllables, self.polysyllables + other.polysyllables)

    @property
    def smog_grade(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.0430 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291

    @property
    def flesch_kincaid_grade(self) -> float:
        if not self.sentences or not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    def grade(self, formula: str = "smog") -> float:
        return self.smog_grade if formula == "smog" else self.flesch_kincaid_grade

    def reading_age(self, formula: str = "smog") -> float:
        return self.grade(formula) + 5


def score(texts: Iterable[str]) -> Scores:
    """The counts for some running text; each text ends a sentence."""
    total = Scores()
    for text in texts:
        for sentence in sentences(text):
            counts = [syllables.count(word) for word in words(sentence)]
            total += Scores(1, len(counts), sum(counts), sum(c >= LONG_WORD for c in counts))
    return total


@dataclass(frozen=True)
class Figure:
    """The readability of one part of a leaflet: the whole, a section, or the quick guide."""

    part: str  # "leaflet", "section" or "quick guide"
    section: str  # the section's heading, for part == "section"
    scores: Scores
    span: Span
    long_words: tuple[tuple[str, int], ...] = ()  # the commonest words of 3+ syllables

    @property
    def name(self) -> str:
        return f"section '{self.section}'" if self.part == "section" else f"the {self.part}"


def figures(units: list[Unit], leaflet_span: Span) -> list[Figure]:
    """Whole leaflet first, then each section in order, then the quick guide if any."""
    groups: list[tuple[str, str, Span, list[Unit]]] = []
    for unit in units:
        if unit.kind == "heading":
            groups.append(("section", unit.section, unit.span, []))
        elif unit.scope == QUICK_GUIDE and (not groups or groups[-1][0] != QUICK_GUIDE):
            groups.append((QUICK_GUIDE, "", unit.span, []))
        if groups and unit.is_prose:
            groups[-1][3].append(unit)
    whole = [u for u in units if u.scope == LEAFLET and u.is_prose]
    parts = [(LEAFLET, "", leaflet_span, whole)] + groups
    return [_figure(part, section, span, found) for part, section, span, found in parts]


def _figure(part: str, section: str, span: Span, found: list[Unit]) -> Figure:
    texts = [u.text for u in found]
    long_words = Counter(w.lower() for t in texts for w in words(t)
                         if syllables.count(w) >= LONG_WORD)
    return Figure(part, section, score(texts), span, tuple(long_words.most_common(6)))


def check(ctx: Context) -> list[Finding]:
    found = [f for figure in ctx.figures for f in _reading_age(figure, ctx.settings)]
    for unit in ctx.units:
        if unit.is_prose:
            found += _long_sentences(unit, ctx)
        if unit.kind in ("paragraph", "note", "summary"):
            found += _long_paragraph(unit, ctx.settings)
    return found


def _reading_age(figure: Figure, settings: Settings) -> list[Finding]:
    formula, limit = settings.readability_formula, settings.reading_age_max
    age = figure.scores.reading_age(formula)
    if figure.scores.sentences < settings.readability_min_sentences or age <= limit:
        return []
    long_words = ", ".join(f"{w} \u00d7{n}" if n > 1 else w for w, n in figure.long_words)
    average = figure.scores.words / figure.scores.sentences
    return [finding(
        "readability.reading-age",
        f"{figure.name} has a reading age of {age:.1f} ({_formula_name(formula)} grade "
        f"{figure.scores.grade(formula):.1f}); the target is {limit:g} or under",
        figure.span,
        f"sentences average {average:.1f} words; words of 3 or more syllables: {long_words}",
        figure.section)]


def _formula_name(formula: str) -> str:
    return "SMOG" if formula == "smog" else "Flesch-Kincaid"


def _long_sentences(unit: Unit, ctx: Context) -> list[Finding]:
    settings, found = ctx.settings, []
    for sentence in sentences(unit.text):
        count = len(words(sentence))
        if count > settings.sentence_words_max:
            found.append(finding(
                "readability.sentence-length",
                f"sentence of {count} words {unit.where} (the limit is "
                f"{settings.sentence_words_max}): '{_opening(sentence)}'",
                ctx.locator.find(unit.span, sentence),
                "split it into shorter sentences, one idea in each", unit.section))
    return found


def _long_paragraph(unit: Unit, settings: Settings) -> list[Finding]:
    count = len(words(unit.text))
    if count <= settings.paragraph_words_max:
        return []
    return [finding(
        "readability.paragraph-length",
        f"{unit.kind} of {count} words {unit.where} (the limit is "
        f"{settings.paragraph_words_max}): '{_opening(unit.text)}'",
        unit.span, "split it into shorter paragraphs, or make a list of the points",
        unit.section)]


def _opening(text: str, count: int = 8) -> str:
    found = text.split()
    return " ".join(found[:count]) + (" \u2026" if len(found) > count else "")
