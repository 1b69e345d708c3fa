"""One build at a time into an output folder: two at once would each write a manifest
without the other's files. The lock is an flock on a file in the folder holding the pid
of its build; a second build waits for it, up to a timeout."""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from leafletgen.build.problems import make_folder
from leafletgen.errors import LeafletError, Span, error
from leafletgen.files import file_system_error
from leafletgen.names import LOCK

LOCK_TIMEOUT = 600.0  # seconds: longer than a whole library's build
POLL = 0.1  # seconds between tries while another build holds the lock
NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}  # e.g. some network shares

# Told once, before waiting, the pid of the build that holds the folder (None: unknown).
Waiting = Callable[[int | None], None]


def no_wait_report(pid: int | None) -> None:
    pass


class OutputLock:
    """`with OutputLock(out_dir):` holds the folder; LeafletError (build.locked) when another
    build keeps it past the timeout, or build.file-system when the folder cannot be made."""

    def __init__(self, out_dir: Path, timeout: float = LOCK_TIMEOUT,
                 waiting: Waiting = no_wait_report):
        self.path = out_dir / LOCK
        self.timeout = timeout
        self.waiting = waiting
        self.handle = None

    def __enter__(self) -> "OutputLock":
        make_folder(self.path.parent)
        deadline = time.monotonic() + self.timeout
        told = False
        while (handle := self._try()) is None:
            pid = holder(self.path)
            if not told:
                self.waiting(pid)
                told = True
            if time.monotonic() >= deadline:
                raise LeafletError(error(
                    "build.locked", f"another build{f' (pid {pid})' if pid else ''} is writing "
                    f"into this folder: gave up waiting after {self.timeout:g} s",
                    Span(str(self.path.parent)), "build again when it has finished"))
            time.sleep(POLL)
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle = handle
        return self

    def _try(self):
        """The lock file, open and locked; None while another build holds it."""
        while True:
            try:
                handle = open(self.path, "a+", encoding="ascii")
            except OSError as exc:
                raise LeafletError(file_system_error(exc, self.path.parent)) from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return None
            except OSError as exc:
                if exc.errno in NO_LOCKS:  # a file system without locks: build unguarded
                    return handle
                handle.close()
                raise LeafletError(file_system_error(exc, self.path.parent)) from None
            if _still_there(handle, self.path):
                return handle
            handle.close()  # the build we waited for removed it as it ended: lock the new one

    def __exit__(self, *exc) -> None:
        # Removed while still held, so that a waiting build opens a fresh one (see _try).
        self.path.unlink(missing_ok=True)
        self.handle.close()


def holder(path: Path) -> int | None:
    """The pid written in the lock file, if it can be read."""
    try:
        return int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def _still_there(handle, path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False
