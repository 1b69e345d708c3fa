"""Finishers: what render does to a PDF after writing it, by name.

A format asks for its own (the booklet's "saddle-stitch", in formats.py); a build asks
for "pdfx" for print-ready files. Each takes the rendered file and the document it came
from, and returns the finished file. Add a finisher here, and name it where it is needed.
"""

from __future__ import annotations

from collections.abc import Callable

from leafletgen.document import Document, Rendered

Finisher = Callable[[Rendered, Document], Rendered]


def _saddle_stitch(rendered: Rendered, document: Document) -> Rendered:
    from leafletgen.render.impose import impose_pages  # pikepdf: only the booklet pays

    return impose_pages(rendered, document)


def _pdfx(rendered: Rendered, document: Document) -> Rendered:
    from leafletgen.render.pdfx import finish_print_file

    return Rendered(finish_print_file(rendered.data), rendered.pages)


FINISHERS: dict[str, Finisher] = {
    "saddle-stitch": _saddle_stitch,  # pages two-up on sheets, in folding order (booklet)
    "pdfx": _pdfx,  # print-ready files: output intent, PDF/X keys, no annotations
}
# Screen files are tagged PDF/UA-1. Asked for like a finisher, but done by render itself in
# the same pass as the pages (render/tagging.py, render/structure.py): reopening the file
# afterwards would cost more than the tagging.
TAGGED = "pdfua"


def run_finishers(rendered: Rendered, document: Document, names: tuple[str, ...]) -> Rendered:
    for name in names:
        if name == TAGGED:
            continue
        rendered = FINISHERS[name](rendered, document)
    return rendered
