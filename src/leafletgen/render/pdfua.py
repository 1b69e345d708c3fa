"""The "pdfua" finisher: a tagged PDF/UA-1 file from the structure drawn by render/tagging.py.

It writes the StructTreeRoot (Document, headings levelled so that none is skipped, P, L/LI/
Lbl/LBody, Figure with /Alt and /BBox, Caption, Table/TR/TH/TD, Note, Link with its
annotation), the ParentTree, /MarkInfo, /ViewerPreferences /DisplayDocTitle, /Tabs /S, XMP
metadata with the PDF/UA identification, bookmarks from the headings, and ToUnicode maps
without U+0000. pikepdf edits the finished file; the same input gives the same bytes.
"""

from __future__ import annotations

import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from leafletgen.document import Document, Rendered
from leafletgen.render.tagging import Content, Element

HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


def finish_accessible(rendered: Rendered, document: Document) -> Rendered:
    pdf = pikepdf.open(io.BytesIO(rendered.data))
    root_element = rendered.structure
    level_headings(root_element)
    writer = _TreeWriter(pdf)
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    top = writer.element(root_element, tree_root)
    writer.link_annotations(top)
    tree_root.K = Array([top])
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=writer.parent_tree()))
    tree_root.ParentTreeNextKey = writer.next_key
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    for page in pdf.pages:
        page.obj.Tabs = Name.S
    _bookmarks(pdf, root_element, writer)
    _metadata(pdf, document)
    _clean_to_unicode(pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True)
    return Rendered(out.getvalue(), rendered.pages)


def level_headings(root: Element) -> None:
    """Headings never skip a level: an H3 with no H2 before it (a quick guide's "Contact
    us") becomes an H2."""
    deepest = 0
    for element in walk(root):
        if element.type in HEADINGS:
            level = min(int(element.type[1]), deepest + 1)
            element.type, deepest = f"H{level}", level


def walk(element: Element):
    yield element
    for kid in element.kids:
        if isinstance(kid, Element):
            yield from walk(kid)


class _TreeWriter:
    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.pages = list(pdf.pages)
        self.marks: dict[int, dict[int, pikepdf.Object]] = {}  # page -> MCID -> element
        self.leaves: list[tuple[Content, pikepdf.Object]] = []
        self.next_key = len(self.pages)
        self.annotations: list[tuple[int, pikepdf.Object]] = []
        self.objects: dict[int, pikepdf.Object] = {}  # id(Element) -> its dictionary

    def element(self, element: Element, parent) -> pikepdf.Object:
        node = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.type),
                                                 P=parent))
        self.objects[id(element)] = node
        if element.type == "Figure":
            node.Alt = String(element.alt or "Picture")
            boxes = [k.bbox for k in element.kids if isinstance(k, Content)]
            if boxes:
                node.A = Dictionary(O=Name.Layout, BBox=Array(_union(boxes)))
        if element.type == "Note":
            node.ID = String(f"note-{len(self.objects)}")
        if element.type == "TH":
            node.A = Dictionary(O=Name.Table, Scope=Name.Column)
        kids = []
        for kid in element.kids:
            if isinstance(kid, Content):
                page = self.pages[kid.page].obj
                self.marks.setdefault(kid.page, {})[kid.mcid] = node
                self.leaves.append((kid, node))
                kids.append(Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid))
            else:
                kids.append(self.element(kid, node))
        pages = {k.page for k in element.kids if isinstance(k, Content)}
        if len(pages) == 1:
            node.Pg = self.pages[pages.pop()].obj
        if len(kids) == 1 and isinstance(element.kids[0], Content):
            node.K = element.kids[0].mcid  # one sequence on the element's page: the usual form
        elif kids:
            node.K = Array(kids)
        return node

    def link_annotations(self, document_node) -> None:
        """Each link annotation in a Link element, under the element whose content it lies on."""
        for number, page in enumerate(self.pages):
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != Name.Link:
                    continue
                owner = self._owner(number, [float(v) for v in annot.Rect]) or document_node
                link = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link,
                                                         P=owner, Pg=page.obj))
                link.K = Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)])
                owner.K = Array(_kids(owner) + [link])
                uri = annot.get("/A", {}).get("/URI")
                words = _link_words(str(uri)) if uri is not None else "Link"
                annot.Contents = String(words)
                annot.F = 4  # printed as shown: the reader on paper and on screen get the same
                link.Alt = String(words)
                annot.StructParent = self.next_key
                self.annotations.append((self.next_key, link))
                self.next_key += 1

    def _owner(self, page: int, rect: list[float]):
        cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        for content, node in self.leaves:
            x0, y0, x1, y1 = content.bbox
            if content.page == page and x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1:
                return node
        return None

    def parent_tree(self) -> Array:
        nums = []
        for number, page in enumerate(self.pages):
            page.obj.StructParents = number
            marks = self.marks.get(number, {})
            nums += [number, self.pdf.make_indirect(Array([marks[m] for m in sorted(marks)]))]
        for key, link in self.annotations:
            nums += [key, link]
        return Array(nums)


def _kids(node) -> list:
    """An element's /K as a list of kids; a bare MCID becomes its marked-content reference."""
    kids = node.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    if isinstance(kids, int) or getattr(kids, "is_integer", False):
        return [Dictionary(Type=Name.MCR, Pg=node.Pg, MCID=int(kids))]
    return [kids]


def _link_words(uri: str) -> str:
    """What a screen reader says for a link: where it goes, in words."""
    for scheme, words in (("mailto:", "Email "), ("tel:", "Phone ")):
        if uri.startswith(scheme):
            return words + uri[len(scheme):]
    return f"Link to {uri}"


def _union(boxes) -> list[float]:
    return [round(min(b[0] for b in boxes), 2), round(min(b[1] for b in boxes), 2),
            round(max(b[2] for b in boxes), 2), round(max(b[3] for b in boxes), 2)]


def _bookmarks(pdf: pikepdf.Pdf, root: Element, writer: _TreeWriter) -> None:
    """An outline entry for the title and each H2, at the top of where it is drawn."""
    with pdf.open_outline() as outline:
        for element in walk(root):
            contents = [k for k in element.kids if isinstance(k, Content)]
            if element.type not in ("H1", "H2") or not contents:
                continue
            first = contents[0]
            title = _text_of(element) or element.type
            item = pikepdf.OutlineItem(title, first.page, "XYZ", left=0, top=first.bbox[3])
            outline.root.append(item)


def _text_of(element: Element) -> str:
    return element.text


def _metadata(pdf: pikepdf.Pdf, document: Document) -> None:
    """XMP with the same facts as the Info dictionary, and the PDF/UA identification."""
    info = pdf.docinfo
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = str(info.get("/Title", ""))
        xmp["dc:creator"] = [str(info.get("/Author", ""))]
        xmp["dc:description"] = str(info.get("/Subject", ""))
        xmp["dc:language"] = [document.leaflet.language]
        xmp["pdf:Keywords"] = str(info.get("/Keywords", ""))
        xmp["pdf:Producer"] = str(info.get("/Producer", ""))
        xmp["xmp:CreatorTool"] = str(info.get("/Creator", ""))
        xmp["pdfuaid:part"] = "1"
        published = f"{document.leaflet.published.isoformat()}T00:00:00Z"  # as the Info dates
        xmp["xmp:CreateDate"] = published
        xmp["xmp:ModifyDate"] = published


_NULL_MAPPING = re.compile(rb"<[0-9A-Fa-f]+>\s*<(?:0000|FEFF|FFFE)>\s*")


def _clean_to_unicode(pdf: pikepdf.Pdf) -> None:
    """ReportLab's subsets map glyph 0 (never drawn) to U+0000, which PDF/UA forbids."""
    for font in _fonts(pdf):
        cmap = font.get("/ToUnicode")
        if cmap is None:
            continue
        data = cmap.read_bytes()
        cleaned = re.sub(rb"(\d+) beginbfchar\s*((?:<[^>]*>\s*<[^>]*>\s*)*)endbfchar",
                         _drop_null(data), data)
        if cleaned != data:
            cmap.write(cleaned)


def _drop_null(data: bytes):
    def replace(match: re.Match) -> bytes:
        body = _NULL_MAPPING.sub(b"", match.group(2))
        count = len(re.findall(rb"<[^>]*>\s*<[^>]*>", body))
        return b"%d beginbfchar\n%sendbfchar" % (count, body)

    return replace


def _fonts(pdf: pikepdf.Pdf):
    seen = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
