"""What the commands share: diagnostics on stderr, and leaflets/ as the default source."""

from __future__ import annotations

from pathlib import Path

import click

from leafletgen.errors import Diagnostic

DEFAULT_SOURCE = Path("leaflets")


def report(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def source_paths(paths: tuple[Path, ...], verb: str) -> tuple[Path, ...]:
    """The paths named, or leaflets/ here; a usage error when there is neither."""
    if paths:
        return paths
    if not DEFAULT_SOURCE.is_dir():
        raise click.UsageError("no leaflets/ folder here: run this in a content library "
                               f"or name the YAML files or folders to {verb}")
    return (DEFAULT_SOURCE,)
