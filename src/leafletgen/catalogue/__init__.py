"""The nurses' catalogue: one self-contained index.html beside the built PDFs.

It lists every built leaflet by series with a thumbnail of its first page, its version
and review dates, and a link to each built format; a search box filters as you type.
It needs no server and makes no request outside its own folder, so it works when
opened from a shared drive (file://).

    entries, series_files = collect_entries(out_dir, leaflets)   # or build them yourself
    written = write_catalogue(out_dir, entries, series_files, datetime.date.today())
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from leafletgen import model
from leafletgen.catalogue import cards, page, thumbs
from leafletgen.files import write_atomically
from leafletgen.formats import FORMAT_NAMES
from leafletgen.names import INDEX, output_name, series_target, thumbnail_name

if TYPE_CHECKING:
    from leafletgen.load.sites import Site



@dataclass(frozen=True)
class CatalogueEntry:
    leaflet: model.Leaflet
    files: dict[str, Path]  # format name ("a4", ..., "a4-print") -> the built PDF
    # Known already to a build (from its manifest), so the page need not open every PDF:
    pages: dict[str, int] = field(default_factory=dict)  # format name -> page count
    search: str = ""  # cards.search_text(leaflet), when the leaflet's sections are not at hand


def write_catalogue(out_dir: Path, entries: list[CatalogueEntry], series_files: dict[str, Path],
                    today: dt.date, *, site: Site | None = None) -> list[Path]:
    """Write out_dir/index.html and the thumbnails it shows; return the files written.

    series_files maps a series name to its joined quick guides. A thumbnail whose PDF
    has not changed is kept as it is (and not returned). Links are relative to out_dir.
    """
    out_dir = Path(out_dir).resolve()
    written: list[Path] = []
    built: list[cards.Card] = []
    for entry in entries:
        files = {k: Path(p).resolve() for k, p in entry.files.items() if Path(p).is_file()}
        thumb = _thumbnail(out_dir, entry.leaflet, files, written)
        built.append(cards.card(entry.leaflet, files, thumb, out_dir, today, entry.pages,
                                entry.search))
    existing = {k: Path(p).resolve() for k, p in series_files.items() if Path(p).is_file()}
    groups = cards.groups(built, existing, out_dir)
    html = page.render(groups, today, site)
    index = out_dir / INDEX
    write_atomically(index, lambda: html.encode("utf-8"))
    return [index, *written]


def _thumbnail(out_dir: Path, leaflet: model.Leaflet, files: dict[str, Path],
               written: list[Path]) -> cards.Thumb | None:
    source = cards.thumbnail_source(files)
    if source is None:
        return None
    png = out_dir / thumbnail_name(leaflet.id, leaflet.version)
    if thumbs.ensure_thumbnail(source.read_bytes(), png):
        written.append(png)
    return cards.Thumb(png, *thumbs.png_size(png))


def collect_entries(out_dir: Path, leaflets: list[model.Leaflet]
                    ) -> tuple[list[CatalogueEntry], dict[str, Path]]:
    """The PDFs already in out_dir for these leaflets (every format, print-ready too) and
    each series' quick guides: what write_catalogue needs after a full or incremental build."""
    entries = []
    for leaflet in leaflets:
        files = {}
        for name in FORMAT_NAMES:
            for print_ready in (False, True):
                path = out_dir / output_name(leaflet, name, print_ready)
                if path.is_file():
                    files[name + ("-print" if print_ready else "")] = path
        entries.append(CatalogueEntry(leaflet, files))
    series = {leaflet.series for leaflet in leaflets if leaflet.series}
    series_files = {name: out_dir / series_target(name) for name in series}
    return entries, {k: p for k, p in series_files.items() if p.is_file()}
