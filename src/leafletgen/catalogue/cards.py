"""What the catalogue shows, worked out from leaflets and files: cards, groups, links, labels.

Nothing here writes HTML; page.py turns these into markup.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from leafletgen import inline, model
from leafletgen.formats import by_catalogue_rank
from leafletgen.names import PRINT_SUFFIX, series_slugs

OTHER_GROUP = "Other leaflets"
# In the order of their buttons. Page 1 of the first of these that was built is the
# thumbnail; an imposed booklet sheet or a file with crop marks is only a last resort.
FORMAT_LABELS = {f.name: f.label for f in by_catalogue_rank()}
THUMBNAIL_PREFERENCE = tuple(FORMAT_LABELS)
REVIEW_SOON_DAYS = 90


@dataclass(frozen=True)
class Thumb:
    path: Path
    width: int
    height: int


@dataclass(frozen=True)
class SeriesFile:
    """A series' quick guides, joined into one file."""

    path: Path
    pages: int


@dataclass(frozen=True)
class Link:
    key: str  # format name as built: "a4", "a4-print", ...
    label: str
    href: str
    pages: int

    @property
    def print_ready(self) -> bool:
        return self.key.endswith(PRINT_SUFFIX)


@dataclass(frozen=True)
class Card:
    leaflet: model.Leaflet
    title: str  # plain text, markup removed
    summary: str
    links: tuple[Link, ...]
    thumb_href: str
    thumb: Thumb | None
    review_days: int  # days from today to the review date; negative when overdue
    search: str  # the lowercased text that the search box matches

    @property
    def review_state(self) -> str:
        if self.review_days < 0:
            return "overdue"
        return "soon" if self.review_days <= REVIEW_SOON_DAYS else ""


@dataclass(frozen=True)
class Group:
    name: str
    anchor: str
    cards: tuple[Card, ...]
    quick_link: Link | None = None  # the series' quick guides, joined into one file


def format_label(key: str) -> str:
    """Human names: "A4 leaflet", "Print-ready large print", ..."""
    base = key.removesuffix(PRINT_SUFFIX)
    label = FORMAT_LABELS.get(base, base)
    if not key.endswith(PRINT_SUFFIX):
        return label
    keep_capital = label[1:2].isdigit()  # A4, A5 are paper names
    return f"Print-ready {label if keep_capital else label[:1].lower() + label[1:]}"


def _format_position(key: str) -> tuple[int, int, str]:
    base = key.removesuffix(PRINT_SUFFIX)
    known = list(FORMAT_LABELS)
    rank = known.index(base) if base in known else len(known)
    return (key.endswith(PRINT_SUFFIX), rank, key)


def thumbnail_source(files: dict[str, Path]) -> Path | None:
    for key in THUMBNAIL_PREFERENCE:
        if key in files:
            return files[key]
    return files[min(files, key=_format_position)] if files else None


def href(path: Path, out_dir: Path) -> str:
    """A link relative to the catalogue's folder, so the folder can be moved or shared."""
    try:
        relative = os.path.relpath(path, out_dir)
    except ValueError:  # another drive on Windows: only an absolute link can reach it
        return path.as_uri()
    return quote(Path(relative).as_posix())


def card(leaflet: model.Leaflet, files: dict[str, Path], thumb: Thumb | None, out_dir: Path,
         today: dt.date, pages: dict[str, int], search: str = "") -> Card:
    links = tuple(Link(key, format_label(key), href(files[key], out_dir), pages[key])
                  for key in sorted(files, key=_format_position))
    review_days = (leaflet.review - today).days
    search = (search or search_text(leaflet)) + (" review overdue" if review_days < 0 else "")
    return Card(leaflet, inline.plain(leaflet.title), inline.plain(leaflet.summary), links,
                href(thumb.path, out_dir) if thumb else "", thumb, review_days, search)


def groups(all_cards: list[Card], series_files: dict[str, SeriesFile], out_dir: Path
           ) -> list[Group]:
    """Series by name, "Other leaflets" last; within each, by order then title."""
    by_series: dict[str, list[Card]] = {}
    for c in all_cards:
        by_series.setdefault(c.leaflet.series, []).append(c)
    result: list[Group] = []
    slugs = series_slugs(s for s in by_series if s)  # the series files' names, unique
    for series in sorted(by_series, key=lambda s: (not s, s.casefold(), s)):
        ordered = tuple(sorted(by_series[series], key=_card_position))
        quick = series_files.get(series) if series else None
        quick_link = Link("series-quick", "Quick guides for this series",
                          href(quick.path, out_dir), quick.pages) if quick else None
        anchor = f"series-{slugs[series]}" if series else "other-leaflets"
        result.append(Group(series or OTHER_GROUP, anchor, ordered, quick_link))
    return result


def _card_position(c: Card) -> tuple:
    order = c.leaflet.order
    return (order is None, order or 0, c.title.casefold(), c.leaflet.id)


def search_text(leaflet: model.Leaflet) -> str:
    """Title, id, series and every word a reader sees, lowercased, accents removed."""
    parts = [leaflet.title, leaflet.id, leaflet.series, leaflet.summary, leaflet.owner]
    for section in leaflet.sections:
        parts.append(section.heading)
        parts += [text for block in section.body for text in _block_texts(block)]
    if leaflet.quick_guide:
        parts += [leaflet.quick_guide.title, *leaflet.quick_guide.points]
    parts += [c.name for c in leaflet.contacts]
    return fold(" ".join(inline.plain(p) for p in parts if p))


def _block_texts(block: model.Block) -> tuple[str, ...]:
    if isinstance(block, (model.Paragraph, model.Note)):
        return (block.text,)
    if isinstance(block, (model.BulletList, model.Steps)):
        return block.items
    if isinstance(block, model.BodyMap):
        return (block.caption, block.alt, *block.labels.values())
    return (block.caption, block.alt)


def fold(text: str) -> str:
    """Lowercase without accents, one space between words: the search box folds the same way."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return " ".join(kept.split())
