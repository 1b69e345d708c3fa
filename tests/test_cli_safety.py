"""Every command ends in a sentence, never a traceback: a bug of ours is one line with a
pointer to report it (exit 70), its traceback only under --debug; Ctrl-C is one line."""

from __future__ import annotations

import pytest

import leafletgen.diff.run
import leafletgen.fonts
import leafletgen.layout.bodymap
import leafletgen.lint.run
import leafletgen.lint.schema
import leafletgen.load.library
from leafletgen.cli.guard import EX_SOFTWARE, INTERRUPTED
from leafletgen.errors import LeafletError, Span, internal_error

from conftest import MINIMAL, run_cli, write_leaflet

REPORT_IT = "(this is a bug in leafletgen: please report it with the output of --debug)"

# Each command, and a function inside it that a bug could break (one that no module
# imports by name, so that patching it cannot leak into a later test).
COMMANDS = {
    "build": (("build",), leafletgen.load.library, "library_context"),
    "check": (("check",), leafletgen.lint.run, "check_paths"),
    "diff": (("diff", "leaflets/a.yaml", "leaflets/a.yaml"), leafletgen.diff.run, "compare_sides"),
    "schema": (("schema",), leafletgen.lint.schema, "leaflet_schema"),
    "bodymap": (("bodymap", "liver", "--out", "p.png"), leafletgen.layout.bodymap, "preview"),
}


def _raise(exc: BaseException):
    def broken(*args, **kwargs):
        raise exc
    return broken


@pytest.fixture
def here(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    return library


@pytest.mark.parametrize("name", COMMANDS)
def test_a_bug_is_one_line_and_exit_70_without_a_traceback(here, monkeypatch, name):
    args, module, function = COMMANDS[name]
    monkeypatch.setattr(module, function, _raise(RuntimeError("deep trouble\nsecond line")))
    result = run_cli(*args)
    assert result.exit_code == EX_SOFTWARE
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1] == (
        f"leafletgen: internal error: RuntimeError: deep trouble {REPORT_IT}")


@pytest.mark.parametrize("name", COMMANDS)
def test_debug_adds_the_traceback(here, monkeypatch, name):
    args, module, function = COMMANDS[name]
    monkeypatch.setattr(module, function, _raise(RuntimeError("deep trouble")))
    result = run_cli("--debug", *args)
    assert result.exit_code == EX_SOFTWARE
    assert "Traceback (most recent call last)" in result.output
    assert f"in {function}" in result.output or "broken" in result.output
    assert result.output.strip().splitlines()[-1].startswith("leafletgen: internal error:")


def test_a_bug_deep_in_the_build_never_shows_a_traceback(here, monkeypatch):
    """Far down (registering fonts, inside layout): the build may report it per leaflet or
    stop, but in sentences; the traceback comes with --debug."""
    monkeypatch.setattr(leafletgen.fonts, "register_fonts", _raise(RuntimeError("no fonts")))
    result = run_cli("build")
    assert result.exit_code in (1, EX_SOFTWARE)
    assert "Traceback" not in result.output
    assert "internal error" in result.output and "RuntimeError: no fonts" in result.output
    debugged = run_cli("--debug", "build")
    assert "Traceback (most recent call last)" in debugged.output


def test_an_internal_error_diagnostic_shows_its_detail_only_under_debug(here, monkeypatch):
    try:
        raise ValueError("bad state")
    except ValueError as exc:
        found = internal_error("reading a.yaml", exc, Span("leaflets/a.yaml"))
    monkeypatch.setattr(leafletgen.lint.run, "check_paths", _raise(LeafletError(found)))
    quiet = run_cli("check")
    assert quiet.exit_code == 1
    assert quiet.output.strip() == str(found)
    debugged = run_cli("--debug", "check")
    assert str(found) in debugged.output
    assert "Traceback (most recent call last)" in debugged.output
    assert "ValueError: bad state" in debugged.output


@pytest.mark.parametrize("name", COMMANDS)
def test_ctrl_c_is_one_line_and_exit_130(here, monkeypatch, name):
    args, module, function = COMMANDS[name]
    monkeypatch.setattr(module, function, _raise(KeyboardInterrupt()))
    result = run_cli(*args)
    assert result.exit_code == INTERRUPTED
    assert result.output.strip() == "leafletgen: interrupted"


def test_usage_errors_are_still_clicks(here):
    result = run_cli("build", "--format", "nosuch")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_debug_is_in_the_help():
    assert "--debug" in run_cli("--help").output


def test_a_reader_that_goes_away_ends_the_command_quietly(here):
    """`leafletgen bodymap --list | head -1`: click ends quietly when the pipe closes, and
    the guard leaves it to click (it is an OSError, but no trouble to report)."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "leafletgen", "bodymap", "--list"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader has gone before the first line is written
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err == b""
