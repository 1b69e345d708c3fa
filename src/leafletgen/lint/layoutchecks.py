"""Layout-aware checks: the leaflet is laid out for real, as `leafletgen build` would.

- The quick guide is laid out by the quick-guide format itself; if it does not fit on
  one page even at its smallest type, its error says how many lines to cut.
- The A4 and A5 leaflets (config: layout_formats) are laid out page by page, and a
  heading that is the last thing on a page is reported: a reader turns the page to
  find what it is about.

The library's theme (theme.yaml) is used, as the build uses it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from reportlab.platypus import ActionFlowable, Flowable, PageBreak, Paragraph, Spacer

from leafletgen import inline, model
from leafletgen.errors import LeafletError, Span
from leafletgen.lint.rules import Finding, finding

if TYPE_CHECKING:
    from leafletgen.lint.context import Context
    from leafletgen.theme import Theme

HEADING_STYLES = ("heading", "subheading")
# Headings that the layout adds itself, and the field they belong to.
_OWN_HEADINGS = {"Further reading": "further_reading", "Changes to this leaflet": "history"}


def check(ctx: Context) -> list[Finding]:
    enabled = ctx.settings.enabled
    found: list[Finding] = []
    if ctx.leaflet.quick_guide and enabled("layout.quick-guide-overflow"):
        found += _quick_guide(ctx.leaflet, ctx.theme)
    if enabled("layout.heading-at-page-end") or enabled("layout.overflow"):
        for format_name in ctx.settings.layout_formats:
            found += _headings(ctx.leaflet, format_name, ctx.theme)
    return found


def _quick_guide(leaflet: model.Leaflet, theme: Theme | None) -> list[Finding]:
    from leafletgen.produce import BuildOptions, produce

    try:
        produce(leaflet, "quick", BuildOptions(theme=theme))
    except LeafletError as exc:
        return [Finding(d) for d in exc.diagnostics]
    return []


class PageRecorder(Flowable):
    """Put first in a story: it takes no room, and once drawn it notes the page on which
    every later flowable (or part of a split one) is placed, through the document's
    afterFlowable hook, which ReportLab calls for each one."""

    def __init__(self):
        super().__init__()
        self.placed: list[tuple[int, Flowable]] = []

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate  # set by ReportLab while it builds (see CondPageBreak)
        chained = doc.afterFlowable

        def after(flowable):
            self.placed.append((doc.page, flowable))
            chained(flowable)

        doc.afterFlowable = after


def last_on_each_page(placed: list[tuple[int, Flowable]]) -> dict[int, Flowable]:
    """The last flowable that shows something on each page."""
    last: dict[int, Flowable] = {}
    for page, flowable in placed:
        if isinstance(flowable, (PageRecorder, ActionFlowable, PageBreak, Spacer)):
            continue
        while getattr(flowable, "_content", None):  # a KeepTogether placed whole
            flowable = flowable._content[-1]
        last[page] = flowable
    return last


def ending_headings(placed: list[tuple[int, Flowable]]) -> list[tuple[int, str]]:
    """(page, heading text) for each page whose last flowable is a heading."""
    return [(page, flowable.getPlainText()) for page, flowable in
            sorted(last_on_each_page(placed).items())
            if isinstance(flowable, Paragraph) and flowable.style.name in HEADING_STYLES]


def _headings(leaflet: model.Leaflet, format_name: str, theme: Theme | None) -> list[Finding]:
    from leafletgen.formats import FORMATS
    from leafletgen.layout.leaflet import leaflet_document
    from leafletgen.load.theme import default_theme
    from leafletgen.render.pdf import render

    name = FORMATS[format_name].described
    document = leaflet_document(leaflet, FORMATS[format_name].page, theme or default_theme(), None)
    recorder = PageRecorder()
    try:
        render(dataclasses.replace(document, story=[recorder] + document.story,
                                   described=name))
    except LeafletError as exc:  # one found while setting the text names no file: the leaflet's
        return [Finding(d if d.span.file else dataclasses.replace(d, span=leaflet.span))
                for d in exc.diagnostics]
    found = []
    for page, heading in ending_headings(recorder.placed):
        span, section = _heading_place(leaflet, heading, document.words)
        found.append(finding(
            "layout.heading-at-page-end",
            f"heading '{heading}' is the last thing on page {page} of {name}; "
            f"its text starts on page {page + 1}", span,
            "shorten or split the text above it so that the heading moves over", section))
    return found


def _heading_place(leaflet: model.Leaflet, heading: str, words) -> tuple[Span, str]:
    for section in leaflet.sections:
        if inline.plain(section.heading) == heading:
            return section.span, heading
    field = next((f for own, f in _OWN_HEADINGS.items() if words(own) == heading), "")
    return leaflet.field_spans.get(field, leaflet.span), ""
