"""Read one side of a diff: a YAML path, or REV:path read from git.

A file from git is written into a scratch library (leaflets/<name>.yaml beside an assets/
folder holding the pictures it refers to, as they were at that revision) and loaded from
there; every position in it, and every problem found, names REV:path.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from leafletgen import model
from leafletgen.errors import LeafletError, Span, error
from leafletgen.load import library_folder, load_leaflet


# The top-level version line of a leaflet's text (a history entry's is indented).
VERSION_LINE = re.compile(r"""^version:[ \t]*["']?([0-9]{1,6}(?:\.[0-9]{1,6})+)["']?"""
                          r"""[ \t]*(?:\#.*)?$""", re.M)


@dataclass(frozen=True)
class Side:
    label: str  # as the user named it: a path, or REV:path
    leaflet: model.Leaflet
    text: str  # the YAML as written


def read_sides(specs: tuple[str, str], scratch: Path) -> tuple[Side, Side]:
    """The old and the new side; raises LeafletError with the problems of both."""
    sides, problems = [], []
    for spec in specs:
        try:
            sides.append(read_side(spec, scratch))
        except LeafletError as exc:
            problems += exc.diagnostics
    if problems:
        raise LeafletError(problems)
    old, new = sides
    return old, new


def split_revision(spec: str) -> tuple[str, str] | None:
    """(REV, path) for git's REV:path syntax; None for a file on disk."""
    if ":" not in spec or Path(spec).exists():
        return None
    revision, _, path = spec.partition(":")
    return (revision, path) if path else None


def disk_path(spec: str) -> Path:
    """Where a side lives in the working tree (for REV:path, where the path is today)."""
    revision = split_revision(spec)
    return Path(revision[1] if revision else spec)


def read_side(spec: str, scratch: Path) -> Side:
    """Load one side; raises LeafletError whose diagnostics name the side as the user did."""
    revision = split_revision(spec)
    if revision is None:
        leaflet = load_leaflet(spec)
        return Side(spec, leaflet, Path(spec).read_text(encoding="utf-8"))
    return revision_side(spec, git_show(spec, Path.cwd()), scratch, Path.cwd())


def revision_side(spec: str, text: str, scratch: Path, cwd: Path) -> Side:
    """Load `text`, the blob of REV:path read by git in the repository of cwd, with the
    pictures it names as they were at REV; raises LeafletError naming spec."""
    rev, _, in_repo = spec.partition(":")
    path = _scratch_library(spec, (rev, in_repo), text, scratch, cwd)
    try:
        leaflet = load_leaflet(path)
    except LeafletError as exc:
        raise LeafletError(relabel(exc.diagnostics, str(path), spec)) from None
    return Side(spec, dataclasses.replace(relabel(leaflet, str(path), spec), source=spec), text)


def git_show(spec: str, cwd: Path, quiet: bool = False) -> str:
    """The text of a blob, `git show REV:path`; a problem is a diagnostic naming spec."""
    _refuse_unsafe(spec)
    data = _show(spec, cwd, spec, quiet)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise LeafletError(error("format.yaml-syntax", "the file is not UTF-8 text", Span(spec),
                                 "save it as UTF-8")) from None


def _show(name: str, cwd: Path, spec: str, quiet: bool = False) -> bytes:
    """`git show` of one object name (REV:path), which git never reads as an option."""
    return _git(["show", "--end-of-options", name], cwd, spec, quiet)


def _refuse_unsafe(spec: str) -> None:
    """Refuse a REV:path that is not plainly an object name: a REV that git could read as an
    option (a leading '-') or that holds a space, or control characters anywhere."""
    revision = spec.partition(":")[0]
    if revision.startswith("-"):
        problem = f"the revision '{_printable(revision)}' starts with '-'"
    elif any(ch.isspace() for ch in revision):
        problem = f"the revision '{_printable(revision)}' has a space in it"
    elif not spec.isprintable():
        problem = "it has control characters in it"
    else:
        return
    raise LeafletError(error("diff.git", f"not a REV:path git can be asked for: {problem}",
                             Span(_printable(spec)), "give REV:path, e.g. HEAD~1:leaflets/x.yaml"))


def _printable(text: str) -> str:
    """The text on one line: control characters written as escapes."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def _git(args: list[str], cwd: Path, spec: str, quiet: bool = False,
         stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              input=stdin)
    except OSError as exc:
        raise LeafletError(error("diff.git", f"cannot run git: {exc.strerror}", Span(spec),
                                 "install git, or compare two files on disk")) from None
    if done.returncode and not quiet:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"]
        raise LeafletError(error("diff.git", f"git cannot read it: {message[-1]}", Span(spec),
                                 "give REV:path with the path from the top of the repository "
                                 "(or ./path from this folder), e.g. HEAD~1:leaflets/x.yaml"))
    return b"" if done.returncode else done.stdout


def revision_with_version(path: Path, version: str) -> tuple[str, str] | None:
    """(REV:path, the file's text there) at the newest commit where the file's version was
    `version` (its path from the top of the repository, as it was named then); None when
    git has none: the file is not in git, its history never had that version, or git
    cannot be run. The file's history is read in two runs of git, whatever its length."""
    try:
        log = _git(["-c", "core.quotePath=off", "log", "--format=%x00%H", "--name-only",
                    "--follow", "--", path.name], path.parent, str(path), True)
    except LeafletError:  # no git
        return None
    names = _commits(log.decode("utf-8", "replace"))
    if not names:
        return None
    blobs = _git(["cat-file", "--batch"], path.parent, str(path), True,
                 "".join(f"{name}\n" for name in names).encode())
    for name, text in zip(names, _batch(blobs)):
        if text is not None and _top_version(text) == model.version_number(version):
            return name, text
    return None


def _commits(log: str) -> list[str]:
    """REV:path of each commit that `git log --format=%x00%H --name-only` lists, newest first."""
    names = []
    for chunk in log.split("\0"):
        lines = [line for line in chunk.split("\n") if line]
        if len(lines) > 1:  # a merge commit names no file
            names.append(f"{lines[0]}:{lines[-1]}")
    return names


def _batch(data: bytes):
    """The texts of `git cat-file --batch`'s output, in order (None for a missing object)."""
    at = 0
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if len(header) != 3 or not header[2].isdigit():  # "<name> missing"
            at = end + 1
            yield None
            continue
        size = int(header[2])
        body = data[end + 1:end + 1 + size]
        yield body.decode("utf-8", "replace") if header[1] == b"blob" else None
        at = end + 1 + size + 1


def _top_version(text: str) -> tuple[int, ...] | None:
    """The version a leaflet's text gives at its top level (a history entry's is indented)."""
    found = VERSION_LINE.search(text)
    return model.version_number(found[1]) if found else None


def _scratch_library(spec: str, revision: tuple[str, str], text: str, scratch: Path,
                     cwd: Path) -> Path:
    """Write the blob as scratch/<n>/leaflets/<name>, with the pictures it names from git."""
    rev, path = revision
    in_repo = _path_in_repo(path, cwd)
    root = scratch / str(len(list(scratch.iterdir())))
    target = root / "leaflets" / PurePosixPath(in_repo).name
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    assets = posixpath.join(_library_in_repo(in_repo), "assets")
    for file in _pictures(text):
        name = posixpath.normpath(file)
        if name.startswith("../") or name.startswith("/"):
            continue  # the loader refuses it, naming the line
        data = _show(f"{rev}:{posixpath.join(assets, name)}", cwd, spec, True)
        if data:
            picture = root / "assets" / name
            picture.parent.mkdir(parents=True, exist_ok=True)
            picture.write_bytes(data)
    return target


def _path_in_repo(path: str, cwd: Path) -> str:
    """git reads REV:path from the top of the repository, REV:./path from this folder."""
    if not path.startswith(("./", "../")):
        return posixpath.normpath(path)
    prefix = _git(["rev-parse", "--show-prefix"], cwd, path, True).decode().strip()
    return posixpath.normpath(posixpath.join(prefix, path))


def _library_in_repo(path: str) -> str:
    """The library folder (holding leaflets/ and assets/) in the repository; "" for its top."""
    return "/".join(library_folder(PurePosixPath(path)).parts)


def _pictures(text: str) -> list[str]:
    """The image files a leaflet names (best effort: the loader judges the file)."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):  # e.g. an impossible date: the loader locates it
        return []
    sections = data.get("sections") if isinstance(data, dict) else None
    files = []
    for section in sections if isinstance(sections, list) else []:
        body = section.get("body") if isinstance(section, dict) else None
        for block in body if isinstance(body, list) else []:
            image = block.get("image") if isinstance(block, dict) else None
            if isinstance(image, dict) and isinstance(image.get("file"), str):
                files.append(image["file"])
    return files


def relabel(value, file: str, label: str):
    """The same value with every Span in `file` naming `label` instead."""
    if isinstance(value, Span):
        return dataclasses.replace(value, file=label) if value.file == file else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: relabel(getattr(value, f.name), file, label)
                   for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, (list, tuple)):
        return type(value)(relabel(v, file, label) for v in value)
    if isinstance(value, dict):
        return {k: relabel(v, file, label) for k, v in value.items()}
    return value

