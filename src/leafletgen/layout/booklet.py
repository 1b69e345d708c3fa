"""The A5 booklet: the A5 leaflet padded to a multiple of four pages, with contacts on the
back cover, imposed two-up on A4 landscape sheets for saddle stitching."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import DocIf

from leafletgen import model
from leafletgen.formats import A5_LEAFLET
from leafletgen.layout.story import back_cover, leaflet_story, notes_page
from leafletgen.layout.styles import build_styles
from leafletgen.render.impose import impose_booklet, page_count
from leafletgen.render.pdf import render_pdf
from leafletgen.paper import REGISTRATION, Geometry, PrintSpec
from leafletgen.render.printmarks import draw_crop_marks, set_boxes
from leafletgen.theme import Theme


def booklet_pdf(leaflet: model.Leaflet, print_spec: PrintSpec | None = None,
                theme: Theme | None = None) -> bytes:
    styles = build_styles(A5_LEAFLET, print_spec is not None, theme)
    # Pages carry their bleed (but no marks) so the sheet can keep it on the outer edges.
    page_spec = PrintSpec(bleed=print_spec.bleed, marks=False) if print_spec else None
    # One layout pass: after the body, each new page that is not the last of a group of
    # four becomes a Notes page, so the back cover lands on a multiple of four.
    story = leaflet_story(leaflet, styles, with_contacts=False) + [PageBreak()]
    for _ in range(3):
        story.append(DocIf("doc.page % 4 != 0", notes_page(styles) + [PageBreak()]))
    story += back_cover(leaflet, styles)
    pages = render_pdf(leaflet, story, styles, page_spec)
    page = Geometry(*A5, spec=page_spec)
    sheets = sheets_pdf(page_count(pages) // 2, print_spec, styles.fonts.regular)
    return impose_booklet(pages, sheets, page, page.bleed)


def sheets_pdf(sides: int, print_spec: PrintSpec | None, font: str) -> bytes:
    """Empty A4 landscape sheet sides; print-ready ones are trimmed to the spread of two A5
    pages, with boxes, crop and fold marks."""
    sheet = Geometry(2 * A5[0], A5[1], spec=print_spec) if print_spec else Geometry(*landscape(A4))
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
