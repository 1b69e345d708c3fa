"""One leaflet in one format, as PDF bytes: the formats a build can ask for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus.doctemplate import LayoutError

from leafletgen import model
from leafletgen.document import Rendered
from leafletgen.errors import LeafletError, error
from leafletgen.formats import FORMAT_NAMES, FORMATS, LARGE_PRINT_SIZES
from leafletgen.layout.story import leaflet_story
from leafletgen.layout.styles import build_styles
from leafletgen.render.pdf import render_pdf
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
    spec = PrintSpec(marks=options.marks) if print_ready else None
    data = format_pdf(leaflet, format_name, options, spec)
    from leafletgen.render.impose import page_count

    return Rendered(data, page_count(data))


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
    fmt = FORMATS[format_name].page
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


def series_pdf(series: str, quick_guides: list[bytes]) -> bytes:
    """A series' quick guides (already in order), each on its own page, in one file."""
    from leafletgen.render.impose import join

    return join(quick_guides, info_from=quick_guides[0], title=f"Quick guides: {series}")
