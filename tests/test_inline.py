"""Inline markup: our own parser, escaping every character from YAML first."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from leafletgen.inline import (link_markup, link_problem, phone_problem, plain, refused_links,
                               tel_link, to_markup)
from leafletgen import scripts
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
    assert plain("[x](tel:12) [y](https://example)") == "[x](tel:12) [y](https://example)"


def test_links_to_other_schemes_are_found_for_the_loader_to_refuse():
    text = "[a](javascript:alert(1)) [b](FILE:///etc/passwd) [c](data:text/html,x) [d](https://x.org)"
    assert [target for target, _ in refused_links(text)] == [
        "javascript:alert(1", "FILE:///etc/passwd", "data:text/html,x"]
    assert refused_links("[e](mailto:a@b.org) [f](tel:+441234) [g](HTTP://x.org/a?b=c) (h:i)") == []


@pytest.mark.parametrize("target, problem", [
    ("www.example.org", "does not start with https://, mailto: or tel:"),
    ("", "has no address"),
    ("https://example", "has no valid site name ('example')"),
    ("https:///page", "has no site name"),
    ("https://example.org/a b", "has a space in it"),
    ("https://example.org/a_(b", "has '(' in it"),
    ("mailto:nurses-example.org", "is not an email address"),
    ("mailto:a@b.org?bcc=c@d.org", "has '?', so it cannot be a mailto: link"),
    ("tel:12", "is not a phone number: it has 2 digits"),
    ("tel:0123x45", "is not a phone number"),
    ("tel:01+23456", "is not a phone number"),
])
def test_a_malformed_target_is_refused_with_why(target, problem):
    assert problem in link_problem(target)
    assert refused_links(f"[x]({target})") == [(target.strip(), link_problem(target))]


@pytest.mark.parametrize("target", [
    "https://www.nhs.uk/conditions/cancer/", "http://192.168.0.1/x", "mailto:name@example.org",
    "tel:+441234567890", "tel:0123-456-7890", "HTTPS://WWW.NHS.UK"])
def test_a_well_formed_target_is_a_link(target):
    assert link_problem(target) == ""
    assert f'href="{target}"' in to_markup(f"[x]({target})")


@pytest.mark.parametrize("phone, target", [
    ("0123 456 7890", "tel:01234567890"), ("+44 (0)1234 567890", "tel:+441234567890"),
    ("(01234) 567-890", "tel:01234567890"), ("ask at reception", ""), ("12", ""),
    ("0123+456", "")])
def test_a_contact_phone_is_linked_only_when_it_is_a_number_to_dial(phone, target):
    assert tel_link(phone) == target


def test_a_phone_with_an_extension_is_fine_as_text_but_not_a_link():
    assert phone_problem("0123 456 7890 ext 12") == ""
    assert tel_link("0123 456 7890 ext 12") == ""


def test_a_link_we_make_has_one_of_our_schemes_or_stays_text():
    assert link_markup("x.org/a", "x.org/a") == "x.org/a"
    assert link_markup("a@b.org", "mailto:a@b.org") == '<a href="mailto:a@b.org"><u>a@b.org</u></a>'


def test_unmatched_markers_are_literal():
    assert plain("a * b and **c") == "a * b and **c"


def test_large_print_turns_italic_into_bold():
    assert to_markup("*x*", italic_as_bold=True) == "<b>x</b>"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters().filter(lambda ch: not scripts.undrawable(ch)), max_size=80))
def test_any_text_gives_markup_reportlab_accepts(text):
    """Any text the loader lets through (a character no font has is refused there, and
    again by the paragraph: test_scripts.py)."""
    Paragraph(to_markup(text, "#005A9C"), BODY)  # raises on malformed markup


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="*[]()",
                                      blacklist_categories=("Cs", "Cc", "Cf")).filter(
    lambda ch: not scripts.undrawable(ch)), max_size=80))
def test_text_without_markup_prints_exactly_as_typed(text):
    assert plain(text) == text
    assert visible(to_markup(text)).split() == text.split()  # ReportLab folds spaces
