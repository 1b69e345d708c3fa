"""The bidi order of right-to-left lines (leafletgen.direction): property tests against
python-bidi's own display order, and the cases a leaflet meets."""

from __future__ import annotations

from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from leafletgen import direction

# Letters of both directions, spaces and a few neutrals; no digits, brackets or "@" (the
# tool keeps numbers and addresses left-to-right on purpose, and a display order mirrors
# brackets).
ALPHABET = "abcXYZ אבגדה ابتثج ,;:"
lines = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(lines, st.booleans())
def test_the_order_is_the_unicode_bidi_algorithm_s(text, right_to_left):
    """Levels, then rule L2 on each character: python-bidi's display order, both bases."""
    order = direction.visual_order(direction.levels(text, right_to_left))
    assert sorted(order) == list(range(len(text)))
    assert "".join(text[n] for n in order) == get_display(text, base_dir="R" if right_to_left
                                                          else "L")


@given(st.text(st.sampled_from("abc XYZ,"), min_size=1, max_size=20))
def test_left_to_right_text_keeps_its_order(text):
    assert direction.visual_order(direction.levels(text, False)) == list(range(len(text)))


def test_numbers_and_addresses_inside_right_to_left_text_keep_their_order():
    text = "اتصل على 0161 555 0142 أو nurses@example.org اليوم"
    order = direction.visual_order(direction.levels(text, True))
    shown = "".join(text[n] for n in order)
    assert "0161 555 0142" in shown and "nurses@example.org" in shown
    assert shown.index("nurses") < shown.index("0161")  # the later one further left


def test_a_paragraph_takes_the_direction_of_its_first_strong_character():
    assert direction.starts_right_to_left("«مرحبا» CT")
    assert not direction.starts_right_to_left("CT scan: مرحبا")
    assert not direction.starts_right_to_left("123 456")
