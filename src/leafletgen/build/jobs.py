"""One leaflet in one format, built and written in a worker process (or in the build's own):
what it is given, what it hands back, and nothing it meets raised."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leafletgen import model
from leafletgen.build.problems import write_file
from leafletgen.catalogue.thumbs import ensure_thumbnail
from leafletgen.errors import Diagnostic, LeafletError, Span, internal_error
from leafletgen.inline import plain
from leafletgen.manifest import OutputRecord
from leafletgen.produce import BuildOptions, produce

if TYPE_CHECKING:  # a build without a pool does not import concurrent.futures
    from concurrent.futures import Future


@dataclass(frozen=True)
class Job:
    """One leaflet in one format: what run_job builds, in a worker process or in this one."""

    leaflet: model.Leaflet | None  # parsed by the build, site applied; None: it did not load
    source: str  # the leaflet file's key (library.source_key)
    shown: str  # the leaflet file as diagnostics name it
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


def warm_worker() -> None:
    """Fonts and styles are prepared once per worker process, not once per leaflet."""
    from leafletgen.fonts import register_fonts

    register_fonts()


def job_outcome(job: Job, future: Future) -> Done | list[Diagnostic]:
    """A job's outcome from the pool; the pool's own trouble (a worker that died, a result
    that cannot be sent back) fails that job only."""
    try:
        return future.result()
    except Exception as exc:
        return [internal_error(f"building {job.shown} as {job.format_name}", exc,
                               Span(job.shown))]


def run_job(job: Job, options: BuildOptions, out_dir: Path) -> Done | list[Diagnostic]:
    """Build one leaflet in one format and write it. Nothing it meets is raised: every
    problem comes back as diagnostics, so that one leaflet never stops the others."""
    leaflet = job.leaflet
    if leaflet is None:
        return list(job.problems)
    try:
        rendered = produce(leaflet, job.format_name, options, job.print_ready)
    except LeafletError as exc:
        return exc.diagnostics
    except Exception as exc:  # a bug, ours or a library's
        return [internal_error(f"building {job.shown} as {job.format_name}", exc,
                               Span(job.shown))]
    try:
        stat = write_file(out_dir / job.target, rendered.data)
    except LeafletError as exc:
        return exc.diagnostics
    if job.thumbnail:
        _thumbnail(rendered.data, out_dir / job.thumbnail)
    record = OutputRecord(
        file=job.target, id=leaflet.id, title=plain(leaflet.title), version=leaflet.version,
        format=job.format_name, print_ready=job.print_ready, pages=rendered.pages,
        published=str(leaflet.published), review=str(leaflet.review), source=job.source,
        source_sha256=job.source_sha256, sha256=hashlib.sha256(rendered.data).hexdigest(),
        size=stat.st_size, mtime_ns=stat.st_mtime_ns, inputs=job.inputs)
    return Done(record, rendered.data if job.keep_data else b"")


def _thumbnail(pdf: bytes, png: Path) -> None:
    try:
        ensure_thumbnail(pdf, png)
    except Exception:  # the catalogue tries again, and says why when it cannot either
        pass
