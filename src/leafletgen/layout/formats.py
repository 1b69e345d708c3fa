"""Page geometry and type scale for each format, as data.

A format is a page size, margins, a type scale and a few house rules; the layout
code is shared. Adding a format means adding an entry here, not a layout module.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm


@dataclass(frozen=True)
class PageFormat:
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
LARGE_PRINT_SIZES = (16, 18, 20)

# The one-page quick guide starts large and may step down, never below QUICK_MIN_SIZE.
QUICK_GUIDE = PageFormat(
    name="quick", page_size=A4, margin_top=16 * mm, margin_side=18 * mm, margin_bottom=22 * mm,
    body_size=16, leading=1.35, heading_size=20, title_size=30, stamp_size=8.5,
    bodymap_height=95 * mm,
)
QUICK_MIN_SIZE = 12

# The booklet is the A5 leaflet imposed two-up; it needs no geometry of its own.
FORMATS: dict[str, PageFormat] = {f.name: f for f in (A4_LEAFLET, A5_LEAFLET, QUICK_GUIDE,
                                                       LARGE_PRINT)}
FORMAT_NAMES = ("a4", "a5", "quick", "large", "booklet")
