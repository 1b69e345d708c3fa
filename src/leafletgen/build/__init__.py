"""Build a library: leaflets × formats in a process pool, skipping what has not changed,
with each series' quick guides in one file and a manifest of everything written.

A Build keeps every file that `Build.fresh` finds still good. Each leaflet is parsed once,
here, and goes with its jobs; a job's render gives the PDF and its page count, and the
thumbnail and the series file are made from those bytes. Whatever goes wrong with one
leaflet or one file is reported as its failure: the rest of the library, the series
files, the catalogue and the manifest are still written. One build at a time writes into
an output folder (build.lock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field, replace
from pathlib import Path

from leafletgen import model
from leafletgen.build.library import duplicate_ids, library_of, other_leaflets
from leafletgen.build.lock import LOCK_TIMEOUT, OutputLock, Waiting, no_wait_report
from leafletgen.build.problems import FILE_SYSTEM, write_file
from leafletgen.build.jobs import Done, Job, job_outcome, run_job, warm_worker
from leafletgen.build.series import series_files
from leafletgen.catalogue.cards import THUMBNAIL_PREFERENCE, search_text
from leafletgen.errors import Diagnostic, LeafletError, Span, internal_error
from leafletgen.files import file_system_error, sha256_file
from leafletgen.formats import FORMAT_NAMES
from leafletgen.load import find_leaflets, load_leaflet
from leafletgen.load.leaflet import english_labels_warning
from leafletgen.load.translations import Link, link_problems, read_link, stale_pairs
from leafletgen.manifest import (Manifest, OutputRecord, SourceRecord, build_context,
                                 current_assets, inputs_hash, source_key)
from leafletgen.names import MANIFEST, output_name, series_slugs, thumbnail_name
from leafletgen.produce import BuildOptions

__all__ = ["Build", "BuildOptions", "BuildResult", "build", "run_job"]

# Starting workers costs about a third of a second: only worth it for this many files or more.
POOL_THRESHOLD = 16
QUICK_SKIPPED = "quick guide skipped: the leaflet has no quick_guide"

# (file just written, or failed to build; whether it was written; how many done; of how many)
Progress = Callable[[Path, bool, int, int], None]


def no_progress(path: Path, ok: bool, done: int, total: int) -> None:
    pass


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failures: dict[str, list[Diagnostic]] = field(default_factory=dict)  # by file, as shown
    orphans: list[Path] = field(default_factory=list)  # outputs of leaflets gone or renamed
    pruned: bool = False
    notes: list[str] = field(default_factory=list)  # one line each: formats skipped, and why
    # (translation, master) of each translation built whose master has a newer version now:
    # the command says what changed (lint/translations.py), as check does
    stale: list[tuple[Link, Link]] = field(default_factory=list)
    _said: set[str] = field(default_factory=set, repr=False)  # file-system trouble told

    def fail(self, source: str, problems: list[Diagnostic]) -> None:
        """Record what failed. File-system trouble said once already (a full disk fails
        every file after the first the same way) fails the file without saying it again."""
        new = [d for d in problems if d.code != FILE_SYSTEM or d.message not in self._said]
        self._said.update(d.message for d in new if d.code == FILE_SYSTEM)
        self.failures.setdefault(source, []).extend(new)


def build(paths: list[Path], options: BuildOptions, out_dir: Path, jobs: int = 1,
          force: bool = False, prune: bool = False, catalogue: bool = True,
          today: dt.date | None = None, progress: Progress = no_progress, *,
          pool_threshold: int = POOL_THRESHOLD, every_format: bool | None = None,
          waiting: Waiting = no_wait_report, lock_timeout: float = LOCK_TIMEOUT) -> BuildResult:
    """Build the leaflets under paths into out_dir; what was written, kept and failed.

    every_format (`--format all`; by default, when every format is asked): a leaflet
    without a quick guide gets its other formats and a note, not a failure. waiting is told
    the pid of another build writing into out_dir, once, before this one waits for it."""
    if every_format is None:
        every_format = set(options.formats) == set(FORMAT_NAMES)
    return Build(options, out_dir, jobs=jobs, force=force, prune=prune, catalogue=catalogue,
                 today=today, progress=progress, pool_threshold=pool_threshold,
                 every_format=every_format, waiting=waiting, lock_timeout=lock_timeout
                 ).run(paths)


@dataclass
class Build:
    """One build into out_dir: what it is asked for, the last build's manifest, and what it
    did (result). run() takes the steps in order; each kind of file has one write path.
    Leaflets are known by their key (library.source_key), shown by their path as given."""

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
    every_format: bool = False
    waiting: Waiting = no_wait_report
    lock_timeout: float = LOCK_TIMEOUT

    def __post_init__(self) -> None:
        self.previous = Manifest()  # read once the output folder is ours
        self.old_files: dict[str, OutputRecord] = {}
        self.result = BuildResult()
        self.root = Path.cwd()  # the library's, once run() knows the paths
        self.shown: dict[str, str] = {}  # key -> the path as diagnostics show it
        self.failed: set[str] = set()  # keys of the leaflets that failed
        self.parsed: dict[str, model.Leaflet | LeafletError] = {}  # by key, site applied
        self.quick_guides: dict[str, bytes] = {}  # by key: built now, for their series file
        self.series_slugs: dict[str, str] = {}  # series name -> its file's slug
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
        try:
            with OutputLock(self.out_dir, self.lock_timeout, self.waiting):
                self._run(paths)
        except LeafletError as exc:  # the folder cannot be made, or another build keeps it
            self.result.fail(str(self.out_dir), exc.diagnostics)
        return self.result

    def _run(self, paths: list[Path]) -> None:
        self.root = library_of(paths)
        self.previous = Manifest.read(self.out_dir)
        self.old_files = {f.file: f for f in self.previous.files}
        sources = {source_key(path, self.root): path for path in find_leaflets(paths)}
        self.shown = {key: str(path) for key, path in sources.items()}
        records = self._source_records(sources)
        others = other_leaflets(self.root, self.previous, set(sources))
        self._refuse_duplicate_ids(records, others)
        self._refuse_broken_translations(records, others, sources)
        kept, todo = self._plan(records, build_context(self.options))
        self.result.skipped = [self.out_dir / record.file for record in kept]
        built = self._write(todo)
        manifest = Manifest(files=sorted(kept + built, key=lambda f: f.file),
                            sources={r.source: r for r in records.values()})
        self._carry_over(manifest, set(sources))
        # Named from every series of the library, so that any part of it gives the same names.
        names = {r.series for r in manifest.sources.values()} | {o.series for o in others}
        self.series_slugs = series_slugs(names - {""})
        series_files(self, manifest)  # of the whole library: leaflets carried over too
        self._carry_over(manifest, set(sources), series=True)
        if self.catalogue:
            from leafletgen.build.index import write_index  # the catalogue: only if wanted

            write_index(self, manifest)
        try:
            write_file(self.out_dir / MANIFEST, manifest.to_json().encode())
        except LeafletError as exc:
            self.result.fail(str(self.out_dir / MANIFEST), exc.diagnostics)

    def _fail(self, key: str, problems: list[Diagnostic]) -> None:
        self.failed.add(key)
        self.result.fail(self.shown[key], problems)

    def _source_records(self, sources: dict[str, Path]) -> dict[str, SourceRecord]:
        """Each leaflet's record; an unchanged YAML file is not even parsed again."""
        records = {}
        for key, path in sources.items():
            try:
                records[key] = self._source_record(key, path)
            except LeafletError as exc:
                self._fail(key, exc.diagnostics)
            except Exception as exc:  # a bug, ours or a library's: this leaflet fails alone
                self._fail(key, [internal_error(f"reading {path}", exc, Span(str(path)))])
        return records

    def _source_record(self, key: str, path: Path) -> SourceRecord:
        try:
            sha = sha256_file(path)
        except OSError:
            sha = ""  # unreadable: loading it says why
        old = self.previous.sources.get(key)
        if sha and old is not None and old.source_sha256 == sha and \
                old.translation_of is not None:  # None: an older manifest's record
            assets = current_assets(old)
            if assets is not None:
                return replace(old, assets=assets)
        leaflet = load_leaflet(path)
        self._keep(key, leaflet)
        return SourceRecord.of(leaflet, key, sha, search_text(leaflet))

    def _keep(self, key: str, leaflet: model.Leaflet) -> None:
        """A leaflet read for building; one whose page words print in English says so."""
        self.parsed[key] = self._for_site(leaflet)
        if labels := english_labels_warning(leaflet, self.root):
            self.result.notes.append(str(labels))

    def _refuse_duplicate_ids(self, records: dict[str, SourceRecord], others) -> None:
        """An id must be the library's only one: else one leaflet's PDF overwrites another's."""
        for key, problem in duplicate_ids(records, self.shown, others).items():
            del records[key]
            self._fail(key, [problem])

    def _refuse_broken_translations(self, records: dict[str, SourceRecord], others: list,
                                    sources: dict[str, Path]) -> None:
        """A translation must name a master of the library at a version it has had, or it
        fails alone. Nothing is read when no translation is being built."""
        if not any(record.translation_of for record in records.values()):
            return
        checked = {key: record.link(self.shown[key]) for key, record in records.items()}
        unbuilt = (read_link(sources[key], self.shown[key]) for key in self.failed)
        library = [*checked.values(), *(other.link for other in others), *filter(None, unbuilt)]
        problems = link_problems(checked.values(), library)
        for key in [key for key, link in checked.items() if link.shown in problems]:
            del records[key]
            self._fail(key, [problems[checked[key].shown]])
        self.result.stale = stale_pairs([checked[key] for key in records], library)

    def _plan(self, records: dict[str, SourceRecord], context: str
              ) -> tuple[list[OutputRecord], list[Job]]:
        """The last build's files that can be kept, and a job for each of the others."""
        kept, todo = [], []
        for record in records.values():
            inputs = inputs_hash(record.source_sha256, record.assets, context)
            for format_name in self._formats_of(record):
                for print_ready in self.options.variants():
                    target = output_name(record, format_name, print_ready)
                    old = self.fresh(target, inputs, record.source)
                    if old:
                        kept.append(old)
                    else:
                        todo.append(self._job(record, format_name, print_ready, target, inputs))
        return kept, todo

    def _formats_of(self, record: SourceRecord) -> tuple[str, ...]:
        """The formats asked for; with every format asked, only those the leaflet can have."""
        formats = self.options.formats
        if self.every_format and "quick" in formats and not record.quick_guide:
            self.result.notes.append(f"{self.shown[record.source]}: {QUICK_SKIPPED}")
            return tuple(f for f in formats if f != "quick")
        return formats

    def _job(self, record: SourceRecord, format_name: str, print_ready: bool, target: str,
             inputs: str) -> Job:
        loaded = self._leaflet(record.source)
        pictured = self.catalogue and format_name == self.pictured and not print_ready
        return Job(
            leaflet=loaded if isinstance(loaded, model.Leaflet) else None,
            source=record.source, shown=self.shown[record.source],
            source_sha256=record.source_sha256, format_name=format_name,
            print_ready=print_ready, target=target, inputs=inputs,
            thumbnail=thumbnail_name(record.id, record.version) if pictured else "",
            keep_data=bool(record.series) and format_name == "quick" and not print_ready,
            problems=tuple(loaded.diagnostics) if isinstance(loaded, LeafletError) else ())

    def _leaflet(self, key: str) -> model.Leaflet | LeafletError:
        """Parsed already when its YAML changed; else now, once, as some file needs building."""
        if key not in self.parsed:
            shown = self.shown[key]
            try:
                self._keep(key, load_leaflet(shown))
            except LeafletError as exc:
                self.parsed[key] = exc
            except Exception as exc:  # a bug: this leaflet fails alone
                self.parsed[key] = LeafletError(internal_error(f"reading {shown}", exc,
                                                               Span(shown)))
        return self.parsed[key]

    def _for_site(self, leaflet: model.Leaflet) -> model.Leaflet:
        if self.options.site is None:
            return leaflet
        from leafletgen.load.sites import apply_site

        return apply_site(leaflet, self.options.site)

    def _write(self, todo: list[Job]) -> list[OutputRecord]:
        """Every job through run_job: on worker processes when there are enough of them,
        else here; the outcomes are taken in the same order either way."""
        if self.jobs > 1 and len(todo) >= self.pool_threshold:
            from concurrent.futures import ProcessPoolExecutor  # ~20 ms: only a build with a pool

            with ProcessPoolExecutor(max_workers=self.jobs, initializer=warm_worker) as pool:
                futures = [pool.submit(run_job, job, self.options, self.out_dir) for job in todo]
                return self._collect(todo, map(job_outcome, todo, futures))
        return self._collect(todo, (run_job(job, self.options, self.out_dir) for job in todo))

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
                self._fail(job.source, outcome)
            self.progress(self.out_dir / job.target, written, done, len(todo))
        return built

    def library_file(self, target: str, *, id: str, title: str, format: str, pages: int,
                     sha256: str, inputs: str, series: str = "") -> OutputRecord:
        """The record of a file of the whole library (a series file, the catalogue)."""
        stat = (self.out_dir / target).stat()
        return OutputRecord(
            file=target, id=id, title=title, version="", format=format, print_ready=False,
            pages=pages, published="", review="", source="", source_sha256="", sha256=sha256,
            size=stat.st_size, mtime_ns=stat.st_mtime_ns, inputs=inputs, series=series)

    def _carry_over(self, manifest: Manifest, scanned: set[str], series: bool = False) -> None:
        """Decide about each file the last build listed that this one did not write: the
        leaflets' files, or (series) the series files, once this build's are written.

        Kept (still listed): files of leaflets not part of this run, of leaflets that failed
        now, and of formats not asked for. Orphans (reported; deleted with --prune): files of
        leaflets deleted or renamed, and old names of leaflets whose id or version changed."""
        current = {f.file for f in manifest.files}
        asked = {(f, p) for f in self.options.formats for p in self.options.variants()}
        for old in self.previous.files:
            if (old.format == "quick-series") != series or old.file in current or \
                    not (self.out_dir / old.file).exists():
                continue
            if old.format == "catalogue":  # the catalogue step decides about it, when it runs
                manifest.files += [] if self.catalogue else [old]
                continue
            if self._still_owned(old, scanned, asked):
                manifest.files.append(old)
                if old.source in self.previous.sources and old.source not in manifest.sources:
                    manifest.sources[old.source] = self.previous.sources[old.source]
            elif not (self.prune and self._remove(old)):
                manifest.files.append(old)  # still there, so still listed, until pruned
                self.result.orphans.append(self.out_dir / old.file)
        manifest.files.sort(key=lambda f: f.file)

    def _still_owned(self, old: OutputRecord, scanned: set[str], asked: set) -> bool:
        if old.format == "quick-series":
            return ("quick", False) not in asked
        if not (self.root / old.source).is_file():
            return False  # the leaflet was deleted or renamed
        if old.source not in scanned or old.source in self.failed:
            return True
        return (old.format, old.print_ready) not in asked

    def _remove(self, old: OutputRecord) -> bool:
        """Prune an orphan; False (and said why) when it cannot be removed."""
        path = self.out_dir / old.file
        try:
            path.unlink()
        except OSError as exc:
            self.result.fail(str(path), [file_system_error(exc, path)])
            return False
        self.result.pruned = True
        self.result.orphans.append(path)
        return True
