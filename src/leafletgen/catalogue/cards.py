"""What the catalogue shows, worked out from leaflets and files: cards, groups, links, labels.

Nothing here writes HTML; page.py turns these into markup.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from leafletgen import inline, model
from leafletgen.direction import is_right_to_left_language
from leafletgen.formats import by_catalogue_rank
from leafletgen.names import PRINT_SUFFIX, series_slugs

OTHER_GROUP = "Other leaflets"
# In the order of their buttons. Page 1 of the first of these that was built is the
# thumbnail; an imposed booklet sheet or a file with crop marks is only a last resort.
FORMAT_LABELS = {f.name: f.label for f in by_catalogue_rank()}
THUMBNAIL_PREFERENCE = tuple(FORMAT_LABELS)
REVIEW_SOON_DAYS = 90
PAGE_LANGUAGE = "en"  # the catalogue's own words are English: <html lang="en">
STALE_WORDS = "translation out of date"  # in the search text of a master with one


@dataclass(frozen=True)
class Language:
    """A BCP 47 tag with the names a nurse needs: the language's own ("Polski") and the
    English one ("Polish"), and its direction of writing."""

    tag: str  # as the leaflet gives it: "ar", "zh-Hans"
    name: str  # in the language itself, as a speaker would pick it from a list
    english: str
    dir: str  # "rtl" or "ltr", for the HTML dir attribute

    @property
    def key(self) -> str:
        """What the language filter compares: the language and its script, without the
        region (a nurse giving out English gives en-GB and en alike; Chinese in Simplified
        and in Traditional characters are two). Tags are case-insensitive."""
        return filter_tag(self.tag).lower()

    @property
    def for_filter(self) -> Language:
        """The language as the filter offers it: "English" for en-GB."""
        return language(filter_tag(self.tag))

    @property
    def label(self) -> str:
        """"العربية (Arabic)"; "English" alone when the two names are the same."""
        return self.name if self.name == self.english else f"{self.name} ({self.english})"


@lru_cache(maxsize=None)
def language(tag: str) -> Language:
    """The names of a language from CLDR (Babel); a tag CLDR does not know is its own name."""
    from babel import Locale, UnknownLocaleError  # only a catalogue pays for Babel's import

    direction = "rtl" if is_right_to_left_language(tag) else "ltr"
    try:
        locale = Locale.parse(tag.replace("-", "_"))
        name, english = locale.get_display_name(locale), locale.get_display_name("en")
    except (ValueError, TypeError, UnknownLocaleError):
        return Language(tag, tag, tag, direction)
    # "polski" as a heading or a list item starts with a capital; a script without case
    # (Arabic, Chinese) is unchanged by upper().
    return Language(tag, (name or tag)[:1].upper() + (name or tag)[1:], english or tag, direction)


def filter_tag(tag: str) -> str:
    """The language subtag, and the script subtag if there is one: zh-Hans-CN -> zh-Hans."""
    parts = tag.replace("_", "-").split("-")
    script = parts[1:2] if len(parts) > 1 and len(parts[1]) == 4 and parts[1].isalpha() else []
    return "-".join([parts[0].lower(), *(p.title() for p in script)])


def language_english_name(tag: str) -> str:
    """Only the language, without its region or script: "English" for en-GB too."""
    from babel import Locale, UnknownLocaleError  # only a catalogue pays for Babel's import

    try:
        return Locale.parse(tag.replace("-", "_")).get_language_name("en") or tag
    except (ValueError, TypeError, UnknownLocaleError):
        return tag


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
    translations: tuple[Translation, ...] = ()  # shown on this card, by English name
    # A translation shown as a card of its own, and why ("" for every other card).
    unattached: str = ""

    @property
    def review_state(self) -> str:
        if self.review_days < 0:
            return "overdue"
        return "soon" if self.review_days <= REVIEW_SOON_DAYS else ""

    @property
    def language(self) -> Language:
        return language(self.leaflet.language)

    @property
    def languages(self) -> tuple[Language, ...]:
        """Every language this card offers a leaflet in, as the filter names them (without
        a region): its own, then its translations'."""
        found = {self.language.key: self.language.for_filter}
        for t in self.translations:
            found.setdefault(t.language.key, t.language.for_filter)
        return tuple(found.values())


@dataclass(frozen=True)
class Translation:
    """A translation as its master's card lists it: its own card (title, links, search
    text) and the version of the master it was translated from."""

    card: Card
    master_version: str

    @property
    def leaflet(self) -> model.Leaflet:
        return self.card.leaflet

    @property
    def language(self) -> Language:
        return self.card.language

    @property
    def stale(self) -> bool:
        """The master has moved on since the version this translates."""
        try:
            return (model.version_number(self.master_version)
                    > model.version_number(self.leaflet.source_version))
        except ValueError:  # a version that is not numbers cannot be compared: say nothing
            return False

    def stale_words(self, master_language: str) -> str:
        return (f"Out of date: translates version {self.leaflet.source_version}; the "
                f"{language_english_name(master_language)} leaflet is now {self.master_version}")


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


def attach_translations(all_cards: list[Card]) -> list[Card]:
    """Each translation goes on its master's card, and the master's search text gains the
    translation's; a translation whose master is not among the cards stays a card of its
    own, flagged (Card.unattached)."""
    ids = {c.leaflet.id: c for c in all_cards}
    masters = {i: c for i, c in ids.items() if not c.leaflet.translation_of}
    on_master: dict[str, list[Card]] = {}
    shown: list[Card] = []
    for c in all_cards:
        master = c.leaflet.translation_of
        if not master:
            shown.append(c)
        elif master in masters:
            on_master.setdefault(master, []).append(c)
        elif master in ids:
            shown.append(replace(c, unattached=f"Translation of {master}, which is itself a "
                                               "translation"))
        else:
            shown.append(replace(c, unattached=f"Translation of {master}, which is not in "
                                               "this catalogue"))
    result = []
    for c in shown:
        found = on_master.get(c.leaflet.id) if not c.leaflet.translation_of else None
        if not found:
            result.append(c)
            continue
        translations = tuple(Translation(t, c.leaflet.version) for t in
                             sorted(found, key=lambda t: (t.language.english.casefold(),
                                                          t.leaflet.language, t.leaflet.id)))
        stale = any(t.stale for t in translations)
        search = " ".join([c.search, *(t.card.search for t in translations)]
                          + ([STALE_WORDS] if stale else []))
        result.append(replace(c, translations=translations, search=search))
    return result


def languages(all_cards: list[Card]) -> list[Language]:
    """The languages the catalogue has leaflets in, by English name."""
    found = {lang.key: lang for c in all_cards for lang in c.languages}
    return sorted(found.values(), key=lambda lang: (lang.english.casefold(), lang.key))


def groups(all_cards: list[Card], series_files: dict[str, SeriesFile], out_dir: Path
           ) -> list[Group]:
    """Series by name, "Other leaflets" last; within each, by order then title. A
    translation is on its master's card (attach_translations), not a card of its own."""
    by_series: dict[str, list[Card]] = {}
    for c in attach_translations(all_cards):
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
