"""The build's last step before the manifest: the nurses' catalogue (index.html and its
thumbnails), from the manifest's records. A catalogue or a thumbnail that cannot be made
is reported; the PDFs and the manifest are written all the same."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from leafletgen.build.problems import problems_of
from leafletgen.catalogue import manifest_entries, write_catalogue
from leafletgen.files import sha256_file
from leafletgen.manifest import Manifest
from leafletgen.names import INDEX, thumbnail_name

if TYPE_CHECKING:
    from leafletgen.build import Build


def write_index(build: Build, manifest: Manifest) -> None:
    """index.html, rebuilt when a file, a leaflet's card or the date changed. It is
    reported as written, but not counted with the leaflets' files."""
    today = build.today or dt.date.today()
    facts = [(f.file, f.sha256) for f in manifest.files if f.format != "catalogue"]
    # What a card shows beyond its own facts: the version of its master a translation is
    # of (a translation brought up to date may make the same PDF, but loses its flag).
    cards = [(r.source, r.card, r.translation_of, r.source_version)
             for r in manifest.sources.values()]
    inputs = hashlib.sha256(json.dumps([facts, cards, str(today), build.options.site_name],
                                       sort_keys=True).encode()).hexdigest()
    old = build.fresh(INDEX, inputs)
    pictures = (thumbnail_name(r.id, r.version) for r in manifest.sources.values())
    if old and all((build.out_dir / p).exists() for p in pictures):
        manifest.files.append(old)
        return
    index = build.out_dir / INDEX

    def picture_problem(png: Path, exc: Exception) -> None:  # that card goes without
        build.result.fail(str(png), problems_of(exc, png, f"making the thumbnail {png}"))

    try:
        write_catalogue(build.out_dir, *manifest_entries(manifest, build.out_dir), today,
                        site=build.options.site, on_problem=picture_problem)
        manifest.files.append(build.library_file(
            INDEX, id="", title="Leaflet catalogue", format="catalogue", pages=0,
            sha256=sha256_file(index), inputs=inputs))
    except Exception as exc:  # the PDFs and the manifest are still good: say so, go on
        build.result.fail(str(index), problems_of(exc, index, "writing the catalogue"))
        build.progress(index, False, 1, 1)
        if (old := build.old_files.get(INDEX)) and index.exists():
            manifest.files.append(old)  # made again next time: its inputs differ
        return
    build.progress(index, True, 1, 1)
