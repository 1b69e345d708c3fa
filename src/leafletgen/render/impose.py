"""Saddle-stitch imposition: A5 pages two-up on A4 landscape sheets, and PDF joining.

pikepdf (qpdf) turns each A5 page into a form XObject clipped to its trim (plus the
outer bleed in print-ready files) and places it on the sheet, so fonts and vector
art stay exactly as laid out.
"""

from __future__ import annotations

import dataclasses
import io

import pikepdf
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from leafletgen.document import Document, Rendered
from leafletgen.paper import REGISTRATION, Geometry, PrintSpec
from leafletgen.render.printmarks import draw_crop_marks, set_boxes


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers for each sheet side: for 8 pages 8|1, 2|7, 6|3, 4|5."""
    if pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        front = (pages - 2 * sheet, 2 * sheet + 1)
        back = (2 * sheet + 2, pages - 2 * sheet - 1)
        sides += [front, back]
    return sides


def impose_pages(rendered: Rendered, document: Document) -> Rendered:
    """The saddle-stitch finisher: the document's pages (each keeping its bleed) two-up on
    A4 landscape sheet sides; print-ready sheets carry the crop and fold marks."""
    spec = document.print_spec
    page_spec = dataclasses.replace(spec, marks=False) if spec else None
    page = Geometry(*document.page.page_size, spec=page_spec)
    sides = rendered.pages // 2
    sheets = sheets_pdf(sides, document.page.page_size, spec, document.font)
    return Rendered(impose_booklet(rendered.data, sheets, page, page.bleed), sides)


def sheets_pdf(sides: int, page_size: tuple[float, float], print_spec: PrintSpec | None,
               font: str) -> bytes:
    """Empty A4 landscape sheet sides; print-ready ones are trimmed to the spread of two
    pages, with boxes, crop and fold marks."""
    width, height = page_size
    sheet = Geometry(2 * width, height, spec=print_spec) if print_spec else Geometry(*landscape(A4))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=sheet.media_size, invariant=1,
                    initialFontName=font,  # else an unused Helvetica is listed
                    enforceColorSpace="cmyk" if print_spec else None)
    for _ in range(sides):
        set_boxes(canvas, sheet)
        draw_crop_marks(canvas, sheet)
        draw_fold_marks(canvas, sheet)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def draw_fold_marks(canvas: Canvas, sheet: Geometry) -> None:
    """Short dashed lines at the spine, outside the bleed, top and bottom."""
    if not (sheet.spec and sheet.spec.marks):
        return
    x0, y0, x1, y1 = sheet.trim_box
    spine = (x0 + x1) / 2
    start = sheet.bleed + 2
    length = sheet.offset - start - 2
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(0.25)
    canvas.setDash(2, 2)
    canvas.line(spine, y1 + start, spine, y1 + start + length)
    canvas.line(spine, y0 - start, spine, y0 - start - length)
    canvas.restoreState()


def impose_booklet(pages_pdf: bytes, sheets_pdf: bytes, page: Geometry, bleed: float) -> bytes:
    """Place the pages of pages_pdf (each a trimmed page plus `bleed` all round) two-up on
    the pages of sheets_pdf (one per sheet side, its trim box two pages wide)."""
    source = pikepdf.open(io.BytesIO(pages_pdf))
    sheets = pikepdf.open(io.BytesIO(sheets_pdf))
    sides = saddle_stitch_order(len(source.pages))
    assert len(sheets.pages) == len(sides), "one sheet side for every two pages"
    first = sheets.pages[0]
    # The pair of pages is centred on the sheet's trim (two A5 are 1 mm narrower than A4).
    bx0, by0, bx1, by1 = (float(v) for v in first.obj.get("/TrimBox", first.mediabox))
    w, h = page.trim_width, page.trim_height
    sx0, sy0 = bx0 + (bx1 - bx0 - 2 * w) / 2, by0 + (by1 - by0 - h) / 2
    for sheet_page, (left, right) in zip(sheets.pages, sides):
        # The left page loses its bleed at the spine (its right edge), the right page its left.
        _place(sheets, sheet_page, source.pages[left - 1], (0, 0, bleed + w, h + 2 * bleed),
               (sx0 - bleed, sy0 - bleed), f"/L{left}")
        _place(sheets, sheet_page, source.pages[right - 1], (bleed, 0, w + 2 * bleed, h + 2 * bleed),
               (sx0 + w - bleed, sy0 - bleed), f"/R{right}")
    _copy_document_info(source, sheets)
    return _save(sheets)


def _place(pdf: pikepdf.Pdf, sheet: pikepdf.Page, page: pikepdf.Page, clip: tuple,
           at: tuple[float, float], name: str) -> None:
    form = pdf.copy_foreign(page.as_form_xobject())
    form.BBox = pikepdf.Array(clip)
    sheet.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(name))
    sheet.contents_add(f"q 1 0 0 1 {at[0]:.4f} {at[1]:.4f} cm {name} Do Q\n".encode())


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def join(pdfs: list[bytes], info_from: bytes | None = None, title: str = "") -> bytes:
    """One PDF with every page of each, in order (e.g. a series' quick guides)."""
    joined = pikepdf.new()
    for data in pdfs:
        joined.pages.extend(pikepdf.open(io.BytesIO(data)).pages)
    if info_from is not None:
        _copy_document_info(pikepdf.open(io.BytesIO(info_from)), joined)
    if title:
        joined.docinfo[pikepdf.Name.Title] = title
    return _save(joined)


def _copy_document_info(source: pikepdf.Pdf, target: pikepdf.Pdf) -> None:
    for key, value in source.docinfo.items():
        target.docinfo[key] = value
    if "/Lang" in source.Root:
        target.Root.Lang = source.Root.Lang


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    # A fixed /ID and no timestamps: the same input gives the same bytes.
    pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()
