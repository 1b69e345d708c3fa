"""Where each output lives, relative to the output folder: one place that the build, the
catalogue and the manifest all ask, so that no stage has to parse a name back."""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

INDEX = "index.html"  # the nurses' catalogue
MANIFEST = "manifest.json"
THUMBS_DIR = "thumbs"
SERIES_DIR = "series"
PRINT_SUFFIX = "-print"


class Versioned(Protocol):
    id: str
    version: str


def output_name(leaflet: Versioned, format_name: str, print_ready: bool = False) -> str:
    """<id>-v<version>-<format>.pdf, or -print.pdf for print-ready files."""
    suffix = PRINT_SUFFIX if print_ready else ""
    return f"{leaflet.id}-v{leaflet.version}-{format_name}{suffix}.pdf"


def series_slug(series: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", series).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "series"


def series_target(series: str) -> str:
    """A series' quick guides, joined into one file."""
    return f"{SERIES_DIR}/{series_slug(series)}-quick.pdf"


def thumbnail_name(leaflet_id: str, version: str) -> str:
    """The catalogue's picture of a leaflet's page 1."""
    return f"{THUMBS_DIR}/{leaflet_id}-v{version}.png"
