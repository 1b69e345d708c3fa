"""Inline markup: our own parser, escaping every character from YAML first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from leafletgen.inline import link_markup, plain, refused_links, to_markup
from leafletgen.formats import FORMATS
from leafletgen.layout.styles import build_styles
from leafletgen.load.theme import default_theme

BODY = build_styles(FORMATS["a4"].page, False, default_theme()).body


def visible(markup: str) -> str:
    """The characters ReportLab will draw for this markup."""
    return "".join(frag.text for frag in Paragraph(markup, BODY).frags)


def test_bold_italic_and_links():
    assert to_markup("**a** *b* [c](https://x.org)") == (
        '<b>a</b> <i>b</i> <a href="https://x.org"><u>c</u></a>')


def test_mail_and_phone_links():
    assert 'href="mailto:a@b.org"' in to_markup("[mail](mailto:a@b.org)")
    assert 'href="tel:+441234"' in to_markup("[ring](tel:+441234)")


def test_special_characters_are_literal():
    text = 'a <b>bold & x<y "q" \'s\' 50% &amp;'
    assert visible(to_markup(text)).split() == text.split()  # ReportLab folds spaces


def test_unknown_link_schemes_stay_as_typed():
    assert plain("[x](javascript:alert(1))") == "[x](javascript:alert(1))"


def test_links_to_other_schemes_are_found_for_the_loader_to_refuse():
    text = "[a](javascript:alert(1)) [b](FILE:///etc/passwd) [c](data:text/html,x) [d](https://x.org)"
    assert [target for target, _ in refused_links(text)] == [
        "javascript:alert(1", "FILE:///etc/passwd", "data:text/html,x"]
    assert refused_links("[e](mailto:a@b.org) [f](tel:+441234) [g](www.x.org) (h:i)") == []


def test_a_link_we_make_has_one_of_our_schemes_or_stays_text():
    assert link_markup("x.org/a", "x.org/a") == "x.org/a"
    assert link_markup("a@b.org", "mailto:a@b.org") == '<a href="mailto:a@b.org"><u>a@b.org</u></a>'


def test_unmatched_markers_are_literal():
    assert plain("a * b and **c") == "a * b and **c"


def test_large_print_turns_italic_into_bold():
    assert to_markup("*x*", italic_as_bold=True) == "<b>x</b>"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_markup_reportlab_accepts(text):
    Paragraph(to_markup(text, "#005A9C"), BODY)  # raises on malformed markup


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="*[]()",
                                      blacklist_categories=("Cs", "Cc")), max_size=80))
def test_text_without_markup_prints_exactly_as_typed(text):
    assert plain(text) == text
    assert visible(to_markup(text)).split() == text.split()  # ReportLab folds spaces
