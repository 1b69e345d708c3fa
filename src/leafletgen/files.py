"""Safe writes and file hashes, shared by every stage that writes or checks a file."""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

# Asked of the kernel for every file written: it takes the user's umask off, as for any file
# a user's tool writes (a catalogue on a shared drive must be readable by the others).
FILE_MODE = 0o666


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


def sha256_file(path: Path) -> str:
    """Read in blocks, so a huge file is not held in memory. Only a regular file: opened
    without blocking and checked first, so a FIFO put in a file's place cannot hang a build."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as source:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return hashlib.file_digest(source, "sha256").hexdigest()
