"""`leafletgen diff` never lets a side be read by git as an option (issue 13).

`git show --output=FILE` writes FILE: a side such as "--output=FILE:x.yaml" must be
refused, not passed on. Every case runs in a tiny git repository made in tmp_path.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINIMAL, run_cli

PICTURE = ("      - image:\n          file: clinic.png\n"
           "          alt: The front door of the clinic.\n")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """leaflets/x.yaml (with a picture from assets/) committed, and a file an attacker
    would like overwritten; the working folder is the repository."""
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(tmp_path / "assets" / "clinic.png")
    (tmp_path / "leaflets" / "x.yaml").write_text(MINIMAL + PICTURE, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Test Reviewer")
    git(tmp_path, "config", "user.email", "reviewer@example.org")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Version 1.0")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def precious(repo: Path, name: str) -> Path:
    target = repo / name
    target.write_text("keep me\n", encoding="utf-8")
    return target


def refused(result) -> str:
    """The one line of a refusal: exit 2, nothing on stdout, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    return line


# ---------------------------------------------------------------- the attack
@pytest.mark.parametrize("side", ["old", "new"])
def test_output_option_as_a_revision_is_refused(repo, side):
    """The shape git would act on: REV:path with REV '--output=FILE'."""
    (repo / "victim:leaflets").mkdir()
    target = precious(repo, "victim:leaflets/x.yaml")
    attack = "--output=victim:leaflets/x.yaml"
    pair = [attack, "leaflets/x.yaml"] if side == "old" else ["leaflets/x.yaml", attack]
    line = refused(run_cli("diff", "--", *pair))
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert line == ("--output=victim:leaflets/x.yaml: error: not a REV:path git can be asked "
                    "for: the revision '--output=victim' starts with '-' "
                    "(give REV:path, e.g. HEAD~1:leaflets/x.yaml) [diff.git]")


def test_output_option_with_an_absolute_file_is_refused(repo):
    target = precious(repo, "victim")
    line = refused(run_cli("diff", "--", f"--output={target}", "leaflets/x.yaml"))
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert line.startswith(f"--output={target}: error: ")


@pytest.mark.parametrize("spec, problem", [
    ("-p:leaflets/x.yaml", "the revision '-p' starts with '-'"),
    ("HEAD --output=victim:leaflets/x.yaml", "the revision 'HEAD --output=victim' has a space"),
    ("HEAD\t:leaflets/x.yaml", "the revision 'HEAD\\t' has a space"),
    ("HEAD:leaflets/x.yaml\n--output=victim", "it has control characters in it"),
    ("HEAD:leaflets/\x1b[31mx.yaml", "it has control characters in it"),
])
def test_unsafe_revisions_are_refused_on_one_line(repo, spec, problem):
    target = precious(repo, "victim")
    line = refused(run_cli("diff", "--", spec, "leaflets/x.yaml"))
    assert problem in line and line.endswith("[diff.git]")
    assert "\x1b" not in line
    assert target.read_text(encoding="utf-8") == "keep me\n"


# ---------------------------------------------------------------- what still works
def test_head_revision_still_works(repo):
    result = run_cli("diff", "HEAD:leaflets/x.yaml", "leaflets/x.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "No changes."


@pytest.mark.parametrize("name", ["-x.yaml", "--output=victim.yaml"])
def test_a_path_starting_with_a_dash_is_a_path(repo, name):
    """In the path part a leading '-' is only a file name: git reads the file."""
    (repo / name).write_text(MINIMAL, encoding="utf-8")
    git(repo, "add", "--", name)
    git(repo, "commit", "-q", "-m", "A file with an odd name")
    result = run_cli("diff", f"HEAD:{name}", f"./{name}")
    assert result.exit_code == 0, result.output
    assert not (repo / "victim").exists()


def test_every_git_show_ends_its_options(repo, monkeypatch):
    """The leaflet and its picture are both read with --end-of-options before the name."""
    calls = []
    real_run = subprocess.run

    def recording(args, *rest, **kwargs):
        calls.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", recording)
    assert run_cli("diff", "HEAD:leaflets/x.yaml", "leaflets/x.yaml").exit_code == 0
    shows = [call for call in calls if call[:2] == ["git", "show"]]
    assert [call[3] for call in shows] == ["HEAD:leaflets/x.yaml", "HEAD:assets/clinic.png"]
    assert all(call[2] == "--end-of-options" and len(call) == 4 for call in shows)


def test_an_impossible_date_in_a_git_side_is_located_not_a_traceback(repo):
    """The pictures of a REV:path side are looked up before the loader runs: a date that
    does not exist must still end as the loader's located error."""
    path = repo / "leaflets" / "x.yaml"
    path.write_text(path.read_text().replace("published: 2026-01-10", "published: 2026-02-30"))
    git(repo, "commit", "-q", "-am", "A date that does not exist")
    result = run_cli("diff", "HEAD~1:leaflets/x.yaml", "HEAD:leaflets/x.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "HEAD:leaflets/x.yaml:4:12: error: 'published' 2026-02-30 is not a date" in result.stderr
