"""The peer: the same leaflet as a Typst document, compiled with the typst package.

    python bench/typstpeer.py --out DIR leaflet.yaml ...       # one PDF per leaflet
    python bench/typstpeer.py --jobs 2 --out DIR leaflets/*.yaml

The same text, inline markup, lists, body-map figure (the same SVG) and contacts as the
floor (floor.py), with the Noto Sans files, A4 with leafletgen's margins, a "Page N of M"
footer, tagged as PDF/UA-1 like leafletgen's screen files where this Typst can.
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import yaml

ASSETS = Path(__file__).resolve().parent.parent / "src" / "leafletgen" / "assets"
SPECIAL = set("#*_`$<>@[]\\/=-+~\"")
INLINE = re.compile(r"(\*\*.+?\*\*|\*.+?\*|\[.+?\]\(.+?\))")


def escape(text: str) -> str:
    return "".join("\\" + c if c in SPECIAL else c for c in text)


def markup(text: object) -> str:
    out = []
    for token in INLINE.split(" ".join(str(text).split())):
        if token.startswith("**") and token.endswith("**") and len(token) > 4:
            out.append("*" + escape(token[2:-2]) + "*")
        elif token.startswith("*") and token.endswith("*") and len(token) > 2:
            out.append("_" + escape(token[1:-1]) + "_")
        elif token.startswith("[") and "](" in token:
            label, url = token[1:-1].split("](", 1)
            out.append(f'#link("{url}")[{escape(label)}]')
        else:
            out.append(escape(token))
    return "".join(out)


HEAD = """#set document(title: "{title}")
#set page(paper: "a4", margin: (x: 20mm, top: 18mm, bottom: 22mm),
  footer: context align(right, text(size: 8.5pt)[Page #counter(page).display() of #counter(page).final().first()]))
#set text(font: "Noto Sans", size: 12pt, lang: "en")
#set par(leading: 0.6em)
#show heading.where(level: 1): set text(size: 26pt)
#show heading.where(level: 2): set text(size: 16pt)
= {title_markup}

{summary}
"""


def block(item) -> str:
    if isinstance(item, str):
        return markup(item)
    if "list" in item or "steps" in item:
        mark = "-" if "list" in item else "+"
        return "\n".join(f"{mark} {markup(i)}" for i in item.get("list") or item["steps"])
    if "bodymap" in item:
        m = item["bodymap"]
        return (f'#figure(image("/bodymaps/{m.get("view", "front")}.svg", height: 95mm, '
                f'alt: "{escape(str(m.get("alt", "")))}"), caption: [{markup(m.get("caption", ""))}])')
    return markup(item.get("note", ""))


def source(leaflet: dict) -> str:
    """The leaflet as Typst markup."""
    parts = [HEAD.format(title=leaflet["title"].replace('"', "'"),
                         title_markup=markup(leaflet["title"]),
                         summary=markup(leaflet.get("summary", "")))]
    for section in leaflet["sections"]:
        parts.append("== " + markup(section["heading"]))
        parts += [block(item) for item in section["body"]]
    parts += [markup(" \u00b7 ".join(str(v) for v in c.values()))
              for c in leaflet.get("contacts", ())]
    return "\n\n".join(parts)


@cache
def compiler():
    """One compiler per process, the fonts loaded once (the reused case)."""
    import typst

    return typst.Compiler(root=str(ASSETS), font_paths=[str(ASSETS / "fonts")],
                          ignore_system_fonts=True)


STANDARDS = ["ua-1"]


def compile_fresh(text: str) -> bytes:
    import typst

    return typst.compile(text.encode(), root=str(ASSETS), font_paths=[str(ASSETS / "fonts")],
                         pdf_standards=STANDARDS)


def compile_reused(text: str) -> bytes:
    return compiler().compile(text.encode(), pdf_standards=STANDARDS)


def build_file(path: str, out: str) -> str:
    leaflet = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    target = Path(out) / f"{Path(path).stem}-a4.pdf"
    target.write_bytes(compile_reused(source(leaflet)))
    return str(target)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--out", default=".")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    if args.jobs == 1:
        for path in args.files:
            build_file(path, args.out)
        return
    n = len(args.files)
    with ProcessPoolExecutor(args.jobs) as pool:
        list(pool.map(build_file, args.files, [args.out] * n,
                      chunksize=max(1, n // (args.jobs * 8))))


if __name__ == "__main__":
    main(sys.argv[1:])
