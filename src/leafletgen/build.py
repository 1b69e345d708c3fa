"""Build a library: leaflets × formats in a process pool, skipping what has not changed,
with each series' quick guides in one file and a manifest of everything written.

A Build keeps every file that `Build.fresh` finds still good. Each leaflet is parsed once,
here, and goes with its jobs; a job's render gives the PDF and its page count, and the
thumbnail and the series file are made from those bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import KW_ONLY, dataclass, field, replace
from itertools import repeat
from pathlib import Path

from leafletgen import model
from leafletgen.catalogue import manifest_entries, write_catalogue
from leafletgen.catalogue.cards import THUMBNAIL_PREFERENCE, search_text
from leafletgen.catalogue.thumbs import ensure_thumbnail
from leafletgen.errors import Diagnostic, LeafletError, Span
from leafletgen.files import sha256_file, write_atomically
from leafletgen.inline import plain
from leafletgen.load import duplicate_ids, find_leaflets, load_leaflet
from leafletgen.manifest import (Manifest, OutputRecord, SourceRecord, build_context,
                                 current_assets, inputs_hash)
from leafletgen.names import INDEX, MANIFEST, output_name, series_slug, series_target, thumbnail_name
from leafletgen.produce import BuildOptions, produce, series_pdf

# Starting workers costs about a third of a second: only worth it for this many files or more.
POOL_THRESHOLD = 16

# (file just written, or failed to build; whether it was written; how many done; of how many)
Progress = Callable[[Path, bool, int, int], None]


def no_progress(path: Path, ok: bool, done: int, total: int) -> None:
    pass


@dataclass(frozen=True)
class Job:
    """One leaflet in one format: what run_job builds, in a worker process or in this one."""

    leaflet: model.Leaflet | None  # parsed by the build, site applied; None: it did not load
    source: str
    source_sha256: str
    format_name: str
    print_ready: bool
    target: str  # relative to the output folder
    inputs: str
    thumbnail: str = ""  # the catalogue's picture of page 1 to make from it, relative too
    keep_data: bool = False  # its series file joins it: hand the bytes back
    problems: tuple[Diagnostic, ...] = ()  # why the leaflet did not load


@dataclass(frozen=True)
class Done:
    """What a job hands back: the file's record, and its bytes when the series file needs them."""

    record: OutputRecord
    data: bytes = b""


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failures: dict[str, list[Diagnostic]] = field(default_factory=dict)
    orphans: list[Path] = field(default_factory=list)  # outputs of leaflets gone or renamed
    pruned: bool = False

    def fail(self, source: str, problems: list[Diagnostic]) -> None:
        self.failures.setdefault(source, []).extend(problems)


def build(paths: list[Path], options: BuildOptions, out_dir: Path, jobs: int = 1,
          force: bool = False, prune: bool = False, catalogue: bool = True,
          today: dt.date | None = None, progress: Progress = no_progress, *,
          pool_threshold: int = POOL_THRESHOLD) -> BuildResult:
    """Build the leaflets under paths into out_dir; what was written, kept and failed."""
    return Build(options, out_dir, jobs=jobs, force=force, prune=prune, catalogue=catalogue,
                 today=today, progress=progress, pool_threshold=pool_threshold).run(paths)


@dataclass
class Build:
    """One build into out_dir: what it is asked for, the last build's manifest, and what it
    did (result). run() takes the steps in order; each kind of file has one write path."""

    options: BuildOptions
    out_dir: Path
    _: KW_ONLY
    jobs: int = 1
    force: bool = False
    prune: bool = False
    catalogue: bool = True
    today: dt.date | None = None
    progress: Progress = no_progress
    pool_threshold: int = POOL_THRESHOLD

    def __post_init__(self) -> None:
        self.previous = Manifest.read(self.out_dir)
        self.old_files = {f.file: f for f in self.previous.files}
        self.result = BuildResult()
        self.parsed: dict[str, model.Leaflet | LeafletError] = {}  # by source, site applied
        self.quick_guides: dict[str, bytes] = {}  # by source: built now, for their series file
        # The workers draw the catalogue's thumbnails from the format it prefers.
        self.pictured = next((f for f in THUMBNAIL_PREFERENCE if f in self.options.formats), None)

    def fresh(self, target: str, inputs: str, source: str = "") -> OutputRecord | None:
        """The last build's record of target when the file can be kept as it is: not forced,
        built from the same inputs (and leaflet file), and untouched since."""
        old = self.old_files.get(target)
        if self.force or old is None or old.inputs != inputs or old.source != source:
            return None
        return old if old.intact(self.out_dir) else None

    def run(self, paths: list[Path]) -> BuildResult:
        context = build_context(self.options)
        sources = find_leaflets(paths)
        records = self._source_records(sources)
        self._refuse_duplicate_ids(records)
        kept, todo = self._plan(records, context)
        self.result.skipped = [self.out_dir / record.file for record in kept]
        built = self._write(todo)
        manifest = Manifest(files=sorted(kept + built, key=lambda f: f.file),
                            sources={r.source: r for r in records.values()})
        self._series_files(records, manifest)
        self._carry_over(manifest, {str(p) for p in sources})
        if self.catalogue:
            self._catalogue(manifest)
        write_atomically(self.out_dir / MANIFEST, lambda: manifest.to_json().encode())
        return self.result

    def _source_records(self, paths: list[Path]) -> dict[str, SourceRecord]:
        """Each leaflet's record; an unchanged YAML file is not even parsed again."""
        records = {}
        for path in paths:
            source = str(path)
            sha = sha256_file(path)
            old = self.previous.sources.get(source)
            if old is not None and old.source_sha256 == sha:
                assets = current_assets(old)
                if assets is not None:
                    records[source] = replace(old, assets=assets)
                    continue
            try:
                leaflet = load_leaflet(path)
            except LeafletError as exc:
                self.result.fail(source, exc.diagnostics)
                continue
            records[source] = SourceRecord.of(leaflet, sha, search_text(leaflet))
            self.parsed[source] = self._for_site(leaflet)
        return records

    def _refuse_duplicate_ids(self, records: dict[str, SourceRecord]) -> None:
        spans = {source: Span(source, *record.id_at) for source, record in records.items()}
        refused = duplicate_ids({source: record.id for source, record in records.items()}, spans)
        for source, problem in refused.items():
            del records[source]
            self.result.fail(source, [problem])

    def _plan(self, records: dict[str, SourceRecord], context: str
              ) -> tuple[list[OutputRecord], list[Job]]:
        """The last build's files that can be kept, and a job for each of the others."""
        kept, todo = [], []
        for record in records.values():
            inputs = inputs_hash(record.source_sha256, record.assets, context)
            for format_name in self.options.formats:
                for print_ready in self.options.variants():
                    target = output_name(record, format_name, print_ready)
                    old = self.fresh(target, inputs, record.source)
                    if old:
                        kept.append(old)
                    else:
                        todo.append(self._job(record, format_name, print_ready, target, inputs))
        return kept, todo

    def _job(self, record: SourceRecord, format_name: str, print_ready: bool, target: str,
             inputs: str) -> Job:
        loaded = self._leaflet(record.source)
        pictured = self.catalogue and format_name == self.pictured and not print_ready
        return Job(
            leaflet=loaded if isinstance(loaded, model.Leaflet) else None,
            source=record.source, source_sha256=record.source_sha256, format_name=format_name,
            print_ready=print_ready, target=target, inputs=inputs,
            thumbnail=thumbnail_name(record.id, record.version) if pictured else "",
            keep_data=bool(record.series) and format_name == "quick" and not print_ready,
            problems=tuple(loaded.diagnostics) if isinstance(loaded, LeafletError) else ())

    def _leaflet(self, source: str) -> model.Leaflet | LeafletError:
        """Parsed already when its YAML changed; else now, once, as some file needs building."""
        if source not in self.parsed:
            try:
                self.parsed[source] = self._for_site(load_leaflet(source))
            except LeafletError as exc:
                self.parsed[source] = exc
        return self.parsed[source]

    def _for_site(self, leaflet: model.Leaflet) -> model.Leaflet:
        if self.options.site is None:
            return leaflet
        from leafletgen.load.sites import apply_site

        return apply_site(leaflet, self.options.site)

    def _write(self, todo: list[Job]) -> list[OutputRecord]:
        """Every job through run_job: mapped onto worker processes when there are enough of
        them, else run here; the outcomes are taken in the same order either way."""
        args = (todo, repeat(self.options), repeat(self.out_dir))
        if self.jobs > 1 and len(todo) >= self.pool_threshold:
            with ProcessPoolExecutor(max_workers=self.jobs, initializer=_warm_worker) as pool:
                return self._collect(todo, pool.map(run_job, *args, chunksize=1))
        return self._collect(todo, map(run_job, *args))

    def _collect(self, todo: list[Job], outcomes) -> list[OutputRecord]:
        built = []
        for done, (job, outcome) in enumerate(zip(todo, outcomes), 1):
            written = isinstance(outcome, Done)
            if written:
                built.append(outcome.record)
                self.result.written.append(self.out_dir / outcome.record.file)
                if job.keep_data:
                    self.quick_guides[job.source] = outcome.data
            else:
                self.result.fail(job.source, outcome)
            self.progress(self.out_dir / job.target, written, done, len(todo))
        return built

    def _series_files(self, records: dict[str, SourceRecord], manifest: Manifest) -> None:
        """Every series' quick guides in one file, rebuilt when one of them changed."""
        if "quick" not in self.options.formats:
            return
        quick = {f.source: f for f in manifest.files if f.format == "quick" and not f.print_ready}
        members: dict[str, list[SourceRecord]] = {}
        for record in records.values():
            if record.series and record.source in quick:
                members.setdefault(record.series, []).append(record)
        for series, group in sorted(members.items()):
            group.sort(key=lambda r: (r.order is None, r.order or 0, plain(r.title).lower()))
            guides = [quick[r.source] for r in group]
            inputs = hashlib.sha256("|".join(g.sha256 for g in guides).encode()).hexdigest()
            target = series_target(series)
            old = self.fresh(target, inputs)
            if old:
                manifest.files.append(old)
                self.result.skipped.append(self.out_dir / target)
            else:
                manifest.files.append(self._join(series, guides, target, inputs))

    def _join(self, series: str, guides: list[OutputRecord], target: str,
              inputs: str) -> OutputRecord:
        # A quick guide built just now is still in memory; one kept from before is on disk.
        data = series_pdf(series, [self.quick_guides.get(g.source) or
                                   (self.out_dir / g.file).read_bytes() for g in guides])
        write_atomically(self.out_dir / target, lambda: data)
        record = self._library_file(
            target, id=series_slug(series), title=f"Quick guides: {series}", format="quick-series",
            pages=sum(g.pages for g in guides), sha256=hashlib.sha256(data).hexdigest(),
            inputs=inputs)
        self.result.written.append(self.out_dir / target)
        self.progress(self.out_dir / target, True, len(self.result.written),
                      len(self.result.written))
        return record

    def _library_file(self, target: str, *, id: str, title: str, format: str, pages: int,
                      sha256: str, inputs: str) -> OutputRecord:
        """The record of a file of the whole library (a series file, the catalogue)."""
        stat = (self.out_dir / target).stat()
        return OutputRecord(
            file=target, id=id, title=title, version="", format=format, print_ready=False,
            pages=pages, published="", review="", source="", source_sha256="", sha256=sha256,
            size=stat.st_size, mtime_ns=stat.st_mtime_ns, inputs=inputs)

    def _carry_over(self, manifest: Manifest, scanned: set[str]) -> None:
        """Decide about each file the last build listed that this one did not write.

        Kept (still listed): files of leaflets not part of this run, of leaflets that failed
        now, and of formats not asked for. Orphans (reported; deleted with --prune): files of
        leaflets deleted or renamed, and old names of leaflets whose id or version changed."""
        current = {f.file for f in manifest.files}
        asked = {(f, p) for f in self.options.formats for p in self.options.variants()}
        for old in self.previous.files:
            if old.file in current or not (self.out_dir / old.file).exists():
                continue
            if old.format == "catalogue":  # the catalogue step decides about it, when it runs
                manifest.files += [] if self.catalogue else [old]
                continue
            if _still_owned(old, scanned, asked, self.result):
                manifest.files.append(old)
                if old.source in self.previous.sources and old.source not in manifest.sources:
                    manifest.sources[old.source] = self.previous.sources[old.source]
            elif self.prune:
                (self.out_dir / old.file).unlink()
                self.result.pruned = True
                self.result.orphans.append(self.out_dir / old.file)
            else:
                manifest.files.append(old)  # still there, so still listed, until pruned
                self.result.orphans.append(self.out_dir / old.file)
        manifest.files.sort(key=lambda f: f.file)

    def _catalogue(self, manifest: Manifest) -> None:
        """The nurses' index.html, rebuilt when a file, a leaflet's card or the date changed.
        It is reported as written, but not counted with the leaflets' files."""
        today = self.today or dt.date.today()
        facts = [(f.file, f.sha256) for f in manifest.files if f.format != "catalogue"]
        cards = [(r.source, r.card) for r in manifest.sources.values()]
        inputs = hashlib.sha256(json.dumps([facts, cards, str(today), self.options.site_name],
                                           sort_keys=True).encode()).hexdigest()
        old = self.fresh(INDEX, inputs)
        pictures = (thumbnail_name(r.id, r.version) for r in manifest.sources.values())
        if old and all((self.out_dir / p).exists() for p in pictures):
            manifest.files.append(old)
            return
        write_catalogue(self.out_dir, *manifest_entries(manifest, self.out_dir), today,
                        site=self.options.site)
        manifest.files.append(self._library_file(
            INDEX, id="", title="Leaflet catalogue", format="catalogue", pages=0,
            sha256=sha256_file(self.out_dir / INDEX), inputs=inputs))
        self.progress(self.out_dir / INDEX, True, 1, 1)


def _warm_worker() -> None:
    """Fonts and styles are prepared once per worker process, not once per leaflet."""
    from leafletgen.fonts import register_fonts

    register_fonts()


def run_job(job: Job, options: BuildOptions, out_dir: Path) -> Done | list[Diagnostic]:
    """Build one leaflet in one format and write it; our problems come back as diagnostics."""
    leaflet = job.leaflet
    if leaflet is None:
        return list(job.problems)
    try:
        rendered = produce(leaflet, job.format_name, options, job.print_ready)
    except LeafletError as exc:
        return exc.diagnostics
    path = out_dir / job.target
    write_atomically(path, lambda: rendered.data)
    if job.thumbnail:
        ensure_thumbnail(rendered.data, out_dir / job.thumbnail)
    stat = path.stat()
    record = OutputRecord(
        file=job.target, id=leaflet.id, title=plain(leaflet.title), version=leaflet.version,
        format=job.format_name, print_ready=job.print_ready, pages=rendered.pages,
        published=str(leaflet.published), review=str(leaflet.review), source=job.source,
        source_sha256=job.source_sha256, sha256=hashlib.sha256(rendered.data).hexdigest(),
        size=stat.st_size, mtime_ns=stat.st_mtime_ns, inputs=job.inputs)
    return Done(record, rendered.data if job.keep_data else b"")


def _still_owned(old: OutputRecord, scanned: set[str], asked: set, result: BuildResult) -> bool:
    if old.format == "quick-series":
        return ("quick", False) not in asked
    if not Path(old.source).is_file():
        return False  # the leaflet was deleted or renamed
    if old.source not in scanned or old.source in result.failures:
        return True
    return (old.format, old.print_ready) not in asked
