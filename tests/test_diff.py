"""`leafletgen diff`: fixed pairs of leaflets with known edits give known reports and exit codes."""

from __future__ import annotations

import pytest

from conftest import run_cli, write_leaflet
from leafletgen.diff.match import align, match_sections
from leafletgen.diff.words import diff_text, split_words
from leafletgen.model import Paragraph, Section

BASE = """\
id: DIFF-01
title: Your chemotherapy
version: "1.0"
published: 2026-01-10
review: 2027-01-10
owner: Chemotherapy nurses
sections:
  - heading: Before treatment
    body:
      - Drink plenty of water the day before.
      - list:
          - Bring your medicines.
          - Bring a snack.
  - heading: During treatment
    body:
      - The nurse puts a small tube into a vein in your arm.
      - bodymap:
          view: front
          highlight: [lungs, liver]
          caption: Where the drug goes first
          alt: Outline of a body with the lungs and the liver highlighted.
  - heading: After treatment
    body:
      - You may feel tired for a few days after each treatment.
      - note: Call us at once if your temperature is 38 degrees or more.
quick_guide:
  points:
    - Drink plenty of water the day before.
    - Call us if you have a temperature.
contacts:
  - name: Chemotherapy unit
    phone: "0123 000 0000"
history:
  - version: "1.0"
    date: 2026-01-10
    changes: First version.
"""

RELEASE = {  # a proper new version: raised, published later, with its history entry
    'version: "1.0"\npublished: 2026-01-10': 'version: "1.1"\npublished: 2026-02-01',
    "history:\n": 'history:\n  - version: "1.1"\n    date: 2026-02-01\n    changes: Edited.\n',
}


def edited(*replacements: tuple[str, str], release: bool = True) -> str:
    text = BASE
    for old, new in list(RELEASE.items() if release else []) + list(replacements):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def run_diff(library, new_text: str, *options: str, old_text: str = BASE):
    old = write_leaflet(library, "old.yaml", old_text)
    new = write_leaflet(library, "new.yaml", new_text)
    return run_cli("diff", str(old), str(new), *options)


def lines(result) -> list[str]:
    return result.stdout.splitlines()


# ---------------------------------------------------------------- reports of known edits
def test_no_change_exits_0(library):
    result = run_diff(library, BASE)
    assert result.exit_code == 0, result.output
    assert lines(result)[-1] == "No changes."
    assert "Sections" not in result.stdout and result.stderr == ""


def test_yaml_only_differences_are_no_change(library):
    result = run_diff(library, "# a comment for authors\n" + BASE.replace(
        "title: Your chemotherapy", 'title: "Your chemotherapy"'))
    assert result.exit_code == 0
    assert "The files differ only in comments, quoting or spacing of the YAML." in result.stdout


def test_word_change(library):
    result = run_diff(library, edited(("of water the day", "of fluids the day")))
    assert result.exit_code == 1, result.output
    out = lines(result)
    assert out[0].startswith("--- ") and out[0].endswith(
        "old.yaml  (DIFF-01 version 1.0, published 10 January 2026)")
    assert out[1].endswith("new.yaml  (DIFF-01 version 1.1, published 1 February 2026)")
    assert "  version    1.0 \u2192 1.1" in out
    assert "  published  10 January 2026 \u2192 1 February 2026" in out
    assert "  ~ \u00a71 Before treatment   [edited]" in out
    assert "      Drink plenty of [-water-]{+fluids+} the day before." in out
    assert "  + 1.1: date {+1 February 2026+}; changes {+Edited.+}" in out
    assert out[-1] == ("Changed: 2 metadata fields (version, published); 1 section (1 edited); "
                       "history; 6 words inserted, 1 deleted")
    assert result.stderr == ""  # a proper release: no version warnings
    assert "\x1b[" not in result.stdout  # piped: plain text


def test_long_paragraph_is_cut_to_context(library):
    sentence = "You may feel tired for a few days after each treatment."
    longer = sentence.replace("You may", "Most people feel well, but you may")
    result = run_diff(library, edited((sentence, longer)), "-U", "2")
    assert "      [-You-]{+Most people feel well, but you+} may feel \u2026" in lines(result)


def test_list_item_added_and_removed(library):
    result = run_diff(library, edited(("- Bring a snack.", "- Bring a drink.\n          "
                                                          "- Wear warm clothes.")))
    out = lines(result)
    assert "      \u2022 Bring a [-snack-]{+drink+}." in out
    assert "      \u2022 {+Wear warm clothes.+}" in out


def test_moved_section_is_not_delete_and_insert(library):
    during = BASE[BASE.index("  - heading: During"):BASE.index("  - heading: After")]
    after = BASE[BASE.index("  - heading: After"):BASE.index("quick_guide:")]
    moved = BASE.replace(during + after, after + during)
    result = run_diff(library, moved)
    assert result.exit_code == 1
    sections = [line for line in lines(result) if line.startswith("  ") and "\u00a7" in line]
    assert sections == ["  ~ \u00a73 During treatment   [moved from \u00a72]"]
    assert lines(result)[-1] == "Changed: 1 section (1 moved)"
    # the content changed but the version did not: a warning, still exit 1
    assert "warning: the content changed but the version is still 1.0" in result.stderr
    assert "new.yaml:3:10:" in result.stderr and "[diff.version-not-raised]" in result.stderr


def test_renamed_section(library):
    result = run_diff(library, edited(("heading: After treatment",
                                       "heading: After your treatment")))
    out = lines(result)
    assert "  ~ \u00a73 After {+your+} treatment   [renamed]" in out
    assert not any("[added]" in line or "[removed" in line for line in out)


def test_renamed_and_edited_section_is_still_matched(library):
    result = run_diff(library, edited(
        ("heading: After treatment", "heading: Once you are home"),
        ("for a few days after", "for a week after")))
    out = lines(result)
    assert ("  ~ \u00a73 [-After treatment-]{+Once you are home+}   [renamed, edited]") in out
    assert "      You may feel tired for a [-few days-]{+week+} after each treatment." in out


def test_added_and_removed_sections(library):
    after = BASE[BASE.index("  - heading: After"):BASE.index("quick_guide:")]
    new_section = ("  - heading: Eating well\n    body:\n      - Eat small meals often.\n")
    result = run_diff(library, edited((after, new_section)))
    out = lines(result)
    assert "  + \u00a73 Eating well   [added]" in out
    assert "      {+Eat small meals often.+}" in out
    assert "  - After treatment   [removed; was \u00a73]" in out
    assert "      Note: [-Call us at once if your temperature is 38 degrees or more.-]" in out


def test_metadata_only_change(library):
    result = run_diff(library, BASE.replace("owner: Chemotherapy nurses",
                                            "owner: Cancer day unit").replace(
        "review: 2027-01-10", "review: 2028-01-10"))
    assert result.exit_code == 1
    out = lines(result)
    assert out[3:6] == ["Metadata", "  review  10 January 2027 \u2192 10 January 2028",
                        "  owner   Chemotherapy nurses \u2192 Cancer day unit"]
    assert "Sections" not in out
    assert out[-1] == "Changed: 2 metadata fields (review, owner)"
    assert "[diff.version-not-raised]" in result.stderr


def test_review_date_alone_needs_no_new_version(library):
    result = run_diff(library, BASE.replace("review: 2027-01-10", "review: 2028-01-10"))
    assert result.exit_code == 1
    assert result.stderr == ""


def test_figure_change(library):
    result = run_diff(library, edited(("highlight: [lungs, liver]", "highlight: [lungs, kidneys]")))
    out = lines(result)
    assert "  ~ \u00a72 During treatment   [edited]" in out
    assert "      [body map (front) changed: see Figures]" in out
    assert ('  ~ section 2 "During treatment", body map (front): highlighted {+kidneys+} '
            '[-liver-]') in out
    assert "1 figure" in out[-1]


def test_figure_added_and_caption_changed(library):
    result = run_diff(library, edited(
        ("caption: Where the drug goes first", "caption: Where the drug goes"),
        ("      - Drink plenty of water the day before.\n",
         "      - Drink plenty of water the day before.\n      - bodymap:\n          view: back\n"
         "          highlight: [spine]\n          alt: The back of a body, the spine marked.\n")))
    out = lines(result)
    assert '  + section 1 "Before treatment", body map (back): added (highlights spine)' in out
    assert "      Caption: Where the drug goes [-first-]" in out


def test_quick_guide_contacts_and_reading(library):
    result = run_diff(library, edited(
        ("- Call us if you have a temperature.", "- Call us at once if you have a temperature."),
        ('"0123 000 0000"', '"0123 000 1111"'),
        ("history:", "further_reading:\n  - title: Eating well\n    url: https://example.org/eat\n"
                     "history:")))
    out = lines(result)
    assert out[out.index("Quick guide") + 1] == ("  \u2022 Call us {+at once+} if you have a "
                                                 "temperature.")
    assert "  ~ Chemotherapy unit: phone 0123 000 [-0000-]{+1111+}" in out
    assert "  + Eating well: url {+https://example.org/eat+}" in out
    assert "quick guide; contacts; further reading; history" in out[-1]


def test_colour_on_request(library):
    result = run_diff(library, edited(("of water", "of fluids")), "--color", "always")
    assert "\x1b[31m[-water-]\x1b[0m\x1b[32m{+fluids+}\x1b[0m" in result.stdout


# ---------------------------------------------------------------- version discipline
def test_history_not_updated(library):
    text = edited(("of water", "of fluids"), release=False).replace(
        'version: "1.0"\npublished: 2026-01-10', 'version: "1.1"\npublished: 2026-02-01')
    result = run_diff(library, text)
    assert result.exit_code == 1
    assert ("warning: the newest history entry is for version 1.0, not 1.1" in result.stderr)
    assert "[diff.history-not-updated]" in result.stderr


def test_strict_turns_warnings_into_errors(library):
    result = run_diff(library, edited(("of water", "of fluids"), release=False), "--strict")
    assert result.exit_code == 2
    assert "error: the content changed but the version is still 1.0" in result.stderr
    assert "Drink plenty of [-water-]{+fluids+}" in result.stdout  # the report is still shown


def test_version_lowered_is_an_error(library):
    old = BASE.replace('version: "1.0"', 'version: "2.0"')
    result = run_diff(library, BASE, old_text=old)
    assert result.exit_code == 2
    assert "new.yaml:3:10: error: version 1.0 is lower than 2.0" in result.stderr


def test_published_date_must_move_with_the_version(library):
    text = edited().replace("published: 2026-02-01", "published: 2026-01-10").replace(
        "date: 2026-02-01", "date: 2026-01-10")
    result = run_diff(library, text)
    assert "[diff.published-not-updated]" in result.stderr
    assert result.exit_code == 1


# ---------------------------------------------------------------- trouble: exit 2
def test_bad_input_exits_2_with_positions(library):
    bad = BASE.replace("owner: Chemotherapy nurses", "ownr: Chemotherapy nurses")
    result = run_diff(library, bad)
    assert result.exit_code == 2
    assert "new.yaml:6:1: error: unknown key 'ownr' in the leaflet" in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_2(library):
    old = write_leaflet(library, "old.yaml", BASE)
    result = run_cli("diff", str(old), str(library / "leaflets" / "nothing.yaml"))
    assert result.exit_code == 2
    assert "nothing.yaml: error: cannot read the file" in result.stderr


def test_bad_revision_exits_2(library, monkeypatch):
    monkeypatch.chdir(library)
    write_leaflet(library, "new.yaml", BASE)
    result = run_cli("diff", "no-such-rev:leaflets/new.yaml", "leaflets/new.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("no-such-rev:leaflets/new.yaml: error: git cannot read it")


# ---------------------------------------------------------------- the pieces
def test_words_keep_their_style():
    words = split_words("Call **now**, or [email us](mailto:a@b.org).")
    assert [(w.text, w.bold, w.href) for w in words] == [
        ("Call", False, ""), ("now", True, ""), (",", False, ""), ("or", False, ""),
        ("email", False, "mailto:a@b.org"), ("us", False, "mailto:a@b.org"), (".", False, "")]
    assert diff_text("It is important.", "It is **important**.").inserted == 1


@pytest.mark.parametrize("old, new, expected", [
    (["A", "B", "C"], ["A", "C", "B"], [(0, 0, False, False), (2, 1, False, False),
                                        (1, 2, False, True)]),
    (["A", "B"], ["A", "Bee"], [(0, 0, False, False), (1, 1, True, False)]),
    (["A", "B"], ["A"], [(0, 0, False, False), (1, None, False, False)]),
])
def test_match_sections(old, new, expected):
    def section(heading: str) -> Section:
        body = f"The words of section {heading[0]} alone, and nothing like the others."
        return Section(heading, (Paragraph(body),))

    matches = match_sections([section(h) for h in old], [section(h) for h in new])
    assert [(m.old, m.new, m.renamed, m.moved) for m in matches] == expected


def test_align_pairs_edited_items_in_order():
    old = ["the bones", "the liver", "the lungs"]
    new = ["the bones", "the liver and spleen", "the skin", "the lungs"]
    assert align(old, new, str, str) == [(0, 0), (1, 1), (None, 2), (2, 3)]
