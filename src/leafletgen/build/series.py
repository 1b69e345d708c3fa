"""Each series' quick guides joined in one file, rebuilt when one of them changed; a series
that cannot be joined is reported and the rest of the build goes on."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from leafletgen.build.problems import problems_of, write_file
from leafletgen.inline import plain
from leafletgen.manifest import Manifest, OutputRecord, SourceRecord
from leafletgen.names import series_target
from leafletgen.produce import series_pdf

if TYPE_CHECKING:
    from leafletgen.build import Build


def series_files(build: Build, manifest: Manifest) -> None:
    """Add each series file of the manifest's leaflets to it, kept or written again."""
    if "quick" not in build.options.formats:
        return
    quick = {f.source: f for f in manifest.files if f.format == "quick" and not f.print_ready}
    members: dict[str, list[SourceRecord]] = {}
    for record in manifest.sources.values():
        if record.series and record.source in quick:
            members.setdefault(record.series, []).append(record)
    for series, group in sorted(members.items()):
        group.sort(key=lambda r: (r.order is None, r.order or 0, plain(r.title).lower()))
        guides = [quick[r.source] for r in group]
        inputs = hashlib.sha256("|".join(g.sha256 for g in guides).encode()).hexdigest()
        target = series_target(build.series_slugs[series])
        old = build.fresh(target, inputs)
        if old:
            manifest.files.append(old)
            build.result.skipped.append(build.out_dir / target)
        elif record := _join(build, series, guides, target, inputs):
            manifest.files.append(record)
        elif (old := build.old_files.get(target)) and (build.out_dir / target).exists():
            manifest.files.append(old)  # the last good one stays, and is made again next time


def _join(build: Build, series: str, guides: list[OutputRecord], target: str,
          inputs: str) -> OutputRecord | None:
    path = build.out_dir / target
    try:
        # A quick guide built just now is still in memory; one kept from before is on disk.
        data = series_pdf(series, [build.quick_guides.get(g.source) or
                                   (build.out_dir / g.file).read_bytes() for g in guides])
        write_file(path, data)
        record = build.library_file(
            target, id=build.series_slugs[series], title=f"Quick guides: {series}",
            format="quick-series", pages=sum(g.pages for g in guides),
            sha256=hashlib.sha256(data).hexdigest(), inputs=inputs, series=series)
    except Exception as exc:
        what = f"joining the quick guides of {series}"
        build.result.fail(str(path), problems_of(exc, path, what))
        build.progress(path, False, len(build.result.written), len(build.result.written))
        return None
    build.result.written.append(path)
    build.progress(path, True, len(build.result.written), len(build.result.written))
    return record
