"""Build a library: leaflets × formats in a process pool, skipping what has not changed,
with each series' quick guides in one file and a manifest of everything written."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from leafletgen import model
from leafletgen.errors import Diagnostic, LeafletError, Span
from leafletgen.inline import plain
from leafletgen.produce import ALL_FORMATS, BuildOptions, format_pdf, series_pdf
from leafletgen.load import duplicate_ids, find_leaflets, load_leaflet
from leafletgen.manifest import (Manifest, OutputRecord, SourceRecord, build_context,
                                 current_assets, inputs_hash)
from leafletgen.files import sha256_file, write_atomically
from leafletgen.names import INDEX, MANIFEST, output_name, series_slug, series_target, thumbnail_name

@dataclass(frozen=True)
class Job:
    """One leaflet in one format: what a worker process builds."""

    source: str
    format_name: str
    print_ready: bool
    target: str  # relative to the output folder
    inputs: str
    thumbnail: str = ""  # the catalogue's picture of page 1 to make from it, relative too


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failures: dict[str, list[Diagnostic]] = field(default_factory=dict)
    orphans: list[Path] = field(default_factory=list)  # outputs of leaflets gone or renamed
    pruned: bool = False

    def fail(self, source: str, problems: list[Diagnostic]) -> None:
        self.failures.setdefault(source, []).extend(problems)


POOL_THRESHOLD = 16

# (file just written, or failed to build; whether it was written; how many done; of how many)
Progress = Callable[[Path, bool, int, int], None]


def build(paths: list[Path], options: BuildOptions, out_dir: Path, jobs: int = 1,
          force: bool = False, prune: bool = False, catalogue: bool = True,
          today: dt.date | None = None,
          progress: Progress = lambda path, ok, done, total: None) -> BuildResult:
    result = BuildResult()
    previous = Manifest.read(out_dir)
    context = build_context(options)
    sources = find_leaflets(paths)
    records = _source_records(sources, previous, result)
    _refuse_duplicate_ids(records, result)
    old_files = {f.file: f for f in previous.files}
    kept, todo = _plan(records, options, context, old_files, out_dir, force, catalogue)
    result.skipped = [out_dir / record.file for record in kept]
    built = _run(todo, options, out_dir, jobs, result, progress)
    manifest = Manifest(files=sorted(kept + built, key=lambda f: f.file),
                        sources={r.source: r for r in records.values()})
    _series_files(records, manifest, options, out_dir, old_files, force, result, progress)
    _carry_over(previous, manifest, {str(p) for p in sources}, options, out_dir, prune, result,
                catalogue)
    if catalogue:
        _catalogue(manifest, options, out_dir, today or dt.date.today(), old_files, force,
                   progress)
    write_atomically(out_dir / MANIFEST, lambda: manifest.to_json().encode())
    return result


def _source_records(paths: list[Path], previous: Manifest,
                    result: BuildResult) -> dict[str, SourceRecord]:
    """Each leaflet's record; an unchanged YAML file is not even parsed again."""
    from leafletgen.catalogue.cards import search_text

    records = {}
    for path in paths:
        source = str(path)
        sha = sha256_file(path)
        old = previous.sources.get(source)
        if old is not None and old.source_sha256 == sha:
            assets = current_assets(old)
            if assets is not None:
                records[source] = replace(old, assets=assets)
                continue
        try:
            leaflet = load_leaflet(path)
        except LeafletError as exc:
            result.fail(source, exc.diagnostics)
            continue
        records[source] = SourceRecord.of(leaflet, sha, search_text(leaflet))
    return records


def _refuse_duplicate_ids(records: dict[str, SourceRecord], result: BuildResult) -> None:
    spans = {source: Span(source, *record.id_at) for source, record in records.items()}
    refused = duplicate_ids({source: record.id for source, record in records.items()}, spans)
    for source, problem in refused.items():
        del records[source]
        result.fail(source, [problem])


def _plan(records, options, context, old_files, out_dir, force, catalogue):
    from leafletgen.catalogue.cards import THUMBNAIL_PREFERENCE

    # The workers draw the catalogue's thumbnails from the format it prefers.
    pictured = next((f for f in THUMBNAIL_PREFERENCE if f in options.formats), None)
    kept, todo = [], []
    for record in records.values():
        inputs = inputs_hash(record.source_sha256, record.assets, context)
        for format_name in options.formats:
            for print_ready in options.variants():
                target = output_name(record, format_name, print_ready)
                old = old_files.get(target)
                if not force and old and old.inputs == inputs and old.source == record.source \
                        and old.intact(out_dir):
                    kept.append(old)
                else:
                    thumbnail = thumbnail_name(record.id, record.version) if catalogue and \
                        format_name == pictured and not print_ready else ""
                    todo.append(Job(record.source, format_name, print_ready, target, inputs,
                                    thumbnail))
    return kept, todo


def _run(todo: list[Job], options: BuildOptions, out_dir: Path, jobs: int, result: BuildResult,
         progress: Progress) -> list[OutputRecord]:
    built = []
    # Starting workers costs about a third of a second: only worth it for more than a few files.
    if jobs > 1 and len(todo) >= POOL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_worker) as pool:
            outcomes = pool.map(run_job, todo, [options] * len(todo), [out_dir] * len(todo),
                                chunksize=1)
            built = _collect(outcomes, todo, result, out_dir, progress)
    else:
        outcomes = (run_job(job, options, out_dir) for job in todo)
        built = _collect(outcomes, todo, result, out_dir, progress)
    return built


def _collect(outcomes, todo, result, out_dir, progress) -> list[OutputRecord]:
    built = []
    for done, (job, outcome) in enumerate(zip(todo, outcomes), 1):
        written = isinstance(outcome, OutputRecord)
        if written:
            built.append(outcome)
            result.written.append(out_dir / outcome.file)
        else:
            result.fail(job.source, outcome)
        progress(out_dir / job.target, written, done, len(todo))
    return built


def _warm_worker() -> None:
    """Fonts and styles are prepared once per worker process, not once per leaflet."""
    from leafletgen.fonts import register_fonts

    register_fonts()


def run_job(job: Job, options: BuildOptions, out_dir: Path) -> OutputRecord | list[Diagnostic]:
    """Build one leaflet in one format and write it; our problems come back as diagnostics."""
    try:
        leaflet = _load(job.source, options)
        data = format_pdf(leaflet, job.format_name, options, _spec(options, job.print_ready))
    except LeafletError as exc:
        return exc.diagnostics
    path = out_dir / job.target
    write_atomically(path, lambda: data)
    if job.thumbnail:
        from leafletgen.catalogue.thumbs import ensure_thumbnail

        ensure_thumbnail(path, out_dir / job.thumbnail)
    stat = path.stat()
    return OutputRecord(
        job.target, leaflet.id, plain(leaflet.title), leaflet.version,
        job.format_name, job.print_ready, _page_count(data), str(leaflet.published),
        str(leaflet.review), job.source, sha256_file(Path(job.source)),
        hashlib.sha256(data).hexdigest(), stat.st_size, stat.st_mtime_ns, job.inputs)


_loaded: dict[tuple[str, int], model.Leaflet] = {}


def _load(source: str, options: BuildOptions) -> model.Leaflet:
    """A worker builds several formats of one leaflet: load it once per change."""
    key = (source, os.stat(source).st_mtime_ns)
    if key not in _loaded:
        leaflet = load_leaflet(source)
        if options.site is not None:
            from leafletgen.load.sites import apply_site

            leaflet = apply_site(leaflet, options.site)
        _loaded.clear()
        _loaded[key] = leaflet
    return _loaded[key]


def _page_count(data: bytes) -> int:
    from leafletgen.render.impose import page_count  # pikepdf, only once a file is built

    return page_count(data)


def _spec(options: BuildOptions, print_ready: bool):
    from leafletgen.paper import PrintSpec

    return PrintSpec(marks=options.marks) if print_ready else None


def _series_files(records, manifest, options, out_dir, old_files, force, result, progress):
    """Every series' quick guides in one file, rebuilt when one of them changed."""
    if "quick" not in options.formats:
        return
    quick = {f.source: f for f in manifest.files if f.format == "quick" and not f.print_ready}
    members: dict[str, list[SourceRecord]] = {}
    for record in records.values():
        if record.series and record.source in quick:
            members.setdefault(record.series, []).append(record)
    for series, group in sorted(members.items()):
        group.sort(key=lambda r: (r.order is None, r.order or 0, plain(r.title).lower()))
        inputs = hashlib.sha256("|".join(quick[r.source].sha256 for r in group).encode()).hexdigest()
        target = series_target(series)
        old = old_files.get(target)
        if not force and old and old.inputs == inputs and old.intact(out_dir):
            manifest.files.append(old)
            result.skipped.append(out_dir / target)
            continue
        data = series_pdf(series, [(out_dir / quick[r.source].file).read_bytes() for r in group])
        write_atomically(out_dir / target, lambda: data)
        stat = (out_dir / target).stat()
        manifest.files.append(OutputRecord(
            target, series_slug(series), f"Quick guides: {series}", "", "quick-series", False,
            len(group), "", "", "", "", hashlib.sha256(data).hexdigest(), stat.st_size,
            stat.st_mtime_ns, inputs))
        result.written.append(out_dir / target)
        progress(out_dir / target, True, len(result.written), len(result.written))


def _carry_over(previous: Manifest, manifest: Manifest, scanned: set[str], options: BuildOptions,
                out_dir: Path, prune: bool, result: BuildResult, catalogue: bool) -> None:
    """Decide about each file the last build listed that this one did not write.

    Kept (still listed): files of leaflets not part of this run, of leaflets that failed
    now, and of formats not asked for. Orphans (reported; deleted with --prune): files of
    leaflets deleted or renamed, and old names of leaflets whose id or version changed."""
    current = {f.file for f in manifest.files}
    asked = {(f, p) for f in options.formats for p in options.variants()}
    for old in previous.files:
        if old.file in current or not (out_dir / old.file).exists():
            continue
        if old.format == "catalogue":  # the catalogue step decides about it, when it runs
            manifest.files += [] if catalogue else [old]
            continue
        if _still_owned(old, scanned, asked, result):
            manifest.files.append(old)
            if old.source in previous.sources and old.source not in manifest.sources:
                manifest.sources[old.source] = previous.sources[old.source]
        elif prune:
            (out_dir / old.file).unlink()
            result.pruned = True
            result.orphans.append(out_dir / old.file)
        else:
            manifest.files.append(old)  # still there, so still listed, until pruned
            result.orphans.append(out_dir / old.file)
    manifest.files.sort(key=lambda f: f.file)


def _still_owned(old: OutputRecord, scanned: set[str], asked: set, result: BuildResult) -> bool:
    if old.format == "quick-series":
        return ("quick", False) not in asked
    if not Path(old.source).is_file():
        return False  # the leaflet was deleted or renamed
    if old.source not in scanned or old.source in result.failures:
        return True
    return (old.format, old.print_ready) not in asked


def _catalogue(manifest: Manifest, options: BuildOptions, out_dir: Path, today: dt.date,
               old_files: dict[str, OutputRecord], force: bool, progress: Progress) -> None:
    """The nurses' index.html, rebuilt when a file, a leaflet's card or the date changed.
    It is reported as written, but not counted with the leaflets' files."""
    from leafletgen.catalogue import CatalogueEntry, write_catalogue

    facts = [(f.file, f.sha256) for f in manifest.files if f.format != "catalogue"]
    cards = [(r.source, r.card) for r in manifest.sources.values()]
    inputs = hashlib.sha256(json.dumps([facts, cards, str(today), options.site_name],
                                       sort_keys=True).encode()).hexdigest()
    old = old_files.get(INDEX)
    pictures = (out_dir / thumbnail_name(r.id, r.version) for r in manifest.sources.values())
    if not force and old and old.inputs == inputs and old.intact(out_dir) and \
            all(p.exists() for p in pictures):
        manifest.files.append(old)
        return
    files: dict[str, dict[str, OutputRecord]] = {}
    built_series = {f.file for f in manifest.files if f.format == "quick-series"}
    series_files = {r.series: out_dir / series_target(r.series) for r in manifest.sources.values()
                    if r.series and series_target(r.series) in built_series}
    for record in manifest.files:
        if record.source in manifest.sources:
            key = record.format + ("-print" if record.print_ready else "")
            files.setdefault(record.source, {})[key] = record
    entries = [CatalogueEntry(_card_leaflet(source), {k: out_dir / f.file for k, f in built.items()},
                              {k: f.pages for k, f in built.items()}, source.card.get("search", ""))
               for source in manifest.sources.values() if (built := files.get(source.source))]
    write_catalogue(out_dir, entries, series_files, today, site=options.site)
    stat = (out_dir / INDEX).stat()
    manifest.files.append(OutputRecord(INDEX, "", "Leaflet catalogue", "", "catalogue", False, 0,
                                       "", "", "", "", sha256_file(out_dir / INDEX), stat.st_size,
                                       stat.st_mtime_ns, inputs))
    progress(out_dir / INDEX, True, 1, 1)


def _card_leaflet(record: SourceRecord) -> model.Leaflet:
    """A leaflet with just what the catalogue shows, from the manifest: no need to parse again."""
    card = record.card
    return model.Leaflet(
        id=record.id, title=record.title, version=record.version,
        published=dt.date.fromisoformat(card["published"]),
        review=dt.date.fromisoformat(card["review"]), owner=card["owner"], sections=(),
        source=record.source, series=record.series, order=record.order,
        language=card["language"], summary=card["summary"])
