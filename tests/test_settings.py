"""A library's leafletgen.toml names what a plain `leafletgen build` builds; --format wins;
a mistake in the file is one line at its place, exit status 1, and nothing is built."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import MINIMAL, REPO, run_cli, write_leaflet
from leafletgen.load.settings import load_build_settings
from leafletgen.rules import RULES

WITH_GUIDE = MINIMAL.replace('version: "1.0"', 'series: Test series\norder: 1\nversion: "1.0"') + """\
quick_guide:
  points:
    - The one thing to remember.
"""
SERIES_FILE = "series/test-series-quick.pdf"


@pytest.fixture
def built(library, monkeypatch):
    """Build the library with a leaflet of a series that has a quick guide, with this
    leafletgen.toml (None: no file) and these options; the files written, relative."""
    write_leaflet(library, "a.yaml", WITH_GUIDE)
    monkeypatch.chdir(library)

    def build(toml: str | None, *options: str, name: str = "leafletgen.toml"):
        if toml is not None:
            (library / name).write_text(toml, encoding="utf-8")
        result = run_cli("build", "--no-catalogue", "--quiet", *options)
        assert result.exit_code == 0, result.output
        out = library / "output"
        return {str(p.relative_to(out)) for p in out.rglob("*.pdf")}

    return build


def test_the_formats_of_the_toml_are_built(built):
    assert built('[build]\nformats = ["a4", "quick"]\n') == {
        "TEST-01-v1.0-a4.pdf", "TEST-01-v1.0-quick.pdf", SERIES_FILE}


def test_without_a_toml_or_a_formats_key_a_build_makes_a4(built, library):
    assert built(None) == {"TEST-01-v1.0-a4.pdf"}
    assert built("[build]\n", "--force") == {"TEST-01-v1.0-a4.pdf"}


def test_format_on_the_command_line_wins(built):
    assert built('[build]\nformats = ["a4", "quick"]\n', "--format", "a5") == {
        "TEST-01-v1.0-a5.pdf"}


def test_all_is_every_format(built):
    assert built('[build]\nformats = "all"\n') == {
        f"TEST-01-v1.0-{name}.pdf" for name in ("a4", "a5", "quick", "large", "booklet")
    } | {SERIES_FILE}


def test_the_other_tables_of_the_file_are_left_to_their_readers(built):
    toml = ('[build]\nformats = ["a5"]\n\n[check]\nreading_age_max = 12\n\n'
            '[languages]\nenglish_labels = ["ti"]\n')
    assert built(toml) == {"TEST-01-v1.0-a5.pdf"}


def test_pyproject_is_read_only_without_a_leafletgen_toml(built, library):
    pyproject = '[project]\nname = "x"\n\n[tool.leafletgen.build]\nformats = ["large"]\n'
    assert built(pyproject, name="pyproject.toml") == {"TEST-01-v1.0-large.pdf"}
    (library / "leafletgen.toml").write_text('[build]\nformats = ["a5"]\n', encoding="utf-8")
    assert "TEST-01-v1.0-a5.pdf" in built(None)


def test_the_settings_are_found_from_any_path_in_the_library(library, monkeypatch):
    """The toml of the library the leaflets are in, not of the folder the build runs in."""
    leaflet = write_leaflet(library, "sub/a.yaml", WITH_GUIDE)
    (library / "leafletgen.toml").write_text('[build]\nformats = ["quick"]\n', encoding="utf-8")
    monkeypatch.chdir(library.parent)
    out = library.parent / "elsewhere"
    result = run_cli("build", str(leaflet), "--out", str(out), "--no-catalogue", "--quiet")
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.rglob("*.pdf")} == {"TEST-01-v1.0-quick.pdf",
                                                   "test-series-quick.pdf"}


def test_the_sample_library_asks_for_a4_and_quick():
    settings = load_build_settings(REPO)
    assert settings.formats == ("a4", "quick") and not settings.every_format
    assert settings.source.endswith("leafletgen.toml")


# ------------------------------------------------------------------ mistakes
MISTAKES = [
    ('[build]\nformats = ["a4", "qiuck"]\n',
     "leafletgen.toml:2:18: error: [build] formats names an unknown format 'qiuck' (did you "
     "mean 'quick'? choose from a4, a5, quick, large, booklet, or formats = \"all\") "
     "[config.format]"),
    ('[build]\nformats = [\n  "a4",\n  "a3",\n]\n',
     "leafletgen.toml:4:3: error: [build] formats names an unknown format 'a3' (choose from "
     "a4, a5, quick, large, booklet, or formats = \"all\") [config.format]"),
    ('[build]\nformats = "qiuck"\n', "leafletgen.toml:2:1: error: [build] formats names an "
     "unknown format 'qiuck' (did you mean 'quick'? choose from a4, a5, quick, large, "
     "booklet, or formats = \"all\") [config.format]"),
    ('[biuld]\nformats = ["a4"]\n',
     "leafletgen.toml:1:2: error: unknown table [biuld] (did you mean 'build'?) "
     "[config.unknown-key]"),
    ('# settings\n[build]\nformat = ["a4"]\n',
     "leafletgen.toml:3:1: error: [build] has an unknown key 'format' (did you mean "
     "'formats'?) [config.unknown-key]"),
    ('[build]\nformats = "a4"\n', "leafletgen.toml:2:1: error: [build] formats must be a "
     "list of formats, not text (put it in square brackets: formats = [\"a4\"]) [config.type]"),
    ('[build]\nformats = [4]\n', "leafletgen.toml:2:1: error: [build] formats must be a list "
     "of format names in quotes (for example formats = [\"a4\"], or formats = "
     "\"all\") [config.type]"),
    ('[build]\nformats = []\n', "leafletgen.toml:2:1: error: [build] formats is empty (name "
     "at least one format, for example formats = [\"a4\"], or formats = \"all\"; "
     "or delete the line) [config.type]"),
    ('build = "a4"\n', "leafletgen.toml:1:1: error: [build] must be a table of settings "
     "(write it as a table: [build] on a line of its own, then formats = [\"a4\"]) "
     "[config.type]"),
    ('[build]\nformats = ["a4"\n', "leafletgen.toml:2:16: error: this is not valid TOML: "
     "Unclosed array (at the end of the file) (check the quotes, brackets and '=' on this "
     "line: a setting is written name = value, text in \"double quotes\") [config.syntax]"),
    ('[build\nformats = ["a4"]\n', "leafletgen.toml:1:7: error: this is not valid TOML: "
     "Expected ']' at the end of a table declaration (check the quotes, brackets and '=' on "
     "this line: a setting is written name = value, text in \"double quotes\") "
     "[config.syntax]"),
]


@pytest.mark.parametrize("toml, message", MISTAKES)
def test_a_mistake_is_one_line_at_its_place(library, monkeypatch, toml, message):
    write_leaflet(library, "a.yaml", WITH_GUIDE)
    (library / "leafletgen.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(library)
    result = run_cli("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]
    assert not (library / "output").exists()  # nothing built, not even A4


def test_a_mistake_stops_the_build_even_with_format_given(library, monkeypatch):
    write_leaflet(library, "a.yaml", WITH_GUIDE)
    (library / "leafletgen.toml").write_text('[build]\nformats = ["a3"]\n', encoding="utf-8")
    monkeypatch.chdir(library)
    result = run_cli("build", "--format", "a4")
    assert result.exit_code == 1 and "[config.format]" in result.stderr
    assert not (library / "output").exists()


def test_a_file_that_is_not_utf8_is_refused_at_the_byte(library, monkeypatch):
    write_leaflet(library, "a.yaml", WITH_GUIDE)
    (library / "leafletgen.toml").write_bytes(b'[build]\nformats = ["a\xff4"]\n')
    monkeypatch.chdir(library)
    result = run_cli("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "leafletgen.toml:2:14: error: the file is not UTF-8 text (invalid start byte) (save "
        "it as UTF-8 text, or retype the character here) [config.syntax]"]


def test_the_real_command_says_it_in_one_line_with_no_traceback(library):
    write_leaflet(library, "a.yaml", WITH_GUIDE)
    (library / "leafletgen.toml").write_text("[build]\nformats = [a4]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "leafletgen", "build"], cwd=library,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("leafletgen.toml:2:12: error: this is not valid TOML: ")
    assert line.endswith("[config.syntax]") and "Traceback" not in done.stderr


def test_the_rule_ids_are_registered():
    assert {"config.syntax", "config.unknown-key", "config.type", "config.format"} <= set(RULES)
