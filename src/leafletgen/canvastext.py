"""Single lines drawn straight on the canvas (the version stamp, the review copy's head
line): each run in a font that has its glyphs (scripts.py), shaped, and in bidi order."""

from __future__ import annotations

import re

from reportlab.lib.abag import ABag
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapedStr

from leafletgen import direction, scripts


def string_width(text: str, font: str, size: float, extra: tuple[str, ...] = ()) -> float:
    """The width of a line as draw_string draws it, each run in its own font."""
    return sum(_run_width(run, run_font, size) for run_font, run in scripts.runs(text, font, extra))


def draw_string(canvas, x: float, y: float, text: str, font: str, size: float,
                extra: tuple[str, ...] = (), right_to_left: bool | None = None) -> None:
    """A line of text from x, each run in a font that has its glyphs, scripts shaped, and
    in the order the bidi algorithm gives when it holds right-to-left text: in the
    direction given, else that of its first strong character."""
    for run_font, run, level in _ordered_runs(text, font, extra, right_to_left):
        if level % 2 and not scripts.is_shaped(run_font):
            run = _mirrored(run)
        shaped, width = _shaped(run, run_font, size)
        if level % 2 and isinstance(shaped, ShapedStr):
            shaped.leaflet_source = run[::-1]  # extractors read it right to left
        if (canvas._fontname, canvas._fontsize) != (run_font, size):
            canvas.setFont(run_font, size)
        canvas.drawString(x, y, shaped)
        x += width


def draw_right_string(canvas, right: float, y: float, text: str, font: str, size: float,
                      extra: tuple[str, ...] = (), right_to_left: bool | None = None) -> None:
    """A line of text as draw_string draws it, ending at right (a right-to-left page's
    lines are flush with its right margin). Measured as drawn: run by run, in order."""
    width = sum(_run_width(run, run_font, size)
                for run_font, run, _ in _ordered_runs(text, font, extra, right_to_left))
    draw_string(canvas, right - width, y, text, font, size, extra, right_to_left)


def _ordered_runs(text: str, font: str, extra: tuple[str, ...],
                  right_to_left: bool | None = None) -> list[tuple[str, str, int]]:
    """(font, text, level) of a line's runs in visual order: as written when the line is
    all left-to-right, else cut at spaces (and an unshaped run where its characters'
    levels change: the brackets of "(RTL-AR)") and ordered by direction.visual_order."""
    runs = scripts.runs(text, font, extra)
    if not direction.has_right_to_left(text):
        return [(run_font, run, 0) for run_font, run in runs]
    if right_to_left is None:
        right_to_left = direction.starts_right_to_left(text)
    levels = direction.levels(text, right_to_left)
    pieces, at = [], 0
    for run_font, run in runs:
        for piece in re.split(r"( )", run):
            if piece:
                pieces += _by_level(run_font, piece, levels[at:at + len(piece)])
                at += len(piece)
    return [pieces[n] for n in direction.visual_order([level for _, _, level in pieces])]


def _by_level(font: str, piece: str, levels: list[int]) -> list[tuple[str, str, int]]:
    """The piece, cut where its characters' levels change; a shaped piece is one run of
    its script, at one level."""
    if scripts.is_shaped(font) or len(set(levels)) < 2:
        return [(font, piece, levels[0])]
    cuts = [0] + [n for n in range(1, len(piece)) if levels[n] != levels[n - 1]] + [len(piece)]
    return [(font, piece[a:b], levels[a]) for a, b in zip(cuts, cuts[1:])]


def _mirrored(run: str) -> str:
    """A right-to-left run of neutrals as it lies, "(" drawn as ")" (rule L4), extracted
    as written (direction.py does the same in paragraphs)."""
    drawn = direction.mirrored(run[::-1])
    if drawn == run:
        return run
    drawn = scripts.DrawnOtherwise(drawn)
    drawn.leaflet_source = run[::-1]
    return drawn


def _run_width(run: str, font: str, size: float) -> float:
    return _shaped(run, font, size)[1]


def _shaped(run: str, font: str, size: float) -> tuple[str, float]:
    """The run shaped when its font is a script's (canvas.drawString shapes only with
    rlbidi, which is not installable), and its width."""
    width = pdfmetrics.stringWidth(run, font, size)
    if not scripts.is_shaped(font):
        return run, width
    word = ttfonts.shapeFragWord([width, (ABag(fontName=font, fontSize=size), run)])
    return (word[1][1], word[0]) if len(word) == 2 else (run, width)
