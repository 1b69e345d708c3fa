"""Load leaflet YAML files into the typed model, collecting every problem with its place."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from leafletgen import model
from leafletgen.errors import Diagnostic, LeafletError, Span, error
from leafletgen.load.leaflet import read_leaflet
from leafletgen.load.reader import Reader
from leafletgen.load.yamlnodes import compose_file, read_source

LEAFLET_SUFFIXES = (".yaml", ".yml")


LEAFLETS_DIR = "leaflets"


def library_root(path: Path, holder: str = LEAFLETS_DIR) -> Path:
    """The content library a file belongs to (it holds leaflets/, sites/ and assets/): the
    parent of the nearest folder above the file named `holder` (leaflets for a leaflet,
    sites for a site file), or else the file's own folder."""
    return Path(library_folder(path.resolve(), holder))


def library_folder(path: PurePath, holder: str = LEAFLETS_DIR) -> PurePath:
    """library_root of a path as written, not resolved (e.g. a path inside a git revision)."""
    for parent in path.parents:
        if parent.name == holder:
            return parent.parent
    return path.parent


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
    reader = Reader(shown, text)
    leaflet = read_leaflet(reader, compose_file(shown, text), library_root(Path(path)) / "assets")
    if reader.problems or leaflet is None:
        raise FormatErrors(reader.problems, leaflet)
    return leaflet


def find_leaflets(paths: list[str | Path]) -> list[Path]:
    """YAML files named directly, and every YAML file under named folders, sorted; each
    named the same way however it was given (relative to here when it is below here)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix in LEAFLET_SUFFIXES)
        else:
            found.append(path)
    return list(dict.fromkeys(map(_canonical, found)))


def _canonical(path: Path) -> Path:
    absolute = path.resolve()
    here = Path.cwd().resolve()
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
