"""`leafletgen bodymap`: list the body-map regions, or draw a preview of some highlighted."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
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
