"""Where each output lives, relative to the output folder: one place that the build, the
catalogue and the manifest all ask, so that no stage has to parse a name back."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

INDEX = "index.html"  # the nurses' catalogue
MANIFEST = "manifest.json"
LOCK = ".leafletgen.lock"  # held by the build writing into the folder
THUMBS_DIR = "thumbs"
SERIES_DIR = "series"
PRINT_SUFFIX = "-print"
MAX_SLUG = 100  # characters of a series name kept in its file name: far under 255 bytes


class Versioned(Protocol):
    id: str
    version: str


def output_name(leaflet: Versioned, format_name: str, print_ready: bool = False) -> str:
    """<id>-v<version>-<format>.pdf, or -print.pdf for print-ready files."""
    suffix = PRINT_SUFFIX if print_ready else ""
    return f"{leaflet.id}-v{leaflet.version}-{format_name}{suffix}.pdf"


def series_slug(series: str) -> str:
    """The series' name in lowercase ASCII words, accents dropped; a name with no ASCII
    form (another script) is series-<a hash of it>, a very long one is cut and hashed."""
    ascii_name = unicodedata.normalize("NFKD", series).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = f"{slug[:MAX_SLUG].rstrip('-')}-{_hash(series)}"
    return slug or f"series-{_hash(series)}"


def series_slugs(names: Iterable[str]) -> dict[str, str]:
    """Each series' slug, unique: taken in sorted order of the names, one whose slug an
    earlier name has already ("Breast & bowel", "Breast bowel") gets the hash of its name
    added, so that the same library always gives the same names."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        slug, digits = series_slug(name), 8
        while slug in taken and digits <= 64:  # a longer hash: only for a contrived name
            slug = f"{series_slug(name)}-{_hash(name, digits)}"
            digits += 4
        slugs[name] = slug
        taken.add(slug)
    return slugs


def series_target(slug: str) -> str:
    """A series' quick guides, joined into one file (slug: from series_slugs)."""
    return f"{SERIES_DIR}/{slug}-quick.pdf"


def _hash(name: str, digits: int = 8) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:digits]


def thumbnail_name(leaflet_id: str, version: str) -> str:
    """The catalogue's picture of a leaflet's page 1."""
    return f"{THUMBS_DIR}/{leaflet_id}-v{version}.png"
