"""The leaflet as typed, frozen data. Every node knows where in the YAML it came from.

Strings that a reader sees are kept as the author typed them (inline markup
included); layout turns them into ReportLab markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from leafletgen.errors import Span

NO_SPAN = Span("<none>")


def long_date(value: dt.date) -> str:
    """24 November 2026: the unambiguous way to print a date for readers."""
    return f"{value.day} {value:%B} {value.year}"


def version_number(version: str) -> tuple[int, ...]:
    """"3.10" as (3, 10), so that versions compare as numbers: 3.10 is after 3.9."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class Paragraph:
    text: str
    span: Span = NO_SPAN


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    span: Span = NO_SPAN


@dataclass(frozen=True)
class Steps:
    items: tuple[str, ...]
    span: Span = NO_SPAN


@dataclass(frozen=True)
class Note:
    text: str
    span: Span = NO_SPAN


@dataclass(frozen=True)
class BodyMap:
    view: str  # "front" or "back"
    highlight: tuple[str, ...]
    alt: str
    labels: dict[str, str] = field(default_factory=dict, hash=False)
    caption: str = ""
    span: Span = NO_SPAN


@dataclass(frozen=True)
class Image:
    file: str  # relative to the library's assets/ folder, as the author wrote it
    alt: str
    caption: str = ""
    span: Span = NO_SPAN
    path: str = ""  # the file on disk, resolved and checked by the loader


Block = Paragraph | BulletList | Steps | Note | BodyMap | Image


@dataclass(frozen=True)
class Section:
    heading: str
    body: tuple[Block, ...]
    span: Span = NO_SPAN


@dataclass(frozen=True)
class QuickGuide:
    points: tuple[str, ...]
    title: str = ""
    bodymap: BodyMap | None = None
    span: Span = NO_SPAN


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str = ""
    hours: str = ""
    email: str = ""
    span: Span = NO_SPAN


@dataclass(frozen=True)
class Reading:
    title: str
    url: str = ""
    span: Span = NO_SPAN


@dataclass(frozen=True)
class HistoryEntry:
    version: str
    date: dt.date
    changes: str
    span: Span = NO_SPAN


@dataclass(frozen=True)
class Leaflet:
    id: str
    title: str
    version: str
    published: dt.date
    review: dt.date
    owner: str
    sections: tuple[Section, ...]
    source: str  # path of the YAML file, as given
    assets_dir: str = ""  # the library's assets/ folder (beside leaflets/)
    series: str = ""
    order: int | None = None
    language: str = "en"
    translation_of: str = ""  # the id of the library's leaflet this one translates
    source_version: str = ""  # the version of that master it was translated from
    summary: str = ""
    quick_guide: QuickGuide | None = None
    contacts: tuple[Contact, ...] = ()
    further_reading: tuple[Reading, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    site: str = ""  # the hospital site a --site build is for; shown in the stamp
    span: Span = NO_SPAN
    # Where each top-level field's value was written, for diagnostics after loading.
    field_spans: dict[str, Span] = field(default_factory=dict, hash=False, compare=False)
