"""The A5 booklet: the A5 leaflet padded to a multiple of four pages, with contacts on the
back cover; render's "saddle-stitch" finisher imposes it two-up on A4 landscape sheets."""

from __future__ import annotations

from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import DocIf

from leafletgen import model
from leafletgen.document import Document
from leafletgen.formats import PageFormat
from leafletgen.layout.leaflet import document
from leafletgen.layout.story import back_cover, leaflet_story, notes_page
from leafletgen.layout.styles import leaflet_styles
from leafletgen.paper import PrintSpec
from leafletgen.theme import Theme


def booklet(leaflet: model.Leaflet, page: PageFormat, theme: Theme,
            print_spec: PrintSpec | None) -> Document:
    styles = leaflet_styles(page, print_spec is not None, theme, leaflet)
    # One layout pass: after the body, each new page that is not the last of a group of
    # four becomes a Notes page, so the back cover lands on a multiple of four.
    story = leaflet_story(leaflet, styles, with_contacts=False) + [PageBreak()]
    for _ in range(3):
        story.append(DocIf("doc.page % 4 != 0", notes_page(styles) + [PageBreak()]))
    story += back_cover(leaflet, styles)
    # Pages carry their bleed but no marks, so the sheet can keep it on the outer edges.
    return document(leaflet, styles, story, print_spec, marks_on_pages=False,
                    described="the booklet leaflet")
