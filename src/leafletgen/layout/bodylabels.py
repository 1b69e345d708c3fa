"""Labels of a body map: placed in columns left and right of the body, never overlapping
each other or the art, each with a leader line to its region."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color

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

    def point(self, x: float, y: float) -> Point:
        return (self.body_x + (x - self.bounds[0]) * self.scale, (self.bounds[3] - y) * self.scale)

    @property
    def transform(self) -> tuple:
        s, (x0, _, _, y1) = self.scale, self.bounds
        return (s, 0, 0, -s, self.body_x - x0 * s, y1 * s)


def _wrap(text: str, width: float, font: str, size: float) -> tuple[str, ...]:
    """Greedy wrap; a two-line result is rebalanced so both lines are about as long."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words, lines = text.split(), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if lines[-1] and stringWidth(trial, font, size) > width:
            lines.append(word)
        else:
            lines[-1] = trial
    if len(lines) == 2:
        splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
        lines = list(min(splits, key=lambda pair: max(stringWidth(p, font, size) for p in pair)))
    return tuple(lines)


def _frame(bounds, texts, width, max_height, font, size) -> _Frame | None:
    """Body and column sizes for one font size; None when the labels leave too little room."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    aspect = (bounds[2] - bounds[0]) / (bounds[3] - bounds[1])
    gap = 0.9 * size if texts else 0.0
    body_w, col = min(width, max_height * aspect), 0.0
    if texts:
        longest = max(stringWidth(t, font, size) for t in texts)
        word = max(stringWidth(w, font, size) for t in texts for w in t.split())
        min_col = max(word, min(longest, 6.5 * size))
        col = max(min_col, min(longest, (width - body_w) / 2 - gap))
        body_w = min(body_w, width - 2 * (col + gap))
    body_h = body_w / aspect
    if body_w <= 0 or body_h < 0.4 * max_height:
        return None
    return _Frame(body_h / (bounds[3] - bounds[1]), col + gap, body_w, body_h, col, size, bounds)


def _assign_sides(items: list[_Label], centre: float, tol: float) -> None:
    """Regions on one side keep it; midline and paired regions balance the two columns."""
    count, free = {-1: 0, 1: 0}, []
    for item in items:
        xs = [x for x, _ in item.anchors]
        item.side = -1 if max(xs) < centre - tol else 1 if min(xs) > centre + tol else 0
        if item.side:
            count[item.side] += 1
        else:
            free.append(item)
    for item in sorted(free, key=lambda it: -max(y for _, y in it.anchors)):
        item.side = -1 if count[-1] <= count[1] else 1
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


def plan(bounds, anchors, names, texts, width, max_height, font, size):
    """A frame and placed labels at one font size, or None if they do not fit. bounds are the
    art's (x0, y0, x1, y1) and anchors each region's leader points, in SVG units."""
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    frame = _frame(bounds, texts, width, max_height, font, size)
    if frame is None:
        return None
    items = [_Label(n, t, tuple(frame.point(*p) for p in anchors[n])) for n, t in zip(names, texts)]
    _assign_sides(items, frame.body_x + frame.body_w / 2, frame.body_w * 0.02)
    ascent, descent = getAscentDescent(font, size)
    for it in items:
        it.lines = _wrap(it.text, frame.col, font, size)
        it.height = ascent - descent + (len(it.lines) - 1) * 1.2 * size
        it.lift = ascent + (len(it.lines) - 1) * 0.6 * size - 0.3 * size
    if all(_stack([it for it in items if it.side == s], frame.body_h, 0.35 * size) for s in (-1, 1)):
        return frame, items
    return None


def label_box(item: _Label, frame: _Frame, font: str) -> tuple[float, float, float, float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w = max(stringWidth(line, font, frame.size) for line in item.lines)
    x0 = frame.col - w if item.side < 0 else frame.body_x + frame.body_w + frame.body_x - frame.col
    return (x0, item.top - item.height, x0 + w, item.top)


def label_shapes(item: _Label, frame: _Frame, font: str, ink: Color, halo: Color):
    """The label's lines of text, its leader line and the dot it ends on."""
    from reportlab.graphics.shapes import Circle, Group, Line, String
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    size, (ascent, _) = frame.size, getAscentDescent(font, frame.size)
    x0, _, x1, _ = label_box(item, frame, font)
    x, edge = (x1, "end") if item.side < 0 else (x0, "start")
    group = Group()
    for i, line in enumerate(item.lines):
        group.add(String(x, item.top - ascent - i * 1.2 * size, line, fontName=font,
                         fontSize=size, fillColor=ink, textAnchor=edge))
    start_x = x1 + 0.3 * size if item.side < 0 else x0 - 0.3 * size
    group.add(Line(start_x, item.top - item.lift, *item.anchor, strokeColor=ink,
                   strokeWidth=max(0.35, 0.055 * size)))
    group.add(Circle(*item.anchor, 0.17 * size, fillColor=ink, strokeColor=halo,
                     strokeWidth=0.05 * size))
    return group
