"""Safe writes and file hashes, shared by every stage that writes or checks a file."""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from leafletgen.errors import Diagnostic, Span, error

# Asked of the kernel for every file written: it takes the user's umask off, as for any file
# a user's tool writes (a catalogue on a shared drive must be readable by the others).
FILE_MODE = 0o666

# What to do about each kind of file-system trouble, by errno; others get DEFAULT_HINT.
# Every stage and the CLI say file-system trouble in these words (file_system_error).
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
    errno.ELOOP: "symbolic links lead round in a loop: check the links",
    errno.EINVAL: "the disk refused it: some disks refuse some characters in names, and "
                  "only a regular file can be read",
    errno.EIO: "the disk could not be read or written: check the drive",
}
DEFAULT_HINT = "check the path and the disk, then try again"


def file_system_error(exc: OSError, path: str | Path | None = None) -> Diagnostic:
    """An OSError as one line at path (default: the file it names): what the system said,
    then what to do about it [build.file-system]."""
    if path is None:
        path = exc.filename if exc.filename is not None else "leafletgen"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return error("build.file-system", reason, Span(str(path)), HINTS.get(exc.errno, DEFAULT_HINT))


def write_atomically(path: Path, make: Callable[[], bytes]) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written PDF.
    An OSError (read-only folder, disk full, file too large) names the target, not the
    temporary file."""
    data = make()  # any failure here leaves the previous good file untouched
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    try:
        # O_EXCL: never write through a file or link that is already there.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno is not None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def open_regular(path: Path) -> BinaryIO:
    """Open a file to read, only if it is a regular file: opened without blocking and checked
    before any read, so that a FIFO or a device in a file's place cannot hang a command.
    Otherwise OSError(EINVAL, "not a regular file")."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    source = os.fdopen(handle, "rb")
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        source.close()
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return source


def sha256_file(path: Path) -> str:
    """Read in blocks, so that a huge file is not held in memory; a regular file only."""
    with open_regular(path) as source:
        return hashlib.file_digest(source, "sha256").hexdigest()
