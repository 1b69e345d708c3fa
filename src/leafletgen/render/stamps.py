"""The version stamp on every page: which leaflet, which version, its dates, page N of M.

The canvas holds pages back and draws every stamp at save, when M is known,
so one layout pass is enough.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from leafletgen import inline, model
from leafletgen.document import HeadLine
from leafletgen.fonts import NOTO, FontSet
from leafletgen.canvastext import draw_right_string, draw_string, string_width
from leafletgen.formats import PageFormat
from leafletgen.messages import ENGLISH, Words


@dataclass(frozen=True)
class Stamp:
    title: str
    leaflet_id: str
    version: str
    published: dt.date
    review: dt.date
    size: float
    color: Color
    rule_color: Color
    left: float  # x of the stamp's left edge
    right: float  # x of its right edge
    baseline: float  # y of its lower line

    site: str = ""
    fonts: FontSet = NOTO
    footer: str = ""  # the organisation's line from the theme, e.g. its name and switchboard
    words: Words = ENGLISH
    right_to_left: bool = False  # mirrored: the lines at the right edge, the page number left

    @classmethod
    def for_leaflet(cls, leaflet: model.Leaflet, **details) -> "Stamp":
        return cls(inline.plain(leaflet.title), leaflet.id, leaflet.version, leaflet.published,
                   leaflet.review, site=leaflet.site, **details)

    def lines(self, page: int, pages: int) -> tuple[str, str, str]:
        # The site first: a long title is shortened with an ellipsis, the site never is.
        top = (f"{self.site} \u00b7 " if self.site else "") + f"{self.title} ({self.leaflet_id})"
        words = self.words
        bottom = " \u00b7 ".join((words("Version {version}", version=self.version),
                                   words("Published {date}", date=words.date(self.published)),
                                   words("Review due {date}", date=words.date(self.review))))
        return top, bottom, words("Page {page} of {pages}", page=page, pages=pages)

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        top, bottom, number = self.lines(page, pages)
        gap = self.size * 1.35
        canvas.saveState()
        canvas.setStrokeColor(self.rule_color)
        canvas.setLineWidth(0.6)
        canvas.line(self.left, self.baseline + gap + self.size * 1.2, self.right,
                    self.baseline + gap + self.size * 1.2)
        canvas.setFillColor(self.color)
        regular, bold, extra = self.fonts.regular, self.fonts.bold, self.fonts.fallbacks
        number_width = string_width(number, bold, self.size, extra) + self.size
        width = self.right - self.left
        lines = [(top, self.baseline + gap, width - number_width), (bottom, self.baseline, width)]
        if self.footer:
            lines.append((self.footer, self.baseline - gap, width))
        for text, y, room in lines:
            line = fit(text, regular, self.size, room, extra)
            if self.right_to_left:
                draw_right_string(canvas, self.right, y, line, regular, self.size, extra, True)
            else:
                draw_string(canvas, self.left, y, line, regular, self.size, extra)
        number_x = self.left if self.right_to_left else self.right - number_width + self.size
        draw_string(canvas, number_x, self.baseline + gap, number, bold, self.size, extra,
                    self.right_to_left or None)
        canvas.restoreState()


def draw_head_line(canvas: Canvas, head: HeadLine, fmt: PageFormat) -> None:
    """A line across the head of the page, in the top margin (the review copy's)."""
    width = fmt.page_size[0] - fmt.margin_side - fmt.margin_side
    canvas.saveState()
    canvas.setFillColor(head.color)
    y = fmt.page_size[1] - fmt.margin_top * 0.55
    draw_string(canvas, fmt.margin_side, y, fit(head.text, head.font, fmt.stamp_size, width),
                head.font, fmt.stamp_size)
    canvas.restoreState()


def fit(line: str, font: str, size: float, width: float, extra: tuple[str, ...] = ()) -> str:
    """Shorten a line with an ellipsis so that it fits the width: the longest start of it
    that fits with the ellipsis, found by halving (a prefix only grows wider), so a long
    title costs a few dozen measurements rather than one per character."""
    if string_width(line, font, size, extra) <= width:
        return line
    fits, too_wide = 0, len(line)  # line[:fits] + "…" fits (or fits is 0); too_wide does not
    while too_wide - fits > 1:
        middle = (fits + too_wide) // 2
        if string_width(line[:middle] + "\u2026", font, size, extra) > width:
            too_wide = middle
        else:
            fits = middle
    return line[:fits].rstrip() + "\u2026"


def fixed_timestamp(day: dt.date) -> TimeStamp:
    """PDF dates from the leaflet, not the clock, so rebuilds are byte-identical."""
    stamp = TimeStamp(invariant=1)
    seconds = calendar.timegm(day.timetuple())
    stamp.t = seconds
    stamp.lt = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


PageHook = Callable[[Canvas, int, int], None]  # (canvas, page number, page count)


def stamped_canvas(published: dt.date, hooks: list[PageHook], enforce_cmyk: bool = False,
                   tagger=None, before_save: Callable[[Canvas], None] | None = None):
    """A Canvas class for doc.build(canvasmaker=...) that runs the hooks on every page at save,
    when the page count is known: version stamps, crop marks, page boxes.

    With a tagger (render/tagging.py), whatever is not leaflet content is an Artifact: the
    page starts in one, content steps out of it, and the hooks' furniture is Pagination;
    the tagger hears of every annotation, and before_save runs when every page is shown."""

    class StampedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["invariant"] = 1
            if enforce_cmyk:
                kwargs["enforceColorSpace"] = "cmyk"  # raises on any RGB colour: none may remain
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = fixed_timestamp(published)
            self._held_pages: list[dict] = []
            self.leaflet_tagger = tagger
            self._artifact_page()

        def _artifact_page(self):
            if getattr(self, "leaflet_tagger", None) is not None:
                self._code.append("/Artifact BMC")

        def showPage(self):
            if self.leaflet_tagger is not None:
                self._code.append("EMC")
            self._held_pages.append(dict(self.__dict__))
            self._startPage()
            self._artifact_page()

        def save(self):
            pages = len(self._held_pages)
            for number, state in enumerate(self._held_pages, 1):
                self.__dict__.update(state)
                for hook in hooks:
                    self._furniture(hook, number, pages)
                Canvas.showPage(self)
            if before_save is not None:
                before_save(self)
            Canvas.save(self)

        def _addAnnotation(self, annotation, name=None, addtopage=1):
            super()._addAnnotation(annotation, name, addtopage)
            if self.leaflet_tagger is not None and addtopage:
                self.leaflet_tagger.annotation(self, self._annotationrefs[-1], annotation)

        def _furniture(self, hook, number: int, pages: int) -> None:
            if self.leaflet_tagger is None:
                return hook(self, number, pages)
            self._code.append(f"/Artifact <<{getattr(hook, 'artifact', '/Type /Layout')}>> BDC")
            hook(self, number, pages)
            self._code.append("EMC")

    return StampedCanvas
