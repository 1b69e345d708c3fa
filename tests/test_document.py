"""Layout hands render a Document whose flowables say what they are in the leaflet, in
reading order; render returns the PDF with its page count."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import ListFlowable, PageBreak, Table

from conftest import SAMPLE
from leafletgen import inline
from leafletgen.document import Document, FirstFit, Role, role_of
from leafletgen.errors import LeafletError
from leafletgen.formats import FORMATS
from leafletgen.layout.blocks import FittedFigure
from leafletgen.layout.leaflet import leaflet_document
from leafletgen.layout.quickguide import quick_guide
from leafletgen.load import load_leaflet
from leafletgen.load.theme import default_theme
from leafletgen.produce import BuildOptions, produce
from leafletgen.render.pdf import render


def flat(story):
    """Every flowable, with those inside boxes, tables and lists, in reading order."""
    for flowable in story:
        yield flowable
        if isinstance(flowable, Table):
            for row in flowable._cellvalues:
                for cell in row:
                    yield from flat(cell if isinstance(cell, list) else [cell])
        elif isinstance(flowable, ListFlowable):
            yield from flat(flowable._flowables)
        elif getattr(flowable, "_content", None):
            yield from flat(flowable._content)


@pytest.fixture(scope="module")
def a4() -> Document:
    return leaflet_document(load_leaflet(SAMPLE), FORMATS["a4"].page, default_theme(), None)


def test_headings_are_marked_in_the_yaml_order(a4):
    leaflet = a4.leaflet
    marked = [(role_of(f), f.getPlainText()) for f in flat(a4.story)
              if role_of(f) in (Role.TITLE, Role.HEADING)]
    assert marked[0] == (Role.TITLE, inline.plain(leaflet.title))
    sections = [inline.plain(s.heading) for s in leaflet.sections]
    assert [text for role, text in marked[1:1 + len(sections)]] == sections


def test_figures_carry_their_alt_text_and_lists_their_items(a4):
    flowables = list(flat(a4.story))
    # A body map takes the room left on its page: its drawing, made then, is the Figure.
    figures = [f.alt if isinstance(f, FittedFigure) else f.leaflet_alt for f in flowables
               if role_of(f) is Role.FIGURE or isinstance(f, FittedFigure)]
    alts = [b.alt for s in a4.leaflet.sections for b in s.body if hasattr(b, "alt")]
    assert alts and figures == alts
    lists = [f for f in flowables if role_of(f) in (Role.LIST, Role.STEPS)]
    assert lists and all(role_of(item) is Role.LIST_ITEM for f in lists for item in f._flowables)
    assert any(role_of(f) is Role.TABLE_HEADER for f in flowables)  # the version history
    assert any(role_of(f) is Role.CONTACTS for f in flowables)


def test_render_counts_the_pages_it_writes(a4):
    rendered = render(a4)
    assert rendered.pages == len(PdfReader(io.BytesIO(rendered.data)).pages) == 2


def test_the_quick_guide_is_the_first_size_that_fits_one_page():
    leaflet = load_leaflet(SAMPLE)
    laid = quick_guide(leaflet, FORMATS["quick"].page, default_theme(), None)
    assert isinstance(laid, FirstFit)
    assert render(laid).pages == 1

    def candidate() -> Document:
        return next(iter(quick_guide(leaflet, FORMATS["quick"].page, default_theme(),
                                     None).candidates))

    first = candidate()
    assert first.max_pages == 1
    two_pages = dataclasses.replace(first, story=first.story + [PageBreak()] + candidate().story)
    with pytest.raises(LeafletError) as refused:  # no candidate fits: the guide is refused
        render(FirstFit([two_pages], laid.too_long))
    assert refused.value.diagnostics[0].code == "layout.quick-guide-overflow"


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_every_registered_format_produces_a_pdf(format_name):
    rendered = produce(load_leaflet(SAMPLE), format_name, BuildOptions(formats=(format_name,)))
    assert rendered.data.startswith(b"%PDF") and rendered.pages >= 1
    assert rendered.pages == len(PdfReader(io.BytesIO(rendered.data)).pages)
