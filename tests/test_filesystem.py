"""File-system trouble is one line, never a traceback, in every command; nothing under
leaflets/ can hang a build; files written follow the user's umask.

The tests run as root, whom chmod does not stop: a read-only folder, a full disk and an
unreadable file are simulated by making the system call fail as the kernel would."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli, write_leaflet

LEAFLET = "TEST-01-v1.0-a4.pdf"


@pytest.fixture
def here(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    return library


def leafletgen(library: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command in a process of its own, so that a hang fails the test, not the run."""
    return subprocess.run([sys.executable, "-m", "leafletgen", *args], cwd=library,
                          capture_output=True, text=True, timeout=120)


def one_line(output: str) -> str:
    assert "Traceback" not in output
    [line] = [line for line in output.splitlines() if "[build.file-system]" in line]
    return line


# Writing: a read-only folder, a full disk, a file too large for the disk.
FAILURES = [(errno.EROFS, "the disk or folder is read-only"), (errno.ENOSPC, "the disk is full"),
            (errno.EFBIG, "the file is too large for this disk")]


def _failing_replace(code: int):
    def replace(source, target):
        raise OSError(code, os.strerror(code))
    return replace


@pytest.mark.parametrize("code, hint", FAILURES)
def test_build_that_cannot_write_says_so_in_one_line(here, monkeypatch, code, hint):
    monkeypatch.setattr(os, "replace", _failing_replace(code))
    result = run_cli("build", "--out", "out")
    assert result.exit_code == 1
    line = one_line(result.output)
    assert line.startswith(f"out/{LEAFLET}: error: {os.strerror(code)} ({hint}")
    assert not [p.name for p in (here / "out").iterdir()]  # no temporary file left behind


@pytest.mark.parametrize("code, hint", FAILURES)
def test_diff_review_copy_that_cannot_be_written_is_trouble(here, monkeypatch, code, hint):
    monkeypatch.setattr(os, "replace", _failing_replace(code))
    result = run_cli("diff", "leaflets/a.yaml", "leaflets/a.yaml", "--out", "review.pdf")
    assert result.exit_code == 2  # diff's trouble, as ever
    assert one_line(result.output).startswith(f"review.pdf: error: {os.strerror(code)} ({hint}")


@pytest.mark.parametrize("args", [
    ("build", "--out", "notes.txt/out"),
    ("diff", "leaflets/a.yaml", "leaflets/a.yaml", "--out", "notes.txt/review.pdf"),
    ("diff", "leaflets/a.yaml", "leaflets/a.yaml", "--visual", "notes.txt/visual"),
    ("bodymap", "liver", "--out", "notes.txt/preview.png"),
])
def test_an_output_under_a_file_is_one_line(here, args):
    (here / "notes.txt").write_text("a file, not a folder\n")
    result = run_cli(*args)
    assert result.exit_code == (2 if args[0] == "diff" else 1)
    line = one_line(result.output)
    assert line.startswith("notes.txt")
    assert ("Not a directory (part of the path is a file, not a folder" in line
            or "File exists (a file is in the way" in line)  # mkdir of notes.txt itself


def _unreadable(monkeypatch, name: str) -> None:
    """Opening `name` fails as it does for a user without read permission."""
    real_os_open, real_io_open = os.open, io.open

    def refuse(path) -> None:
        if Path(os.fsdecode(path)).name == name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    def os_open(path, *args, **kwargs):
        refuse(path)
        return real_os_open(path, *args, **kwargs)

    def io_open(path, *args, **kwargs):
        if not isinstance(path, int):
            refuse(path)
        return real_io_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)


def test_an_unreadable_leaflet_is_one_line(here, monkeypatch):
    write_leaflet(here, "secret.yaml", MINIMAL.replace("TEST-01", "TEST-02"))
    _unreadable(monkeypatch, "secret.yaml")
    built = run_cli("build")
    assert built.exit_code == 1
    assert "Traceback" not in built.output
    assert "leaflets/secret.yaml" in built.output and "Permission denied" in built.output
    checked = run_cli("check")
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    assert "leaflets/secret.yaml: error: cannot read the file: Permission denied" in checked.output


# What lies in leaflets/ that is not a leaflet file: said in one line, the rest is built.

def test_a_fifo_in_leaflets_does_not_hang_the_build(here):
    os.mkfifo(here / "leaflets" / "pipe.yaml")
    for command in ("build", "check"):
        result = leafletgen(here, command)
        assert result.returncode == 0, result.stderr
        assert ("leaflets/pipe.yaml: warning: skipped: a FIFO, not a regular file "
                "(only regular .yaml or .yml files are leaflets) [build.skipped]") in result.stderr
        assert "Traceback" not in result.stderr
    assert (here / "output" / LEAFLET).is_file()


def test_a_fifo_named_on_the_command_line_is_refused(here):
    os.mkfifo(here / "pipe.yaml")
    result = leafletgen(here, "build", "pipe.yaml")
    assert result.returncode == 1
    assert result.stderr.strip() == ("pipe.yaml: error: a FIFO, not a regular file "
                                     "(name a leaflet's .yaml file or a folder) [build.file-system]")


def test_a_folder_named_like_a_leaflet_is_searched_not_read(here):
    write_leaflet(here, "x.yaml/b.yaml", MINIMAL.replace("TEST-01", "TEST-02"))
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert "leaflets/x.yaml: warning: skipped: a folder, not a leaflet" in result.output
    assert (here / "output" / "TEST-02-v1.0-a4.pdf").is_file()


def test_a_dangling_symlink_is_one_warning(here):
    (here / "leaflets" / "gone.yaml").symlink_to("nowhere.yaml")
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert ("leaflets/gone.yaml: warning: skipped: a symbolic link to nothing "
            "(it points to nowhere.yaml)") in result.output
    assert "Traceback" not in result.output and (here / "output" / LEAFLET).is_file()


def test_a_corrupt_theme_font_names_the_file(here):
    fonts = here / "assets" / "fonts"
    fonts.mkdir()
    for face in ("r", "b", "i", "bi"):  # TrueType's first bytes, then nothing a font has
        (fonts / f"{face}.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x07" * 2000)
    (here / "theme.yaml").write_text(
        "font: {regular: fonts/r.ttf, bold: fonts/b.ttf, italic: fonts/i.ttf, "
        "bold_italic: fonts/bi.ttf}\n", encoding="utf-8")
    result = run_cli("build")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert f"{fonts / 'r.ttf'}: error: the font file cannot be read as TrueType" in result.output
    assert "[theme.font-format]" in result.output


# Modes: every file written gets 0o666 less the umask, as any tool's file does.

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_written_follow_the_umask(here, umask, mode):
    old = os.umask(umask)
    try:
        assert run_cli("build", "--out", "out").exit_code == 0
        assert run_cli("diff", "leaflets/a.yaml", "leaflets/a.yaml", "--out", "r.pdf").exit_code == 0
    finally:
        os.umask(old)
    out = here / "out"
    written = [out / LEAFLET, out / "index.html", out / "manifest.json", here / "r.pdf",
               *out.rglob("*.png")]
    assert len(written) > 4  # the thumbnail is there too
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in written} == {
        p.name: oct(mode) for p in written}


def test_a_fifo_in_a_files_place_is_refused_before_it_is_read(tmp_path):
    import signal

    from leafletgen.files import open_regular, sha256_file

    def hung(*_):
        raise TimeoutError("blocked opening a FIFO")

    os.mkfifo(tmp_path / "pipe")
    previous = signal.signal(signal.SIGALRM, hung)  # a regression blocks in open(): fail
    signal.alarm(20)
    try:
        for read in (open_regular, sha256_file):
            with pytest.raises(OSError, match="not a regular file"):
                read(tmp_path / "pipe")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_fifo_given_to_diff_or_check_does_not_hang(here):
    """The loader reads through open_regular too: a FIFO named as a side is refused."""
    os.mkfifo(here / "pipe.yaml")
    result = leafletgen(here, "diff", "pipe.yaml", "leaflets/a.yaml")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "pipe.yaml: error: cannot read the file: not a regular file" in result.stderr
    result = leafletgen(here, "check", "pipe.yaml")
    assert result.returncode == 1 and "Traceback" not in result.stderr
