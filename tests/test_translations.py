"""Translations: the contract with the master (check and build), tracking a master that
moved on (from git, or from its history), and the `leafletgen translations` report."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from leafletgen.lint.schema import leaflet_schema
from conftest import run_cli, write_leaflet

MASTER = """\
id: RAD-014
title: Having a CT scan
version: "3.1"
published: 2026-01-10
review: 2028-01-10
owner: Radiology team
summary: This leaflet tells you what happens when you have a CT scan.
sections:
  - heading: Getting ready
    body:
      - Do not eat for four hours before your scan. You can drink water.
  - heading: On the day
    body:
      - Come to the main desk at the time on your letter. A nurse will meet you.
  - heading: Afterwards
    body:
      - You can go home straight away. We send the results to your doctor.
quick_guide:
  title: Your CT scan
  points:
    - Do not eat for four hours before.
    - Come to the main desk.
contacts:
  - name: Radiology team
    phone: "0123 456 7890"
    hours: Monday to Friday, 9am to 5pm
history:
  - version: "3.1"
    date: 2026-01-10
    changes: First version.
"""


def version_32(text: str) -> str:
    """The master's next version: two sections edited, a history entry for it."""
    return (text.replace('version: "3.1"\npublished: 2026-01-10',
                         'version: "3.2"\npublished: 2026-03-01')
            .replace("for four hours before your scan", "for six hours before your scan")
            .replace("at the time on your letter", "30 minutes before the time on your letter")
            .replace("history:\n", 'history:\n  - version: "3.2"\n    date: 2026-03-01\n'
                     "    changes: Fasting is now six hours; come 30 minutes early.\n"))


def translation(language: str, master: str = "RAD-014", source_version: str = "3.1",
                id: str = "") -> str:
    return f"""\
id: {id or f"RAD-014-{language.upper()}"}
title: Having a CT scan
language: {language}
translation_of: {master}
source_version: "{source_version}"
version: "1.0"
published: 2026-04-01
review: 2028-04-01
owner: Radiology team
sections:
  - heading: Getting ready
    body:
      - نص قصير.
quick_guide:
  points:
    - نص قصير.
contacts:
  - name: Radiology team
    phone: "0123 456 7890"
    hours: Monday to Friday, 9am to 5pm
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def translated(library: Path, monkeypatch) -> Path:
    """A library in git: the master committed at 3.1, then at 3.2 with two sections edited;
    an Arabic translation of 3.1 (stale) and a French one of 3.2 (current)."""
    monkeypatch.chdir(library)
    master = write_leaflet(library, "ct-scan.yaml", MASTER)
    git(library, "init", "-q")
    git(library, "add", "leaflets")
    git(library, "commit", "-q", "-m", "CT scan 3.1")
    master.write_text(version_32(MASTER), encoding="utf-8")
    git(library, "commit", "-q", "-am", "CT scan 3.2")
    write_leaflet(library, "translations/ct-scan.ar.yaml", translation("ar", source_version="3.1"))
    write_leaflet(library, "translations/ct-scan.fr.yaml", translation("fr", source_version="3.2"))
    return library


def commit_of(repo: Path, subject: str) -> str:
    log = subprocess.run(["git", "log", "--format=%H %s"], cwd=repo, capture_output=True,
                         text=True, check=True).stdout
    return next(line.split()[0] for line in log.splitlines() if line.endswith(subject))


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


AR = "leaflets/translations/ct-scan.ar.yaml"
STALE = (f"{AR}:5:17: warning: translation of RAD-014 3.1; the English leaflet is now 3.2: "
         "sections 'Getting ready' and 'On the day' changed (update the translation and its "
         "source_version) [translation.stale]")


def findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line or ": error: " in line]


# ------------------------------------------------------------------ tracking
def test_check_warns_once_at_the_stale_translation_naming_the_changed_sections(translated):
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert findings(result.output) == [STALE]  # the current French translation is silent
    assert "3 leaflets checked: 0 errors, 1 warning" in result.output


def test_strict_fails_on_a_stale_translation(translated):
    result = run_cli("check", "--today", "2026-06-01", "--strict")
    assert result.exit_code == 1
    assert findings(result.output) == [STALE]


def test_checking_the_translation_alone_reads_its_master_from_the_library(translated):
    result = run_cli("check", "--today", "2026-06-01", AR)
    assert result.exit_code == 0, result.output
    assert findings(result.output) == [STALE]
    json_result = run_cli("check", "--today", "2026-06-01", "--format", "json", AR)
    [found] = json.loads(json_result.output)["findings"]
    assert (found["rule"], found["line"], found["column"], found["leaflet"]) == \
        ("translation.stale", 5, 17, "RAD-014-AR")


def test_a_translation_up_to_date_with_its_master_is_silent(translated):
    (translated / AR).write_text(translation("ar", source_version="3.2"), encoding="utf-8")
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 0
    assert findings(result.output) == []


def test_without_git_the_masters_history_says_what_changed(library, monkeypatch):
    monkeypatch.chdir(library)
    write_leaflet(library, "ct-scan.yaml", version_32(MASTER))
    write_leaflet(library, "translations/ct-scan.ar.yaml", translation("ar"))
    result = run_cli("check", "--today", "2026-06-01")
    assert findings(result.output) == [
        f"{AR}:5:17: warning: translation of RAD-014 3.1; the English leaflet is now 3.2: its "
        'history says 3.2 "Fasting is now six hours; come 30 minutes early." (update the '
        "translation and its source_version) [translation.stale]"]


def test_the_stale_warning_can_be_switched_off_but_not_the_contract(translated):
    (translated / "leafletgen.toml").write_text('[check]\ndisable = ["translation.stale"]\n')
    assert findings(run_cli("check", "--today", "2026-06-01").output) == []
    (translated / "leafletgen.toml").write_text('[check]\ndisable = ["library"]\n')
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 2
    assert "cannot include 'library'" in result.output


# ------------------------------------------------------------------ the contract
@pytest.fixture
def broken(translated) -> Path:
    """Two more translations: of a master the library does not have, and of a version of
    RAD-014 newer than it has."""
    write_leaflet(translated, "translations/ct-scan.cy.yaml", translation("cy", master="RAD-14"))
    write_leaflet(translated, "translations/ct-scan.de.yaml",
                  translation("de", source_version="3.3"))
    return translated


CY = "leaflets/translations/ct-scan.cy.yaml"
DE = "leaflets/translations/ct-scan.de.yaml"
UNKNOWN = (f"{CY}:4:17: error: translation_of 'RAD-14' names no leaflet of this library "
           "(did you mean 'RAD-014'?) [library.translation-master]")
TOO_NEW = (f"{DE}:5:17: error: source_version 3.3 is newer than RAD-014's version, 3.2 (write "
           "the version of RAD-014 that was translated: 3.2 or earlier) [library.source-version]")


def test_check_gives_the_contract_errors_at_their_lines(broken):
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 1
    assert findings(result.output) == [STALE, UNKNOWN, TOO_NEW]
    assert line_of(broken / CY, "translation_of") == 4
    assert line_of(broken / DE, "source_version") == 5


def test_build_fails_only_the_bad_translations(broken, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert findings(result.output) == [UNKNOWN, TOO_NEW, STALE]
    assert "3 file(s) written, 0 unchanged, 2 leaflet(s) failed" in result.output
    built = sorted(p.name for p in out.glob("*.pdf"))
    assert built == ["RAD-014-AR-v1.0-a4.pdf", "RAD-014-FR-v1.0-a4.pdf", "RAD-014-v3.2-a4.pdf"]


def test_build_of_one_translation_knows_its_master_from_the_manifest(broken, tmp_path):
    out = tmp_path / "out"
    run_cli("build", "--out", str(out), "--jobs", "1")
    result = run_cli("build", "--out", str(out), DE)
    assert result.exit_code == 1
    assert findings(result.output) == [TOO_NEW]
    result = run_cli("build", "--out", str(out), AR)
    assert result.exit_code == 0
    assert findings(result.output) == [STALE]
    assert "0 file(s) written, 1 unchanged" in result.output


def test_an_older_manifest_without_the_translation_fields_is_read(broken, tmp_path):
    out = tmp_path / "out"
    run_cli("build", "--out", str(out), "--jobs", "1")
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text())
    new = ("translation_of", "source_version", "translation_at", "source_version_at")
    for item in data["sources"]:
        for record in item.values():
            for name in new:
                del record[name]
    manifest.write_text(json.dumps(data))
    result = run_cli("build", "--out", str(out), AR, DE)
    assert findings(result.output) == [TOO_NEW, STALE]
    assert "0 file(s) written, 1 unchanged, 1 leaflet(s) failed" in result.output


def test_a_translation_of_a_translation_or_of_itself_is_an_error(translated):
    write_leaflet(translated, "translations/ct-scan.pl.yaml",
                  translation("pl", master="RAD-014-AR", source_version="1.0"))
    write_leaflet(translated, "translations/ct-scan.it.yaml",
                  translation("it", master="RAD-014-IT", source_version="1.0"))
    result = run_cli("check", "--today", "2026-06-01")
    assert result.exit_code == 1
    assert findings(result.output)[1:] == [
        "leaflets/translations/ct-scan.it.yaml:4:17: error: translation_of 'RAD-014-IT' is "
        "this leaflet's own id (write the id of the leaflet this one translates) "
        "[library.translation-self]",
        "leaflets/translations/ct-scan.pl.yaml:4:17: error: translation_of 'RAD-014-AR' names "
        f"a translation (of RAD-014, in {AR}) (translate from the master: translation_of: "
        "RAD-014) [library.translation-chain]"]


# ------------------------------------------------------------------ the report
def test_the_report_lists_each_master_with_its_translations(translated):
    write_leaflet(translated, "other.yaml", MASTER.replace("RAD-014", "RAD-020"))
    result = run_cli("translations")
    assert result.exit_code == 0, result.output
    at_31 = commit_of(translated, "CT scan 3.1")[:12]
    assert result.output.splitlines() == [
        "RAD-014 3.2 (English)  leaflets/ct-scan.yaml",
        "  language  id          version  from  status   file",
        f"  ar        RAD-014-AR  1.0      3.1   stale    {AR}",
        "    3.1 \u2192 3.2: sections 'Getting ready' and 'On the day' changed",
        f"    word by word: leafletgen diff {at_31}:leaflets/ct-scan.yaml leaflets/ct-scan.yaml",
        "  fr        RAD-014-FR  1.0      3.2   current  leaflets/translations/ct-scan.fr.yaml",
        "RAD-020 3.1 (English)  leaflets/other.yaml",
        "  no translations",
        "",
        "2 masters, 2 translations: 1 current, 1 stale",
    ]


def test_the_report_as_json(broken):
    result = run_cli("translations", "--json")
    assert result.exit_code == 1  # two broken links
    data = json.loads(result.stdout)
    assert data["summary"] == {"masters": 1, "translations": 2, "current": 1, "stale": 1,
                               "problems": 2}
    [master] = data["masters"]
    assert (master["id"], master["version"], master["language"], master["file"]) == \
        ("RAD-014", "3.2", "en", "leaflets/ct-scan.yaml")
    ar, fr = master["translations"]
    assert ar == {"id": "RAD-014-AR", "language": "ar", "version": "1.0",
                  "source_version": "3.1", "file": AR, "current": False,
                  "changes": {"master_version": "3.2",
                              "what": "sections 'Getting ready' and 'On the day' changed",
                              "sections": ["Getting ready", "On the day"], "found_in": "git",
                              "revision": f"{commit_of(broken, 'CT scan 3.1')}:"
                                          "leaflets/ct-scan.yaml"}}
    assert (fr["id"], fr["current"], fr["changes"]) == ("RAD-014-FR", True, None)
    assert [(p["file"], p["line"], p["column"], p["rule"]) for p in data["problems"]] == [
        (CY, 4, 17, "library.translation-master"), (DE, 5, 17, "library.source-version")]


def test_the_report_of_one_translation_shows_its_master(translated):
    result = run_cli("translations", "leaflets/translations/ct-scan.fr.yaml", "--json")
    [master] = json.loads(result.output)["masters"]
    assert master["id"] == "RAD-014"
    assert [t["id"] for t in master["translations"]] == ["RAD-014-AR", "RAD-014-FR"]


# ------------------------------------------------------------------ the schema
def test_the_schema_knows_the_translation_fields():
    validator = Draft202012Validator(leaflet_schema())
    base = yaml.safe_load(textwrap.dedent(translation("ar")))
    base = {k: str(v) if k in ("published", "review") else v for k, v in base.items()}
    assert list(validator.iter_errors(base)) == []
    alone = {k: v for k, v in base.items() if k != "source_version"}
    assert [e.message for e in validator.iter_errors(alone)] == \
        ["'source_version' is a dependency of 'translation_of'"]
    assert list(validator.iter_errors({**base, "source_version": "3"}))


def test_the_changes_count_from_the_last_commit_at_the_translated_version(library, monkeypatch):
    """An edit committed at 3.1 after the first 3.1 commit was translated too."""
    monkeypatch.chdir(library)
    master = write_leaflet(library, "ct-scan.yaml", MASTER.replace("straight away", "soon"))
    git(library, "init", "-q")
    git(library, "add", "leaflets")
    git(library, "commit", "-q", "-m", "CT scan 3.1")
    master.write_text(MASTER, encoding="utf-8")
    git(library, "commit", "-q", "-am", "CT scan 3.1, afterwards corrected")
    master.write_text(version_32(MASTER), encoding="utf-8")  # not committed: the file as it is
    write_leaflet(library, "translations/ct-scan.ar.yaml", translation("ar"))
    assert findings(run_cli("check", "--today", "2026-06-01").output) == [STALE]
    [master_json] = json.loads(run_cli("translations", "--json").output)["masters"]
    revision = master_json["translations"][0]["changes"]["revision"]
    assert revision == f"{commit_of(library, 'afterwards corrected')}:leaflets/ct-scan.yaml"


def test_a_build_with_current_translations_never_asks_git(translated, tmp_path, monkeypatch):
    (translated / AR).write_text(translation("ar", source_version="3.2"), encoding="utf-8")

    def no_git(*args):
        raise AssertionError("git was asked about a current translation")

    monkeypatch.setattr("leafletgen.diff.source.revision_with_version", no_git)
    result = run_cli("build", "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert findings(result.output) == []
