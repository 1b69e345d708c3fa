"""Build leaflets × formats into output files, and each series' quick guides into one file."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from leafletgen import model
from leafletgen.errors import Diagnostic, LeafletError, error
from leafletgen.layout.formats import FORMAT_NAMES, FORMATS, LARGE_PRINT_SIZES
from leafletgen.layout.story import leaflet_story
from leafletgen.layout.styles import build_styles
from leafletgen.load import find_leaflets, load_library
from leafletgen.render.pdf import render_pdf, write_atomically
from leafletgen.render.printmarks import PrintSpec
from leafletgen.theme import Theme

ALL_FORMATS = FORMAT_NAMES


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = ("a4",)
    print_ready: bool = False  # also write -print files with bleed, marks and CMYK
    marks: bool = True  # crop marks in print-ready files (--no-marks for printers who add their own)
    large_size: int = LARGE_PRINT_SIZES[0]
    theme: Theme | None = None  # None: the default theme shipped with the tool

    def variants(self) -> list[PrintSpec | None]:
        return [None, PrintSpec(marks=self.marks)] if self.print_ready else [None]


def output_name(leaflet: model.Leaflet, format_name: str, print_ready: bool = False) -> str:
    suffix = "-print" if print_ready else ""
    return f"{leaflet.id}-v{leaflet.version}-{format_name}{suffix}.pdf"


def series_slug(series: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", series).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "series"


def format_pdf(leaflet: model.Leaflet, format_name: str, options: BuildOptions,
               print_spec: PrintSpec | None = None) -> bytes:
    """One leaflet in one format, as PDF bytes; print-ready files are finished for PDF/X."""
    data = _format_pdf(leaflet, format_name, options, print_spec)
    if print_spec is None:
        return data
    from leafletgen.render.pdfx import finish_print_file

    return finish_print_file(data)


def _format_pdf(leaflet: model.Leaflet, format_name: str, options: BuildOptions,
                print_spec: PrintSpec | None) -> bytes:
    # Imported here so that a build of A4 only does not pay for pikepdf.
    if format_name == "quick":
        from leafletgen.layout.quickguide import quick_guide_pdf

        return quick_guide_pdf(leaflet, print_spec, options.theme)
    if format_name == "booklet":
        from leafletgen.layout.booklet import booklet_pdf

        return _laid_out(leaflet, format_name, lambda: booklet_pdf(leaflet, print_spec, options.theme))
    fmt = FORMATS[format_name]
    if format_name == "large":
        fmt = fmt.scaled(options.large_size)
    styles = build_styles(fmt, cmyk=print_spec is not None, theme=options.theme)
    return _laid_out(leaflet, format_name, lambda: render_pdf(
        leaflet, leaflet_story(leaflet, styles), styles, print_spec))


def _laid_out(leaflet: model.Leaflet, format_name: str, make: Callable[[], bytes]) -> bytes:
    try:
        return make()
    except LayoutError as exc:
        raise LeafletError(error("layout.overflow", f"cannot lay out the {format_name} leaflet: "
                                 f"{exc}", leaflet.span, "a picture or table is too big for the page"))


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    failures: dict[str, list[Diagnostic]] = field(default_factory=dict)

    def fail(self, leaflet: model.Leaflet, problems: list[Diagnostic]) -> None:
        self.failures.setdefault(leaflet.source, []).extend(problems)


def build(paths: list[Path], options: BuildOptions, out_dir: Path,
          on_written: Callable[[Path], None] = lambda path: None) -> BuildResult:
    library = load_library(find_leaflets(paths))
    result = BuildResult(failures=dict(library.failures))
    quick_guides: dict[str, list[tuple[model.Leaflet, bytes]]] = defaultdict(list)

    def write(target: Path, data: bytes) -> None:
        write_atomically(target, lambda: data)
        result.written.append(target)
        on_written(target)

    for leaflet in library.leaflets:
        for format_name in options.formats:
            for spec in options.variants():
                try:
                    data = format_pdf(leaflet, format_name, options, spec)
                except LeafletError as exc:
                    result.fail(leaflet, exc.diagnostics)
                    break  # the print variant would fail the same way
                write(out_dir / output_name(leaflet, format_name, spec is not None), data)
                if format_name == "quick" and spec is None and leaflet.series:
                    quick_guides[leaflet.series].append((leaflet, data))
    for series, guides in sorted(quick_guides.items()):
        write(out_dir / "series" / f"{series_slug(series)}-quick.pdf", series_pdf(series, guides))
    return result


def series_pdf(series: str, guides: list[tuple[model.Leaflet, bytes]]) -> bytes:
    """A series' quick guides, each on its own page, by order then title."""
    from leafletgen.inline import plain
    from leafletgen.render.impose import join

    def position(item):
        leaflet = item[0]
        return (leaflet.order is None, leaflet.order or 0, plain(leaflet.title).lower())

    ordered = sorted(guides, key=position)
    return join([data for _, data in ordered], info_from=ordered[0][1],
                title=f"Quick guides: {series}")
