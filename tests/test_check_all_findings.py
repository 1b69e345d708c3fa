"""`leafletgen check` reports everything in one run (issue 13): the format errors of a
leaflet and, on what the loader could read of it, the content rules' findings too."""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_cli, write_leaflet
from leafletgen.load import FormatErrors, load_leaflet
from test_check import FINDING_LINE, GOOD, TODAY, paragraph, variant

LONG_SENTENCE = ("You can bring a friend or a relative with you to the clinic and they can "
                 "stay with you for the whole of the test if you would like them to be there.")
ALT = "alt: Outline of the front of a body with the heart marked."
JARGON = "Your oncologist will see you."

# One empty alt (a format error), an overdue review, jargon and a long sentence.
BROKEN = paragraph(f"{LONG_SENTENCE} {JARGON}").replace(ALT, 'alt: ""').replace(
    "review: 2028-03-01", "review: 2026-05-01")
FOUR = ["dates.review-overdue", "readability.sentence-length", "plain-english.jargon",
        "format.missing-field"]


@pytest.fixture
def broken_library(library, monkeypatch):
    write_leaflet(library, "broken.yaml", BROKEN)
    monkeypatch.chdir(library)
    return library


def rules_in(output: str) -> list[str]:
    return [line.rsplit("[", 1)[1].rstrip("]") for line in output.splitlines()
            if re.match(FINDING_LINE, line)]


def test_text_reports_the_format_error_and_every_content_finding(broken_library):
    result = run_cli("check", "--today", TODAY.isoformat())
    assert result.exit_code == 1, result.output
    assert rules_in(result.output) == FOUR  # in the order of the file
    assert "leaflets/broken.yaml:27:16: error: 'alt' is empty" in result.output
    assert "completeness.alt-text" not in result.output  # the loader said so already
    assert "leaflets/broken.yaml: not checked until the format errors are fixed: layout" \
        in result.output.splitlines()
    assert "readability of GOOD-01 (leaflets/broken.yaml)" in result.output
    assert result.output.splitlines()[-1] == \
        "1 leaflet checked (1 with format errors): 2 errors, 2 warnings"


def test_json_reports_them_all_too(broken_library):
    result = run_cli("check", "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [f["rule"] for f in data["findings"]] == FOUR
    assert data["summary"] == {"leaflets": 1, "errors": 2, "warnings": 2, "failed": True}
    [leaflet] = data["leaflets"]
    # As documented: a file that breaks the format has not loaded; no id, no figures.
    assert leaflet == {"file": "leaflets/broken.yaml", "id": None, "loaded": False,
                       "errors": 2, "warnings": 2, "readability": None}


def test_build_still_refuses_it(broken_library):
    with pytest.raises(FormatErrors) as refused:
        load_leaflet(broken_library / "leaflets" / "broken.yaml")
    assert [d.code for d in refused.value.diagnostics] == ["format.missing-field"]
    result = run_cli("build", "--out", "out")
    assert result.exit_code == 1
    assert not list((broken_library / "out").rglob("*.pdf"))


# Files broken in other ways: each still gets the jargon finding, and nothing crashes.
@pytest.mark.parametrize("old, new, format_rule", [
    ("published: 2026-03-01", "published: soon", "format.date"),
    ('  - version: "1.0"\n', "  - version: 1.0\n", "format.version"),
    ('version: "1.1"', "version: 1.1", "format.version"),
    ("quick_guide:\n  points:\n", "quick_guide: [\n  ]\nx:\n  points:\n", "format.type"),
    ("sections:\n", "sections:\n  - just a line\n", "format.type"),
    ("view: front", "view: sideways", "format.bodymap-view"),
    ("contacts:\n  - name: Outpatient nurses\n", "contacts:\n  - 3\n  - name: Outpatient nurses\n",
     "format.type"),
    ("title: Your blood test\n", "", "format.missing-field"),
    ("id: GOOD-01", "id: good", "format.id-pattern"),
    ("owner: Outpatient nurses", "owner: Outpatient nurses\nauthor: Me", "format.unknown-key"),
    ("      - note: Please come ten minutes early.\n",
     "      - image:\n          file: missing.png\n          alt: The clinic door.\n",
     "format.asset-path"),
])
def test_content_rules_run_on_whatever_could_be_read(library, old, new, format_rule):
    text = paragraph(JARGON)
    assert old in text, old
    write_leaflet(library, "broken.yaml", text.replace(old, new, 1))
    result = run_cli("check", str(library / "leaflets"), "--today", TODAY.isoformat())
    assert result.exit_code == 1, result.output
    found = rules_in(result.output)
    assert format_rule in found and "plain-english.jargon" in found, result.output
    assert "completeness.quick-guide" not in found  # a broken quick guide is one finding


def test_dates_rules_wait_for_the_dates_they_compare(library):
    """With 'published' unreadable, the review rules would compare nothing: not run."""
    text = variant("published: 2026-03-01", "published: soon").replace(
        "review: 2028-03-01", "review: 2026-05-01")
    write_leaflet(library, "broken.yaml", text)
    result = run_cli("check", str(library / "leaflets"), "--today", TODAY.isoformat())
    assert rules_in(result.output) == ["format.date"]
    assert f"{library / 'leaflets' / 'broken.yaml'}: not checked until the format errors are " \
        "fixed: dates, layout" in result.output.splitlines()


def test_a_file_that_is_not_a_leaflet_is_not_checked_further(library):
    write_leaflet(library, "list.yaml", "- just\n- a list\n")
    write_leaflet(library, "good.yaml", GOOD)
    result = run_cli("check", str(library / "leaflets"), "--today", TODAY.isoformat())
    assert rules_in(result.output) == ["format.type"]
    assert result.output.splitlines()[-1] == \
        "2 leaflets checked (1 could not be read): 1 error, 0 warnings"


def test_a_duplicate_id_is_checked_for_content_too(library):
    write_leaflet(library, "a.yaml", paragraph(JARGON))
    write_leaflet(library, "b.yaml", GOOD)
    result = run_cli("check", str(library / "leaflets"), "--today", TODAY.isoformat())
    assert rules_in(result.output) == ["format.duplicate-id", "plain-english.jargon",
                                       "format.duplicate-id"]


def test_a_concern_switched_off_is_not_said_to_be_left_out(broken_library):
    (broken_library / "leafletgen.toml").write_text('[check]\ndisable = ["layout"]\n',
                                                    encoding="utf-8")
    result = run_cli("check", "--today", TODAY.isoformat())
    assert rules_in(result.output) == FOUR
    assert "not checked until" not in result.output
