"""The library a build belongs to: each leaflet file's key, the same from any working
folder, and what the build must know of the leaflets it is not building (their ids,
series and versions, and what a translation translates), to check ids and translations
across the whole library and to name series files the same way whatever part of it is
built."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from leafletgen.errors import Diagnostic, Span, error
from leafletgen.files import sha256_file
from leafletgen.load import LEAFLETS_DIR, find_leaflets, library_root
from leafletgen.load.reader import normalise_space
from leafletgen.load.translations import Link, link_from_fields, top_fields
from leafletgen.load.yamlnodes import compose_file, read_source, span_of
from leafletgen.manifest import Manifest, SourceRecord, source_key


def library_of(paths: list[Path]) -> Path:
    """The library root of the first path named (a file, or a folder of leaflets)."""
    if not paths:
        return Path.cwd()
    first = Path(paths[0])
    return library_root(first / "x" if first.is_dir() else first)


@dataclass(frozen=True)
class Other:
    """A leaflet of the library that this build is not building."""

    shown: str  # its path as diagnostics show it
    id: str
    id_at: Span
    series: str
    version: str = ""  # a master's version, for its translations being built
    translation_of: str = ""  # a translation's master, and the version it was made from
    source_version: str = ""

    @property
    def link(self) -> Link:
        return Link(self.shown, self.id, self.version, translation_of=self.translation_of,
                    source_version=self.source_version)


def other_leaflets(root: Path, previous: Manifest, building: set[str]) -> list[Other]:
    """Every leaflet under the library's leaflets/ folder, and every file the last build's
    manifest lists that is still there, but those being built. An unchanged file's id and
    series come from the manifest; a changed one's are read, and nothing else of it."""
    folder = root / LEAFLETS_DIR
    listed = [p for p in (root / key for key in previous.sources) if p.is_file()]
    found = []
    for path in find_leaflets(([folder] if folder.is_dir() else []) + listed):
        key = source_key(path, root)
        if key not in building and (other := _other(path, previous.sources.get(key))):
            found.append(other)
    return found


def _other(path: Path, old: SourceRecord | None) -> Other | None:
    shown = str(path)
    try:
        if old is not None and old.translation_of is not None and \
                old.source_sha256 == sha256_file(path):
            return Other(shown, old.id, Span(shown, *old.id_at), old.series, old.version,
                         old.translation_of, old.source_version)
        node = compose_file(shown, read_source(path, shown, "format.yaml-syntax"))
    except Exception:  # a file that cannot be read cannot be built either: no id to compare
        return None
    fields = top_fields(node)
    id_node, series = fields.get("id"), fields.get("series")
    link = link_from_fields(fields, shown)
    if not isinstance(id_node, yaml.ScalarNode) or link is None:
        return None
    return Other(shown, normalise_space(str(id_node.value)), span_of(shown, id_node),
                 normalise_space(str(series.value)) if isinstance(series, yaml.ScalarNode) else "",
                 link.version, link.translation_of, link.source_version)


def duplicate_ids(records: dict[str, SourceRecord], shown: dict[str, str],
                  others: list[Other]) -> dict[str, Diagnostic]:
    """For each leaflet being built (by key) whose id another leaflet of the library has
    too, a diagnostic naming every other file and line with that id."""
    places: dict[str, list[Span]] = defaultdict(list)
    for key, record in records.items():
        places[record.id].append(Span(shown[key], *record.id_at))
    for other in others:
        places[other.id].append(other.id_at)
    problems = {}
    for key, record in records.items():
        here = Span(shown[key], *record.id_at)
        if elsewhere := [str(span) for span in places[record.id] if span != here]:
            problems[key] = error("format.duplicate-id",
                                  f"id '{record.id}' is also used by {', '.join(elsewhere)}",
                                  here, "every leaflet in the library needs its own id")
    return problems
