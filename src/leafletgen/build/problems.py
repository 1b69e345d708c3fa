"""What goes wrong in a build besides a leaflet's content, each said in one line at the file
it is about: the file system (a full disk, a read-only folder...), or a bug of ours."""

from __future__ import annotations

import os
from pathlib import Path

from leafletgen.errors import Diagnostic, LeafletError, Span, internal_error
from leafletgen.files import file_system_error, write_atomically

FILE_SYSTEM = "build.file-system"  # files.file_system_error's code


def write_file(path: Path, data: bytes) -> os.stat_result:
    """Write path atomically; a file-system error raises LeafletError(build.file-system)."""
    try:
        write_atomically(path, lambda: data)
        return path.stat()
    except OSError as exc:
        raise LeafletError(file_system_error(exc, path)) from None


def make_folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LeafletError(file_system_error(exc, path)) from None


def problems_of(exc: Exception, path: Path, what: str) -> list[Diagnostic]:
    """A step that failed while writing path (a series file, the catalogue), as diagnostics:
    ours as they are, the file system's in one line, anything else as an internal error."""
    if isinstance(exc, LeafletError):
        return exc.diagnostics
    if isinstance(exc, OSError):
        return [file_system_error(exc, path)]
    return [internal_error(what, exc, Span(str(path)))]
