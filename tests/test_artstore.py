"""The body-map art kept between runs (layout/artstore.py): the same shapes as svglib
parses, read back without svglib, and never trusted when damaged or out of date."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from leafletgen.bodyart import VIEWS
from leafletgen.layout import artstore, bodymap


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LEAFLETGEN_CACHE_DIR", str(folder))
    bodymap._art.cache_clear()
    yield folder
    bodymap._art.cache_clear()


def plain(art):
    """The art as comparable data: every shape's attributes, colours as their values."""
    leaves, bounds, anchors = art
    shapes = [(leaf.region, leaf.role, leaf.transform, type(leaf.shape).__name__,
               {k: (repr(v) if k.endswith("Color") else v) for k, v in vars(leaf.shape).items()})
              for leaf in leaves]
    return shapes, bounds, anchors


@pytest.mark.parametrize("view", VIEWS)
def test_the_kept_art_is_what_svglib_parses_from_the_svg(store, view):
    parsed = bodymap._parsed(view)
    first = bodymap._art(view)  # parsed and kept
    assert list(store.glob(f"bodymap-{view}-*.pickle"))
    bodymap._art.cache_clear()
    again = bodymap._art(view)  # read back
    assert plain(again) == plain(first) == plain(parsed)


def test_a_new_process_reads_the_art_without_svglib(store):
    bodymap._art("front")
    code = ("import sys; from leafletgen.layout import bodymap; bodymap._art('front');"
            "assert 'svglib' not in sys.modules, 'parsed again'")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={"PYTHONPATH": ":".join(sys.path), "LEAFLETGEN_CACHE_DIR": str(store)})


def test_a_damaged_file_is_parsed_again_and_replaced(store):
    good = plain(bodymap._art("front"))
    [kept] = store.glob("bodymap-front-*.pickle")
    whole = kept.read_bytes()
    for damaged in (whole[:-100], whole[:-1] + b"x", b"", b"not a pickle"):
        kept.write_bytes(damaged)
        bodymap._art.cache_clear()
        assert plain(bodymap._art("front")) == good
        assert kept.read_bytes() == whole


def test_only_a_body_maps_classes_are_unpickled(store):
    bodymap._art("front")
    [kept] = store.glob("bodymap-front-*.pickle")
    data = pickle.dumps(subprocess.CompletedProcess)  # a class of no body map
    kept.write_bytes(artstore._MAGIC + artstore.hashlib.sha256(data).digest() + data)
    assert artstore._read(kept) is None


def test_another_svg_or_other_code_is_another_file(store, tmp_path):
    code = tmp_path / "code.py"
    code.write_text("one")
    artstore.kept("front", b"<svg/>", (code,), lambda: 1)
    artstore.kept("front", b"<svg />", (code,), lambda: 2)
    code.write_text("two")
    assert artstore.kept("front", b"<svg/>", (code,), lambda: 3) == 3
    assert len(list(store.glob("bodymap-front-*.pickle"))) == 3


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("LEAFLETGEN_CACHE_DIR", str(blocked / "cache"))
    bodymap._art.cache_clear()
    try:
        leaves, bounds, anchors = bodymap._art("back")
    finally:
        bodymap._art.cache_clear()
    assert leaves and anchors


def test_only_the_newest_few_files_of_a_view_are_kept(store, tmp_path):
    code = tmp_path / "code.py"
    for n in range(artstore.MOST_KEPT + 3):
        code.write_text(f"version {n}")
        artstore.kept("back", b"<svg/>", (code,), lambda: n)
    assert len(list(store.glob("bodymap-back-*.pickle"))) == artstore.MOST_KEPT
    assert artstore.kept("back", b"<svg/>", (code,), lambda: "parsed") == artstore.MOST_KEPT + 2
