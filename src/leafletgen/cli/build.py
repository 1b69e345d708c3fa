"""`leafletgen build`: leaflets into PDFs, with a progress bar and a summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from leafletgen.cli.console import leaflet_files, report, source_paths
from leafletgen.formats import FORMAT_NAMES, LARGE_PRINT_SIZES

DEFAULT_OUT = Path("output")
DEFAULT_FORMATS = "a4"  # when neither --format nor the library's leafletgen.toml names any


def parse_formats(value: str) -> tuple[str, ...]:
    if value == "all":
        return FORMAT_NAMES
    names = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMAT_NAMES]
    if unknown or not names:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or value!r}; "
                                 f"choose from {', '.join(FORMAT_NAMES)} or all")
    return names


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "formats", default=None,
              help=f"Formats to build, comma-separated ({', '.join(FORMAT_NAMES)}), or 'all'. "
                   "Default: [build] formats in the library's leafletgen.toml, else "
                   f"{DEFAULT_FORMATS}.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT, show_default=True, help="Folder for the PDFs.")
@click.option("--print-ready", is_flag=True,
              help="Also write -print.pdf files: 3 mm bleed, crop marks, CMYK colour.")
@click.option("--no-marks", is_flag=True, help="Leave crop marks out of print-ready files.")
@click.option("--theme", "theme_name", metavar="NAME|FILE",
              help="House style: themes/NAME.yaml in the library, or a theme file. "
                   "Default: theme.yaml in the library if there is one, else the built-in theme.")
@click.option("--large-size", type=click.Choice([str(size) for size in LARGE_PRINT_SIZES]),
              default=str(LARGE_PRINT_SIZES[0]), show_default=True,
              help="Body type size of the large-print edition, in points.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores). The files are the same for any number.")
@click.option("--force", is_flag=True, help="Rebuild everything, even what has not changed.")
@click.option("--prune", is_flag=True,
              help="Delete outputs of leaflets that were deleted or renamed, or whose id or version changed.")
@click.option("--site", "site_name", metavar="NAME",
              help="Build for a hospital site: sites/NAME.yaml's contacts in every format, "
                   "into OUT/NAME/.")
@click.option("--no-catalogue", is_flag=True, help="Do not write the nurses' index.html.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
def build(paths: tuple[Path, ...], formats: str | None, out_dir: Path, print_ready: bool,
          no_marks: bool, theme_name: str | None, large_size: str, jobs: int | None,
          force: bool, prune: bool, site_name: str | None, no_catalogue: bool,
          quiet: bool) -> None:
    """Build leaflets (YAML files or folders; default: leaflets/) into PDFs.

    Only what changed since the last build into the same folder is rebuilt;
    output/manifest.json lists every file with its leaflet, version and hashes."""
    from leafletgen.build import build as build_library
    from leafletgen.produce import BuildOptions

    chosen = parse_formats(formats) if formats is not None else None
    paths = source_paths(paths, "build")
    library = _library_or_exit(paths[0], theme_name, site_name)
    chosen, every_format = _formats_or_exit(chosen, formats == "all", library.root)
    if library.site is not None:
        out_dir = out_dir / library.site.slug
    options = BuildOptions(chosen, print_ready, not no_marks, int(large_size), library.theme,
                           library.site)
    leaflet_files(paths)  # says what is skipped; the build finds the same files again
    with Progress(quiet) as progress:
        result = build_library(list(paths), options, out_dir, jobs=jobs or os.cpu_count() or 1,
                               force=force, prune=prune, catalogue=not no_catalogue,
                               progress=progress, every_format=every_format,
                               waiting=_say_waiting)
    _summarise(result)


def _say_waiting(pid: int | None) -> None:
    """Said once, before this build waits for another one writing into the same folder."""
    other = f"the build with pid {pid}" if pid else "another build"
    click.echo(f"waiting for {other} writing into this folder ...", err=True)


def _library_or_exit(first_path: Path, theme_name: str | None, site_name: str | None):
    """The theme and site for this build: a broken one stops it before any file is written."""
    from leafletgen.errors import LeafletError
    from leafletgen.load.library import library_context

    try:
        return library_context(first_path, theme_name, site_name)
    except LeafletError as exc:
        report(exc.diagnostics)
        sys.exit(1)


def _formats_or_exit(chosen: tuple[str, ...] | None, every_format: bool,
                     root: Path) -> tuple[tuple[str, ...], bool]:
    """The formats to build: --format's, else the library's leafletgen.toml's, else the
    default. The file is read even when --format is given: a mistake in it stops the build."""
    from leafletgen.errors import LeafletError
    from leafletgen.load.settings import english_label_languages, load_build_settings

    try:
        settings = load_build_settings(root)
        english_label_languages(root)  # read now: a mistake in it stops the build too
    except LeafletError as exc:
        report(exc.diagnostics)
        sys.exit(1)
    if chosen is not None:
        return chosen, every_format
    if settings.formats is not None:
        return settings.formats, settings.every_format
    return parse_formats(DEFAULT_FORMATS), False


def _summarise(result) -> None:
    """What failed, what is left over, and the counts; exit 1 if a leaflet failed."""
    for diagnostics in result.failures.values():
        report(diagnostics)
    if result.stale:  # translations whose master moved on: what changed since, as check says
        from leafletgen.lint.translations import stale_warnings

        report(stale_warnings(result.stale))
    for note in result.notes:  # formats a leaflet cannot have, skipped for --format all
        click.echo(note, err=True)
    for orphan in result.orphans:
        action = "removed" if result.pruned else "left over (use --prune to remove)"
        click.echo(f"{orphan}: {action}: no leaflet builds this file any more", err=True)
    failed = len(result.failures)
    click.echo(f"{len(result.written)} file(s) written, {len(result.skipped)} unchanged, "
               f"{failed} leaflet(s) failed", err=bool(failed))
    sys.exit(1 if failed else 0)


class Progress:
    """A progress bar on a terminal; plain lines when piped or in CI; nothing with --quiet."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.tty = sys.stdout.isatty() and not os.environ.get("CI")

    def __enter__(self):
        return self

    def __call__(self, path: Path, written: bool, done: int, total: int) -> None:
        if self.quiet:
            return
        if not self.tty:
            click.echo(f"wrote {path}" if written else f"failed {path}")
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Building", show_pos=True,
                                         item_show_func=lambda item: item)
            self.bar.__enter__()
        self.bar.update(1, path.name)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
