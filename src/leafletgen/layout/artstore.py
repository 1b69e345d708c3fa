"""The body-map views as svglib parsed them, kept on disk from one run to the next.

Importing svglib (with lxml and cssselect2) and parsing a view costs about 150 ms, more
than laying out a leaflet, and every build in a fresh process paid it. So what a view
parses into is pickled once into the user's cache folder (LEAFLETGEN_CACHE_DIR, else
$XDG_CACHE_HOME/leafletgen, else ~/.cache/leafletgen) and read back, in a few
milliseconds, by later runs and by the build's workers. svglib stays the parser of
record: what is kept is what it gave, so the PDFs are the same bytes either way.

A kept file is named by a hash of everything its contents depend on: the SVG, svglib's
and ReportLab's code, this Python, and the code that turns the drawing into leaves
(layout/bodymap.py, bodyart.py): any change gives a new name, never a stale drawing. A
file that cannot be read back whole (damaged, cut short, another version's) is parsed
again and replaced; a cache folder that cannot be written is no error, only slower.
Only the classes a view is made of are unpickled.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from importlib import util
from pathlib import Path
from typing import TypeVar

from leafletgen.files import open_regular, write_atomically

T = TypeVar("T")
_MAGIC = b"leafletgen body-map art 1\n"
MOST_KEPT = 4  # files kept of each view: one per version of the tool in use
# What a view's leaves are made of: nothing else is unpickled, whatever the file says.
_ALLOWED = {("reportlab.graphics.shapes", "Path"), ("reportlab.lib.colors", "Color"),
            ("reportlab.lib.colors", "CMYKColor"), ("leafletgen.layout.bodymap", "_Leaf")}


def cache_dir() -> Path | None:
    """The folder kept files go in; None when there is no home to put it in."""
    if os.environ.get("LEAFLETGEN_CACHE_DIR"):
        return Path(os.environ["LEAFLETGEN_CACHE_DIR"])
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no HOME and no user database entry
        return None
    return Path(base) / "leafletgen"


def kept(view: str, svg: bytes, code: tuple[Path, ...], parse: Callable[[], T]) -> T:
    """parse()'s result for this SVG, read from the cache, or parsed now and kept; code
    are our own source files whose code shapes the result."""
    folder = cache_dir()
    if folder is None:
        return parse()
    path = folder / f"bodymap-{view}-{_key(svg, code)}.pickle"
    found = _read(path)
    if found is not None:
        return found
    result = parse()
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        write_atomically(path, lambda: _MAGIC + hashlib.sha256(data).digest() + data)
        _forget_old(folder, view)
    except OSError:
        pass  # a read-only or full disk: parsed again next time
    return result


def _forget_old(folder: Path, view: str) -> None:
    """Keep the view's newest few files (other versions installed side by side), no more."""
    files = sorted(folder.glob(f"bodymap-{view}-*.pickle"), key=lambda f: f.stat().st_mtime_ns)
    for old in files[:-MOST_KEPT]:
        old.unlink(missing_ok=True)


def _read(path: Path):
    """What the file keeps, or None if it is missing or not whole."""
    try:
        with open_regular(path) as source:
            raw = source.read()
    except OSError:
        return None
    head, body = raw[:len(_MAGIC) + 32], raw[len(_MAGIC) + 32:]
    if head != _MAGIC + hashlib.sha256(body).digest():
        return None
    try:
        return _Unpickler(io.BytesIO(body)).load()
    except Exception:  # noqa: BLE001  (whatever went wrong, parsing again puts it right)
        return None


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a body map")
        return super().find_class(module, name)


def _key(svg: bytes, code: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(svg)
    for part in (*_library_fingerprint(), *(file.read_bytes() for file in code)):
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:32]


@cache
def _library_fingerprint() -> tuple[str, ...]:
    """This Python, ReportLab's version, and the hash of svglib's own files (found without
    importing svglib, which is what the cache saves)."""
    import reportlab

    spec = util.find_spec("svglib")
    folder = Path(spec.origin).parent if spec and spec.origin else None
    files = sorted(folder.glob("*.py")) if folder else []
    svglib = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    return sys.version, reportlab.Version, svglib, str(pickle.HIGHEST_PROTOCOL)
