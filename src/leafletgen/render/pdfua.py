"""PDF/UA-1 for files joined with pikepdf (the series quick-guide file, render/impose.py):
the document outline and the XMP metadata, as render/structure.py writes them for a
leaflet."""

from __future__ import annotations

import pikepdf
from pikepdf import Dictionary, Name

from leafletgen.render.structure import FACTS, xmp_packet


def write_outline(pdf: pikepdf.Pdf, items: list) -> None:
    """The document outline: these bookmark dictionaries, in order, one level deep."""
    if not items:
        return
    outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=len(items)))
    for number, item in enumerate(items):
        item.Parent = outlines
        if number:
            item.Prev, items[number - 1].Next = items[number - 1], item
    outlines.First, outlines.Last = items[0], items[-1]
    pdf.Root.Outlines = outlines


def write_metadata(pdf: pikepdf.Pdf, language: str, date: str) -> None:
    """XMP with the same facts as the Info dictionary, and the PDF/UA identification."""
    info = pdf.docinfo
    facts = {key: str(info.get("/" + key.capitalize(), "")) for key in FACTS}
    stream = pikepdf.Stream(pdf, xmp_packet(facts, language, date))
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)
