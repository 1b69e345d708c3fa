"""Labels of a body map: placed in columns left and right of the body, never overlapping
each other or the art, each with a leader line to its region.

A label in a script that needs shaping, right-to-left order or another font than the
map's (Arabic, Bengali...) is measured and drawn as canvastext draws a line; others are
String shapes. In a right-to-left leaflet the reading starts in the right column: labels
free to go either side fill it first, and its labels are drawn first."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color

from leafletgen import direction, scripts
from leafletgen.canvastext import string_width

Point = tuple[float, float]


@dataclass
class _Label:
    region: str
    text: str
    anchors: tuple[Point, ...]  # drawing coordinates
    side: int = 0  # -1 left column, +1 right column
    lines: tuple[str, ...] = ()
    height: float = 0.0
    lift: float = 0.0  # from the leader's height up to the top of the block
    top: float = 0.0

    @property
    def anchor(self) -> Point:
        return (min if self.side < 0 else max)(self.anchors, key=lambda p: p[0])


@dataclass(frozen=True)
class _Frame:
    """Where the body sits in the drawing, and the label columns beside it."""

    scale: float
    body_x: float  # = column width + gap
    body_w: float
    body_h: float
    col: float
    size: float
    bounds: tuple[float, float, float, float]
    fallbacks: tuple[str, ...] = ()  # the theme's fonts, for characters the others lack

    def point(self, x: float, y: float) -> Point:
        return (self.body_x + (x - self.bounds[0]) * self.scale, (self.bounds[3] - y) * self.scale)

    @property
    def transform(self) -> tuple:
        s, (x0, _, _, y1) = self.scale, self.bounds
        return (s, 0, 0, -s, self.body_x - x0 * s, y1 * s)


def _wrap(text: str, width: float, font: str, size: float,
          extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Greedy wrap; a two-line result is rebalanced so both lines are about as long."""
    words, lines = text.split(), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if lines[-1] and string_width(trial, font, size, extra) > width:
            lines.append(word)
        else:
            lines[-1] = trial
    if len(lines) == 2:
        splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
        lines = list(min(splits, key=lambda pair: max(string_width(p, font, size, extra)
                                                       for p in pair)))
    return tuple(lines)


def _frame(bounds, texts, width, max_height, font, size, extra=()) -> _Frame | None:
    """Body and column sizes for one font size; None when the labels leave too little room."""
    aspect = (bounds[2] - bounds[0]) / (bounds[3] - bounds[1])
    gap = 0.9 * size if texts else 0.0
    body_w, col = min(width, max_height * aspect), 0.0
    if texts:
        longest = max(string_width(t, font, size, extra) for t in texts)
        word = max(string_width(w, font, size, extra) for t in texts for w in t.split())
        min_col = max(word, min(longest, 6.5 * size))
        col = max(min_col, min(longest, (width - body_w) / 2 - gap))
        body_w = min(body_w, width - 2 * (col + gap))
    body_h = body_w / aspect
    if body_w <= 0 or body_h < 0.4 * max_height:
        return None
    return _Frame(body_h / (bounds[3] - bounds[1]), col + gap, body_w, body_h, col, size, bounds,
                  extra)


def _assign_sides(items: list[_Label], centre: float, tol: float, first: int = -1) -> None:
    """Regions on one side keep it; midline and paired regions balance the two columns,
    the column read first (-1 left, +1 right) taking the first of them."""
    count, free = {-1: 0, 1: 0}, []
    for item in items:
        xs = [x for x, _ in item.anchors]
        item.side = -1 if max(xs) < centre - tol else 1 if min(xs) > centre + tol else 0
        if item.side:
            count[item.side] += 1
        else:
            free.append(item)
    for item in sorted(free, key=lambda it: -max(y for _, y in it.anchors)):
        item.side = first if count[first] <= count[-first] else -first
        count[item.side] += 1


def _stack(column: list[_Label], height: float, gap: float) -> bool:
    """Put blocks level with their anchors, pushed apart so none overlap; False if too tall."""
    column.sort(key=lambda it: -it.anchor[1])
    if sum(it.height for it in column) + gap * max(len(column) - 1, 0) > height:
        return False
    ceiling = height
    for it in column:
        it.top = min(it.anchor[1] + it.lift, ceiling)
        ceiling = it.top - it.height - gap
    floor = 0.0
    for it in reversed(column):
        it.top = max(it.top, floor + it.height)
        floor = it.top + gap
    return True


def plan(bounds, anchors, names, texts, width, max_height, font, size, right_to_left=False,
         fallbacks=()):
    """A frame and placed labels at one font size, or None if they do not fit. bounds are the
    art's (x0, y0, x1, y1) and anchors each region's leader points, in SVG units; the labels
    in reading order (right column first when right_to_left); fallbacks are the theme's."""
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    frame = _frame(bounds, texts, width, max_height, font, size, fallbacks)
    if frame is None:
        return None
    items = [_Label(n, t, tuple(frame.point(*p) for p in anchors[n])) for n, t in zip(names, texts)]
    first = 1 if right_to_left else -1
    _assign_sides(items, frame.body_x + frame.body_w / 2, frame.body_w * 0.02, first)
    ascent, descent = getAscentDescent(font, size)
    for it in items:
        it.lines = _wrap(it.text, frame.col, font, size, fallbacks)
        it.height = ascent - descent + (len(it.lines) - 1) * 1.2 * size
        it.lift = ascent + (len(it.lines) - 1) * 0.6 * size - 0.3 * size
    if all(_stack([it for it in items if it.side == s], frame.body_h, 0.35 * size) for s in (-1, 1)):
        if right_to_left:  # drawn, and so read, from the top of the right column
            items.sort(key=lambda it: (it.side != first, -it.top))
        return frame, items
    return None


def label_box(item: _Label, frame: _Frame, font: str) -> tuple[float, float, float, float]:
    w = max(string_width(line, font, frame.size, frame.fallbacks) for line in item.lines)
    x0 = frame.col - w if item.side < 0 else frame.body_x + frame.body_w + frame.body_x - frame.col
    return (x0, item.top - item.height, x0 + w, item.top)


def needs_canvas_text(text: str, font: str, extra: tuple[str, ...] = ()) -> bool:
    """Whether a label needs more than a String gives (one font, as written): other fonts,
    shaping or bidi order."""
    return (scripts.is_shaped(font) or direction.has_right_to_left(text)
            or scripts.runs(text, font, extra) != [(font, text)])


def label_lines(item: _Label, frame: _Frame, font: str) -> list[tuple[float, float, str, bool]]:
    """(x, baseline, line, ends at x) of each line of the label: a left column's lines end
    at its edge by the body, a right column's start there."""
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    size, (ascent, _) = frame.size, getAscentDescent(font, frame.size)
    x0, _, x1, _ = label_box(item, frame, font)
    x, ends = (x1, True) if item.side < 0 else (x0, False)
    return [(x, item.top - ascent - i * 1.2 * size, line, ends) for i, line in enumerate(item.lines)]


def label_shapes(item: _Label, frame: _Frame, font: str, ink: Color, halo: Color,
                 with_text: bool = True):
    """The label's leader line and the dot it ends on, and its lines of text as Strings
    (unless with_text is False: the drawing then draws them as canvastext does)."""
    from reportlab.graphics.shapes import Circle, Group, Line, String

    size = frame.size
    x0, _, x1, _ = label_box(item, frame, font)
    group = Group()
    for x, y, line, ends in label_lines(item, frame, font) if with_text else ():
        group.add(String(x, y, line, fontName=font, fontSize=size, fillColor=ink,
                         textAnchor="end" if ends else "start"))
    start_x = x1 + 0.3 * size if item.side < 0 else x0 - 0.3 * size
    group.add(Line(start_x, item.top - item.lift, *item.anchor, strokeColor=ink,
                   strokeWidth=max(0.35, 0.055 * size)))
    group.add(Circle(*item.anchor, 0.17 * size, fillColor=ink, strokeColor=halo,
                     strokeWidth=0.05 * size))
    return group
