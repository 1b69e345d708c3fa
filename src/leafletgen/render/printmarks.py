"""Crop marks and page boxes of print-ready files, drawn on each page at save."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from leafletgen.paper import MARK_GAP, MARK_LENGTH, REGISTRATION, Geometry


def set_boxes(canvas: Canvas, geometry: Geometry) -> None:
    if geometry.spec:
        canvas.setTrimBox(geometry.trim_box)
        canvas.setBleedBox(geometry.bleed_box)


def draw_crop_marks(canvas: Canvas, geometry: Geometry) -> None:
    """Two short lines at each corner, in line with the trim, starting outside the bleed."""
    if not (geometry.spec and geometry.spec.marks):
        return
    x0, y0, x1, y1 = geometry.trim_box
    start = geometry.bleed + MARK_GAP
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(0.25)
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            canvas.line(x + dx * start, y, x + dx * (start + MARK_LENGTH), y)
            canvas.line(x, y + dy * start, x, y + dy * (start + MARK_LENGTH))
    canvas.restoreState()
