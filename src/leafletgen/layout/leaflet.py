"""The A4, A5 and large-print leaflets: the whole leaflet in reading order, as a Document."""

from __future__ import annotations

from leafletgen import model
from leafletgen.document import Document, StampStyle
from leafletgen.formats import PageFormat
from leafletgen.layout.story import leaflet_story
from leafletgen.layout.styles import Styles, leaflet_styles
from leafletgen.paper import PrintSpec
from leafletgen.theme import Theme


def leaflet_document(leaflet: model.Leaflet, page: PageFormat, theme: Theme,
                     print_spec: PrintSpec | None) -> Document:
    styles = leaflet_styles(page, print_spec is not None, theme, leaflet)
    return document(leaflet, styles, leaflet_story(leaflet, styles), print_spec)


def document(leaflet: model.Leaflet, s: Styles, story: list, print_spec: PrintSpec | None,
             **extra) -> Document:
    """A Document in these styles: the theme's band on page 1 and the version stamp on every page."""
    extra.setdefault("described", f"the {s.fmt.name} leaflet")
    return Document(
        leaflet=leaflet, format_name=s.fmt.name, page=s.fmt, story=story, font=s.fonts.regular,
        band=s.palette.band if s.theme.band else None, stamp=stamp_style(s),
        print_spec=print_spec, words=s.words, right_to_left=s.right_to_left, **extra)


def stamp_style(s: Styles) -> StampStyle:
    return StampStyle(size=s.fmt.stamp_size, color=s.palette.muted, rule_color=s.palette.rule,
                      fonts=s.fonts, footer=s.theme.footer)
