"""Tagging while drawing: each piece of leaflet content goes into a marked-content sequence
with its own MCID, and everything else on the page (stamp, band, rules, box backgrounds)
into an Artifact; a tree of structure elements records which sequence belongs to which
element, in the order the content is drawn, which is the leaflet's reading order.

The flowables say what they are (document.role_of, set by layout); ReportLab draws them
through drawOn, so drawOn of the few classes that draw is wrapped once per process. The
wrapper does nothing unless the canvas carries a Tagger, so untagged files (print-ready,
the booklet) are drawn exactly as before. render/structure.py turns the tree into the PDF's
StructTreeRoot.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.flowables import LIIndenter, _Container

from leafletgen.document import ALT_ATTRIBUTE, ROLE_ATTRIBUTE, SPOKEN_ATTRIBUTE, Role

KEY_ATTRIBUTE = "leaflet_key"  # one element for all the parts of a flowable split over pages
ROW_ATTRIBUTE = "leaflet_row"  # a table cell's row, for its TR
_keys = itertools.count(1)

# Structure types (PDF 32000-1 14.8.4) of the roles; headings are levelled by pdfua.py.
LEAVES = {
    Role.TITLE: "H1", Role.HEADING: "H2", Role.SUBHEADING: "H3", Role.LABEL: "P",
    Role.SUMMARY: "P", Role.PARAGRAPH: "P", Role.LINK: "P", Role.CAPTION: "Caption",
    Role.FIGURE: "Figure", Role.LOGO: "Figure", Role.TABLE_HEADER: "TH", Role.ROW_HEADER: "TH",
    Role.TABLE_CELL: "TD",
}
CONTAINERS = {Role.LIST: "L", Role.STEPS: "L", Role.NOTE: "Note", Role.CONTACTS: "Div",
              Role.TABLE: "Table"}
BOOKMARKED = ("H1", "H2", "H3")  # the words of these are kept, for the outline
# Paragraphs that layout did not mark (the review copy's own), by their style's name.
STYLE_TYPES = {"title": "H1", "review-title": "H1", "heading": "H2", "subheading": "H3",
               "part": "H2"}


@dataclass
class Content:
    """One marked-content sequence: MCID on a page (0-based), and where it was drawn."""

    page: int
    mcid: int
    bbox: tuple[float, float, float, float]


@dataclass
class Element:
    type: str  # the structure type: P, H1, Figure...
    parent: "Element | None" = None
    kids: list["Element | Content"] = field(default_factory=list)
    alt: str = ""
    key: object = None
    text: str = ""  # a heading's words, for its bookmark
    spoken: str = ""  # its /ActualText, when its look says more than its words
    scope: str = "Column"  # a TH's: what it heads

    def add(self, kid: "Element | Content") -> None:
        self.kids.append(kid)


class Tagger:
    """The structure of one document, built as its pages are drawn."""

    def __init__(self):
        self.root = Element("Document")
        self.open: list[Element] = [self.root]  # the containers being drawn, innermost last
        self.in_leaf = 0  # inside a leaf, what is drawn is part of it
        self.mcids: dict[int, int] = {}  # page -> next MCID
        self.by_key: dict[object, Element] = {}
        self.rows: dict[tuple[int, int], Element] = {}
        self.annotations: list[tuple[int, object, object]] = []  # (page, reference, dictionary)

    def element(self, type_: str, key: object, alt: str = "") -> Element:
        """The element of key (a flowable split over two pages is one element), new ones
        added under the innermost open container."""
        if key in self.by_key:
            return self.by_key[key]
        parent = self.open[-1]
        element = Element(type_, parent, alt=alt, key=key)
        parent.add(element)
        self.by_key[key] = element
        return element

    def row(self, table: Element, row: int) -> Element:
        if (id(table), row) not in self.rows:
            tr = Element("TR", table)
            table.add(tr)
            self.rows[(id(table), row)] = tr
        return self.rows[(id(table), row)]

    def annotation(self, canvas, reference, dictionary) -> None:
        """A link annotation made on the page being drawn, for its Link element."""
        self.annotations.append((canvas.getPageNumber() - 1, reference, dictionary))

    def begin_content(self, canvas, element: Element, bbox) -> None:
        page = canvas.getPageNumber() - 1
        mcid = self.mcids.get(page, 0)
        self.mcids[page] = mcid + 1
        element.add(Content(page, mcid, bbox))
        canvas._code.append(f"EMC /{element.type} <</MCID {mcid}>> BDC")
        self.in_leaf += 1

    def end_content(self, canvas) -> None:
        self.in_leaf -= 1
        canvas._code.append("EMC /Artifact BMC")


def _bbox(canvas, x: float, y: float, flowable) -> tuple[float, float, float, float]:
    """Where the flowable lands on the page, in default user space."""
    a, b, c, d, e, f = canvas._currentMatrix
    w, h = getattr(flowable, "width", 0) or 0, getattr(flowable, "height", 0) or 0
    points = [(a * px + c * py + e, b * px + d * py + f)
              for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _key(flowable) -> object:
    return flowable.__dict__.setdefault(KEY_ATTRIBUTE, next(_keys))


def _type_of(flowable) -> tuple[str, bool]:
    """(structure type, is it a leaf) of a flowable; ("", False) when it is no element."""
    role = flowable.__dict__.get(ROLE_ATTRIBUTE)
    if role in LEAVES:
        return LEAVES[role], True
    if role in CONTAINERS:
        return CONTAINERS[role], False
    if role is None and isinstance(flowable, Paragraph):  # the review copy's own text
        return STYLE_TYPES.get(flowable.style.name, "P"), True
    return "", False


def _tagged(draw_on):
    def tagged_draw_on(self, canvas, x, y, *args, **kwargs):
        tagger = getattr(canvas, "leaflet_tagger", None)
        if tagger is None or tagger.in_leaf:
            return draw_on(self, canvas, x, y, *args, **kwargs)
        type_, leaf = _type_of(self)
        if not type_:
            return draw_on(self, canvas, x, y, *args, **kwargs)
        row = self.__dict__.get(ROW_ATTRIBUTE)
        table = tagger.by_key.get(row[0]) if row else None
        if table is not None:  # a table cell: under its row
            tagger.open.append(tagger.row(table, row[1]))
        element = tagger.element(type_, _key(self), self.__dict__.get(ALT_ATTRIBUTE, ""))
        if type_ == "Table" and isinstance(self, Table):
            _mark_rows(self)
        if type_ in BOOKMARKED and not element.text and isinstance(self, Paragraph):
            element.text = self.getPlainText()
        element.spoken = element.spoken or self.__dict__.get(SPOKEN_ATTRIBUTE, "")
        if self.__dict__.get(ROLE_ATTRIBUTE) is Role.ROW_HEADER:
            element.scope = "Row"
        try:
            if leaf:
                tagger.begin_content(canvas, element, _bbox(canvas, x, y, self))
                try:
                    return draw_on(self, canvas, x, y, *args, **kwargs)
                finally:
                    tagger.end_content(canvas)
            tagger.open.append(element)
            try:
                return draw_on(self, canvas, x, y, *args, **kwargs)
            finally:
                tagger.open.pop()
        finally:
            if table is not None:
                tagger.open.pop()

    return tagged_draw_on


def _tagged_list_item(draw_on):
    """A list item: LI, with its bullet or number as Lbl and its text as LBody."""
    def tagged_item(self, canvas, x, y, _sW=0):
        tagger = getattr(canvas, "leaflet_tagger", None)
        if tagger is None or tagger.in_leaf:
            return draw_on(self, canvas, x, y, _sW)
        item = tagger.element("LI", _key(self._flowable))
        bullet = self._bullet
        if bullet:
            label = Element("Lbl", item)
            item.add(label)
            tagger.begin_content(canvas, label, _bbox(canvas, x, y, self))
            bullet.drawOn(self, canvas, x, y, 0)
            tagger.end_content(canvas)
        body = Element("LBody", item)
        item.add(body)
        tagger.begin_content(canvas, body, _bbox(canvas, x + self._leftIndent, y, self._flowable))
        try:
            self._flowable.drawOn(canvas, x + self._leftIndent, y,
                                  max(0, _sW - self._leftIndent - self._rightIndent))
        finally:
            tagger.end_content(canvas)

    return tagged_item


def _keeping_identity(split):
    """Parts of a split flowable stay one element, with the role and alt of the whole."""
    def split_keeping(self, *args, **kwargs):
        parts = split(self, *args, **kwargs)
        if len(parts) > 1:
            key = _key(self)
            for part in parts:
                for name in (ROLE_ATTRIBUTE, ALT_ATTRIBUTE, SPOKEN_ATTRIBUTE):
                    if name in self.__dict__:
                        part.__dict__[name] = self.__dict__[name]
                part.__dict__[KEY_ATTRIBUTE] = key
        return parts

    return split_keeping


@cache
def install() -> None:
    """Wrap ReportLab's drawing and splitting once per process (a no-op without a Tagger)."""
    Flowable.drawOn = _tagged(Flowable.drawOn)
    _Container.drawOn = _tagged(_Container.drawOn)
    LIIndenter.drawOn = _tagged_list_item(LIIndenter.drawOn)
    for cls in (Paragraph, Table):
        cls.split = _keeping_identity(cls.split)


def _mark_rows(table: Table) -> None:
    """Tell each cell of a table its row, so that its TH or TD goes in a TR."""
    key = _key(table)
    for number, row in enumerate(table._cellvalues):
        for cell in row:
            for part in cell if isinstance(cell, (list, tuple)) else [cell]:
                if isinstance(part, Flowable):
                    part.__dict__[ROW_ATTRIBUTE] = (key, number)
