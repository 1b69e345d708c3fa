"""`leafletgen check`'s accessibility rules (issue 14): each fires once, at the words, through
the real command, and its near miss does not; they are listed, and switched off, like the
other rules; and the leaflets of the repository give none of them."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from conftest import REPO, SAMPLE, run_cli, write_leaflet
from test_check import GOOD, TODAY, variant, write_config

ALT = "alt: Outline of the front of a body with the heart marked."
NOTE = "      - note: Please come ten minutes early.\n"
PARAGRAPH = "        with loose sleeves. Tell the nurse if you feel faint when you see a needle.\n"
RULES = {"accessibility.alt-missing": "error", "accessibility.alt-repeated": "warning",
         "accessibility.alt-length": "warning", "accessibility.link-text": "warning",
         "accessibility.heading-capitals": "warning",
         "accessibility.heading-repeated": "warning"}


@pytest.fixture
def checked(library, monkeypatch):
    """Check one leaflet written in the library: the findings, as JSON, and the exit code."""
    Image.new("RGB", (60, 40), "#6688AA").save(library / "assets" / "scan.png")
    monkeypatch.chdir(library)

    def run(text: str, *args: str):
        write_leaflet(library, "leaflet.yaml", text)
        result = run_cli("check", "--today", TODAY.isoformat(), "--format", "json", *args)
        data = json.loads(result.output)
        return data["findings"], result.exit_code

    return run


def found(findings, rule: str) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["message"]) for f in findings if f["rule"] == rule]


def with_image(alt: str, file: str = "scan.png") -> str:
    """GOOD with a picture after the note of its first section: its alt is at 20:16."""
    return variant(NOTE, f"{NOTE}      - image:\n          file: {file}\n          alt: {alt}\n")


def with_link(link: str) -> str:
    """GOOD with a sentence holding link at the end of its first paragraph (line 13)."""
    return variant(PARAGRAPH, PARAGRAPH.rstrip("\n") + f" Read {link} first.\n")


# ------------------------------------------------------------------ alt-missing
@pytest.mark.parametrize("alt, problem", [
    ('"Image."', "is a placeholder, not a description: 'Image.'"),
    ("TODO", "is a placeholder"),
    ("figure 2", "is a placeholder"),
    ("An illustration", "is a placeholder"),
    ("scan.png", "is a file name: 'scan.png'"),
    ("Scan", "is a file name"),
    ('"..."', "has no words"),
])
def test_alt_missing_fires_once_at_the_alt_text(checked, alt, problem):
    findings, code = checked(with_image(alt))
    [(line, column, message)] = found(findings, "accessibility.alt-missing")
    assert (line, column) == (20, 16)
    assert message.startswith("the alt text of the picture in section 'Before your test' ")
    assert problem in message
    assert code == 1  # an error: the picture has, in effect, no alt text
    # One finding for the one problem: the completeness rules leave it to this one.
    assert not found(findings, "completeness.alt-text")


def test_a_body_map_with_a_placeholder_is_one_finding(checked):
    findings, _ = checked(variant(ALT, "alt: Body map"))
    assert [f["rule"] for f in findings] == ["accessibility.alt-missing"]
    assert (findings[0]["line"], findings[0]["column"]) == (28, 16)


@pytest.mark.parametrize("alt", [
    "Photo booth at the entrance of the clinic, beside the lifts.",
    "A nurse taking blood from the arm of a patient who sits in a chair.",
])
def test_alt_missing_near_miss(checked, alt):
    findings, code = checked(with_image(alt))
    assert findings == [] and code == 0


def test_an_empty_alt_is_the_loaders_error_only(checked):
    findings, _ = checked(variant(ALT, 'alt: ""'))
    assert [f["rule"] for f in findings] == ["format.missing-field"]


def test_with_alt_missing_off_completeness_still_warns(checked, library):
    write_config(library, '[check]\ndisable = ["accessibility.alt-missing"]\n')
    findings, code = checked(with_image("scan.png"))
    assert [f["rule"] for f in findings] == ["completeness.alt-text"] and code == 0


# ------------------------------------------------------------------ alt-repeated
def test_alt_repeated_fires_at_the_second_picture(checked):
    findings, code = checked(with_image(ALT.removeprefix("alt: ").lower()))
    [(line, column, message)] = found(findings, "accessibility.alt-repeated")
    assert (line, column) == (31, 16) and code == 0
    assert message.startswith("the body map in section 'At the clinic' has the same alt text "
                              "as the picture at line 20: ")


def test_alt_repeated_near_miss(checked):
    findings, _ = checked(with_image("Outline of the front of a body with the lungs marked."))
    assert found(findings, "accessibility.alt-repeated") == []
    # The quick guide is a file of its own: its body map may say what the leaflet's says.
    guide = variant("    - Bring your letter.\n", "    - Bring your letter.\n  bodymap:\n"
                    "    view: front\n    highlight: [heart]\n    " + ALT + "\n")
    findings, _ = checked(guide)
    assert findings == []


# ------------------------------------------------------------------ alt-length
LONG_ALT = ("Outline of the front of a body with the heart marked. " * 5).strip()  # 269


def test_alt_length_fires_above_250_characters(checked):
    findings, _ = checked(variant(ALT, f"alt: {LONG_ALT}"))
    [(line, column, message)] = found(findings, "accessibility.alt-length")
    assert (line, column) == (28, 16)
    assert message == ("the alt text of the body map in section 'At the clinic' is 269 "
                       "characters long (the limit is 250)")


def test_alt_length_near_miss_of_250_characters(checked):
    findings, _ = checked(variant(ALT, f"alt: {LONG_ALT[:249]}."))
    assert found(findings, "accessibility.alt-length") == []


def test_alt_chars_max_is_honoured(checked, library):
    write_config(library, "[check]\nalt_chars_max = 300\n")
    assert checked(variant(ALT, f"alt: {LONG_ALT}"))[0] == []
    write_config(library, "[check]\nalt_chars_max = 40\n")
    findings, _ = checked(GOOD)
    assert [m for _, _, m in found(findings, "accessibility.alt-length")] == [
        "the alt text of the body map in section 'At the clinic' is 53 characters long "
        "(the limit is 40)"]


@pytest.mark.parametrize("value", ['"250"', "-1", "2.5", "true"])
def test_a_bad_alt_chars_max_is_a_usage_error(checked, library, value):
    write_config(library, f"[check]\nalt_chars_max = {value}\n")
    write_leaflet(library, "leaflet.yaml", GOOD)
    result = run_cli("check")
    assert result.exit_code == 2
    assert "alt_chars_max must be a whole number, 0 or more" in result.output
    assert result.output.rstrip().endswith("[check.config]")


# ------------------------------------------------------------------ link-text
URL = "https://www.example.org/leaflets/blood-tests/before-your-test"  # 61 characters


def test_link_text_fires_on_a_long_address_as_the_words(checked):
    findings, code = checked(with_link(f"[{URL}]({URL})"))
    [(line, column, message)] = found(findings, "accessibility.link-text")
    assert (line, column) == (13, 91) and code == 0  # the words after '['
    assert message == (f"the link '{URL}' in section 'Before your test' is a web address of "
                       "61 characters, read out letter by letter")


@pytest.mark.parametrize("link", [
    f"[our page on blood tests]({URL})",
    "[www.example.org/blood](https://www.example.org/blood)",  # short enough to read out
])
def test_link_text_near_miss(checked, link):
    assert checked(with_link(link))[0] == []


def test_click_here_is_one_finding(checked, library):
    text = with_link("[click here](https://example.org/blood)")
    findings, _ = checked(text)
    assert [f["rule"] for f in findings] == ["completeness.link-text"]
    write_config(library, '[check]\ndisable = ["completeness.link-text"]\n')
    findings, _ = checked(text)
    [(line, column, message)] = found(findings, "accessibility.link-text")
    assert (line, column) == (13, 91) and len(findings) == 1
    assert message == ("the link 'click here' in section 'Before your test' does not say "
                       "where it goes")


# ------------------------------------------------------------------ heading-capitals
@pytest.mark.parametrize("old, new, place, words", [
    ("  - heading: Before your test", "  - heading: BEFORE YOUR TEST", (9, 14),
     "the heading 'BEFORE YOUR TEST' is written in capitals"),
    ("title: Your blood test", "title: YOUR BLOOD TEST", (2, 8),
     "the title 'YOUR BLOOD TEST' is written in capitals"),
    ("  - heading: At the clinic", "  - heading: MRI AND CT", (18, 14),
     "the heading 'MRI AND CT' is written in capitals"),
])
def test_heading_capitals_fires_once(checked, old, new, place, words):
    findings, code = checked(variant(old, new))
    [(line, column, message)] = found(findings, "accessibility.heading-capitals")
    assert (line, column) == place and message == words and code == 0


@pytest.mark.parametrize("heading", ["NHS", "NHS A&E", "CT scan", "Before your CT scan",
                                     "Having an MRI"])
def test_heading_capitals_near_miss(checked, heading):
    findings, _ = checked(variant("  - heading: At the clinic", f"  - heading: {heading}"))
    assert found(findings, "accessibility.heading-capitals") == []


# ------------------------------------------------------------------ heading-repeated
def test_heading_repeated_fires_at_the_second(checked):
    findings, code = checked(variant("  - heading: At the clinic",
                                     "  - heading: \"Before your test!\""))
    [(line, column, message)] = found(findings, "accessibility.heading-repeated")
    assert (line, column) == (18, 14) and code == 0
    assert message == "the heading 'Before your test!' has the same words as the heading at line 9"


def test_a_section_named_like_the_leaflets_own_heading(checked):
    text = variant("  - heading: At the clinic", "  - heading: Further reading")
    [(line, column, message)] = found(checked(text)[0], "accessibility.heading-repeated")
    assert (line, column) == (18, 14)
    assert message.endswith("the heading 'Further reading' that the leaflet adds for "
                            "'further_reading'")
    # Without further_reading, the leaflet adds no such heading.
    alone = variant(GOOD[GOOD.index("further_reading:"):GOOD.index("history:")], "")
    alone = alone.replace("  - heading: At the clinic", "  - heading: Further reading")
    assert found(checked(alone)[0], "accessibility.heading-repeated") == []


def test_heading_repeated_near_miss(checked):
    findings, _ = checked(variant("  - heading: At the clinic", "  - heading: After your test"))
    assert findings == []


# ------------------------------------------------------------------ listed, switched off, quiet
def test_list_rules_shows_the_accessibility_rules_after_completeness(checked):
    lines = run_cli("check", "--list-rules").output.splitlines()
    listed = {line.split()[0]: line.split()[1] for line in lines}
    assert {rule: listed.get(rule) for rule in RULES} == RULES
    order = [line.split()[0].split(".")[0] for line in lines]
    assert order.index("accessibility") > max(i for i, c in enumerate(order) if c == "completeness")
    assert order.index("accessibility") < order.index("layout")


BAD_EVERYWHERE = with_image("image").replace("title: Your blood test", "title: YOUR BLOOD TEST")


@pytest.mark.parametrize("disable, left", [
    ('["accessibility"]', {"completeness.alt-text"}),  # the picture's alt is still too short
    ('["accessibility.heading-capitals"]', {"accessibility.alt-missing"}),
    ('["accessibility.alt-missing"]', {"accessibility.heading-capitals",
                                      "completeness.alt-text"}),
])
def test_the_rules_can_be_switched_off(checked, library, disable, left):
    assert {f["rule"] for f in checked(BAD_EVERYWHERE)[0]} == {
        "accessibility.alt-missing", "accessibility.heading-capitals"}
    write_config(library, f"[check]\ndisable = {disable}\n")
    assert {f["rule"] for f in checked(BAD_EVERYWHERE)[0]} == left


def test_the_clean_leaflet_and_the_repositorys_leaflets_give_none(checked, monkeypatch):
    assert checked(GOOD)[0] == []
    monkeypatch.chdir(REPO)
    result = run_cli("check", str(SAMPLE.parent), "--today", "2026-11-29")
    assert result.exit_code == 0 and "[accessibility." not in result.output
