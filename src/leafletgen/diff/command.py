"""`leafletgen diff OLD NEW`: what changed between two versions of a leaflet.

Exit status like diff(1): 0 no changes, 1 changes, 2 trouble (a side cannot be read, or a
version check fails as an error). Heavy modules are imported inside the command, so that
`leafletgen --help` stays fast.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

VISUAL_FORMATS = ("a4", "a5", "quick", "large", "booklet")
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
@click.option("--visual-format", type=click.Choice(VISUAL_FORMATS), default="a4",
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

    from leafletgen.cli import report
    from leafletgen.errors import LeafletError, Severity

    with tempfile.TemporaryDirectory(prefix="leafletgen-diff-") as scratch:
        sides, problems = _read_sides((old, new), Path(scratch))
        if problems:
            report(problems)
            sys.exit(2)
        try:
            outputs = Outputs(out, visual_dir, visual_format, visual_dpi, theme_name)
            changed, diagnostics = _compare(sides, outputs, strict, COLOR_CHOICES[color], context)
        except LeafletError as exc:
            report(exc.diagnostics)
            sys.exit(2)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        sys.exit(2)
    sys.exit(1 if changed else 0)


def _read_sides(specs: tuple[str, str], scratch: Path):
    from leafletgen.diff.source import read_side
    from leafletgen.errors import LeafletError

    sides, problems = [], []
    for spec in specs:
        try:
            sides.append(read_side(spec, scratch))
        except LeafletError as exc:
            problems += exc.diagnostics
    return sides, problems


@dataclass(frozen=True)
class Outputs:
    """What to write besides the report."""

    review: Path | None
    visual_dir: Path | None
    visual_format: str
    visual_dpi: int
    theme_name: str | None

    def theme(self, new_spec: str):
        """The library's house style, found from the new side as build finds it."""
        from leafletgen.diff.source import disk_path
        from leafletgen.load import library_root
        from leafletgen.load.theme import find_theme, load_theme

        path = find_theme(self.theme_name, library_root(disk_path(new_spec)))
        return load_theme(path) if path else None


def _compare(sides, outputs: Outputs, strict: bool, colour: bool | None, context: int):
    """Print the report, write what was asked for; (anything changed?, version diagnostics)."""
    from leafletgen.diff.changes import compare
    from leafletgen.diff.report import report_lines, summary_line
    from leafletgen.cli import report
    from leafletgen.diff.versions import check_versions

    old, new = sides
    changes = compare(old.leaflet, new.leaflet)
    diagnostics = check_versions(changes, strict)
    for line in report_lines(changes, old.label, new.label, context):
        click.echo(line, color=colour)
    if not changes.changed and old.text != new.text:
        click.echo("The files differ only in comments, quoting or spacing of the YAML.")
    extra: tuple[str, ...] = ()
    theme = outputs.theme(new.label) if outputs.review or outputs.visual_dir else None
    if outputs.visual_dir is not None:
        from leafletgen.diff.visual import visual_diff

        result = visual_diff(old.leaflet, new.leaflet, outputs.visual_format, outputs.visual_dir,
                             outputs.visual_dpi, theme)
        click.echo("")
        for line in result.lines():
            click.echo(line, color=colour)
        extra = (result.summary(),) if result.changed else ()
    if outputs.review is not None:
        from leafletgen.diff.review import review_pdf
        from leafletgen.files import write_atomically

        write_atomically(outputs.review, lambda: review_pdf(changes, old.label, new.label,
                                                            diagnostics, theme))
        click.echo(f"wrote {outputs.review}")
    report(diagnostics)
    click.echo("")
    click.echo(click.style(summary_line(changes, extra), bold=True), color=colour)
    return changes.changed or bool(extra), diagnostics
