"""One leaflet in one format, as a finished PDF: the format's producer lays it out (layout/),
render writes it and runs the finishers (the format's own, then PDF/X for print-ready files)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from leafletgen import model
from leafletgen.document import Rendered
from leafletgen.errors import Diagnostic, LeafletError
from leafletgen.formats import FORMAT_NAMES, FORMATS, LARGE_PRINT_SIZES, Format
from leafletgen.paper import PrintSpec
from leafletgen.theme import Theme

ALL_FORMATS = FORMAT_NAMES


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = ("a4",)
    print_ready: bool = False  # also write -print files with bleed, marks and CMYK
    marks: bool = True  # crop marks in print-ready files (--no-marks for printers who add their own)
    large_size: int = LARGE_PRINT_SIZES[0]
    theme: Theme | None = None  # None: the default theme shipped with the tool
    site: object | None = None  # a leafletgen.load.sites.Site: its contacts and name in every format

    @property
    def site_name(self) -> str:
        return getattr(self.site, "name", "")

    def variants(self) -> tuple[bool, ...]:
        """Screen files always; print-ready ones too when asked."""
        return (False, True) if self.print_ready else (False,)


def produce(leaflet: model.Leaflet, format_name: str, options: BuildOptions,
            print_ready: bool = False) -> Rendered:
    """One leaflet in one format: the finished PDF and its page count."""
    from leafletgen.load.theme import default_theme
    from leafletgen.render.pdf import render

    fmt = FORMATS[format_name]
    page = fmt.page.scaled(options.large_size) if fmt.body_sizes else fmt.page
    spec = PrintSpec(marks=options.marks) if print_ready else None
    try:
        laid = producer(fmt)(leaflet, page, options.theme or default_theme(), spec)
        return render(laid, fmt.finishers + finishing(fmt, print_ready))
    except LeafletError as exc:  # a problem found while setting the text (scripts.py) says
        raise LeafletError([_placed(d, leaflet.span) for d in exc.diagnostics]) from None


def _placed(diagnostic: Diagnostic, span) -> Diagnostic:
    """A diagnostic that names no file, placed at the leaflet."""
    return diagnostic if diagnostic.span.file else dataclasses.replace(diagnostic, span=span)


def finishing(fmt: Format, print_ready: bool) -> tuple[str, ...]:
    """Print-ready files are finished for PDF/X; screen files are tagged PDF/UA-1."""
    if print_ready:
        return ("pdfx",)
    return ("pdfua",) if fmt.medium == "screen" else ()


@cache
def producer(fmt: Format):
    """The format's layout function, imported when it is first built."""
    module, function = fmt.producer.split(":")
    return getattr(import_module(module), function)


def series_pdf(series: str, quick_guides: list[bytes]) -> bytes:
    """A series' quick guides (already in order), each on its own page, in one file."""
    from leafletgen.render.impose import join

    return join(quick_guides, info_from=quick_guides[0], title=f"Quick guides: {series}")
