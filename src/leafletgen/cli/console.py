"""What the commands share: diagnostics on stderr (with --debug, an internal error's
traceback), and leaflets/ as the default source."""

from __future__ import annotations

from pathlib import Path

import click

from leafletgen.errors import Diagnostic

DEFAULT_SOURCE = Path("leaflets")
DEBUG = "leafletgen.debug"  # the key of --debug in the click context's meta


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
