"""The command line: the only place that prints and picks exit codes.

Exit status: 0 success, 1 content errors (shown as file:line:column), 2 usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

import leafletgen
from leafletgen.errors import Diagnostic

DEFAULT_SOURCE = Path("leaflets")
DEFAULT_OUT = Path("output")


def report(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def parse_formats(value: str) -> tuple[str, ...]:
    from leafletgen.build import ALL_FORMATS

    if value == "all":
        return ALL_FORMATS
    names = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in ALL_FORMATS]
    if unknown or not names:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or value!r}; "
                                 f"choose from {', '.join(ALL_FORMATS)} or all")
    return names


def load_theme_and_site_or_exit(theme_name: str | None, site_name: str | None, first_path: Path):
    """The theme and site for this build; a broken one stops the build before any file is
    written. A site's logo takes the place of the theme's."""
    import dataclasses

    from leafletgen.errors import LeafletError
    from leafletgen.load import library_root
    from leafletgen.load.theme import default_theme, find_theme, load_theme
    from leafletgen.load.sites import find_site, load_site

    root = library_root(first_path / "x" if first_path.is_dir() else first_path)
    try:
        path = find_theme(theme_name, root)
        theme = load_theme(path) if path else None
        site = load_site(find_site(root, site_name)) if site_name else None
    except LeafletError as exc:
        report(exc.diagnostics)
        sys.exit(1)
    if site is not None and site.logo:
        theme = theme or default_theme()
        position = theme.logo_position if theme.logo_position != "none" else "right"
        theme = dataclasses.replace(theme, logo=site.logo, logo_position=position)
    return theme, site


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(leafletgen.__version__, prog_name="leafletgen")
def main() -> None:
    """Turn YAML leaflet definitions into print-ready patient information leaflets."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "formats", default="a4", show_default=True,
              help="Formats to build, comma-separated (a4, a5, quick, large, booklet), or 'all'.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT, show_default=True, help="Folder for the PDFs.")
@click.option("--print-ready", is_flag=True,
              help="Also write -print.pdf files: 3 mm bleed, crop marks, CMYK colour.")
@click.option("--no-marks", is_flag=True, help="Leave crop marks out of print-ready files.")
@click.option("--theme", "theme_name", metavar="NAME|FILE",
              help="House style: themes/NAME.yaml in the library, or a theme file. "
                   "Default: theme.yaml in the library if there is one, else the built-in theme.")
@click.option("--large-size", type=click.Choice(["16", "18", "20"]), default="16",
              show_default=True, help="Body type size of the large-print edition, in points.")
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
def build(paths: tuple[Path, ...], formats: str, out_dir: Path, print_ready: bool,
          no_marks: bool, theme_name: str | None, large_size: str, jobs: int | None,
          force: bool, prune: bool, site_name: str | None, no_catalogue: bool,
          quiet: bool) -> None:
    """Build leaflets (YAML files or folders; default: leaflets/) into PDFs.

    Only what changed since the last build into the same folder is rebuilt;
    output/manifest.json lists every file with its leaflet, version and hashes."""
    from leafletgen.build import BuildOptions
    from leafletgen.build import build as build_library

    chosen = parse_formats(formats)
    if not paths:
        if not DEFAULT_SOURCE.is_dir():
            raise click.UsageError("no leaflets/ folder here: run this in a content library "
                                   "or name the YAML files or folders to build")
        paths = (DEFAULT_SOURCE,)
    theme, site = load_theme_and_site_or_exit(theme_name, site_name, paths[0])
    if site is not None:
        out_dir = out_dir / site.slug
    options = BuildOptions(chosen, print_ready, not no_marks, int(large_size), theme, site)
    with Progress(quiet) as progress:
        result = build_library(list(paths), options, out_dir, jobs=jobs or os.cpu_count() or 1,
                               force=force, prune=prune, catalogue=not no_catalogue,
                               progress=progress)
    for diagnostics in result.failures.values():
        report(diagnostics)
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


@main.command()
@click.argument("regions", nargs=-1)
@click.option("--list", "list_regions", is_flag=True, help="List the regions of each view.")
@click.option("--view", type=click.Choice(["front", "back"]), default="front", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Preview file to write: .png or .pdf.")
def bodymap(regions: tuple[str, ...], list_regions: bool, view: str, out: Path | None) -> None:
    """List body-map regions, or draw a preview of REGIONS highlighted."""
    from leafletgen import bodyart as art
    from leafletgen.layout.bodymap import preview
    from leafletgen.load.reader import suggest

    if list_regions:
        for name in art.VIEWS:
            click.echo(f"{name}:")
            for region in art.regions(name):
                click.echo(f"  {region:<26} {art.region_label(name, region)}")
        return
    if not regions or out is None:
        raise click.UsageError("name the regions to highlight and --out preview.png "
                               "(or use --list)")
    known = art.regions(view)
    for region in regions:
        if region not in known:
            hint = suggest(region, known) or f"valid {view} regions: {', '.join(known)}"
            raise click.BadParameter(f"unknown region '{region}' ({hint})", param_hint="REGIONS")
    if out.suffix.lower() not in (".png", ".pdf"):
        raise click.BadParameter("the preview is a .png or .pdf file", param_hint="--out")
    preview(view, regions, out)
    click.echo(f"wrote {out}")


from leafletgen.diff.command import diff  # noqa: E402  (the diff command lives in its package)

main.add_command(diff)

from leafletgen.lint.command import check, schema  # noqa: E402  (content lint, JSON Schema)

main.add_command(check)
main.add_command(schema)
