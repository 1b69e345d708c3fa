"""The formats a leaflet is built in: one registry, and every list of format names derives
from it (the CLI's choices and help, check's layout checks, the catalogue's buttons, diff's
--visual). Adding a format means adding one entry to FORMATS.

Each entry names its producer as "module:function" (in layout/), imported only when that
format is built: the registry is a bottom-layer fact that any stage may read, and a build
of A4 only does not pay for the booklet's imposition.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# ReportLab's millimetre and page sizes, worked out as reportlab.lib.units and .pagesizes
# work them out (tests/test_formats.py checks they are the same numbers): this registry
# is read for `leafletgen --help`, which must not pay for importing ReportLab.
mm = 72.0 / 2.54 * 0.1
A4 = (210 * mm, 297 * mm)
A5 = (148 * mm, 210 * mm)


@dataclass(frozen=True)
class PageFormat:
    """Page geometry and type scale: a page size, margins, a type scale and house rules."""

    name: str
    page_size: tuple[float, float]
    margin_top: float
    margin_side: float
    margin_bottom: float  # holds the version stamp
    body_size: float
    leading: float  # as a multiple of the type size
    heading_size: float
    title_size: float
    stamp_size: float
    italics: bool = True  # large print turns emphasis into bold instead
    high_contrast: bool = False  # large print: black on white, boxes outlined, not tinted
    bodymap_height: float = 120 * mm

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin_side

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - self.margin_top - self.margin_bottom

    def scaled(self, body_size: float) -> "PageFormat":
        """The same format with the whole type scale moved to a new body size."""
        ratio = body_size / self.body_size
        return replace(self, body_size=body_size, heading_size=self.heading_size * ratio,
                       title_size=self.title_size * ratio)


A4_LEAFLET = PageFormat(
    name="a4", page_size=A4, margin_top=18 * mm, margin_side=20 * mm, margin_bottom=22 * mm,
    body_size=12, leading=1.42, heading_size=16, title_size=26, stamp_size=8.5,
    bodymap_height=95 * mm,
)

A5_LEAFLET = PageFormat(
    name="a5", page_size=A5, margin_top=14 * mm, margin_side=15 * mm, margin_bottom=19 * mm,
    body_size=10.5, leading=1.42, heading_size=14, title_size=20, stamp_size=7,
    bodymap_height=85 * mm,
)

# RNIB clear and large print: 16 pt or more, bold headings, no italics, 1.5 line spacing.
LARGE_PRINT = PageFormat(
    name="large", page_size=A4, margin_top=18 * mm, margin_side=20 * mm, margin_bottom=27 * mm,
    body_size=16, leading=1.5, heading_size=22, title_size=32, stamp_size=12,
    italics=False, high_contrast=True, bodymap_height=160 * mm,
)

# The one-page quick guide starts large and may step down, never below its min_body_size.
QUICK_GUIDE = PageFormat(
    name="quick", page_size=A4, margin_top=16 * mm, margin_side=18 * mm, margin_bottom=22 * mm,
    body_size=16, leading=1.35, heading_size=20, title_size=30, stamp_size=8.5,
    bodymap_height=95 * mm,
)


@dataclass(frozen=True)
class Format:
    """One format a build can ask for, and what every stage needs to know about it."""

    name: str  # on the command line, in file names (<id>-v<version>-<name>.pdf), in the manifest
    label: str  # its button in the nurses' catalogue
    described: str  # in a sentence: "the A4 leaflet"
    producer: str  # "module:function" that lays a leaflet out in this format
    page: PageFormat  # the page it is laid out on (the booklet: its A5 pages)
    medium: str = "screen"  # "screen": read on screen or printed as it is; "print": for the printer only
    one_page: bool = False  # refused, not spilled, when it does not fit one page
    min_body_size: float = 0  # a one-page format steps its type down to this before refusing
    body_sizes: tuple[int, ...] = ()  # sizes the body type may be set in (--large-size)
    layout_checks: str = ""  # check lays it out page by page: "default", or "optional" (config)
    catalogue_rank: int = 99  # its button's place in the catalogue; the lowest built is the thumbnail
    finishers: tuple[str, ...] = ()  # what render does to the file after writing it (render/finish.py)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("a4", "A4 leaflet", "the A4 leaflet", "leafletgen.layout.leaflet:leaflet_document",
           A4_LEAFLET, layout_checks="default", catalogue_rank=0),
    Format("a5", "A5 leaflet", "the A5 leaflet", "leafletgen.layout.leaflet:leaflet_document",
           A5_LEAFLET, layout_checks="default", catalogue_rank=1),
    Format("quick", "Quick guide", "the quick guide", "leafletgen.layout.quickguide:quick_guide",
           QUICK_GUIDE, one_page=True, min_body_size=12, catalogue_rank=3),
    Format("large", "Large print", "the large-print leaflet",
           "leafletgen.layout.leaflet:leaflet_document", LARGE_PRINT, body_sizes=(16, 18, 20),
           layout_checks="optional", catalogue_rank=2),
    Format("booklet", "Booklet (A5, to fold)", "the booklet", "leafletgen.layout.booklet:booklet",
           A5_LEAFLET, medium="print", catalogue_rank=4, finishers=("saddle-stitch",)),
)}
FORMAT_NAMES = tuple(FORMATS)
LARGE_PRINT_SIZES = FORMATS["large"].body_sizes


def by_catalogue_rank() -> tuple[Format, ...]:
    return tuple(sorted(FORMATS.values(), key=lambda f: f.catalogue_rank))
