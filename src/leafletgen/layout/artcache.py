"""Vector art drawn once per process, placed in each PDF as a form XObject.

A library's leaflets show the same body map again and again. Turning its ~1,000
paths into PDF operators, and compressing them, is most of what a leaflet costs, so
both are done once per art, size and colour space: every document then gets a form
XObject whose stream is already compressed, under a name derived from its content.
"""

from __future__ import annotations

import hashlib
import io
import zlib

from reportlab.pdfbase import pdfdoc


class _CompressedOnce:
    """zlib's Flate filter for ReportLab streams, remembering what it compressed."""

    pdfname = "FlateDecode"
    _done: dict[bytes, bytes] = {}

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("latin-1") if isinstance(text, str) else text
        key = hashlib.sha1(data).digest()
        if key not in self._done:
            self._done[key] = zlib.compress(data)
        return self._done[key]


_FLATE_ONCE = _CompressedOnce()
_operators: dict[tuple, tuple[str, tuple]] = {}
MOST_KEPT = 64  # arts kept per process: a library uses a few maps in a few sizes


def draw_art(canvas, key: tuple, node, width: float, height: float) -> None:
    """Draw a reportlab.graphics node (at the origin) on the canvas, from the cache."""
    enforce = getattr(canvas, "_enforceColorSpace", None)
    code, states = _art_operators((key, getattr(enforce, "__name__", None)), node, width,
                                  height, enforce)
    name = "Art" + hashlib.sha1(code.encode("latin-1")).hexdigest()[:20]
    if not canvas.hasForm(name):
        canvas.beginForm(name, 0, 0, width, height)
        canvas.endForm(Contents=pdfdoc.PDFStream(content=code, filters=[_FLATE_ONCE]),
                       Resources=_resources(states), compression=0)
    canvas.doForm(name)


def _art_operators(key: tuple, node, width: float, height: float, enforce) -> tuple[str, tuple]:
    """The PDF operators of the node, and the graphics states (opacity) they name
    (as /Gs0, /Gs1, ... in the form's own resources)."""
    if key not in _operators:
        from reportlab.graphics import renderPDF
        from reportlab.graphics.shapes import Drawing
        from reportlab.pdfgen.canvas import Canvas

        from leafletgen.fonts import REGULAR

        scratch = Canvas(io.BytesIO(), initialFontName=REGULAR, enforceColorSpace=enforce)
        alone = Drawing(width, height)
        alone.add(node)
        renderPDF.draw(alone, scratch, 0, 0)
        code = "\n".join(scratch._code)
        states = tuple(scratch._extgstate._c)
        for number, state in enumerate(states):
            code = code.replace(f"/{scratch._extgstate._c[state]} gs", f"/Gs{number} gs")
        if len(_operators) >= MOST_KEPT:  # forget the oldest: memory stays flat
            oldest = next(iter(_operators))
            _CompressedOnce._done.pop(hashlib.sha1(_operators.pop(oldest)[0].encode("latin-1"))
                                      .digest(), None)
        _operators[key] = (code, states)
    return _operators[key]


def _resources(states: tuple) -> pdfdoc.PDFResourceDictionary:
    resources = pdfdoc.PDFResourceDictionary()
    resources.ExtGState = {f"Gs{n}": pdfdoc.PDFDictionary(dict((state,)))
                           for n, state in enumerate(states)}
    return resources
