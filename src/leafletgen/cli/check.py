"""`leafletgen check` and `leafletgen schema`: content lint, and the JSON Schema for editors.

Exit status: 0 when there is no error (and, with --strict, no warning), 1 otherwise,
2 for a usage error (an unknown option, no leaflets/ folder, a mistake in the config).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from leafletgen.cli.console import leaflet_files, report, source_paths


def _parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-24") from None


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Findings as compiler-style lines, or as one JSON document.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
@click.option("--today", callback=_parse_day, metavar="YYYY-MM-DD",
              help="Check dates as of this day instead of today.")
@click.option("--list-rules", is_flag=True, help="List every rule id with its severity, and stop.")
def check(paths: tuple[Path, ...], output: str, strict: bool, today: dt.date | None,
          list_rules: bool) -> None:
    """Check leaflets (YAML files or folders; default: leaflets/) for readability, plain
    English, dates, completeness and layout, without building them."""
    if list_rules:
        _list_rules()
        return
    run = _run_or_exit(_leaflet_paths(paths), today)
    if output == "json":
        import json

        from leafletgen.lint.report import as_json

        click.echo(json.dumps(as_json(run, strict), indent=2, ensure_ascii=False))
    else:
        _print_text(run)
    sys.exit(1 if run.failed(strict) else 0)


def _leaflet_paths(paths: tuple[Path, ...]) -> list[Path]:
    paths = source_paths(paths, "check")
    files = leaflet_files(paths)
    if not files:
        raise click.UsageError(f"no leaflet files (.yaml) in {', '.join(map(str, paths))}")
    return files


def _run_or_exit(paths: list[Path], today: dt.date | None):
    """The check run; a mistake in a library's config stops it, as a usage error (exit 2)."""
    from leafletgen.lint.config import ConfigError
    from leafletgen.lint.run import check_paths

    try:
        return check_paths(paths, today)
    except ConfigError as exc:
        report(exc.diagnostics)
        sys.exit(2)


def _print_text(run) -> None:
    from leafletgen.lint.report import readability_lines, skipped_line, summary

    for found in run.findings:
        click.echo(str(found))
    for line in filter(None, map(skipped_line, run.reports)):
        click.echo(line)
    for leaflet in run.reports:
        lines = readability_lines(leaflet)
        if lines:
            click.echo("")
            click.echo("\n".join(lines))
    click.echo("")
    click.echo(summary(run))


def _list_rules() -> None:
    from leafletgen.lint.rules import RULES

    width = max(map(len, RULES))
    for rule in RULES.values():
        click.echo(f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.summary}")


@click.command()
def schema() -> None:
    """Print a JSON Schema of the leaflet format, for editors:
    leafletgen schema > leaflet.schema.json"""
    import json

    from leafletgen.lint.schema import leaflet_schema

    click.echo(json.dumps(leaflet_schema(), indent=2, ensure_ascii=False))
