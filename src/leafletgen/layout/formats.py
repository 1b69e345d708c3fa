"""Page geometry and type scale for each format, as data.

A format is a page size, margins and a type scale; the layout code is shared.
Adding a format means adding an entry here, not a layout module.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    bodymap_height: float = 120 * mm

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin_side

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - self.margin_top - self.margin_bottom


A4_LEAFLET = PageFormat(
    name="a4", page_size=A4, margin_top=18 * mm, margin_side=20 * mm, margin_bottom=22 * mm,
    body_size=12, leading=1.42, heading_size=16, title_size=26, stamp_size=8.5,
)

FORMATS: dict[str, PageFormat] = {fmt.name: fmt for fmt in (A4_LEAFLET,)}
