"""What goes wrong in a build besides a leaflet's content, each said in one line at the file
it is about: the file system (a full disk, a read-only folder...), or a bug of ours."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from leafletgen.errors import Diagnostic, LeafletError, Span, error, internal_error
from leafletgen.files import write_atomically

REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "the file is too large for this disk",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a file of that name is in the way of the folder",
    errno.ENAMETOOLONG: "the name is too long for this disk",
}
HINT = "the files that were there before are left as they were"


def output_error(path: Path, exc: OSError, doing: str = "cannot write the file") -> Diagnostic:
    reason = REASONS.get(exc.errno) or exc.strerror or str(exc)
    return error("build.file-system", f"{doing}: {reason}", Span(str(path)), HINT)


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
        raise LeafletError(output_error(path, exc, "cannot make the folder")) from None


def problems_of(exc: Exception, path: Path, what: str) -> list[Diagnostic]:
    """A step that failed while writing path (a series file, the catalogue), as diagnostics:
    ours as they are, the file system's in one line, anything else as an internal error."""
    if isinstance(exc, LeafletError):
        return exc.diagnostics
    if isinstance(exc, OSError):
        return [output_error(path, exc)]
    return [internal_error(what, exc, Span(str(path)))]
