"""`leafletgen diff OLD NEW`: what changed between two versions of a leaflet.

Exit status like diff(1): 0 no changes, 1 changes, 2 trouble (a side cannot be read, or a
version check fails as an error).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from leafletgen.cli.console import report
from leafletgen.formats import FORMAT_NAMES

COLOR_CHOICES = {"auto": None, "always": True, "never": False}


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a review copy (PDF): a summary page, then the new version with "
                   "the changes marked.")
@click.option("--visual", "visual_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write a page-by-page visual diff into this folder (PNG images and "
                   "changes.txt / changes.json).")
@click.option("--visual-format", type=click.Choice(FORMAT_NAMES), default="a4",
              show_default=True, help="The format to build and compare for --visual.")
@click.option("--visual-dpi", type=click.IntRange(36, 300), default=100, show_default=True,
              help="Resolution of the --visual images.")
@click.option("--theme", "theme_name", metavar="NAME|FILE",
              help="House style of the review copy and the visual diff, as for build. "
                   "Default: theme.yaml in the library if there is one, else the built-in theme.")
@click.option("--strict", is_flag=True, help="Treat version-discipline warnings as errors.")
@click.option("--color", type=click.Choice(tuple(COLOR_CHOICES)), default="auto",
              show_default=True, help="Colour the report (auto: only on a terminal).")
@click.option("-U", "--context", type=click.IntRange(0), default=6, show_default=True,
              help="Unchanged words shown either side of a change.")
def diff(old: str, new: str, out: Path | None, visual_dir: Path | None, visual_format: str,
         visual_dpi: int, theme_name: str | None, strict: bool, color: str, context: int) -> None:
    """Show what changed between two versions of a leaflet.

    OLD and NEW are YAML files, or REV:path to read a file from git, e.g.

        leafletgen diff HEAD~3:leaflets/x.yaml leaflets/x.yaml

    Exit status: 0 no changes, 1 changes, 2 trouble.
    """
    import tempfile

    from leafletgen.errors import LeafletError

    outputs = Outputs(out, visual_dir, visual_format, visual_dpi, theme_name)
    with tempfile.TemporaryDirectory(prefix="leafletgen-diff-") as scratch:
        try:
            comparison, visual = _diff((old, new), Path(scratch), outputs, strict,
                                       COLOR_CHOICES[color], context)
        except LeafletError as exc:
            report(exc.diagnostics)
            sys.exit(2)
    if comparison.failed:
        sys.exit(2)
    sys.exit(1 if comparison.changed(visual) else 0)


@dataclass(frozen=True)
class Outputs:
    """What to write besides the report."""

    review: Path | None
    visual_dir: Path | None
    visual_format: str
    visual_dpi: int
    theme_name: str | None


def _diff(specs: tuple[str, str], scratch: Path, outputs: Outputs, strict: bool,
          colour: bool | None, context: int):
    """Print the report, write what was asked for: (the comparison, the visual diff or None).
    Raises LeafletError for a side that cannot be read, or a theme or output that fails."""
    from leafletgen.diff.run import compare_sides
    from leafletgen.diff.source import read_sides

    comparison = compare_sides(*read_sides(specs, scratch), strict)
    _echo(comparison.report_lines(context), colour)
    theme = _theme(outputs, comparison.new.label) if outputs.review or outputs.visual_dir else None
    visual = _visual(comparison, outputs, theme, colour)
    if outputs.review is not None:
        from leafletgen.files import write_atomically

        write_atomically(outputs.review, lambda: comparison.review_pdf(theme))
        click.echo(f"wrote {outputs.review}")
    report(comparison.diagnostics)
    click.echo("")
    click.echo(click.style(comparison.summary(visual), bold=True), color=colour)
    return comparison, visual


def _echo(lines: list[str], colour: bool | None) -> None:
    for line in lines:
        click.echo(line, color=colour)


def _theme(outputs: Outputs, new_spec: str):
    """The library's house style, found from the new side as build finds it."""
    from leafletgen.diff.source import disk_path
    from leafletgen.load.library import library_context

    return library_context(disk_path(new_spec), outputs.theme_name).theme


def _visual(comparison, outputs: Outputs, theme, colour: bool | None):
    """The visual diff, written and printed; None when not asked for."""
    if outputs.visual_dir is None:
        return None
    from leafletgen.diff.visual import visual_diff

    result = visual_diff(comparison.old.leaflet, comparison.new.leaflet, outputs.visual_format,
                         outputs.visual_dir, outputs.visual_dpi, theme)
    click.echo("")
    _echo(result.lines(), colour)
    return result
