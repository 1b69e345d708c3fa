"""The one-page quick guide: the short version of a leaflet, in large type, on one A4 page.

It never spills onto a second page: the type steps down to QUICK_MIN_SIZE, and a guide
that still does not fit is refused with how many lines to cut.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from leafletgen import fonts, model
from leafletgen.document import Document, FirstFit
from leafletgen.errors import LeafletError, error
from leafletgen.formats import FORMATS, PageFormat
from leafletgen.inline import plain
from leafletgen.layout.blocks import bodymap, bullet_list, figure_height
from leafletgen.layout.leaflet import document
from leafletgen.layout.story import contacts_box, title_block
from leafletgen.layout.styles import Styles, leaflet_styles
from leafletgen.paper import PrintSpec
from leafletgen.theme import Theme

QUICK_MIN_SIZE = int(FORMATS["quick"].min_body_size)
BODYMAP_MIN_HEIGHT = 65 * mm  # smaller, and organs and labels stop being legible


def quick_guide_story(leaflet: model.Leaflet, s: Styles) -> list[Flowable]:
    guide = leaflet.quick_guide
    label = s.words("Quick guide") + (f" \u00b7 {leaflet.series}" if leaflet.series else "")
    story = title_block(leaflet, s, label, guide.title or leaflet.title, summary=False)
    story += bullet_list(model.BulletList(guide.points), s)
    if guide.bodymap:
        # The map takes what is left of the page, up to the format's size for it; below its
        # minimum the type steps down instead (see quick_guide).
        used = measure(story + contacts_box(leaflet.contacts, s), s.fmt.frame_width)
        room = s.fmt.frame_height - used - s.fmt.body_size * 4
        story += bodymap(guide.bodymap, s, height=figure_height(room, BODYMAP_MIN_HEIGHT,
                                                                s.fmt.bodymap_height))
    story += contacts_box(leaflet.contacts, s)
    return story


def measure(story: list[Flowable], width: float) -> float:
    """The height a story needs in a frame of this width."""
    canvas = Canvas(io.BytesIO(), initialFontName=fonts.REGULAR)  # some flowables wrap on one
    total = 0.0
    for flowable in story:
        _, height = flowable.wrapOn(canvas, width, 1e6)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def quick_guide(leaflet: model.Leaflet, page: PageFormat, theme: Theme,
                print_spec: PrintSpec | None) -> FirstFit:
    """The guide at each type size from the format's own down to QUICK_MIN_SIZE: render
    keeps the first that fits on one page."""
    if leaflet.quick_guide is None:
        raise LeafletError(error(
            "format.quick-guide-missing", "this leaflet has no quick_guide, so the quick guide "
            "format cannot be built", leaflet.span, "add a quick_guide with its points"))
    return FirstFit(_sizes(leaflet, page, theme, print_spec),
                    lambda: _too_long(leaflet, page, theme, print_spec))


def _sizes(leaflet, page, theme, print_spec) -> Iterator[Document]:
    for size in range(int(page.body_size), QUICK_MIN_SIZE - 1, -1):
        styles = leaflet_styles(page.scaled(size), print_spec is not None, theme, leaflet)
        title = styles.words("Quick guide: {title}",
                             title=plain(leaflet.quick_guide.title or leaflet.title))
        story = quick_guide_story(leaflet, styles)
        if measure(story, styles.fmt.frame_width) > styles.fmt.frame_height:
            continue  # measuring is cheap; only a size that may fit is laid out for real
        yield document(leaflet, styles, story, print_spec, max_pages=1, title=title)


def _too_long(leaflet, page, theme, print_spec) -> LeafletError:
    styles = leaflet_styles(page.scaled(QUICK_MIN_SIZE), print_spec is not None, theme, leaflet)
    overflow = measure(quick_guide_story(leaflet, styles), styles.fmt.frame_width) - \
        styles.fmt.frame_height
    lines = max(1, math.ceil(overflow / styles.body.leading))
    return LeafletError(error(
        "layout.quick-guide-overflow",
        f"quick guide is {lines} lines too long for one page; shorten it",
        leaflet.quick_guide.span, f"even at {QUICK_MIN_SIZE} pt it needs more than one A4 page"))
