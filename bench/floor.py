"""The floor: what a bare ReportLab script does with a leaflet, and nothing more.

    python bench/floor.py --format a4 --out DIR leaflet.yaml ...   # one PDF per leaflet
    python bench/floor.py --jobs 2 --out DIR leaflets/*.yaml       # a 2-process pool

It reads the YAML, turns the same inline markup (**bold**, *italic*, [links](url)) into
ReportLab's, registers the same four Noto Sans faces, and lays out the title, summary,
headings, paragraphs, bulleted and numbered lists, notes, the body-map figure (the same
SVG through svglib, parsed and turned into PDF operators once per process, then placed
in each document) with its caption, and the contacts, with a "Page N of M" footer drawn at save on every page (a canvasmaker). The
quick guide is its points, figure and contacts on one A4 page. Per format: the same page
size, margins and type sizes as leafletgen's (formats.py), copied here so that this
script imports nothing of leafletgen. No tagging, stamps, thumbnails or catalogue.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

ASSETS = Path(__file__).resolve().parent.parent / "src" / "leafletgen" / "assets"
FACES = {"N": "NotoSans-Regular.ttf", "N-B": "NotoSans-Bold.ttf",
         "N-I": "NotoSans-Italic.ttf", "N-BI": "NotoSans-BoldItalic.ttf"}

# page, (top, side, bottom margins), body, leading, heading, title, figure height (pt)
FORMATS = {
    "a4": (A4, (51.02, 56.69, 62.36), 12, 1.42, 16, 26, 269.29),
    "a5": (A5, (39.69, 42.52, 53.86), 10.5, 1.42, 14, 20, 240.94),
    "quick": (A4, (45.35, 51.02, 62.36), 16, 1.35, 20, 30, 269.29),
    "large": (A4, (51.02, 56.69, 76.54), 16, 1.5, 22, 32, 453.54),
}


@cache
def register() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(ASSETS / "fonts" / file)))
    for bold, italic, name in ((0, 0, "N"), (1, 0, "N-B"), (0, 1, "N-I"), (1, 1, "N-BI")):
        addMapping("N", bold, italic, name)


@cache
def body_art(view: str):
    from svglib.svglib import svg2rlg

    return svg2rlg(str(ASSETS / "bodymaps" / f"{view}.svg"))


@cache
def art_operators(view: str) -> str:
    """The art's PDF operators, made once per process (the figure "drawn once, reused")."""
    from reportlab.graphics import renderPDF

    scratch = Canvas(io.BytesIO(), initialFontName="N")
    renderPDF.draw(body_art(view), scratch, 0, 0)
    assert not scratch._extgstate._c, "art with opacity would need its graphics states"
    code = "\n".join(scratch._code)  # less the scratch page's own font setting
    return re.sub(r"BT /F\d+ [\d.]+ Tf [\d.]+ TL ET", "", code)


class Figure(Flowable):
    """The body map at a height: the operators made once, placed scaled on each page."""

    def __init__(self, view: str, height: float):
        super().__init__()
        art = body_art(view)
        self.view, self.scale = view, height / art.height
        self.width, self.height = art.width * self.scale, height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.transform(self.scale, 0, 0, self.scale, 0, 0)
        self.canv._code.append(art_operators(self.view))
        self.canv.restoreState()


def figure(view: str, height: float) -> Figure:
    return Figure(view, height)


def markup(text: object) -> str:
    text = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return re.sub(r"\[(.+?)\]\((.+?)\)", r'<a href="\2">\1</a>', text)


def styles(fmt: str) -> dict[str, ParagraphStyle]:
    _, _, body, leading, heading, title, _ = FORMATS[fmt]
    return {"title": ParagraphStyle("t", fontName="N-B", fontSize=title, leading=title * 1.2,
                                    spaceAfter=body),
            "h": ParagraphStyle("h", fontName="N-B", fontSize=heading, leading=heading * 1.25,
                                spaceBefore=body, spaceAfter=body / 2),
            "p": ParagraphStyle("p", fontName="N", fontSize=body, leading=body * leading,
                                spaceAfter=body / 2),
            "li": ParagraphStyle("l", fontName="N", fontSize=body, leading=body * leading,
                                 leftIndent=body * 1.5, bulletIndent=body / 2,
                                 bulletFontName="N", spaceAfter=body / 4)}


def blocks(body: list, s: dict, fig_height: float) -> list:
    out = []
    for block in body:
        if isinstance(block, str):
            out.append(Paragraph(markup(block), s["p"]))
        elif "list" in block or "steps" in block:
            items = block.get("list") or block.get("steps")
            for n, item in enumerate(items, 1):
                mark = "\u2022" if "list" in block else f"{n}."
                out.append(Paragraph(markup(item), s["li"], bulletText=mark))
        elif "bodymap" in block:
            out += [figure(block["bodymap"].get("view", "front"), fig_height),
                    Paragraph(markup(block["bodymap"].get("caption", "")), s["p"])]
        elif "note" in block:
            out.append(Paragraph(markup(block["note"]), s["p"]))
    return out


def contacts(leaflet: dict, s: dict) -> list:
    return [Paragraph(markup(" \u00b7 ".join(str(v) for v in c.values())), s["p"])
            for c in leaflet.get("contacts", ())]


def leaflet_story(leaflet: dict, fmt: str) -> list:
    s = styles(fmt)
    story = [Paragraph(markup(leaflet["title"]), s["title"]),
             Paragraph(markup(leaflet.get("summary", "")), s["p"])]
    for section in leaflet["sections"]:
        story.append(Paragraph(markup(section["heading"]), s["h"]))
        story += blocks(section["body"], s, FORMATS[fmt][6])
    return story + contacts(leaflet, s)


def quick_story(leaflet: dict, width: float, height: float) -> list:
    """Title, points and contacts at the format's size; the figure takes what is left of
    the page (leafletgen steps the type down instead, to keep the figure legible)."""
    s, guide = styles("quick"), leaflet["quick_guide"]
    story = [Paragraph(markup(guide.get("title") or leaflet["title"]), s["title"])]
    story += blocks([{"list": guide["points"]}], s, 0) + contacts(leaflet, s)
    if guide.get("bodymap"):
        used = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in story)
        room = min(FORMATS["quick"][6], max(30 * mm, height - used - 16 * 2))
        story.insert(-len(leaflet.get("contacts", ())) or len(story),
                     figure(guide["bodymap"].get("view", "front"), room))
    return story


class NumberedCanvas(Canvas):
    """Keeps each page's state and draws "Page N of M" on every page at save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("N", 8.5)
            self.drawRightString(self._pagesize[0] - 40, 30, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()


def build_pdf(leaflet: dict, fmt: str = "a4") -> bytes:
    register()
    page, (top, side, bottom), *_ = FORMATS[fmt]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page, topMargin=top, leftMargin=side,
                            rightMargin=side, bottomMargin=bottom, title=leaflet["title"],
                            initialFontName="N")
    story = (quick_story(leaflet, doc.width, doc.height) if fmt == "quick"
             else leaflet_story(leaflet, fmt))
    doc.build(story or [Spacer(1, 1)], canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def build_file(source: str, fmt: str, out: str) -> str:
    leaflet = yaml.load(Path(source).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    target = Path(out) / f"{Path(source).stem}-{fmt}.pdf"
    target.write_bytes(build_pdf(leaflet, fmt))
    return str(target)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--format", default="a4", choices=sorted(FORMATS))
    parser.add_argument("--out", default=".")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    if args.jobs == 1:
        for source in args.files:
            build_file(source, args.format, args.out)
        return
    with ProcessPoolExecutor(args.jobs) as pool:
        n = len(args.files)
        list(pool.map(build_file, args.files, [args.format] * n, [args.out] * n,
                      chunksize=max(1, n // (args.jobs * 8))))


if __name__ == "__main__":
    main(sys.argv[1:])
