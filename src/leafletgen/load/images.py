"""Pictures checked when a leaflet, theme or site names them, so that layout never meets
a file it cannot draw: the name, the place (inside assets/), and the picture itself,
opened and decoded by Pillow (PNG, JPEG) or svglib (SVG) within a bounded size.
"""

from __future__ import annotations

import math
import warnings
from functools import lru_cache
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from PIL import Image, UnidentifiedImageError

SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
RASTER_FORMATS = ("PNG", "JPEG", "MPO")  # MPO: the JPEG that many phone cameras write

# Far more than a page needs (a full A4 page at 300 dpi is 8.7 million pixels), and few
# enough to decode in a second or two: a picture with more is refused, not drawn.
MAX_PIXELS = 50_000_000
MAX_NAME_BYTES = 255  # the longest file name most file systems allow

OUTSIDE, MISSING = "outside", "missing"  # find_asset's two usual answers


def find_asset(assets_dir: Path, name: str) -> tuple[Path | None, str]:
    """The file `name` (as written in YAML) under assets_dir, as found: links are checked
    (their target must be in assets_dir) but not resolved, so that what is recorded of it
    is the library's path and a retargeted link is noticed; or None and why: OUTSIDE,
    MISSING, or what is wrong with the name itself."""
    problem = name_problem(name)
    if problem:
        return None, problem
    try:
        root = assets_dir.resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root):
            return None, OUTSIDE
        return (assets_dir / name, "") if target.is_file() else (None, MISSING)
    except OSError as exc:  # e.g. a path longer than the system allows
        return None, f"cannot be opened ({exc.strerror or exc})"


def name_problem(name: str) -> str:
    """Why a file name cannot name a file ("" if it can)."""
    if "\0" in name:
        return "has a NUL character in its name"
    longest = max((len(part.encode("utf-8", "surrogatepass"))
                   for part in PurePosixPath(name).parts), default=0)
    if longest > MAX_NAME_BYTES:
        return f"has a name {longest} bytes long, more than the {MAX_NAME_BYTES} a file system allows"
    return ""


def picture_problem(path: Path) -> str:
    """Why a file is not a picture leafletgen can draw ("" if it is)."""
    try:
        stat = path.stat()
    except OSError as exc:
        return f"cannot be opened ({exc.strerror})"
    if stat.st_size == 0:
        return "is empty (0 bytes)"
    if path.suffix.lower() not in SUFFIXES:
        return "is not a picture leafletgen can use (a PNG, JPEG or SVG file)"
    return _checked(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _checked(path: str, size: int, mtime: int) -> str:
    """Cached by size and time: a picture in every leaflet of a library is checked once."""
    if path.lower().endswith(".svg"):
        return _svg_problem(Path(path))
    return _raster_problem(Path(path))


def _raster_problem(path: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as picture:
                if picture.format not in RASTER_FORMATS:
                    return f"is a {picture.format} picture, not PNG or JPEG"
                width, height = picture.size
                if width * height > MAX_PIXELS or not width or not height:
                    return f"is {width} x {height} pixels: {_pixels_hint()}"
                picture.verify()
            with Image.open(path) as picture:
                picture.load()  # verify() reads no JPEG data: decoding finds a truncated one
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return f"has too many pixels to open safely: {_pixels_hint()}"
        except UnidentifiedImageError:
            return "is not a picture: its contents are not PNG or JPEG"
        except Exception as exc:  # Pillow raises many kinds on a broken file; all mean that
            return f"is not a picture that can be read ({_reason(exc)})"
    return ""


def _pixels_hint() -> str:
    return f"a picture may have up to {MAX_PIXELS // 1_000_000} million pixels"


def _reason(exc: Exception) -> str:
    text = str(exc).split(" <", 1)[0]  # Pillow names a BytesIO object: no help to an author
    return text[:80] or type(exc).__name__


class _EntityDeclared(Exception):
    pass


def _refuse_entity(*_args) -> None:
    raise _EntityDeclared  # entities are how XML bombs expand: a picture never needs one


def _svg_problem(path: Path) -> str:
    problem = _xml_problem(path.read_bytes())
    if problem:
        return problem
    from svglib.svglib import svg2rlg  # slow to import: only when a leaflet has an SVG

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)  # an embedded PNG
        try:
            drawing = svg2rlg(str(path))
        except Exception as exc:  # svglib, like Pillow, raises many kinds on a broken file
            return f"is an SVG that cannot be drawn ({_reason(exc)})"
    if drawing is None:
        return "is an SVG that cannot be read"
    if not all(math.isfinite(v) and v > 0 for v in (drawing.width, drawing.height)):
        return ("is an SVG with no size: give its <svg> element a width and height, "
                "or a viewBox")
    return ""


def _xml_problem(data: bytes) -> str:
    """Parse with expat first: a clear message for broken XML, and no entities at all."""
    parser = expat.ParserCreate()
    elements: list[str] = []  # the first element's name
    outside: list[str] = []  # files outside the SVG that it would pull into the PDF

    def start(name: str, attributes: dict) -> None:
        if not elements:
            elements.append(name)
        hrefs = [v for k, v in attributes.items() if k.rsplit(":", 1)[-1] == "href"]
        if name.rsplit(":", 1)[-1] == "image" and any(not h.startswith("data:") for h in hrefs):
            outside.extend(h for h in hrefs if not h.startswith("data:"))

    parser.StartElementHandler = start
    parser.EntityDeclHandler = _refuse_entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return (f"is not a valid SVG file: {expat.ErrorString(exc.code)} at line {exc.lineno}, "
                f"column {exc.offset + 1}")
    except _EntityDeclared:
        return "is an SVG that declares XML entities, which a picture never needs"
    if not elements or elements[0].rsplit(":", 1)[-1] != "svg":
        return "is not an SVG picture: its first element is not <svg>"
    if outside:  # svglib would read any file the author's machine (or a hostile SVG) names
        return (f"is an SVG that draws another file ('{outside[0][:60]}'): put that picture "
                "inside the SVG (as a data: URI) or use it as an image of its own")
    return ""
