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
import zlib
from functools import lru_cache
from xml.sax.saxutils import escape

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
    # Streams are copied as ReportLab compressed them (re-encoding them all would double
    # the cost of a file); the few written here are compressed as they are written.
    pdf.save(out, deterministic_id=True, compress_streams=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False)
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
        if element.spoken:
            node.ActualText = String(element.spoken)
        if element.type == "Note":
            node.ID = String(f"note-{len(self.objects)}")
        if element.type == "TH":
            node.A = Dictionary(O=Name.Table, Scope=Name("/" + element.scope))
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
    items = []
    for element in walk(root):
        contents = [k for k in element.kids if isinstance(k, Content)]
        if element.type in ("H1", "H2") and contents:
            first = contents[0]
            page = writer.pages[first.page].obj
            items.append(pdf.make_indirect(Dictionary(
                Title=String(element.text or element.type),
                Dest=Array([page, Name.XYZ, 0, round(first.bbox[3], 2), 0]))))
    write_outline(pdf, items)


def write_outline(pdf: pikepdf.Pdf, items: list) -> None:
    """The document outline: these bookmark dictionaries, in order, one level deep."""
    if not items:
        return
    outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=len(items)))
    for number, item in enumerate(items):
        item.Parent = outlines
        if number:
            item.Prev, items[number - 1].Next = items[number - 1], item
    outlines.First, outlines.Last = items[0], items[-1]
    pdf.Root.Outlines = outlines


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


def _metadata(pdf: pikepdf.Pdf, document: Document) -> None:
    write_metadata(pdf, document.leaflet.language,
                   f"{document.leaflet.published.isoformat()}T00:00:00Z")


def write_metadata(pdf: pikepdf.Pdf, language: str, date: str) -> None:
    """XMP with the same facts as the Info dictionary, and the PDF/UA identification
    (written from a template: pikepdf's XMP editor costs more than the rest of tagging).
    Also used for the joined series file (render/impose.py)."""
    info = pdf.docinfo
    facts = {key: escape(str(info.get(f"/{name}", ""))) for key, name in (
        ("title", "Title"), ("author", "Author"), ("subject", "Subject"),
        ("keywords", "Keywords"), ("producer", "Producer"), ("creator", "Creator"))}
    packet = XMP.format(language=escape(language), date=date, **facts)
    stream = pikepdf.Stream(pdf, packet.encode("utf-8"))
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)


_NULL_MAPPING = re.compile(rb"<[0-9A-Fa-f]+>\s*<(?:0000|FEFF|FFFE)>\s*")


def _clean_to_unicode(pdf: pikepdf.Pdf) -> None:
    """ReportLab's subsets map glyph 0 (never drawn) to U+0000, which PDF/UA forbids."""
    for font in _fonts(pdf):
        cmap = font.get("/ToUnicode")
        if cmap is None:
            continue
        cleaned = _cleaned(cmap.read_raw_bytes(), str(cmap.get("/Filter", "")))
        if cleaned is not None:
            cmap.write(cleaned, filter=Name.FlateDecode)


@lru_cache(maxsize=256)  # a library's leaflets share their fonts' maps, more or less
def _cleaned(raw: bytes, filters: str) -> bytes | None:
    """The map without its U+0000 entries, compressed; None when it has none."""
    data = zlib.decompress(raw) if "/FlateDecode" in filters else raw
    cleaned = re.sub(rb"(\d+) beginbfchar\s*((?:<[^>]*>\s*<[^>]*>\s*)*)endbfchar",
                     _drop_null, data)
    return zlib.compress(cleaned) if cleaned != data else None


def _drop_null(match: re.Match) -> bytes:
    body = _NULL_MAPPING.sub(b"", match.group(2))
    count = len(re.findall(rb"<[^>]*>\s*<[^>]*>", body))
    return b"%d beginbfchar\n%sendbfchar" % (count, body)


def _fonts(pdf: pikepdf.Pdf):
    seen = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
