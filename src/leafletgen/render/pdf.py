"""Render owns the PDF: a laid-out Document on pages, with its furniture (band, head line,
version stamp, print marks), its metadata, and then the finishers asked for."""

from __future__ import annotations

import dataclasses
import io

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

import leafletgen
from leafletgen import fonts, inline, model
from leafletgen.document import Document, FirstFit, Laid, Rendered
from leafletgen.errors import LeafletError, error
from leafletgen.paper import Geometry
from leafletgen.render.finish import TAGGED, run_finishers
from leafletgen.render.printmarks import draw_crop_marks, set_boxes
from leafletgen.render.stamps import Stamp, draw_head_line, stamped_canvas

BAND_HEIGHT = 5 * mm  # the colour band across the top of the first page


def render(laid: Laid, finishers: tuple[str, ...] = ()) -> Rendered:
    """The finished PDF: the document (or the first of several that fits), then finished."""
    tagged = TAGGED in finishers
    document, rendered = _first_that_fits(laid, tagged) if isinstance(laid, FirstFit) \
        else (laid, render_document(laid, tagged))
    return run_finishers(rendered, document, finishers)


def _first_that_fits(laid: FirstFit, tagged: bool) -> tuple[Document, Rendered]:
    for document in laid.candidates:
        try:
            return document, render_document(document, tagged)
        except TooManyPages:
            continue
    raise laid.too_long()


class TooManyPages(Exception):
    def __init__(self, pages: int):
        super().__init__(f"{pages} pages")
        self.pages = pages


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


def render_document(d: Document, tagged: bool = False) -> Rendered:
    """The story on trimmed pages (on a larger sheet when print-ready), and its page count;
    tagged, with marked content and a structure tree (PDF/UA-1: render/structure.py).

    With max_pages, a story that needs more pages raises TooManyPages instead."""
    fmt = d.page
    fonts.register_fonts()
    spec = d.print_spec if d.marks_on_pages or d.print_spec is None \
        else dataclasses.replace(d.print_spec, marks=False)
    geometry = Geometry(*fmt.page_size, spec=spec)
    o = geometry.offset
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=geometry.media_size, leftMargin=o + fmt.margin_side,
        rightMargin=o + fmt.margin_side, topMargin=o + fmt.margin_top,
        bottomMargin=o + fmt.margin_bottom, initialFontName=d.font, invariant=1,
        **metadata(d.leaflet, d.format_name, d.title),
        **({"direction": "R2L"} if d.right_to_left else {}),  # viewers show spreads from the right
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    band = lambda canvas, doc: draw_band(canvas, geometry, d.band) if d.band else None  # noqa: E731
    doc.addPageTemplates([PageTemplate(id="first", frames=[frame], onPage=band,
                                       autoNextPageTemplate="page"),
                          PageTemplate(id="page", frames=[frame])])
    counted: list[int] = []
    tagger = _tagger() if tagged else None
    canvas = stamped_canvas(d.leaflet.published, _furniture(d, geometry, counted),
                            enforce_cmyk=spec is not None, tagger=tagger,
                            before_save=_structure_writer(d, tagger) if tagged else None)
    try:
        doc.build(list(d.story), canvasmaker=canvas)
    except LayoutError as exc:
        raise LeafletError(error("layout.overflow", f"cannot lay out {d.described}: {exc}",
                                 d.leaflet.span, "a picture or table is too big for the page"))
    return Rendered(buffer.getvalue(), counted[0])


def _tagger():
    from leafletgen.render.tagging import Tagger, install

    install()
    return Tagger()


def _structure_writer(d: Document, tagger):
    from leafletgen.render.structure import write_structure

    date = f"{d.leaflet.published.isoformat()}T00:00:00Z"  # as the Info dictionary's
    return lambda canvas: write_structure(canvas, tagger, date, d.words, d.right_to_left)


def _furniture(d: Document, geometry: Geometry, counted: list[int]) -> list:
    """What is drawn on every page at save, when the page count is known."""
    def count(canvas, page: int, pages: int) -> None:
        if page == 1:
            counted.append(pages)
        if d.max_pages and pages > d.max_pages:
            raise TooManyPages(pages)

    hooks = [count, lambda canvas, page, pages: set_boxes(canvas, geometry),
             lambda canvas, page, pages: draw_crop_marks(canvas, geometry)]
    if d.head is not None:
        hooks.append(_furniture_of("Header", lambda canvas, page, pages:
                                   draw_head_line(canvas, d.head, d.page)))
    if d.stamp is not None:
        hooks.append(_furniture_of("Footer", leaflet_stamp(d, geometry.offset).draw))
    return hooks


def _furniture_of(subtype: str, hook):
    """A hook whose drawing is a page header or footer (tagged files say so)."""
    def drawn(canvas, page: int, pages: int) -> None:
        hook(canvas, page, pages)

    drawn.artifact = f"/Type /Pagination /Subtype /{subtype}"
    return drawn


def leaflet_stamp(d: Document, offset: float = 0.0) -> Stamp:
    fmt, style = d.page, d.stamp
    return Stamp.for_leaflet(
        d.leaflet, size=style.size, color=style.color, rule_color=style.rule_color,
        left=offset + fmt.margin_side, right=offset + fmt.page_size[0] - fmt.margin_side,
        baseline=offset + fmt.margin_bottom * (0.42 if style.footer else 0.3),
        fonts=style.fonts, footer=style.footer, words=d.words,
        right_to_left=d.right_to_left,
    )


def draw_band(canvas, geometry: Geometry, color) -> None:
    """A band of colour across the top of page 1; in print-ready files it runs into the bleed."""
    x0, _, x1, y1 = geometry.trim_box
    b = geometry.bleed
    canvas.saveState()
    canvas.setFillColor(color)
    canvas.rect(x0 - b, y1 - BAND_HEIGHT, x1 - x0 + 2 * b, BAND_HEIGHT + b, stroke=0, fill=1)
    canvas.restoreState()
