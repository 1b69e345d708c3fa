"""Thumbnails of page 1, rendered in-process with pypdfium2 from the PDF's bytes.

A thumbnail remembers the hash of the PDF it was made from in a PNG text chunk; when
the PDF has not changed it is kept, so rebuilding a whole library stays fast.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from leafletgen.files import write_atomically

WIDTH = 240  # pixels: sharp at 120 CSS pixels on a high-density screen
SOURCE_KEY = "leafletgen-source"  # the PNG text chunk holding the source's hash
RENDER_VERSION = f"1-w{WIDTH}"  # change it to make every thumbnail again


def ensure_thumbnail(pdf: bytes, png: Path) -> bool:
    """Make png from page 1 of the PDF unless it is made from these bytes already; True if
    written. The build hands over the bytes it has just rendered: no need to read the file."""
    digest = source_digest(pdf)
    if stored_digest(png) == digest:
        return False
    write_atomically(png, lambda: render_png(pdf, digest))
    return True


def source_digest(pdf: bytes) -> str:
    return f"{RENDER_VERSION}:{hashlib.sha256(pdf).hexdigest()}"


def stored_digest(png: Path) -> str:
    """The source hash a thumbnail was made from, or "" (no file, not ours, unreadable)."""
    from PIL import Image  # imported when a thumbnail is looked at, not with the module

    try:
        with Image.open(png) as image:
            return str(image.info.get(SOURCE_KEY, ""))
    except (OSError, ValueError, SyntaxError):
        return ""


def render_png(pdf: bytes, digest: str) -> bytes:
    import pypdfium2 as pdfium  # ~20 ms: only a build that makes a thumbnail imports it
    from PIL import PngImagePlugin

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        width, _ = page.get_size()
        image = page.render(scale=WIDTH / width).to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    info = PngImagePlugin.PngInfo()
    info.add_text(SOURCE_KEY, digest)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, compress_level=6)
    return out.getvalue()


def png_size(png: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(png) as image:
        return image.size
