"""Lay a story out into a PDF file: page template, stamps, print marks, metadata, safe writing."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

import leafletgen
from leafletgen import inline, model
from leafletgen.layout.styles import Styles
from leafletgen import fonts
from leafletgen.paper import Geometry, PrintSpec
from leafletgen.render.printmarks import draw_crop_marks, set_boxes
from leafletgen.render.stamps import Stamp, stamped_canvas

BAND_HEIGHT = 5 * mm  # the colour band across the top of the first page


def metadata(leaflet: model.Leaflet, format_name: str, title: str = "") -> dict[str, str]:
    """What the PDF says about itself; the same facts as the stamp."""
    return dict(
        title=title or inline.plain(leaflet.title),
        author=leaflet.owner,
        subject=(f"{leaflet.id} version {leaflet.version}, published {leaflet.published}, "
                 f"review due {leaflet.review}" + (f"; {leaflet.series}" if leaflet.series else "")),
        keywords=", ".join(k for k in (leaflet.id, f"version {leaflet.version}", format_name,
                                       leaflet.series) if k),
        creator=f"leafletgen {leafletgen.__version__}",
        lang=leaflet.language,
    )


def leaflet_stamp(leaflet: model.Leaflet, s: Styles, offset: float = 0.0) -> Stamp:
    fmt = s.fmt
    return Stamp.for_leaflet(
        leaflet, size=fmt.stamp_size, color=s.palette.muted, rule_color=s.palette.rule,
        left=offset + fmt.margin_side, right=offset + fmt.page_size[0] - fmt.margin_side,
        baseline=offset + fmt.margin_bottom * (0.42 if s.theme.footer else 0.3),
        fonts=s.fonts, footer=s.theme.footer,
    )


class TooManyPages(Exception):
    def __init__(self, pages: int):
        super().__init__(f"{pages} pages")
        self.pages = pages


def render_pdf(leaflet: model.Leaflet, story: list[Flowable], s: Styles,
               print_spec: PrintSpec | None = None, stamped: bool = True,
               title: str = "", max_pages: int = 0) -> bytes:
    """The finished PDF as bytes: the story on trimmed pages, on a larger sheet when print-ready.

    With max_pages, a story that needs more pages raises TooManyPages instead."""
    fmt = s.fmt
    fonts.register_fonts()
    geometry = Geometry(*fmt.page_size, spec=print_spec)
    o = geometry.offset
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=geometry.media_size, leftMargin=o + fmt.margin_side,
        rightMargin=o + fmt.margin_side, topMargin=o + fmt.margin_top,
        bottomMargin=o + fmt.margin_bottom, initialFontName=s.fonts.regular, invariant=1,
        **metadata(leaflet, fmt.name, title),
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    band = lambda canvas, doc: draw_band(canvas, geometry, s) if s.theme.band else None  # noqa: E731
    doc.addPageTemplates([PageTemplate(id="first", frames=[frame], onPage=band,
                                       autoNextPageTemplate="page"),
                          PageTemplate(id="page", frames=[frame])])
    hooks = [lambda canvas, page, pages: set_boxes(canvas, geometry),
             lambda canvas, page, pages: draw_crop_marks(canvas, geometry)]
    if stamped:
        hooks.append(leaflet_stamp(leaflet, s, o).draw)
    if max_pages:
        hooks.insert(0, lambda canvas, page, pages: _check_pages(pages, max_pages))
    doc.build(list(story), canvasmaker=stamped_canvas(leaflet.published, hooks,
                                                enforce_cmyk=print_spec is not None))
    return buffer.getvalue()


def _check_pages(pages: int, max_pages: int) -> None:
    if pages > max_pages:
        raise TooManyPages(pages)


def draw_band(canvas, geometry: Geometry, s: Styles) -> None:
    """A band of colour across the top of page 1; in print-ready files it runs into the bleed."""
    x0, _, x1, y1 = geometry.trim_box
    b = geometry.bleed
    canvas.saveState()
    canvas.setFillColor(s.palette.band)
    canvas.rect(x0 - b, y1 - BAND_HEIGHT, x1 - x0 + 2 * b, BAND_HEIGHT + b, stroke=0, fill=1)
    canvas.restoreState()
