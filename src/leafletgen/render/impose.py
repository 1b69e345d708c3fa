"""Saddle-stitch imposition: A5 pages two-up on A4 landscape sheets, and PDF joining
(tagged files joined stay tagged PDF/UA-1: one structure tree, renumbered).

pikepdf (qpdf) turns each A5 page into a form XObject clipped to its trim (plus the
outer bleed in print-ready files) and places it on the sheet, so fonts and vector
art stay exactly as laid out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pikepdf
from pikepdf import Array, Dictionary, Name
from pikepdf.models.metadata import decode_pdf_date
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from leafletgen.document import Document, Rendered
from leafletgen.paper import REGISTRATION, Geometry, PrintSpec
from leafletgen.render.printmarks import draw_crop_marks, set_boxes


def saddle_stitch_order(pages: int, right_to_left: bool = False) -> list[tuple[int, int]]:
    """(left, right) page numbers for each sheet side: for 8 pages 8|1, 2|7, 6|3, 4|5.

    A right-to-left booklet is bound on its right edge: the cover is the left half of the
    outer sheet's front and the back cover the right, so every pair is the other way
    round (1|8, 7|2, 3|6, 5|4), and its spreads read from right to left."""
    if pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        front = (pages - 2 * sheet, 2 * sheet + 1)
        back = (2 * sheet + 2, pages - 2 * sheet - 1)
        sides += [front, back]
    return [side[::-1] for side in sides] if right_to_left else sides


def impose_pages(rendered: Rendered, document: Document) -> Rendered:
    """The saddle-stitch finisher: the document's pages (each keeping its bleed) two-up on
    A4 landscape sheet sides; print-ready sheets carry the crop and fold marks."""
    spec = document.print_spec
    page_spec = dataclasses.replace(spec, marks=False) if spec else None
    page = Geometry(*document.page.page_size, spec=page_spec)
    sides = rendered.pages // 2
    sheets = sheets_pdf(sides, document.page.page_size, spec, document.font)
    return Rendered(impose_booklet(rendered.data, sheets, page, page.bleed,
                                   document.right_to_left), sides)


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


def impose_booklet(pages_pdf: bytes, sheets_pdf: bytes, page: Geometry, bleed: float,
                   right_to_left: bool = False) -> bytes:
    """Place the pages of pages_pdf (each a trimmed page plus `bleed` all round) two-up on
    the pages of sheets_pdf (one per sheet side, its trim box two pages wide); bound on the
    right for a right-to-left booklet."""
    source = pikepdf.open(io.BytesIO(pages_pdf))
    sheets = pikepdf.open(io.BytesIO(sheets_pdf))
    sides = saddle_stitch_order(len(source.pages), right_to_left)
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
    """One PDF with every page of each, in order (e.g. a series' quick guides). When every
    one is tagged, so is the result: each one's structure a Sect of one Document."""
    sources = [pikepdf.open(io.BytesIO(data)) for data in pdfs]
    joined = pikepdf.new()
    for source in sources:
        joined.pages.extend(source.pages)
    if info_from is not None:
        _copy_document_info(pikepdf.open(io.BytesIO(info_from)), joined)
    if title:
        joined.docinfo[Name.Title] = title
    _newest_dates(joined, sources)
    if sources and all("/StructTreeRoot" in source.Root for source in sources):
        _join_structure(joined, sources)
    return _save(joined)


def _join_structure(joined: pikepdf.Pdf, sources: list[pikepdf.Pdf]) -> None:
    """The tagged PDF/UA-1 parts of the joined file, as the pdfua finisher writes them."""
    from leafletgen.render.pdfua import write_metadata

    tree = joined.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = joined.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree))
    # Sections first: copying them detached from their own trees keeps those trees out.
    document.K = Array([_section(joined, source, document, n) for n, source in enumerate(sources)])
    parts, start = [], 0
    for source in sources:
        parts.append((source, [joined.pages[start + n] for n in range(len(source.pages))]))
        start += len(source.pages)
    tree.K = Array([document])
    tree.ParentTree = joined.make_indirect(Dictionary(Nums=_parent_tree(joined, parts)))
    tree.ParentTreeNextKey = len(tree.ParentTree.Nums) // 2
    joined.Root.StructTreeRoot = tree
    joined.Root.MarkInfo = Dictionary(Marked=True)
    joined.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    for page in joined.pages:
        page.obj.Tabs = Name.S
    _outline(joined, [(source, pages[0]) for source, pages in parts if pages])
    write_metadata(joined, str(joined.Root.get("/Lang", "")), _xmp_date(joined.docinfo))


def _section(joined: pikepdf.Pdf, source: pikepdf.Pdf, document, number: int):
    """The source's Document element, copied (with the pages' and annotations' copies in its
    references) and made a Sect of the joined file's Document."""
    source_tree = source.Root.StructTreeRoot
    kids = _as_list(source_tree.K)
    for kid in kids:
        del kid["/P"]  # else copying it drags the source's tree root and ParentTree along
    copies = [joined.copy_foreign(kid) for kid in kids]
    if len(copies) == 1 and copies[0].get("/S") == Name.Document:
        section = copies[0]
    else:
        section = joined.make_indirect(Dictionary(Type=Name.StructElem, K=Array(copies)))
        for copy in copies:
            copy.P = section
    section.S, section.P = Name.Sect, document
    if "/Lang" in source.Root:
        section.Lang = source.Root.Lang  # a series may hold a guide in another language
    _unique_ids(section, f"part-{number + 1}-")
    return section


def _parent_tree(joined: pikepdf.Pdf, parts) -> Array:
    """Page i's marked content under key i, then each annotation's element after the pages;
    the copied elements are the ones the sections hold (copy_foreign maps each once)."""
    nums, annotations = [], []
    for source, pages in parts:
        old = dict(_number_tree(source.Root.StructTreeRoot.get("/ParentTree", Dictionary())))
        for page in pages:
            key = len(nums) // 2
            marks = old.get(int(page.obj.get("/StructParents", -1)), [])
            nums += [key, joined.make_indirect(Array([joined.copy_foreign(m) for m in marks]))]
            page.obj.StructParents = key
            annotations += [(annot, old) for annot in page.obj.get("/Annots", [])
                            if "/StructParent" in annot]
    for annot, old in annotations:
        key = len(nums) // 2
        nums += [key, joined.copy_foreign(old[int(annot.StructParent)])]
        annot.StructParent = key
    return Array(nums)


def _number_tree(node):
    """(key, value) pairs of a number tree, its kids' too."""
    nums = node.get("/Nums", [])
    for n in range(0, len(nums) - 1, 2):
        yield int(nums[n]), nums[n + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


def _unique_ids(element, prefix: str) -> None:
    """Element IDs (a Note's) are unique in a guide; in the joined file, prefixed by its part."""
    if "/ID" in element:
        element.ID = pikepdf.String(prefix + str(element.ID))
    for kid in _as_list(element.get("/K")):
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
            _unique_ids(kid, prefix)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _outline(joined: pikepdf.Pdf, firsts) -> None:
    """One bookmark per source, on its first page: its first bookmark (its title, where it
    is drawn), else its Info title at the top of the page."""
    from leafletgen.render.pdfua import write_outline

    items = []
    for source, page in firsts:
        outlines = source.Root.get("/Outlines")
        first = outlines.get("/First") if outlines is not None else None
        dest = first.get("/Dest") if first is not None else None
        if isinstance(dest, Array) and len(dest) > 1:
            where, words = Array([page.obj, *list(dest)[1:]]), first.Title
        else:
            where, words = Array([page.obj, Name.Fit]), source.docinfo.get("/Title", "")
        items.append(joined.make_indirect(Dictionary(Title=pikepdf.String(str(words)),
                                                     Dest=where)))
    write_outline(joined, items)


def _newest_dates(joined: pikepdf.Pdf, sources: list[pikepdf.Pdf]) -> None:
    """The joined file is as new as its newest part (both dates: XMP has the same two)."""
    dates = [source.docinfo.ModDate for source in sources if "/ModDate" in source.docinfo]
    if dates:
        newest = max(dates, key=lambda d: decode_pdf_date(str(d)))
        joined.docinfo[Name.CreationDate] = joined.docinfo[Name.ModDate] = newest


def _xmp_date(info) -> str:
    """The Info dictionary's date as XMP writes it, so that the two agree."""
    when = decode_pdf_date(str(info.get("/ModDate", info.get("/CreationDate", ""))))
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _copy_document_info(source: pikepdf.Pdf, target: pikepdf.Pdf) -> None:
    for key, value in source.docinfo.items():
        target.docinfo[key] = value
    if "/Lang" in source.Root:
        target.Root.Lang = source.Root.Lang


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    # A fixed /ID and no timestamps: the same input gives the same bytes.
    # XMP is kept as written (pikepdf would otherwise rewrite a joined file's packet).
    pdf.save(out, deterministic_id=True, compress_streams=True, fix_metadata_version=False)
    return out.getvalue()
