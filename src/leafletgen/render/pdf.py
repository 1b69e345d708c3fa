"""Lay a story out into a PDF file: page template, stamps, metadata, safe writing."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

import leafletgen
from leafletgen import inline, model
from leafletgen.layout.formats import PageFormat
from leafletgen.layout.styles import Styles
from leafletgen.render import fonts
from leafletgen.render.stamps import Stamp, stamped_canvas


def metadata(leaflet: model.Leaflet, fmt_name: str) -> dict[str, str]:
    """What the PDF says about itself; the same facts as the stamp."""
    return dict(
        title=inline.plain(leaflet.title),
        author=leaflet.owner,
        subject=(f"{leaflet.id} version {leaflet.version}, published {leaflet.published}, "
                 f"review due {leaflet.review}" + (f"; {leaflet.series}" if leaflet.series else "")),
        keywords=", ".join(k for k in (leaflet.id, f"version {leaflet.version}", fmt_name,
                                       leaflet.series) if k),
        creator=f"leafletgen {leafletgen.__version__}",
        lang=leaflet.language,
    )


def leaflet_stamp(leaflet: model.Leaflet, s: Styles) -> Stamp:
    fmt = s.fmt
    return Stamp.for_leaflet(
        leaflet, size=fmt.stamp_size, color=s.palette.muted, rule_color=s.palette.rule,
        left=fmt.margin_side, right=fmt.page_size[0] - fmt.margin_side,
        baseline=fmt.margin_bottom * 0.35,
    )


def render_pdf(leaflet: model.Leaflet, story: list[Flowable], s: Styles,
               stamp: Stamp | None = None) -> bytes:
    """The finished PDF as bytes."""
    fmt: PageFormat = s.fmt
    fonts.register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=fmt.page_size, leftMargin=fmt.margin_side, rightMargin=fmt.margin_side,
        topMargin=fmt.margin_top, bottomMargin=fmt.margin_bottom, initialFontName=fonts.REGULAR,
        invariant=1, **metadata(leaflet, fmt.name),
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=stamped_canvas(stamp, leaflet.published))
    return buffer.getvalue()


def write_atomically(path: Path, make: Callable[[], bytes]) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written PDF."""
    data = make()  # any failure here leaves the previous good file untouched
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
