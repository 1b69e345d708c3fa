"""Which old thing became which new thing: sections by heading (renamed, moved, added,
removed), and ordered lists of blocks, items and entries by content.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from leafletgen import inline, model
from leafletgen.diff.blocks import block_texts
from leafletgen.diff.words import similarity

T = TypeVar("T")
Pair = tuple[int | None, int | None]  # (old index, new index); None on the side it is missing

RENAME_BODY = 0.5  # a section whose body is this alike is the same section, whatever its heading
RENAME_HEADING = 0.6  # ...or whose heading is this alike, if the body is at least
RENAME_HEADING_BODY = 0.2  # ...this alike
SIMILAR_ITEM = 0.5  # an edited paragraph or item, rather than one removed and another added


@dataclass(frozen=True)
class SectionMatch:
    old: int | None  # index in the old leaflet's sections
    new: int | None  # index in the new leaflet's sections
    renamed: bool = False
    moved: bool = False


def heading_key(heading: str) -> str:
    return re.sub(r"\s+", " ", inline.plain(heading)).strip().casefold()


def section_text(section: model.Section) -> str:
    return " ".join(value for block in section.body for value in block_texts(block))


def match_sections(old: Sequence[model.Section],
                   new: Sequence[model.Section]) -> list[SectionMatch]:
    """Pairs in the new order; removed sections (new=None) come after, in the old order."""
    pairs = _same_headings(old, new)
    pairs.update(_renamed(old, new, pairs))
    moved = _moved(pairs)
    matches = [SectionMatch(pairs.get(j), j, pairs.get(j) is not None and
                            heading_key(old[pairs[j]].heading) != heading_key(new[j].heading),
                            pairs.get(j) in moved)
               for j in range(len(new))]
    kept = set(pairs.values())
    return matches + [SectionMatch(i, None) for i in range(len(old)) if i not in kept]


def _same_headings(old: Sequence[model.Section], new: Sequence[model.Section]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    for j, section in enumerate(new):
        key = heading_key(section.heading)
        for i, candidate in enumerate(old):
            if i not in pairs.values() and heading_key(candidate.heading) == key:
                pairs[j] = i
                break
    return pairs


def _renamed(old: Sequence[model.Section], new: Sequence[model.Section],
             taken: dict[int, int]) -> dict[int, int]:
    """Unpaired sections that are the same section under another heading, best first."""
    scores = []
    for j in (j for j in range(len(new)) if j not in taken):
        for i in (i for i in range(len(old)) if i not in taken.values()):
            body = similarity(section_text(old[i]), section_text(new[j]))
            heading = similarity(old[i].heading, new[j].heading)
            if body >= RENAME_BODY or (heading >= RENAME_HEADING and body >= RENAME_HEADING_BODY):
                scores.append((0.7 * body + 0.3 * heading, j, i))
    pairs: dict[int, int] = {}
    for _, j, i in sorted(scores, reverse=True):
        if j not in pairs and i not in pairs.values():
            pairs[j] = i
    return pairs


def _moved(pairs: dict[int, int]) -> set[int]:
    """Old indices of the sections that moved: those off the longest run kept in order."""
    order = [pairs[j] for j in sorted(pairs)]
    return set(order) - set(longest_increasing(order))


def longest_increasing(values: list[int]) -> list[int]:
    best: list[list[int]] = []
    for value in values:
        longest = max((run for run in best if run[-1] < value), key=len, default=[])
        best.append(longest + [value])
    return max(best, key=len, default=[])


def align(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable],
          text: Callable[[T], str]) -> list[Pair]:
    """Pair up two ordered lists: identical items first, then edited ones by similar text;
    the rest are removed (new None) or added (old None). The result keeps both orders."""
    matcher = difflib.SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new],
                                      autojunk=False)
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2))
        else:
            pairs += _pair_similar(list(range(i1, i2)), list(range(j1, j2)),
                                   lambda i, j: similarity(text(old[i]), text(new[j])))
    return pairs


def _pair_similar(olds: list[int], news: list[int],
                  score: Callable[[int, int], float]) -> list[Pair]:
    """The best in-order pairing of two short runs (dynamic programming over their scores)."""
    n, m = len(olds), len(news)
    scores = [[score(i, j) for j in news] for i in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            s = scores[a][b]
            paired = best[a + 1][b + 1] + s if s >= SIMILAR_ITEM else -1.0
            best[a][b] = max(paired, best[a + 1][b], best[a][b + 1])
    pairs: list[Pair] = []
    a = b = 0
    while a < n and b < m:
        s = scores[a][b]
        if s >= SIMILAR_ITEM and best[a][b] == best[a + 1][b + 1] + s:
            pairs.append((olds[a], news[b]))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            pairs.append((olds[a], None))
            a += 1
        else:
            pairs.append((None, news[b]))
            b += 1
    return pairs + [(i, None) for i in olds[a:]] + [(None, j) for j in news[b:]]
