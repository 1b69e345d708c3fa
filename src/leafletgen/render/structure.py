"""Tagged PDF/UA-1, written by ReportLab in the same pass as the pages.

render/tagging.py records, while the pages are drawn, which marked-content sequence
belongs to which element; at save, when every page is shown, write_structure turns that
record into the document's StructTreeRoot (Document, headings levelled so that none is
skipped, P, L/LI/Lbl/LBody, Figure with /Alt and /BBox, Caption, Table/TR/TH/TD, Note,
Link with its annotation), the ParentTree, /MarkInfo, /ViewerPreferences /DisplayDocTitle,
/Tabs /S and /StructParents on the pages, bookmarks from the headings and XMP metadata with
the PDF/UA identification. Writing it here, rather than reopening the finished file,
keeps tagging to a few per cent of a format's build time.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream, PDFString

from leafletgen.inline import escape  # saxutils's, without its urllib.request import
from leafletgen.messages import ENGLISH, Words
from leafletgen.render.tagging import Content, Element, Tagger

HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")
PAGE_KEYS = ("StructParents", "Tabs")  # what a tagged page has that ReportLab's do not


def write_structure(canvas, tagger: Tagger, date: str, words: Words = ENGLISH,
                    right_to_left: bool = False) -> None:
    """The structure and the document-level facts, into the canvas's document, before it is
    saved. date is the XMP form of the Info dictionary's (e.g. 2026-01-05T00:00:00Z); a
    right-to-left document's viewer preferences keep its direction."""
    doc = canvas._doc
    level_headings(tagger.root)
    writer = _TreeWriter(doc, len(doc.Pages.pages), words)
    tree_root = Written()
    tree = writer.number(tree_root)
    top = writer.element(tagger.root, tree)
    writer.link_annotations(tagger.annotations, top)
    writer.write_elements()
    parent_tree = writer.number(Written(b"<</Nums [%s]>>" % writer.parent_tree()))
    tree_root.data = b"<</Type/StructTreeRoot/K [%d 0 R]/ParentTree %d 0 R/ParentTreeNextKey %d>>" \
        % (top, parent_tree, writer.next_key)
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_root
    catalog.MarkInfo = Written(b"<</Marked true>>")
    catalog.ViewerPreferences = Written(b"<</DisplayDocTitle true%s>>"
                                        % (b"/Direction/R2L" if right_to_left else b""))
    for number, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = [*page.__NoDefault__, *PAGE_KEYS]
        page.StructParents, page.Tabs = number, PDFName("S")
    _bookmarks(writer, tagger.root)
    catalog.Metadata = _metadata_stream(doc, date)


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


class Written(PDFObject):
    """An object whose bytes are written by the tree writer. The tree is a few hundred
    small dictionaries, whose object numbers are known as soon as they are registered:
    writing them directly costs a fraction of ReportLab's PDFDictionary, which sorts,
    escapes and formats every key of every dictionary at save."""

    def __init__(self, data: bytes = b""):
        self.data = data

    def format(self, document) -> bytes:
        return self.data


class _TreeWriter:
    """The StructElem objects of one document, with the ParentTree they need."""

    def __init__(self, doc, page_count: int, words: Words):
        self.doc, self.words = doc, words
        self.pages = [self.number_of(f"Page{n + 1}") for n in range(page_count)]
        self.marks: dict[int, dict[int, int]] = {}  # page -> MCID -> element's object number
        self.leaves: list[tuple[Content, int]] = []
        self.next_key = page_count  # ParentTree keys: pages first, then annotations
        self.annotations: list[tuple[int, int]] = []  # (key, Link element)
        self.nodes: list[tuple[Written, bytes, list]] = []  # object, its keys but /K, kids
        self.kids: dict[int, list] = {}  # element's number -> its kids: Content or numbers
        self.notes = 0

    def number(self, obj: PDFObject) -> int:
        """Register obj as an indirect object of the document: its object number."""
        return self.number_of(self.doc.Reference(obj).name)

    def number_of(self, name: str) -> int:
        return self.doc.idToObjectNumberAndVersion[name][0]

    def element(self, element: Element, parent: int) -> int:
        obj = Written()
        number, kids, pages = self.number(obj), [], set()
        for kid in element.kids:
            if type(kid) is Content:
                self.marks.setdefault(kid.page, {})[kid.mcid] = number
                self.leaves.append((kid, number))
                kids.append(kid)
                pages.add(kid.page)
            else:
                kids.append(self.element(kid, number))
        keys = b"/Type/StructElem/S/%s/P %d 0 R" % (element.type.encode("ascii"), parent)
        if len(pages) == 1:
            keys += b"/Pg %d 0 R" % self.pages[pages.pop()]
        self.nodes.append((obj, keys + self._attributes(element), kids))
        self.kids[number] = kids
        return number

    def _attributes(self, element: Element) -> bytes:
        out = b""
        if element.type == "Figure":
            out += b"/Alt " + self._text(element.alt or self.words("Picture"))
            boxes = [k.bbox for k in element.kids if isinstance(k, Content)]
            if boxes:
                out += b"/A <</O/Layout/BBox [%s]>>" % _numbers(_union(boxes))
        if element.spoken:
            out += b"/ActualText " + self._text(element.spoken)
        if element.type == "Note":
            self.notes += 1
            out += b"/ID " + self._text(f"note-{self.notes}")
        if element.type == "TH":
            out += b"/A <</O/Table/Scope/%s>>" % element.scope.encode("ascii")
        return out

    def _text(self, text: str) -> bytes:
        return PDFString(text).format(self.doc)  # escaped; UTF-16 when it must be

    def link_annotations(self, annotations, document: int) -> None:
        """Each link annotation in a Link element, under the element whose content it lies on."""
        for page, reference, annotation in annotations:
            rect = [float(v) for v in annotation["Rect"].sequence]
            owner = self._owner(page, rect) or document
            words = link_words(annotation["A"]["URI"].s, self.words)
            link = Written(b"<</Type/StructElem/S/Link/P %d 0 R/Pg %d 0 R/Alt %s/K [<</Type/OBJR"
                           b"/Obj %d 0 R/Pg %d 0 R>>]>>" % (
                               owner, self.pages[page], self._text(words),
                               self.number_of(reference.name), self.pages[page]))
            number = self.number(link)
            self.kids[owner].append(number)
            annotation["Contents"] = PDFString(words)
            annotation["F"] = 4  # printed as shown: paper and screen readers get the same
            annotation["StructParent"] = self.next_key
            self.annotations.append((self.next_key, number))
            self.next_key += 1

    def _owner(self, page: int, rect: list[float]) -> int | None:
        cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        for content, number in self.leaves:
            x0, y0, x1, y1 = content.bbox
            if content.page == page and x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1:
                return number
        return None

    def write_elements(self) -> None:
        """Each element's bytes; its /K a bare MCID for one sequence on its page (the usual
        form), else its marked-content references and elements in order."""
        for obj, keys, kids in self.nodes:
            if len(kids) == 1 and type(kids[0]) is Content:
                keys += b"/K %d" % kids[0].mcid
            elif kids:
                keys += b"/K [%s]" % b" ".join(self._kid(kid) for kid in kids)
            obj.data = b"<<" + keys + b">>"

    def _kid(self, kid) -> bytes:
        if type(kid) is Content:
            return b"<</Type/MCR/Pg %d 0 R/MCID %d>>" % (self.pages[kid.page], kid.mcid)
        return b"%d 0 R" % kid

    def parent_tree(self) -> bytes:
        nums = []
        for number in range(len(self.pages)):
            marks = self.marks.get(number, {})
            array = Written(b"[%s]" % b" ".join(b"%d 0 R" % marks[m] for m in sorted(marks)))
            nums.append(b"%d %d 0 R" % (number, self.number(array)))
        nums += [b"%d %d 0 R" % (key, link) for key, link in self.annotations]
        return b" ".join(nums)


def _numbers(values) -> bytes:
    return b" ".join(fp_str(v).encode("ascii") for v in values)


def link_words(uri: str, words: Words = ENGLISH) -> str:
    """What a screen reader says for a link: where it goes, in words."""
    if uri.startswith("mailto:"):
        return words("Email {address}", address=uri[len("mailto:"):])
    if uri.startswith("tel:"):
        return words("Phone {number}", number=uri[len("tel:"):])
    return words("Link to {address}", address=uri)


def _union(boxes) -> list[float]:
    return [round(min(b[0] for b in boxes), 2), round(min(b[1] for b in boxes), 2),
            round(max(b[2] for b in boxes), 2), round(max(b[3] for b in boxes), 2)]


class _Outline(Written):
    """The document outline, written by the tree writer in place of ReportLab's, which
    asks its outline, at save, to prepare itself and say whether it is ready."""

    ready = 1

    def prepare(self, document, canvas) -> None:
        pass


def _bookmarks(writer: _TreeWriter, root: Element) -> None:
    """An outline entry for the title and each H2, at the top of where it is drawn."""
    headings = [(element, next(k for k in element.kids if isinstance(k, Content)))
                for element in walk(root) if element.type in ("H1", "H2")
                and any(isinstance(k, Content) for k in element.kids)]
    if not headings:
        return
    outline = _Outline()
    parent = writer.number(outline)
    items = [Written() for _ in headings]
    numbers = [writer.number(item) for item in items]
    for n, (item, (element, first)) in enumerate(zip(items, headings)):
        links = b"".join(b"/%s %d 0 R" % (key, numbers[m]) for key, m in
                         ((b"Prev", n - 1), (b"Next", n + 1)) if 0 <= m < len(items))
        item.data = b"<</Title %s/Parent %d 0 R%s/Dest [%d 0 R/XYZ 0 %s 0]>>" % (
            writer._text(element.text or element.type), parent, links,
            writer.pages[first.page], fp_str(round(first.bbox[3], 2)).encode("ascii"))
    outline.data = b"<</Type/Outlines/Count %d/First %d 0 R/Last %d 0 R>>" % (
        len(items), numbers[0], numbers[-1])
    doc = writer.doc
    doc.Outlines = doc.outline = doc.Catalog.Outlines = outline


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
FACTS = ("title", "author", "subject", "keywords", "producer", "creator")  # as in Info


def xmp_packet(facts: dict[str, str], language: str, date: str) -> bytes:
    """XMP with the same facts as the Info dictionary and the PDF/UA identification, from
    a template (an XMP library costs more than the rest of tagging)."""
    values = {key: escape(str(facts.get(key, ""))) for key in FACTS}
    return XMP.format(language=escape(language), date=date, **values).encode("utf-8")


def _metadata_stream(doc, date: str) -> PDFStream:
    info, language = doc.info, getattr(doc.Catalog, "Lang", None)
    packet = xmp_packet({key: getattr(info, key) for key in FACTS},
                        language.s if language is not None else "", date)
    # Uncompressed (ReportLab filters only page streams), as XMP is meant to be readable
    # by any tool.
    return PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                     packet)
