"""`leafletgen translations`: which leaflets are translated into which languages, and which
translations are behind their master (docs/translations.md).

Exit status: 0, also when translations are stale; 1 when a translation's link to its master
is broken (printed at its line, as check does); 2 for a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from leafletgen.cli.console import leaflet_files, report, source_paths


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON document, for tools.")
def translations(paths: tuple[Path, ...], as_json: bool) -> None:
    """Report translations (YAML files or folders; default: leaflets/): each master with
    its translations' languages and versions, and whether each is current; a stale one
    says what changed in its master since the version it was translated from."""
    from leafletgen.lint.translations import overview, overview_json, overview_lines

    paths = source_paths(paths, "report on")
    files = leaflet_files(paths)
    if not files:
        raise click.UsageError(f"no leaflet files (.yaml) in {', '.join(map(str, paths))}")
    view = overview(files)
    if as_json:
        import json

        click.echo(json.dumps(overview_json(view), indent=2, ensure_ascii=False))
    else:
        report(view.problems)
        click.echo("\n".join(overview_lines(view)))
    sys.exit(1 if view.problems else 0)
