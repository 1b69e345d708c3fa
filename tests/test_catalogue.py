"""The catalogue page on real PDFs: cards, groups, links that exist, overdue flags, thumbnails.

Every catalogue here is the one the build writes, as `leafletgen build` writes it."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from conftest import write_leaflet
from leafletgen.build import BuildOptions, build
from leafletgen.catalogue.cards import format_label
from leafletgen.catalogue.thumbs import SOURCE_KEY, render_png, source_digest
from leafletgen.load.sites import Site

TODAY = dt.date(2026, 12, 1)
LEAFLETS = {
    "bones.yaml": """\
        id: BONE-02
        title: Looking after your bones
        series: Living with cancer
        order: 2
        version: "1.1"
        published: 2025-01-10
        review: 2027-01-10
        owner: Bone health team
        summary: How to keep your bones strong during treatment.
        sections:
          - heading: Strong bones
            body:
              - Walking and a diet with calcium help. Ask about a **DEXA** scan.
        quick_guide:
          points:
            - Walk every day if you can.
        """,
    "tired.yaml": """\
        id: FAT-01
        title: Feeling tired
        series: Living with cancer
        order: 1
        version: "2.0"
        published: 2024-03-01
        review: 2026-03-01
        owner: Nurses
        sections:
          - heading: Why you feel tired
            body:
              - note: Tell the Café Crème team if you are tired all the time.
        quick_guide:
          points:
            - Rest when you need to.
        """,
    "parking.yaml": """\
        id: PARK-01
        title: Parking <b>& "fees"</b>
        version: "1.0"
        published: 2026-01-01
        review: 2028-01-01
        owner: Estates
        sections:
          - heading: Where to park
            body:
              - list:
                  - The multi-storey car park on Elm Road.
        """,
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str = "", cls: str = "") -> list[Node]:
        found = []
        for child in self.children:
            if (not tag or child.tag == tag) and (not cls or cls in child.attrs.get("class", "").split()):
                found.append(child)
            found += child.all(tag, cls)
        return found

    def content(self) -> str:
        return " ".join((self.text + " " + " ".join(c.content() for c in self.children)).split())


class Tree(HTMLParser):
    VOID = {"meta", "img", "input", "br", "link"}

    def __init__(self, html: str):
        super().__init__()
        self.root = Node("root", {})
        self.stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].text += data


OPTIONS = BuildOptions(formats=("a4", "a5", "quick"), print_ready=True)


def build_library(root: Path, today: dt.date = TODAY, out: str | Path = "output",
                  options: BuildOptions = OPTIONS, progress=lambda path: None):
    """Build root's leaflets from inside root, as `leafletgen build` does there: the result,
    and the files it reported written (the catalogue last)."""
    reported: list[Path] = []

    def report(path: Path, ok: bool, done: int, total: int) -> None:
        if ok:
            reported.append(root / path)
            progress(root / path)

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = build([Path("leaflets")], options, Path(out), today=today, progress=report)
    return result, reported


@dataclass
class Library:
    root: Path  # leaflets/ and output/
    reported: list[Path]  # what its first build reported written

    @property
    def out(self) -> Path:
        return self.root / "output"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Library:
    """A library of three leaflets built to A4, A5 and quick guides, print-ready too."""
    library = tmp_path_factory.mktemp("library")
    for name, text in LEAFLETS.items():
        write_leaflet(library, name, text)
    result, reported = build_library(library)
    # Only the quick guide of the leaflet that has none fails.
    assert [Path(source).name for source in result.failures] == ["parking.yaml"]
    assert {d.code for ds in result.failures.values() for d in ds} == {"format.quick-guide-missing"}
    return Library(library, reported)


def catalogue(built: Library, today: dt.date = TODAY) -> Node:
    """The library's catalogue as of today: its build writes it again when the day changed."""
    build_library(built.root, today)
    return read_catalogue(built.out)


def read_catalogue(out: Path) -> Node:
    return Tree((out / "index.html").read_text(encoding="utf-8")).root


def cards(root: Node) -> dict[str, Node]:
    return {card.attrs["id"].removeprefix("leaflet-"): card for card in root.all("li", "card")}


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_cards_are_grouped_by_series_then_ordered(built):
    assert built.reported[-1] == built.out / "index.html"  # the build wrote its catalogue last
    root = catalogue(built)
    groups = root.all("section", "group")
    assert [g.all("h2")[0].content() for g in groups] == ["Living with cancer", "Other leaflets"]
    assert [c.attrs["id"] for c in groups[0].all("li", "card")] == ["leaflet-FAT-01", "leaflet-BONE-02"]
    assert [c.attrs["id"] for c in groups[1].all("li", "card")] == ["leaflet-PARK-01"]
    card = cards(root)["BONE-02"]
    facts = card.all("dl")[0].content()
    assert "Code BONE-02" in facts and "Version 1.1" in facts
    assert "Published 10 January 2025" in facts and "Review due 10 January 2027" in facts
    assert card.all("h3")[0].content() == "Looking after your bones"


def test_every_link_and_picture_is_relative_and_exists(built):
    out = built.out
    root = catalogue(built)
    targets = [a.attrs["href"] for a in root.all("a")] + [img.attrs["src"] for img in root.all("img")]
    files = [t for t in targets if not t.startswith("#")]
    assert len(files) > 10
    for target in files:
        assert "://" not in target and not target.startswith("/"), target
        assert (out / unquote(target)).is_file(), target
    for anchor in (t[1:] for t in targets if t.startswith("#")):
        assert any(n.attrs.get("id") == anchor for n in root.all()), anchor


def test_each_card_links_every_built_format_with_human_labels(built):
    root = catalogue(built)
    card = cards(root)["BONE-02"]
    links = {a.content().split(":")[0].strip(): a.attrs["href"] for a in card.all("a", "button")}
    assert links == {
        "A4 leaflet": "BONE-02-v1.1-a4.pdf", "A5 leaflet": "BONE-02-v1.1-a5.pdf",
        "Quick guide": "BONE-02-v1.1-quick.pdf",
        "Print-ready A4 leaflet": "BONE-02-v1.1-a4-print.pdf",
        "Print-ready A5 leaflet": "BONE-02-v1.1-a5-print.pdf",
        "Print-ready quick guide": "BONE-02-v1.1-quick-print.pdf"}
    first = card.all("a", "button")[0]
    assert "PDF, 1 page" in first.content() and "Looking after your bones" in first.content()
    # A leaflet without a quick guide has no quick-guide button.
    assert "Quick guide" not in cards(root)["PARK-01"].content()


def test_the_series_quick_guides_are_linked_in_the_series_header(built):
    root = catalogue(built)
    head = root.all("div", "group-head")[0]
    [link] = head.all("a")
    assert link.attrs["href"] == "series/living-with-cancer-quick.pdf"
    assert "Quick guides for this series" in link.content() and "2 pages" in link.content()
    assert root.all("div", "group-head")[1].all("a") == []  # "Other leaflets" is not a series


def test_overdue_reviews_are_flagged_in_words(built):
    root = catalogue(built, today=dt.date(2026, 3, 2))
    flagged = {key for key, card in cards(root).items() if "Review overdue" in card.content()}
    assert flagged == {"FAT-01"}
    assert "review overdue" in cards(root)["FAT-01"].attrs["data-search"]  # typing "overdue" finds it
    assert "1 leaflet past its review date" in root.all("header")[0].content()
    root = catalogue(built, today=dt.date(2028, 6, 1))
    flagged = {key for key, card in cards(root).items() if "Review overdue" in card.content()}
    assert flagged == {"FAT-01", "BONE-02", "PARK-01"}
    root = catalogue(built, today=dt.date(2024, 6, 1))
    assert not any("Review overdue" in card.content() for card in cards(root).values())
    assert "past" not in root.all("header")[0].content()


def test_review_due_soon_and_on_the_day(built):
    root = catalogue(built, today=dt.date(2026, 1, 1))
    assert "Review due soon" in cards(root)["FAT-01"].content()  # 59 days before
    assert "(in 59 days)" in cards(root)["FAT-01"].content()
    root = catalogue(built, today=dt.date(2026, 3, 1))
    assert "Review due soon" in cards(root)["FAT-01"].content()  # on the day: due, not yet overdue
    assert "Review overdue" not in cards(root)["FAT-01"].content()
    assert "Review due soon" not in cards(root)["BONE-02"].content()


def test_thumbnails_are_pngs_of_page_one_with_the_page_shape(built):
    out = built.out
    root = catalogue(built)
    for key, card in cards(root).items():
        [img] = card.all("img")
        path = out / img.attrs["src"]
        assert path.name == {"BONE-02": "BONE-02-v1.1.png", "FAT-01": "FAT-01-v2.0.png",
                             "PARK-01": "PARK-01-v1.0.png"}[key]
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert image.size == (int(img.attrs["width"]), int(img.attrs["height"]))
            assert image.width == 240
            assert image.height / image.width == pytest.approx(297 / 210, rel=0.01)
            assert image.getextrema() != ((255, 255), (255, 255), (255, 255))  # not blank


def test_unchanged_pdfs_keep_their_thumbnails_and_changed_ones_are_redrawn(built, tmp_path):
    library, out = tmp_path / "library", tmp_path / "out"
    shutil.copytree(built.root / "leaflets", library / "leaflets")
    shutil.copytree(built.out, out)  # file times too: every PDF is still up to date
    shutil.rmtree(out / "thumbs", ignore_errors=True)
    _, first = build_library(library, out=out)
    assert first == [out / "index.html"]  # no PDF built again: the catalogue draws the pictures
    assert sorted(stamps(out / "thumbs")) == [
        "BONE-02-v1.1.png", "FAT-01-v2.0.png", "PARK-01-v1.0.png"]
    stamp = stamps(out / "thumbs")
    _, second = build_library(library, today=TODAY + dt.timedelta(days=1), out=out)
    assert second == [out / "index.html"]
    assert stamp == stamps(out / "thumbs")
    # The bone leaflet's A4 file changes: only its thumbnail is drawn again, from the new file.
    bones = library / "leaflets" / "bones.yaml"
    bones.write_text(bones.read_text(encoding="utf-8").replace("a diet with", "food with"),
                     encoding="utf-8")
    before = (out / "thumbs" / "BONE-02-v1.1.png").read_bytes()
    _, third = build_library(library, out=out)
    assert out / "BONE-02-v1.1-a4.pdf" in third and third[-1] == out / "index.html"
    assert {name for name, ns in stamps(out / "thumbs").items() if stamp[name] != ns} == {
        "BONE-02-v1.1.png"}
    a4 = (out / "BONE-02-v1.1-a4.pdf").read_bytes()
    after = (out / "thumbs" / "BONE-02-v1.1.png").read_bytes()
    assert after != before and after == render_png(a4, source_digest(a4))
    with Image.open(out / "thumbs" / "BONE-02-v1.1.png") as image:
        assert image.info[SOURCE_KEY].count(":") == 1


def test_the_same_inputs_give_the_same_bytes(built, tmp_path):
    catalogue(built)
    index = (built.out / "index.html").read_bytes()
    thumb = (built.out / "thumbs" / "BONE-02-v1.1.png").read_bytes()
    copy = tmp_path / "copy"
    shutil.copytree(built.out, copy)
    shutil.rmtree(copy / "thumbs")  # the workers drew these; now the catalogue draws them again
    build_library(built.root, out=copy)
    assert (copy / "index.html").read_bytes() == index
    assert (copy / "thumbs" / "BONE-02-v1.1.png").read_bytes() == thumb


def test_everything_from_a_leaflet_is_escaped(built):
    out = built.out
    catalogue(built)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<b>&" not in html and '"fees"' not in html
    assert "Parking &lt;b&gt;&amp; &quot;fees&quot;&lt;/b&gt;" in html
    root = Tree(html).root  # and the page still parses, tags balanced
    assert cards(root)["PARK-01"].all("h3")[0].content() == 'Parking <b>& "fees"</b>'


def test_the_search_index_holds_the_text_folded(built):
    root = catalogue(built)
    index = cards(root)["FAT-01"].attrs["data-search"]
    assert "feeling tired" in index and "fat-01" in index and "living with cancer" in index
    assert "tell the cafe creme team" in index  # the note's words, accents folded, lower case
    assert "dexa" in cards(root)["BONE-02"].attrs["data-search"]  # markup removed
    assert "**" not in cards(root)["BONE-02"].attrs["data-search"]
    search = root.all("input")[0]
    [label] = [n for n in root.all("label") if n.attrs.get("for") == search.attrs["id"]]
    assert label.content() == "Search the leaflets"
    [status] = [n for n in root.all("p") if n.attrs.get("aria-live") == "polite"]
    assert status.content() == "3 leaflets"


def test_missing_files_are_not_linked_and_a_leaflet_without_pdfs_says_so(tmp_path):
    """A file can go while the build runs (someone tidying a shared drive): the catalogue
    links only the files there when it is written, and draws no picture of a missing one."""
    library, out = tmp_path / "library", tmp_path / "cat"
    write_leaflet(library, "bones.yaml", LEAFLETS["bones.yaml"])
    pictures: dict[str, int] = {}

    def remove_at_once(path: Path) -> None:
        if path.suffix == ".pdf":  # the bone leaflet's files and its series' quick guides
            path.unlink()
            pictures.update(stamps(out / "thumbs"))

    _, reported = build_library(library, out=out, options=BuildOptions(formats=("a4", "quick")),
                                progress=remove_at_once)
    assert reported[-1] == out / "index.html" and not list(out.rglob("*.pdf"))
    root = read_catalogue(out)
    card = cards(root)["BONE-02"]
    assert card.all("a") == [] and card.all("img") == []
    assert "No PDF of this leaflet was built." in card.content()
    assert root.all("div", "group-head")[0].all("a") == []  # nor the series' quick guides
    assert stamps(out / "thumbs") == pictures  # the catalogue wrote only index.html


def test_the_thumbnail_falls_back_to_the_first_file_built(tmp_path):
    library = tmp_path / "library"
    write_leaflet(library, "bones.yaml", LEAFLETS["bones.yaml"])
    pictures = []
    for name, options in (("a", BuildOptions(formats=("quick",), print_ready=True)),
                          ("b", BuildOptions(formats=("quick",))),
                          ("c", BuildOptions(formats=("a4",)))):
        build_library(library, out=tmp_path / name, options=options)
        with Image.open(tmp_path / name / "thumbs" / "BONE-02-v1.1.png") as image:
            pictures.append(image.tobytes())
    assert pictures[0] == pictures[1] != pictures[2]


def test_format_labels():
    assert [format_label(k) for k in ("a4", "a5", "large", "quick", "booklet")] == [
        "A4 leaflet", "A5 leaflet", "Large print", "Quick guide", "Booklet (A5, to fold)"]
    assert [format_label(k) for k in ("a4-print", "large-print", "booklet-print", "poster")] == [
        "Print-ready A4 leaflet", "Print-ready large print", "Print-ready booklet (A5, to fold)",
        "poster"]


def test_a_site_catalogue_names_the_site_and_inlines_its_logo(built, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (8, 4), "navy").save(logo)
    site = Site("Northfield <General>", "northfield", (), logo=str(logo))
    build_library(built.root, out=tmp_path / "site",
                  options=BuildOptions(formats=("a4",), site=site))
    root = read_catalogue(tmp_path / "site")
    header = root.all("header")[0]
    assert "Contact details for Northfield <General>" in header.content()
    [img] = header.all("img")
    assert img.attrs["src"].startswith("data:image/png;base64,") and img.attrs["alt"] == "Northfield <General>"
    assert root.all("title")[0].content() == "Patient information leaflets: Northfield <General>"


def test_the_page_asks_for_nothing_outside_its_folder(built):
    out = built.out
    catalogue(built)
    html = (out / "index.html").read_text(encoding="utf-8")
    for outside in ("http://", "https://", "//cdn", "<link", "@import", "src=\"/"):
        assert outside not in html
    [policy] = [m.attrs["content"] for m in Tree(html).root.all("meta")
                if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src" not in policy


def test_series_order_and_unique_anchors(library):
    from conftest import MINIMAL

    def leaflet(n: int, series: str, order: int | None, title: str) -> None:
        text = MINIMAL.replace("TEST-01", f"TEST-0{n}").replace("A test leaflet", title)
        text += f"series: {series}\n" + (f"order: {order}\n" if order is not None else "")
        write_leaflet(library, f"{n}.yaml", text)

    for args in ((1, "eye & ear", None, "Alpha"), (2, "Eye ear", 2, "Beta"),
                 (3, "Eye ear", 1, "Gamma"), (4, "Eye ear", None, "Delta"),
                 (5, "Eye ear", None, "Charlie")):
        leaflet(*args)
    build_library(library, options=BuildOptions(formats=("a4",)))
    root = read_catalogue(library / "output")
    groups = root.all("section", "group")
    assert [g.all("h2")[0].content() for g in groups] == ["eye & ear", "Eye ear"]
    assert len({g.attrs["id"] for g in groups}) == 2
    titles = [h.content() for h in groups[1].all("h3")]
    assert titles == ["Gamma", "Beta", "Charlie", "Delta"]  # by order, then unordered by title
