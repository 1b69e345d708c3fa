"""Body-map illustrations: the art (bodyart.py) as labelled, highlighted vector drawings.

svglib and reportlab.graphics load lazily: only a leaflet with a map pays for them.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Mapping, Sequence

from reportlab.lib.colors import CMYKColor, Color, HexColor, rgb2cmyk

from leafletgen.bodyart import (NO_REGION, Point, Region, ancestors, art_file, highlighted,
                                region_label, regions_of)
from leafletgen.layout.bodylabels import label_box, label_lines, label_shapes, needs_canvas_text
from leafletgen.layout.bodylabels import plan as labels_plan

_IDENTITY = (1, 0, 0, 1, 0, 0)


# ------------------------------------------------------------------ colours
_WHITE, _BLACK = HexColor("#FFFFFF"), HexColor("#000000")


@dataclass(frozen=True)
class BodyMapColours:
    highlight: Color = field(default_factory=lambda: HexColor("#B0186E"))
    neutral: Color = field(default_factory=lambda: HexColor("#D3D8DE"))
    outline: Color = field(default_factory=lambda: HexColor("#55606B"))
    text: Color = field(default_factory=lambda: HexColor("#1F2933"))


def _mix(a: Color, b: Color, t: float) -> Color:
    """``a`` moved a fraction ``t`` towards ``b``; stays CMYK when ``a`` is CMYK."""
    if isinstance(a, CMYKColor):
        target = b.cmyk() if isinstance(b, CMYKColor) else rgb2cmyk(*b.rgb())
        return CMYKColor(*(x + (y - x) * t for x, y in zip(a.cmyk(), target)))
    return Color(*(x + (y - x) * t for x, y in zip(a.rgb(), b.rgb())))


def _palette(c: BodyMapColours) -> dict[str, Color]:
    return {"on_stroke": _mix(c.highlight, _BLACK, 0.5), "on_line": _mix(c.highlight, _WHITE, 0.5),
            "off_line": _mix(c.outline, c.neutral, 0.45)}


# ------------------------------------------------------------------ the art as shapes
@dataclass(frozen=True)
class _Leaf:
    shape: object  # a reportlab shape in SVG units (y down), never modified
    region: str | None  # innermost region it belongs to
    role: str  # "fill" (takes the region colour), "line" (detail stroke) or "overlay"
    transform: tuple | None = None


def _role(shape, region: Region) -> str | None:
    if getattr(shape, "fillColor", None) is not None:
        return "fill"
    if region.overlay is not None and 3 in getattr(shape, "operators", ()):  # a closed path
        return "overlay"
    return "line" if getattr(shape, "strokeColor", None) is not None else None


def _collect(group, region, transform, meta, out: list[_Leaf]) -> None:
    from reportlab.graphics.shapes import Group, mmult

    for child in group.contents:
        if isinstance(child, Group):
            rid, t = getattr(child, "svgid", None), tuple(child.transform)
            inner = transform if t == _IDENTITY else (mmult(transform, t) if transform else t)
            _collect(child, rid if rid in meta else region, inner, meta, out)
        elif role := _role(child, meta.get(region, NO_REGION)):
            out.append(_Leaf(child, region, role, transform))


def _bounds(leaves) -> tuple[float, float, float, float]:
    from reportlab.graphics.shapes import Group

    boxes = [Group(leaf.shape, transform=leaf.transform or _IDENTITY).getBounds() for leaf in leaves]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


@cache
def _art(view: str) -> tuple[tuple[_Leaf, ...], tuple[float, float, float, float],
                             dict[str, tuple[Point, ...]]]:
    """The view's shapes, their bounds and each region's leader targets, in SVG units:
    parsed by svglib once, then read from the cache folder by every later process."""
    from leafletgen import bodyart
    from leafletgen.layout import artstore

    svg = art_file(view).read_bytes()
    code = (Path(__file__), Path(bodyart.__file__))
    return artstore.kept(view, svg, code, lambda: _parsed(view))


def _parsed(view: str):
    from svglib.svglib import svg2rlg  # only when the cache has no copy of this view

    with resources.as_file(art_file(view)) as path:
        drawing = svg2rlg(str(path))
    leaves: list[_Leaf] = []
    # svglib's outermost group maps SVG units to points (y up); we apply our own mapping.
    _collect(drawing.contents[0], None, None, regions_of(view), leaves)
    return tuple(leaves), _bounds(leaves), _anchors_of(view, leaves)


def _anchors_of(view: str, leaves) -> dict[str, tuple[Point, ...]]:
    """Leader targets per region (SVG units): its data-anchor, else the centre of its shapes."""
    meta = regions_of(view)
    out = {}
    for rid, region in meta.items():
        if not region.anchors:
            x0, y0, x1, y1 = _bounds([f for f in leaves if rid in ancestors(meta, f.region)])
            region = Region(rid, region.label, (((x0 + x1) / 2, (y0 + y1) / 2),))
        out[rid] = region.anchors
    return out


def _anchors(view: str) -> dict[str, tuple[Point, ...]]:
    return _art(view)[2]


def _paint(leaf: _Leaf, meta, lit: frozenset[str], colours: BodyMapColours, pal):
    """A recoloured copy of one shape (shallow: the point lists are shared, never changed)."""
    region, on = meta.get(leaf.region, NO_REGION), leaf.region in lit
    shape = copy.copy(leaf.shape)
    props = shape.__dict__  # set directly: attribute checking costs more than the drawing
    if leaf.role == "fill":
        props["fillColor"] = colours.highlight if on else _mix(colours.neutral, _WHITE, region.tint)
        if props.get("strokeColor") is not None:
            props["strokeColor"] = pal["on_stroke"] if on else colours.outline
    elif leaf.role == "overlay" and isinstance(colours.highlight, CMYKColor):
        # Print-ready files: PDF/X-1a allows no transparency, so an opaque tint instead.
        tint = _mix(colours.highlight, _WHITE, 1 - region.overlay)
        props.update(fillColor=tint if on else None, strokeColor=None)
    elif leaf.role == "overlay":
        props.update(fillColor=colours.highlight if on else None, fillOpacity=region.overlay,
                     strokeColor=None)
    else:
        props["strokeColor"] = pal["on_line"] if on else pal["off_line"]
    if leaf.transform:
        from reportlab.graphics.shapes import Group

        return Group(shape, transform=leaf.transform)
    return shape


def _body(view: str, lit: frozenset[str], colours: BodyMapColours, transform: tuple):
    """The art as one Group; highlighted raisable regions are drawn above their neighbours."""
    from reportlab.graphics.shapes import Group

    meta, pal = regions_of(view), _palette(colours)
    ordered, raised = [], []
    for leaf in _art(view)[0]:
        raisable = meta.get(leaf.region, NO_REGION).raisable
        if raisable and leaf.region in lit:
            raised.append(leaf)
            continue
        if raised and not raisable:
            ordered, raised = ordered + raised, []
        ordered.append(leaf)
    return Group(*(_paint(leaf, meta, lit, colours, pal) for leaf in ordered + raised),
                 transform=transform)


@cache
def _drawing_class():
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.attrmap import AttrMap, AttrMapValue

    class BodyMapDrawing(Drawing):
        """A Drawing that also tells where its regions, leaders and labels are (in points):
        ``anchors[region]`` (every region), ``leaders[region]`` and ``label_boxes[region]``.

        Laid out in a document, the art (its first node) is drawn from PDF operators cached
        per process: the same map in every leaflet of a library is turned into PDF once."""

        _attrMap = AttrMap(BASE=Drawing, anchors=AttrMapValue(None),
                           leaders=AttrMapValue(None), label_boxes=AttrMapValue(None),
                           art_key=AttrMapValue(None), script_labels=AttrMapValue(None))

        def draw(self):
            from leafletgen.layout.artcache import draw_art

            art, labels = self.contents[0], self.contents[1:]
            self.canv.saveState()
            draw_art(self.canv, self.art_key, art, self.width, self.height)
            self.canv.restoreState()
            self.contents = labels
            try:
                super().draw()
            finally:
                self.contents = [art] + labels
            _draw_script_labels(self.canv, self.script_labels or ())

    return BodyMapDrawing


def _draw_script_labels(canvas, lines) -> None:
    """Label lines a String cannot draw (shaped, right-to-left or in several fonts), drawn
    on the canvas in drawing coordinates as canvastext draws a line."""
    from leafletgen.canvastext import draw_right_string, draw_string

    for x, y, line, ends, font, size, ink, extra in lines:
        canvas.saveState()
        canvas.setFillColor(ink)
        (draw_right_string if ends else draw_string)(canvas, x, y, line, font, size, extra)
        canvas.restoreState()


_art_groups: dict[tuple, object] = {}  # art_key -> the recoloured art, shared by drawings


def bodymap_drawing(view: str, highlight: Sequence[str], labels: Mapping[str, str],
                    width: float, max_height: float, font_name: str, font_size: float,
                    colours: BodyMapColours | None = None, right_to_left: bool = False,
                    fallbacks: tuple[str, ...] = ()):
    """A vector body map at most ``width`` x ``max_height`` points, highlighted and labelled.

    Each highlighted region gets a label (``labels[region]`` or the art's name) in a column
    beside the body, with a leader line to the region.  The font shrinks only when the labels
    cannot fit otherwise; right_to_left, the right column is read (and filled) first;
    fallbacks are the theme's fonts for characters the others lack.
    Unknown views or regions raise KeyError.
    """
    from leafletgen.fonts import register_fonts

    register_fonts()  # String defaults must not fall back to Helvetica
    colours = colours or BodyMapColours()
    lit = highlighted(view, highlight)
    names = list(dict.fromkeys(highlight))
    texts = [(labels or {}).get(n) or region_label(view, n) for n in names]
    size = font_size
    bounds, anchors = _art(view)[1], _anchors(view)
    while (plan := labels_plan(bounds, anchors, names, texts, width, max_height, font_name,
                               size, right_to_left, fallbacks)) is None:
        if size < 4:
            raise ValueError(f"{len(names)} body-map labels cannot fit in {width:g} x {max_height:g}pt")
        size *= 0.9
    frame, items = plan
    drawing = _drawing_class()(frame.body_w + 2 * frame.body_x, frame.body_h)
    drawing.initialFontName = font_name
    drawing.art_key = (view, lit, repr(colours), frame.transform, drawing.width, drawing.height)
    if drawing.art_key not in _art_groups:  # the same map is drawn for many leaflets
        if len(_art_groups) >= 64:  # forget the oldest: memory stays flat
            del _art_groups[next(iter(_art_groups))]
        _art_groups[drawing.art_key] = _body(view, lit, colours, frame.transform)
    drawing.add(_art_groups[drawing.art_key])
    _add_labels(drawing, items, frame, font_name, colours.text)
    drawing.anchors = {r: tuple(frame.point(*p) for p in ps) for r, ps in _anchors(view).items()}
    drawing.leaders = {it.region: it.anchor for it in items}
    drawing.label_boxes = {it.region: label_box(it, frame, font_name) for it in items}
    return drawing


def _add_labels(drawing, items, frame, font: str, ink: Color) -> None:
    """Each label's leader and dot, and its text: as Strings, or noted in script_labels for
    the drawing to draw as canvastext does."""
    drawing.script_labels = []
    for item in items:
        plain = not needs_canvas_text(item.text, font, frame.fallbacks)
        drawing.add(label_shapes(item, frame, font, ink, _mix(ink, _WHITE, 1), with_text=plain))
        if not plain:
            drawing.script_labels += [(*line, font, frame.size, ink, frame.fallbacks)
                                      for line in label_lines(item, frame, font)]


def preview(view: str, highlight: Sequence[str], out_path: str | os.PathLike,
            labels: Mapping[str, str] | None = None) -> None:
    """Write a body map for authors to look at: a .pdf, or a .png rendered from that PDF."""
    from reportlab.graphics import renderPDF

    from leafletgen.fonts import REGULAR, register_fonts

    register_fonts()
    out = Path(out_path)
    if out.suffix.lower() not in (".pdf", ".png"):
        raise ValueError(f"{out}: a body-map preview is written as .pdf or .png")
    drawing = bodymap_drawing(view, highlight, labels or {}, 420, 520, REGULAR, 10)
    # The same preview bytes every time; labels a String cannot draw need a canvas.
    pdf = _drawn_on_canvas(drawing) if drawing.script_labels else \
        renderPDF.drawToString(drawing, invariant=1)
    if out.suffix.lower() == ".pdf":
        out.write_bytes(pdf)
        return
    import pypdfium2  # renders the PDF itself, so the preview matches print

    pypdfium2.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil().save(out)


def _drawn_on_canvas(drawing) -> bytes:
    """A one-page PDF of the drawing drawn as a document draws it."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from leafletgen.fonts import REGULAR

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(drawing.width, drawing.height), invariant=1,
                    initialFontName=REGULAR)
    drawing.drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
