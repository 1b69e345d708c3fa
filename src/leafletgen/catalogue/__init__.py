"""The nurses' catalogue: one self-contained index.html beside the built PDFs.

It lists every built leaflet by series with a thumbnail of its first page, its version
and review dates, and a link to each built format; a search box filters as you type.
It needs no server and makes no request outside its own folder, so it works when
opened from a shared drive (file://).

`leafletgen build` writes it after the PDFs, from what its manifest knows of each file:

    entries, series_files = manifest_entries(manifest, out_dir)
    written = write_catalogue(out_dir, entries, series_files, datetime.date.today())
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from leafletgen import model
from leafletgen.catalogue import cards, page, thumbs
from leafletgen.catalogue.cards import SeriesFile
from leafletgen.files import write_atomically
from leafletgen.manifest import Manifest, OutputRecord, SourceRecord
from leafletgen.names import INDEX, PRINT_SUFFIX, thumbnail_name

if TYPE_CHECKING:
    from leafletgen.load.sites import Site

__all__ = ["CatalogueEntry", "SeriesFile", "manifest_entries", "write_catalogue"]


@dataclass(frozen=True)
class CatalogueEntry:
    leaflet: model.Leaflet
    files: dict[str, Path]  # format name ("a4", ..., "a4-print") -> the built PDF
    pages: dict[str, int]  # format name -> page count, as the build rendered it
    search: str = ""  # cards.search_text(leaflet), when the leaflet's sections are not at hand


def write_catalogue(out_dir: Path, entries: list[CatalogueEntry],
                    series_files: dict[str, SeriesFile], today: dt.date, *,
                    site: Site | None = None,
                    on_problem: Callable[[Path, Exception], None] | None = None) -> list[Path]:
    """Write out_dir/index.html and the thumbnails it shows; return the files written.

    series_files maps a series name to its joined quick guides. A thumbnail whose PDF
    has not changed is kept as it is (and not returned). Links are relative to out_dir.
    A thumbnail that cannot be made raises, or with on_problem is handed to it (the png
    and the exception) and its card goes without a picture.
    """
    out_dir = Path(out_dir).resolve()
    written: list[Path] = []
    built: list[cards.Card] = []
    for entry in entries:
        files = {k: Path(p).resolve() for k, p in entry.files.items() if Path(p).is_file()}
        thumb = _thumbnail(out_dir, entry.leaflet, files, written, on_problem)
        built.append(cards.card(entry.leaflet, files, thumb, out_dir, today, entry.pages,
                                entry.search))
    existing = {k: replace(f, path=Path(f.path).resolve()) for k, f in series_files.items()
                if Path(f.path).is_file()}
    groups = cards.groups(built, existing, out_dir)
    html = page.render(groups, today, site)
    index = out_dir / INDEX
    write_atomically(index, lambda: html.encode("utf-8"))
    return [index, *written]


def _thumbnail(out_dir: Path, leaflet: model.Leaflet, files: dict[str, Path],
               written: list[Path], on_problem) -> cards.Thumb | None:
    source = cards.thumbnail_source(files)
    if source is None:
        return None
    png = out_dir / thumbnail_name(leaflet.id, leaflet.version)
    try:
        if thumbs.ensure_thumbnail(source.read_bytes(), png):
            written.append(png)
        return cards.Thumb(png, *thumbs.png_size(png))
    except Exception as exc:  # a broken picture must not cost the whole catalogue
        if on_problem is None:
            raise
        on_problem(png, exc)
        return None


def manifest_entries(manifest: Manifest, out_dir: Path
                     ) -> tuple[list[CatalogueEntry], dict[str, SeriesFile]]:
    """What write_catalogue needs, from a build's manifest: an entry for each leaflet with
    files, and each series' joined quick guides. No leaflet is parsed, no PDF opened again."""
    files: dict[str, dict[str, OutputRecord]] = {}
    for record in manifest.files:
        if record.source in manifest.sources:
            key = record.format + (PRINT_SUFFIX if record.print_ready else "")
            files.setdefault(record.source, {})[key] = record
    entries = [CatalogueEntry(_card_leaflet(source), {k: out_dir / f.file for k, f in built.items()},
                              {k: f.pages for k, f in built.items()}, source.card.get("search", ""))
               for source in manifest.sources.values() if (built := files.get(source.source))]
    series_files = {f.series: SeriesFile(out_dir / f.file, f.pages)
                    for f in manifest.files if f.format == "quick-series"}
    return entries, series_files


def _card_leaflet(record: SourceRecord) -> model.Leaflet:
    """A leaflet with just what the catalogue shows, from the manifest: no need to parse again."""
    card = record.card
    return model.Leaflet(
        id=record.id, title=record.title, version=record.version,
        published=dt.date.fromisoformat(card["published"]),
        review=dt.date.fromisoformat(card["review"]), owner=card["owner"], sections=(),
        source=record.source, series=record.series, order=record.order,
        language=card["language"], summary=card["summary"],
        # None on a record of an older manifest (the build reads that file again): a master.
        translation_of=record.translation_of or "", source_version=record.source_version)
