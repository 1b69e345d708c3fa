"""What the commands share: diagnostics on stderr, --debug, file-system trouble in one
line, and leaflets/ as the default source."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from leafletgen.errors import Diagnostic, Span, error

DEFAULT_SOURCE = Path("leaflets")
DEBUG = "leafletgen.debug"  # the key of --debug in the click context's meta

# What to do about each kind of file-system trouble, by errno; others get DEFAULT_HINT.
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
    errno.EINVAL: "only a regular file can be read: a FIFO, device or socket cannot",
    errno.EIO: "the disk could not be read or written: check the drive",
}
DEFAULT_HINT = "check the path and the disk, then try again"


def debugging() -> bool:
    """Whether `leafletgen --debug` was given (False outside a command)."""
    context = click.get_current_context(silent=True)
    return bool(context and context.meta.get(DEBUG))


def report(diagnostics: list[Diagnostic]) -> None:
    """Each diagnostic in one line; an internal error's traceback too under --debug."""
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)
        if diagnostic.detail and debugging():
            click.echo(diagnostic.detail.rstrip("\n"), err=True)


def file_system_error(exc: OSError) -> Diagnostic:
    """An OSError as one line: the path, what the system said and what to do about it."""
    where = exc.filename if exc.filename is not None else "leafletgen"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return error("build.file-system", reason, Span(str(where)),
                 HINTS.get(exc.errno, DEFAULT_HINT))


def source_paths(paths: tuple[Path, ...], verb: str) -> tuple[Path, ...]:
    """The paths named, or leaflets/ here; a usage error when there is neither."""
    if paths:
        return paths
    if not DEFAULT_SOURCE.is_dir():
        raise click.UsageError("no leaflets/ folder here: run this in a content library "
                               f"or name the YAML files or folders to {verb}")
    return (DEFAULT_SOURCE,)


def leaflet_files(paths: tuple[Path, ...]) -> list[Path]:
    """The leaflet files under paths, saying in one line each what was skipped and why."""
    from leafletgen.load import find_leaflets

    skipped: list[Diagnostic] = []
    found = find_leaflets(list(paths), skipped)
    report(skipped)
    return found
