"""output/manifest.json: which file is which leaflet, version and format, and what each
was built from, so that the next build can skip what has not changed.

A leaflet's outputs are skipped when its YAML, the assets it refers to, the theme, the
tool itself and the build options all hash the same as last time and every output file
is still there, unchanged in size and modification time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import leafletgen
from leafletgen import model
from leafletgen.files import sha256_file
from leafletgen.errors import Span
from leafletgen.load import LEAFLETS_DIR
from leafletgen.load.translations import Link
from leafletgen.names import MANIFEST

if TYPE_CHECKING:
    from leafletgen.produce import BuildOptions

# Raised whenever a record gains a field or a key changes meaning: an older manifest means
# rebuild. 5: sources keyed relative to the library root; series and quick_guide fields.
SCHEMA = 5


@cache
def tool_fingerprint() -> str:
    """The tool's version and every file of the package (code, fonts, art, themes)."""
    digest = hashlib.sha256(leafletgen.__version__.encode())
    root = resources.files("leafletgen")
    with resources.as_file(root) as folder:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class OutputRecord:
    """One file written by a build, as the manifest lists it."""

    file: str  # relative to the output folder
    id: str
    title: str
    version: str
    format: str
    print_ready: bool
    pages: int
    published: str
    review: str
    source: str
    source_sha256: str
    sha256: str
    size: int
    mtime_ns: int
    inputs: str  # hash of the YAML, its assets, theme, tool and options it was built from
    series: str = ""  # a series file's series name, for the catalogue's link to it

    def intact(self, out_dir: Path) -> bool:
        try:
            stat = (out_dir / self.file).stat()
        except OSError:
            return False
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns


@dataclass
class SourceRecord:
    """What one leaflet's outputs were built from."""

    source: str  # the leaflet file's key (source_key): relative to the library root
    id: str
    version: str
    title: str
    source_sha256: str
    assets: dict[str, str] = field(default_factory=dict)  # asset path -> sha256
    series: str = ""
    order: int | None = None
    card: dict = field(default_factory=dict)  # what the catalogue shows and searches
    id_at: tuple[int, int] = (1, 1)  # line and column of the id, for diagnostics
    quick_guide: bool = False  # whether it has one: `--format all` skips the quick guide if not
    # A translation's master and the master's version it was made from ("" for a leaflet
    # that is not one), and where each is written. None: a record of an older manifest,
    # which did not say: the file is read again.
    translation_of: str | None = None
    source_version: str = ""
    translation_at: tuple[int, int] = (0, 0)
    source_version_at: tuple[int, int] = (0, 0)

    @classmethod
    def of(cls, leaflet: model.Leaflet, source: str, sha256: str, search: str
           ) -> "SourceRecord":
        """The record of a leaflet just parsed from a file with this hash; source is the
        file's key (source_key); search is the text the catalogue's search box
        matches (catalogue.cards.search_text)."""
        images = {b.path for s in leaflet.sections for b in s.body if isinstance(b, model.Image)}
        card = dict(owner=leaflet.owner, summary=leaflet.summary, language=leaflet.language,
                    published=str(leaflet.published), review=str(leaflet.review), search=search)
        spans = leaflet.field_spans
        at = {name: (span.line, span.column) for name, span in spans.items()}
        return cls(source=source, id=leaflet.id, version=leaflet.version,
                   title=leaflet.title, source_sha256=sha256,
                   assets={p: sha256_file(Path(p)) for p in sorted(images)},
                   series=leaflet.series, order=leaflet.order, card=card,
                   id_at=at.get("id", (leaflet.span.line, leaflet.span.column)),
                   quick_guide=leaflet.quick_guide is not None,
                   translation_of=leaflet.translation_of, source_version=leaflet.source_version,
                   translation_at=at.get("translation_of", (0, 0)),
                   source_version_at=at.get("source_version", (0, 0)))

    def link(self, shown: str) -> Link:
        """The leaflet as the translation contract sees it (load/translations.py)."""
        return Link(shown, self.id, self.version, self.card.get("language", "en"),
                    self.translation_of or "", self.source_version,
                    Span(shown, *self.translation_at), Span(shown, *self.source_version_at))


def source_key(path: Path, root: Path) -> str:
    """How the manifest names a leaflet file: relative to the library root when it is in
    the library's leaflets/ folder, else absolute; never relative to the working folder,
    which changes from run to run, nor to a folder that is not a library."""
    absolute = Path(os.path.abspath(path))  # not resolved, as library_root: links stay put
    if absolute.is_relative_to(root / LEAFLETS_DIR):
        return absolute.relative_to(root).as_posix()
    return str(absolute)


@dataclass
class Manifest:
    tool: str = f"leafletgen {leafletgen.__version__}"
    files: list[OutputRecord] = field(default_factory=list)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    @classmethod
    def read(cls, out_dir: Path) -> "Manifest":
        """The last build's manifest; an absent or unreadable one means build everything."""
        try:
            data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA:
                return cls()
            return cls(data["tool"], [OutputRecord(**f) for f in data["files"]],
                       {k: SourceRecord(**v) for item in data["sources"] for k, v in item.items()})
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def to_json(self) -> str:
        """One line per file and per source: readable, diffable, and written by json's C
        encoder (indent= would switch to its pure-Python one, 20 times slower)."""
        def lines(records) -> str:
            return ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)

        files = lines(vars(f) for f in sorted(self.files, key=lambda f: f.file))
        sources = lines({k: vars(self.sources[k])} for k in sorted(self.sources))
        return (f'{{"schema": {SCHEMA}, "tool": {json.dumps(self.tool)},\n"files": [\n{files}\n],\n'
                f'"sources": [\n{sources}\n]}}\n')


def build_context(options: BuildOptions) -> str:
    """A hash of everything besides a leaflet's own files that its outputs depend on."""
    digest = hashlib.sha256(tool_fingerprint().encode())
    digest.update(f"{options.marks}|{options.large_size}|{options.site_name}".encode())
    theme = options.theme
    for path in (theme.source, theme.logo, *theme.font_files) if theme else ():
        digest.update(Path(path).read_bytes() if path else b"")
    if options.site is not None:
        digest.update(repr(options.site).encode())
    return digest.hexdigest()


def inputs_hash(source_sha256: str, assets: dict[str, str], context: str) -> str:
    """One hash of everything a leaflet's outputs depend on; context covers theme, tool, options."""
    digest = hashlib.sha256(source_sha256.encode())
    for path in sorted(assets):
        digest.update(f"{path}={assets[path]}".encode())
    digest.update(context.encode())
    return digest.hexdigest()


def current_assets(record: SourceRecord) -> dict[str, str] | None:
    """The recorded assets hashed again; None when one has gone."""
    hashes = {}
    for path in record.assets:
        try:
            hashes[path] = sha256_file(Path(path))
        except OSError:
            return None
    return hashes
