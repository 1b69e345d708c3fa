"""Load leaflet YAML files into the typed model, collecting every problem with its place."""

from __future__ import annotations

import errno
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK

from leafletgen import model
from leafletgen.errors import Diagnostic, LeafletError, Span, error, warning
from leafletgen.load.leaflet import read_leaflet
from leafletgen.load.paths import LEAFLETS_DIR, library_folder, library_root  # noqa: F401
from leafletgen.load.theme import fallback_cover
from leafletgen.load.reader import Reader
from leafletgen.load.yamlnodes import compose_file, read_source

LEAFLET_SUFFIXES = (".yaml", ".yml")


class FormatErrors(LeafletError):
    """A file read as YAML that breaks the leaflet format. `partial` is what could be read
    (None if the top is not a mapping): a field that could not be read is empty, or None
    for a date, so it is for check's content rules only and is never built."""

    def __init__(self, diagnostics: list[Diagnostic], partial: model.Leaflet | None):
        super().__init__(diagnostics)
        self.partial = partial


def load_leaflet(path: str | Path) -> model.Leaflet:
    """Load and validate one file; raises LeafletError with every problem found
    (FormatErrors, with the partial leaflet, when the file is YAML that breaks the format)."""
    shown = str(path)
    text = read_source(Path(path), shown, "format.yaml-syntax")
    root = library_root(Path(path))
    reader = Reader(shown, text, lambda: fallback_cover(root), root)
    leaflet = read_leaflet(reader, compose_file(shown, text), root / "assets")
    if reader.problems or leaflet is None:
        raise FormatErrors(reader.problems, leaflet)
    return leaflet


def find_leaflets(paths: list[str | Path], skipped: list[Diagnostic] | None = None) -> list[Path]:
    """YAML files named directly, and every YAML file (.yaml or .yml, in any case) under
    named folders, linked sub-folders included, sorted; each named the same way however it
    was given (relative to here when it is below here), links not resolved: a leaflet
    belongs to the library it is found in. What looks like a leaflet under a folder but is
    not a regular file, a folder met again through a link, or a second link to a file of
    the same library, is left out with a warning in `skipped`; a path named directly that
    is not a regular file raises LeafletError. Never opens a file: a FIFO cannot hang it."""
    skipped = [] if skipped is None else skipped
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(_walk(path, skipped)))
        elif _regular(path):
            found.append(path)
        else:
            raise LeafletError(error("build.file-system", _kind(path),
                                     Span(str(path)), "name a leaflet's .yaml file or a folder"))
    return _once_each(map(_canonical, found), skipped)


def _once_each(paths, skipped: list[Diagnostic]) -> list[Path]:
    """Each file once per library: a link to a leaflet of the same library is that leaflet."""
    first: dict[tuple[Path, Path], Path] = {}
    for path in paths:
        seen = first.setdefault((library_root(path), path.resolve()), path)
        if seen != path:
            skipped.append(_skip(path, f"the same file as {seen}, through a link",
                                 "a leaflet is built once: remove the link"))
    return list(first.values())


def _walk(folder: Path, skipped: list[Diagnostic]) -> list[Path]:
    """The leaflet files under folder, following linked folders, each folder read once."""
    found, seen = [], {_identity(folder)}

    def unreadable(exc: OSError) -> None:
        skipped.append(_skip(exc.filename, f"cannot be read: {exc.strerror}"))

    for top, folders, files in os.walk(folder, followlinks=True, onerror=unreadable):
        here = Path(top)
        for name in sorted(folders):
            identity = _identity(here / name)
            if identity in seen or identity is None:
                folders.remove(name)
                skipped.append(_skip(here / name, "a folder already read, reached again through "
                                     "a link", "check for a link that leads back up"))
                continue
            seen.add(identity)
            if name.lower().endswith(LEAFLET_SUFFIXES):
                skipped.append(_skip(here / name, "a folder, not a leaflet (the files in it are "
                                     "read)", "give the folder a name without .yaml"))
        for name in sorted(files):
            path = here / name
            if not name.lower().endswith(LEAFLET_SUFFIXES):
                continue
            if _regular(path):
                found.append(path)
            else:
                skipped.append(_skip(path, _kind(path)))
    return found


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        stat = folder.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _regular(path: Path) -> bool:
    try:
        return S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _kind(path: Path) -> str:
    """What a path that is not a regular file is, in words."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if not path.is_symlink():
            return f"cannot be read: {exc.strerror or exc}"
        if exc.errno == errno.ENOENT:
            return f"a symbolic link to nothing (it points to {os.readlink(path)})"
        return f"a symbolic link that cannot be followed: {exc.strerror or exc}"
    kind = ("a folder" if S_ISDIR(mode) else "a FIFO" if S_ISFIFO(mode) else
            "a socket" if S_ISSOCK(mode) else "a device" if S_ISCHR(mode) or S_ISBLK(mode)
            else "something else")
    return f"{kind}, not a regular file"


def _skip(path, why: str, hint: str = "only regular .yaml or .yml files are leaflets"
          ) -> Diagnostic:
    return warning("build.skipped", f"skipped: {why}", Span(str(path)), hint)


def _canonical(path: Path) -> Path:
    absolute = Path(os.path.abspath(path))  # not resolved: a link stays where it was found
    here = Path.cwd()
    return absolute.relative_to(here) if absolute.is_relative_to(here) else absolute


@dataclass
class Library:
    leaflets: list[model.Leaflet] = field(default_factory=list)
    failures: dict[str, list[Diagnostic]] = field(default_factory=dict)
    # What could be read of a failed file, for check's content rules: never build one.
    partial: dict[str, model.Leaflet] = field(default_factory=dict)


def load_library(paths: list[Path]) -> Library:
    """Load every file; a bad file is recorded, never stops the others. Ids must be unique."""
    library = Library()
    for path in paths:
        try:
            library.leaflets.append(load_leaflet(path))
        except LeafletError as exc:
            library.failures[str(path)] = exc.diagnostics
            if isinstance(exc, FormatErrors) and exc.partial is not None:
                library.partial[str(path)] = exc.partial
    spans = {l.source: l.field_spans.get("id", l.span) for l in library.leaflets}
    refused = duplicate_ids({l.source: l.id for l in library.leaflets}, spans)
    library.failures.update((source, [problem]) for source, problem in refused.items())
    library.partial.update((l.source, l) for l in library.leaflets if l.source in refused)
    library.leaflets = [l for l in library.leaflets if l.source not in refused]
    return library


def duplicate_ids(ids: dict[str, str], id_spans: dict[str, Span]) -> dict[str, Diagnostic]:
    """For each source whose id (source -> id) another source uses too, its diagnostic."""
    by_id: dict[str, list[str]] = defaultdict(list)
    for source, leaflet_id in ids.items():
        by_id[leaflet_id].append(source)
    problems = {}
    for leaflet_id, sources in by_id.items():
        for source in sources if len(sources) > 1 else ():
            others = ", ".join(s for s in sources if s != source)
            problems[source] = error("format.duplicate-id",
                                     f"id '{leaflet_id}' is also used by {others}",
                                     id_spans[source], "every leaflet in the library needs its own id")
    return problems
