"""What layout hands to render: a laid-out document, and what render hands back.

Layout decides what goes on the pages (the story, each flowable marked with what it is
in the leaflet, and the page furniture); render owns the PDF: it lays the story on pages,
draws the furniture, writes the file and runs the finishers it is given. Neither stage
imports the other; both import this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from leafletgen import model
from leafletgen.errors import LeafletError
from leafletgen.fonts import FontSet
from leafletgen.formats import PageFormat
from leafletgen.messages import ENGLISH, Words
from leafletgen.paper import PrintSpec
from leafletgen.scripts import SPOKEN_ATTRIBUTE  # set there too, on shaped paragraphs


class Role(str, Enum):
    """What a flowable is in the leaflet: what a screen reader, reflow or search needs."""

    TITLE = "title"  # the leaflet's title (H1)
    LABEL = "label"  # the series or format label above the title
    SUMMARY = "summary"
    HEADING = "heading"  # a section heading (H2)
    SUBHEADING = "subheading"  # "Contact us", "About this leaflet" (H3)
    PARAGRAPH = "paragraph"
    LIST = "list"  # a bulleted list; its ListItems are LIST_ITEM
    STEPS = "steps"  # a numbered list
    LIST_ITEM = "list-item"
    NOTE = "note"
    FIGURE = "figure"  # a body map or an image; its alt text is kept with it
    CAPTION = "caption"
    TABLE = "table"  # contacts, version history; cells are TABLE_CELL
    TABLE_HEADER = "table-header"  # a header cell: what its column holds
    ROW_HEADER = "row-header"  # a header cell: what its row holds
    TABLE_CELL = "table-cell"
    LINK = "link"  # a paragraph that is a link (further reading)
    CONTACTS = "contacts"
    LOGO = "logo"
    ARTIFACT = "artifact"  # rules, spacers, writing lines: no content of the leaflet


ROLE_ATTRIBUTE = "leaflet_role"
ALT_ATTRIBUTE = "leaflet_alt"


def marked(flowable: Flowable, role: Role, alt: str = "") -> Flowable:
    """The flowable, marked with what it is (and a figure's alt text) for render's finishers."""
    # Through __dict__: a Drawing refuses attributes its attribute map does not list.
    flowable.__dict__[ROLE_ATTRIBUTE] = role
    if alt:
        flowable.__dict__[ALT_ATTRIBUTE] = alt
    return flowable


def spoken_as(flowable: Flowable, words: str) -> Flowable:
    """What a screen reader should say for the flowable, where its look carries meaning
    that its text does not (the review copy's inserted and deleted words)."""
    flowable.__dict__[SPOKEN_ATTRIBUTE] = words
    return flowable


def role_of(flowable: Flowable) -> Role | None:
    return getattr(flowable, ROLE_ATTRIBUTE, None)


@dataclass(frozen=True)
class StampStyle:
    """How the version stamp at the foot of every page looks (render draws it)."""

    size: float
    color: Color
    rule_color: Color
    fonts: FontSet
    footer: str = ""  # the theme's organisation line under the stamp


@dataclass(frozen=True)
class HeadLine:
    """A line of page furniture across the head of every page (the review copy's)."""

    text: str
    color: Color
    font: str


@dataclass(frozen=True)
class Document:
    """A leaflet laid out for one format, ready for render.

    Render puts the story on pages of `page` (on a larger sheet with bleed and marks when
    print_spec is set), draws the band, head line and stamp, and writes the PDF; then each
    finisher (by name, see render/finish.py) works on the finished file."""

    leaflet: model.Leaflet
    format_name: str  # in the metadata's keywords ("review" for a review copy)
    page: PageFormat
    story: list[Flowable] = field(hash=False)
    font: str  # the document's initial font: never an unembedded Helvetica
    title: str = ""  # the PDF title; empty: the leaflet's
    band: Color | None = None  # a band of colour across the top of page 1
    stamp: StampStyle | None = None
    head: HeadLine | None = None
    print_spec: PrintSpec | None = None  # print-ready: bleed, crop marks, CMYK
    marks_on_pages: bool = True  # False: the pages keep their bleed but a finisher adds marks
    max_pages: int = 0  # more pages than this and the layout does not fit (0: no limit)
    described: str = "the leaflet"  # in an error: "cannot lay out the a4 leaflet"
    right_to_left: bool = False  # its language is written right to left: mirrored pages
    words: Words = ENGLISH  # the tool's own words on its pages, in the leaflet's language


@dataclass(frozen=True)
class FirstFit:
    """Layouts to try in order (each with max_pages): the first that fits is the file;
    when none does, too_long says why."""

    candidates: Iterable[Document]
    too_long: Callable[[], LeafletError]


Laid = Document | FirstFit


@dataclass(frozen=True)
class Rendered:
    """A finished PDF and how many pages it has (known from the render: no need to reopen it)."""

    data: bytes
    pages: int
