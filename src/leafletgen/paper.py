"""Print-ready geometry: 3 mm bleed, room for crop marks outside the trim, the page boxes,
and the CMYK colours print-ready files are drawn in. Data that layout and render share.

ReportLab's own cropMarks option scales the content unevenly, so the page is enlarged,
the content shifted by the offset, and the marks drawn by hand (render/printmarks.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.units import mm

REGISTRATION = CMYKColor(1, 1, 1, 1)  # prints on every plate, as marks must
MARK_GAP = 2 * mm  # between the bleed edge and the start of a mark
MARK_LENGTH = 6 * mm

@dataclass(frozen=True)
class PrintSpec:
    bleed: float = 3 * mm
    marks: bool = True

    @property
    def offset(self) -> float:
        """Distance from the media edge to the trim: room for the bleed and the marks."""
        return self.bleed + MARK_GAP + MARK_LENGTH + 1 * mm if self.marks else self.bleed


@dataclass(frozen=True)
class Geometry:
    """Where the trimmed page sits on the sheet that is written to the PDF."""

    trim_width: float
    trim_height: float
    spec: PrintSpec | None = None

    @property
    def offset(self) -> float:
        return self.spec.offset if self.spec else 0.0

    @property
    def bleed(self) -> float:
        return self.spec.bleed if self.spec else 0.0

    @property
    def media_size(self) -> tuple[float, float]:
        return (self.trim_width + 2 * self.offset, self.trim_height + 2 * self.offset)

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return (o, o, o + self.trim_width, o + self.trim_height)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)


def to_cmyk(color: Color) -> CMYKColor:
    """A plain RGB to CMYK conversion; greys go to the black plate only, as text should."""
    if isinstance(color, CMYKColor):
        return color
    r, g, b = color.red, color.green, color.blue
    if r == g == b:
        return CMYKColor(0, 0, 0, round(1 - r, 4))
    k = 1 - max(r, g, b)
    c, m, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    return CMYKColor(round(c, 4), round(m, 4), round(y, 4), round(k, 4))
