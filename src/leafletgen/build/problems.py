"""What goes wrong in a build besides a leaflet's content, each said in one line at the file
it is about: the file system (a full disk, a read-only folder...), or a bug of ours."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from leafletgen.errors import Diagnostic, LeafletError, Span, error, internal_error
from leafletgen.files import write_atomically

# What to do about each kind of trouble: the same words as cli.console.HINTS, which says
# it for an OSError met outside a build (one table to share once files.py can hold it).
HINTS = {
    errno.EROFS: "the disk or folder is read-only: write somewhere else",
    errno.ENOSPC: "the disk is full: free some space, or write to another disk",
    errno.EDQUOT: "your disk quota is used up: free some space, or write to another disk",
    errno.EFBIG: "the file is too large for this disk: write to another disk",
    errno.EACCES: "check the permissions of the file and its folder, or use another folder",
    errno.EPERM: "check the permissions of the file and its folder, or use another folder",
    errno.ENOTDIR: "part of the path is a file, not a folder: choose another path",
    errno.EISDIR: "it is a folder: name a file",
    errno.EEXIST: "a file is in the way: move it, or choose another path",
    errno.ENOENT: "check that the path exists",
    errno.ENAMETOOLONG: "the name is too long: choose a shorter path",
    errno.EIO: "the disk could not be read or written: check the drive",
}
DEFAULT_HINT = "check the path and the disk, then try again"
FILE_SYSTEM = "build.file-system"


def output_error(path: Path, exc: OSError) -> Diagnostic:
    """The trouble in one line at the file or folder: what the system said, what to do."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return error(FILE_SYSTEM, reason, Span(str(path)), HINTS.get(exc.errno, DEFAULT_HINT))


def write_file(path: Path, data: bytes) -> os.stat_result:
    """Write path atomically; a file-system error raises LeafletError(build.file-system)."""
    try:
        write_atomically(path, lambda: data)
        return path.stat()
    except OSError as exc:
        raise LeafletError(output_error(path, exc)) from None


def make_folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LeafletError(output_error(path, exc)) from None


def problems_of(exc: Exception, path: Path, what: str) -> list[Diagnostic]:
    """A step that failed while writing path (a series file, the catalogue), as diagnostics:
    ours as they are, the file system's in one line, anything else as an internal error."""
    if isinstance(exc, LeafletError):
        return exc.diagnostics
    if isinstance(exc, OSError):
        return [output_error(path, exc)]
    return [internal_error(what, exc, Span(str(path)))]
