"""Build leaflets × formats into output files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from leafletgen import model
from leafletgen.errors import Diagnostic, LeafletError, error
from leafletgen.layout.formats import FORMATS
from leafletgen.layout.story import leaflet_story
from leafletgen.layout.styles import build_styles
from leafletgen.load import find_leaflets, load_library
from leafletgen.render.pdf import leaflet_stamp, render_pdf, write_atomically

ALL_FORMATS = tuple(FORMATS)


def output_name(leaflet: model.Leaflet, format_name: str) -> str:
    return f"{leaflet.id}-v{leaflet.version}-{format_name}.pdf"


def leaflet_pdf(leaflet: model.Leaflet, format_name: str) -> bytes:
    styles = build_styles(FORMATS[format_name])
    try:
        return render_pdf(leaflet, leaflet_story(leaflet, styles), styles,
                          leaflet_stamp(leaflet, styles))
    except LayoutError as exc:
        raise LeafletError(error("layout.overflow", f"cannot lay out the {format_name} leaflet: "
                                 f"{exc}", leaflet.span, "a picture or table is too big for the page"))


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    failures: dict[str, list[Diagnostic]] = field(default_factory=dict)


def build(paths: list[Path], formats: tuple[str, ...], out_dir: Path,
          on_written: Callable[[Path], None] = lambda path: None) -> BuildResult:
    library = load_library(find_leaflets(paths))
    result = BuildResult(failures=dict(library.failures))
    for leaflet in library.leaflets:
        for format_name in formats:
            target = out_dir / output_name(leaflet, format_name)
            try:
                write_atomically(target, lambda: leaflet_pdf(leaflet, format_name))
            except LeafletError as exc:
                result.failures.setdefault(leaflet.source, []).extend(exc.diagnostics)
                continue
            result.written.append(target)
            on_written(target)
    return result
