"""`leafletgen check` end to end: the CLI, exit codes, output formats and config.

The clean leaflet GOOD and the helpers here are shared with the other test_check_* files."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace as with_settings
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli, write_leaflet
from leafletgen.lint.config import Config, Settings
from leafletgen.lint.plainenglish import load_lexicon
from leafletgen.lint.run import Library, check_leaflet
from leafletgen.load import load_leaflet

TODAY = dt.date(2026, 6, 1)

# Clean: `leafletgen check --today 2026-06-01` finds nothing in it.
GOOD = """\
id: GOOD-01
title: Your blood test
version: "1.1"
published: 2026-03-01
review: 2028-03-01
owner: Outpatient nurses
summary: This leaflet tells you what happens at your blood test.
sections:
  - heading: Before your test
    body:
      - >-
        You can eat and drink as normal. Bring your letter with you. Wear a top
        with loose sleeves. Tell the nurse if you feel faint when you see a needle.
      - list:
          - your letter
          - a list of the pills you take
      - note: Please come ten minutes early.
  - heading: At the clinic
    body:
      - >-
        A nurse takes a small amount of blood from your arm. It only takes a few
        minutes. You can go home straight after. We will send the results to your
        doctor. Your doctor will call you.
      - bodymap:
          view: front
          highlight: [heart]
          caption: Your heart pumps blood round your body
          alt: Outline of the front of a body with the heart marked.
quick_guide:
  points:
    - Eat and drink as normal.
    - Bring your letter.
contacts:
  - name: Outpatient nurses
    phone: "0123 456 7890"
    hours: Monday to Friday, 9am to 5pm
    email: nurses@example.org
further_reading:
  - title: Blood tests explained
    url: https://example.org/blood-tests
history:
  - version: "1.1"
    date: 2026-03-01
    changes: Clearer wording.
  - version: "1.0"
    date: 2025-03-01
    changes: First version.
"""

FIRST_PARAGRAPH = """\
        You can eat and drink as normal. Bring your letter with you. Wear a top
        with loose sleeves. Tell the nurse if you feel faint when you see a needle.
"""


def variant(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def paragraph(text: str) -> str:
    """GOOD with its first paragraph replaced."""
    return variant(FIRST_PARAGRAPH, f"        {text}\n")


def check_text(library: Path, text: str, layout: bool = False, today: dt.date = TODAY,
               **settings):
    """The findings for one leaflet; layout checks only when asked (they lay it out)."""
    path = write_leaflet(library, "leaflet.yaml", text)
    chosen = with_settings(Settings(), **settings)
    if not layout:
        chosen = with_settings(chosen, disable=chosen.disable + ("layout",))
    library_data = Library(Config(settings=chosen), load_lexicon(library), None)
    return check_leaflet(load_leaflet(path), library_data, today)


def rules_of(report) -> list[str]:
    return [f.rule for f in report.findings]


# ------------------------------------------------------------------ the command line
FINDING_LINE = r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z-]+\.[a-z-]+\]$"


@pytest.fixture
def good_library(library, monkeypatch):
    write_leaflet(library, "good.yaml", GOOD)
    monkeypatch.chdir(library)
    return library


def test_clean_library_exits_0_with_a_summary_and_readability(good_library):
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "1 leaflet checked: 0 errors, 0 warnings"
    assert "readability of GOOD-01 (leaflets/good.yaml): target reading age 14 or under, by SMOG" \
        in lines
    assert any(line.endswith("the leaflet") and line.split()[0] == "8.1" for line in lines)
    assert any(line.endswith("section 'At the clinic'") for line in lines)


def test_warnings_exit_0_unless_strict(good_library):
    write_leaflet(good_library, "good.yaml", variant("review: 2028-03-01", "review: 2026-07-01"))
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 0
    finding = result.output.splitlines()[0]
    assert finding == ("leaflets/good.yaml:5:9: warning: the leaflet is due for review in 30 days "
                       "(1 July 2026) (start the review now, so that a reviewed version is ready "
                       "in time) [dates.review-soon]")
    assert result.output.splitlines()[-1] == "1 leaflet checked: 0 errors, 1 warning"
    assert run_cli("check", "--today", "2026-06-01", "--strict").exit_code == 1


def test_errors_exit_1(good_library):
    write_leaflet(good_library, "bad.yaml", variant("id: GOOD-01", "id: BAD-01").replace(
        "email: nurses@example.org", "email: nurses"))
    write_leaflet(good_library, "broken.yaml", "id: [\n")
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 1
    findings = [line for line in result.output.splitlines() if re.match(FINDING_LINE, line)]
    assert [line.rsplit("[", 1)[1] for line in findings] == ["format.link]",
                                                             "format.yaml-syntax]"]
    assert findings[0].startswith("leaflets/bad.yaml:37:12: error: the email 'nurses' is not "
                                  "an email address")
    assert result.output.splitlines()[-1] == \
        "3 leaflets checked (1 could not be read, 1 with format errors): 2 errors, 0 warnings"


def test_named_files_and_usage_errors(good_library, tmp_path):
    assert run_cli("check", "leaflets/good.yaml", "--today", "2026-06-01").exit_code == 0
    assert run_cli("check", "leaflets/missing.yaml").exit_code == 2
    assert run_cli("check", "--today", "1 June").exit_code == 2
    assert run_cli("check", "--format", "xml").exit_code == 2
    (tmp_path / "empty").mkdir()
    result = run_cli("check", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "no leaflet files" in result.output


def test_no_leaflets_folder_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert result.exit_code == 2 and "no leaflets/ folder" in result.output


def test_json_output_is_stable(good_library):
    write_leaflet(good_library, "good.yaml", paragraph("Your oncologist will see you."))
    result = run_cli("check", "--format", "json", "--today", "2026-06-01")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"schema_version", "tool", "today", "strict", "summary", "findings",
                         "leaflets"}
    assert data["schema_version"] == 1 and data["today"] == "2026-06-01"
    assert data["summary"] == {"leaflets": 1, "errors": 0, "warnings": 1, "failed": False}
    assert data["findings"] == [{
        "file": "leaflets/good.yaml", "line": 12, "column": 14, "severity": "warning",
        "rule": "plain-english.jargon",
        "message": "'oncologist' is not explained where it is first used, in section "
                   "'Before your test'",
        "hint": "say 'cancer specialist' instead, or explain it: 'oncologist (cancer specialist)'",
        "section": "Before your test", "leaflet": "GOOD-01"}]
    [leaflet] = data["leaflets"]
    assert {k: leaflet[k] for k in ("file", "id", "loaded", "errors", "warnings")} == {
        "file": "leaflets/good.yaml", "id": "GOOD-01", "loaded": True, "errors": 0, "warnings": 1}
    readability = leaflet["readability"]
    assert (readability["formula"], readability["reading_age_max"]) == ("smog", 14)
    parts = [(p["part"], p["section"]) for p in readability["parts"]]
    assert parts == [("leaflet", None), ("section", "Before your test"),
                     ("section", "At the clinic"), ("quick guide", None)]
    whole = readability["parts"][0]
    assert set(whole) == {"part", "section", "line", "sentences", "words", "syllables",
                          "polysyllables", "smog_grade", "flesch_kincaid_grade", "reading_age"}
    assert whole["reading_age"] == round(whole["smog_grade"] + 5, 1)


def test_json_strict_and_unreadable_leaflets(good_library):
    write_leaflet(good_library, "broken.yaml", "id: [\n")
    data = json.loads(run_cli("check", "--format", "json", "--strict").output)
    broken = next(entry for entry in data["leaflets"] if entry["file"].endswith("broken.yaml"))
    assert broken == {"file": "leaflets/broken.yaml", "id": None, "loaded": False, "errors": 1,
                      "warnings": 0, "readability": None}
    assert data["strict"] is True and data["summary"]["failed"] is True


def test_list_rules(good_library):
    result = run_cli("check", "--list-rules")
    assert result.exit_code == 0
    assert any(line.split()[:2] == ["readability.reading-age", "warning"]
               for line in result.output.splitlines())
    assert any(line.split()[:2] == ["dates.review-overdue", "error"]
               for line in result.output.splitlines())


def test_the_sample_leaflet_gives_honest_findings(monkeypatch):
    monkeypatch.chdir(SAMPLE.parent.parent)
    # The charity's own wording, SBC-01 alone: the rest of the series is written to be clean.
    result = run_cli("check", str(SAMPLE.relative_to(SAMPLE.parent.parent)), "--today",
                     "2026-11-29", "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["summary"]["errors"] == 0
    jargon = {(f["message"].split("'")[1], f["section"]) for f in data["findings"]
              if f["rule"] == "plain-english.jargon"}
    # Explained in context ("is called a metastasis or a secondary cancer", "(dormant)").
    assert not any(term in ("metastasis", "dormant") for term, _ in jargon)
    assert ("lymphatic system", "How breast cancer spreads") in jargon
    whole = data["leaflets"][0]["readability"]["parts"][0]
    assert 12 <= whole["reading_age"] <= 16 and 5 <= whole["flesch_kincaid_grade"] <= 9
    # Exactly these, as before check read on past format errors (issue 13).
    assert [(f["line"], f["rule"]) for f in data["findings"]] == [
        (6, "readability.reading-age"), (18, "readability.reading-age"),
        (31, "readability.sentence-length"), (35, "readability.reading-age"),
        (38, "readability.sentence-length"), (40, "plain-english.jargon"),
        (54, "plain-english.jargon"), (66, "readability.sentence-length"),
        (97, "plain-english.jargon"), (103, "plain-english.jargon")]


# ------------------------------------------------------------------ config
def write_config(library, text: str, name: str = "leafletgen.toml"):
    (library / name).write_text(text, encoding="utf-8")


BAD_REVIEW = variant("review: 2028-03-01", "review: 2026-07-01")


def test_config_disables_a_rule_or_a_concern(good_library):
    write_leaflet(good_library, "good.yaml", paragraph("Your oncologist will see you.")
                  .replace("review: 2028-03-01", "review: 2026-07-01"))
    args = ("check", "--today", "2026-06-01", "--strict")
    assert run_cli(*args).exit_code == 1
    write_config(good_library, '[check]\ndisable = ["plain-english.jargon", "dates"]\n')
    result = run_cli(*args)
    assert result.exit_code == 0, result.output


def test_config_per_leaflet_override(good_library):
    write_leaflet(good_library, "good.yaml", BAD_REVIEW)
    write_leaflet(good_library, "other.yaml", BAD_REVIEW.replace("id: GOOD-01", "id: OTHER-01"))
    write_config(good_library, '[check.leaflets.GOOD-01]\ndisable = ["dates.review-soon"]\n')
    result = run_cli("check", "--today", "2026-06-01")
    assert [line.split(":")[0] for line in result.output.splitlines() if "[dates." in line] == \
        ["leaflets/other.yaml"]


def test_config_per_leaflet_enable_and_thresholds(good_library):
    write_leaflet(good_library, "good.yaml", BAD_REVIEW)
    write_config(good_library, '[check]\ndisable = ["dates"]\nreview_warning_days = 10\n'
                 '[check.leaflets.GOOD-01]\nenable = ["dates"]\nreview_warning_days = 60\n')
    assert "[dates.review-soon]" in run_cli("check", "--today", "2026-06-01").output


def test_config_in_pyproject(good_library):
    write_leaflet(good_library, "good.yaml", BAD_REVIEW)
    write_config(good_library, '[tool.leafletgen.check]\nreview_warning_days = 10\n',
                 "pyproject.toml")
    assert "[dates.review-soon]" not in run_cli("check", "--today", "2026-06-01").output


@pytest.mark.parametrize("config, place, words", [
    ("[check]\nreading_age = 12\n", "2:1",
     "[check] has an unknown key 'reading_age' (did you mean 'reading_age_max'?)"),
    ("[check]\nalt_words_min = 3\ndisable = [\n  \"dates.review-son\",\n]\n", "3:1",
     "disable names an unknown rule 'dates.review-son' (did you mean 'dates.review-soon'?)"),
    ("[check]\ndisable = [\"format.unknown-key\"]\n", "2:1", "cannot include 'format.unknown-key'"),
    ("[check]\nsentence_words_max = \"25\"\n", "2:1", "must be a whole number"),
    ("[check]\nreadability_formula = \"fog\"\n", "2:1", "'smog' or 'flesch-kincaid'"),
    ("[check]\nlayout_formats = [\"quick\"]\n", "2:1", "a list of formats from a4, a5, large"),
    ("# settings\n\n  [check.leaflets.GOOD-01]\n  enable = \"dates\"\n", "4:3",
     "[check.leaflets.GOOD-01] enable must be a list of rule ids"),
    ("check = 3\n", "1:1", "[check] must be a table of settings"),
    ("[check\n", "1:7", "cannot read the config: Expected ']' at the end of a table declaration"),
])
def test_config_mistakes_are_usage_errors_at_their_line(good_library, config, place, words):
    """A mistake is a diagnostic at the offending key (exit 2): nothing silently unchecked."""
    write_config(good_library, config)
    result = run_cli("check")
    [line] = result.output.splitlines()
    assert result.exit_code == 2, result.output
    assert line.startswith(f"{good_library / 'leafletgen.toml'}:{place}: error: "), line
    assert words in line and line.endswith(" [check.config]"), line


def test_a_mistake_in_pyproject_is_at_its_line(good_library):
    write_config(good_library, '[project]\nname = "x"\n\n[tool.leafletgen.check]\nfoo = 1\n',
                 "pyproject.toml")
    result = run_cli("check", "--format", "json")
    assert result.exit_code == 2
    assert result.output.startswith(f"{good_library / 'pyproject.toml'}:5:1: error: "
                                    "[tool.leafletgen.check] has an unknown key 'foo'")


@pytest.mark.parametrize("words_file, place, words", [
    (None, "", "the plain-English list named in the config is missing"),
    ("wordy:\n  phlebotomist: nurse\n  venepuncture: [2]\n", ":3:3",
     "'venepuncture' must be text or a list of text"),
    ("jargon: {}\nbogus: 1\n", ":2:1", "unknown section bogus in the plain-English list"),
    ("wordy: [\n", ":2:1", "cannot read the plain-English list"),
])
def test_plain_english_list_mistakes_are_usage_errors(good_library, words_file, place, words):
    if words_file is not None:
        (good_library / "words.yaml").write_text(words_file, encoding="utf-8")
    write_config(good_library, '[check]\nplain_english = "words.yaml"\n')
    result = run_cli("check")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{good_library / 'words.yaml'}{place}: error: {words}")
    assert result.output.rstrip().endswith(" [check.plain-english-list]")


def test_a_library_extends_the_plain_english_list(good_library):
    write_leaflet(good_library, "good.yaml", paragraph("The phlebotomist takes your blood. "
                                                       "Please commence eating after."))
    (good_library / "plain-english.yaml").write_text(
        "jargon:\n  phlebotomist: [nurse who takes blood]\nallow: [commence]\n", encoding="utf-8")
    output = run_cli("check", "--today", "2026-06-01").output
    assert "'phlebotomist' is not explained" in output
    assert "[plain-english.wordy]" not in output


def test_config_names_a_plain_english_file(good_library):
    write_leaflet(good_library, "good.yaml", paragraph("The phlebotomist takes your blood."))
    (good_library / "words.yaml").write_text("wordy:\n  phlebotomist: nurse\n", encoding="utf-8")
    write_config(good_library, '[check]\nplain_english = "words.yaml"\n')
    assert "say 'nurse' instead of 'phlebotomist'" in run_cli("check", "--today", "2026-06-01").output


def test_schema_command_prints_the_schema(good_library):
    result = run_cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.output)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_a_broken_theme_is_reported_once(good_library):
    write_leaflet(good_library, "other.yaml", GOOD.replace("id: GOOD-01", "id: OTHER-01"))
    (good_library / "theme.yaml").write_text('colours:\n  text: "not a colour"\n',
                                             encoding="utf-8")
    result = run_cli("check", "--today", "2026-06-01", "--format", "json")
    data = json.loads(result.output)
    theme = [f for f in data["findings"] if f["file"].endswith("theme.yaml")]
    assert len(theme) == 1 and theme[0]["leaflet"] is None and theme[0]["severity"] == "error"
    assert result.exit_code == 1 and data["findings"][0] == theme[0]
