"""What symbolic links mean (docs/format.md): a leaflet belongs to the library it is found
in, not to where its link points; pictures are found through links and recorded by the
library's path, so a retargeted link rebuilds; linked sub-folders are read, once each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from conftest import MINIMAL, run_cli, write_leaflet

PICTURED = MINIMAL + "      - image: {file: images/pic.png, alt: A square of colour.}\n"
LEAFLET = "TEST-01-v1.0-a4.pdf"


def picture(folder: Path, colour: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 40), colour).save(folder / "pic.png")


def build(library: Path, monkeypatch, *args: str) -> str:
    monkeypatch.chdir(library)
    result = run_cli("build", "--no-catalogue", *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_retargeted_images_link_rebuilds_with_the_new_picture(library, monkeypatch, tmp_path):
    picture(library / "assets" / "images-2026", "red")
    picture(library / "assets" / "images-2027", "blue")
    (library / "assets" / "images").symlink_to("images-2026")
    write_leaflet(library, "a.yaml", PICTURED)
    build(library, monkeypatch)
    red = (library / "output" / LEAFLET).read_bytes()

    (library / "assets" / "images").unlink()
    (library / "assets" / "images").symlink_to("images-2027")
    assert "1 file(s) written, 0 unchanged" in build(library, monkeypatch)
    blue = (library / "output" / LEAFLET).read_bytes()
    assert blue != red
    # The very file a library that always had the blue picture builds.
    picture(tmp_path / "fresh" / "assets" / "images", "blue")
    write_leaflet(tmp_path / "fresh", "a.yaml", PICTURED)
    build(tmp_path / "fresh", monkeypatch)
    assert (tmp_path / "fresh" / "output" / LEAFLET).read_bytes() == blue
    sources = json.loads((library / "output" / "manifest.json").read_text())["sources"]
    [assets] = [record["assets"] for item in sources for record in item.values()]
    assert list(assets) == [str(library / "assets" / "images" / "pic.png")]  # as found


def test_a_linked_leaflet_uses_this_librarys_pictures(tmp_path, monkeypatch):
    other, this = tmp_path / "other", tmp_path / "this"
    picture(other / "assets" / "images", "red")
    write_leaflet(other, "a.yaml", PICTURED)
    picture(this / "assets" / "images", "blue")
    (this / "leaflets").mkdir()
    (this / "leaflets" / "a.yaml").symlink_to(other / "leaflets" / "a.yaml")
    build(this, monkeypatch)
    copy = tmp_path / "copy"  # the same leaflet, copied into a library with the blue picture
    picture(copy / "assets" / "images", "blue")
    write_leaflet(copy, "a.yaml", PICTURED)
    build(copy, monkeypatch)
    assert (this / "output" / LEAFLET).read_bytes() == (copy / "output" / LEAFLET).read_bytes()


def test_a_linked_leaflet_never_takes_a_picture_from_the_other_library(tmp_path, monkeypatch):
    other, this = tmp_path / "other", tmp_path / "this"
    picture(other / "assets" / "images", "red")
    write_leaflet(other, "a.yaml", PICTURED)
    (this / "assets").mkdir(parents=True)
    (this / "leaflets").mkdir()
    (this / "leaflets" / "a.yaml").symlink_to(other / "leaflets" / "a.yaml")
    monkeypatch.chdir(this)
    result = run_cli("build")
    assert result.exit_code == 1
    assert f"does not exist in {this / 'assets'}" in result.output
    assert "[format.asset-path]" in result.output


def test_a_linked_sub_folder_is_built(library, monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "b.yaml").write_text(MINIMAL.replace("TEST-01", "TEST-02"), encoding="utf-8")
    (library / "leaflets" / "shared").symlink_to(shared)
    write_leaflet(library, "a.yaml", MINIMAL)
    output = build(library, monkeypatch)
    assert "wrote output/TEST-02-v1.0-a4.pdf" in output
    sources = json.loads((library / "output" / "manifest.json").read_text())["sources"]
    assert {s for item in sources for s in item} == {"leaflets/a.yaml", "leaflets/shared/b.yaml"}


def test_upper_case_suffixes_are_leaflets(library, monkeypatch):
    write_leaflet(library, "X.YAML", MINIMAL)
    write_leaflet(library, "Y.Yml", MINIMAL.replace("TEST-01", "TEST-02"))
    build(library, monkeypatch)
    assert (library / "output" / LEAFLET).is_file()
    assert (library / "output" / "TEST-02-v1.0-a4.pdf").is_file()


def test_a_link_loop_does_not_hang_and_is_said(library):
    write_leaflet(library, "sub/a.yaml", MINIMAL)
    (library / "leaflets" / "sub" / "up").symlink_to("..")
    (library / "leaflets" / "self.yaml").symlink_to("self.yaml")
    result = subprocess.run([sys.executable, "-m", "leafletgen", "build"], cwd=library,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert ("leaflets/sub/up: warning: skipped: a folder already read, reached again through "
            "a link") in result.stderr
    assert "leaflets/self.yaml: warning: skipped: a symbolic link that cannot be followed" \
        in result.stderr
    assert "1 file(s) written" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_link_named_directly_is_where_it_is_found(tmp_path, monkeypatch):
    """Named on the command line too, a link's leaflet is of the library it is found in."""
    other, this = tmp_path / "other", tmp_path / "this"
    write_leaflet(other, "a.yaml", PICTURED)
    picture(this / "assets" / "images", "blue")
    (this / "leaflets").mkdir()
    os.symlink(other / "leaflets" / "a.yaml", this / "leaflets" / "a.yaml")
    build(this, monkeypatch, "leaflets/a.yaml")
    assert (this / "output" / LEAFLET).is_file()


def test_a_second_link_to_a_leaflet_of_the_same_library_is_said_and_built_once(library,
                                                                               monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    (library / "leaflets" / "b.yaml").symlink_to("a.yaml")
    output = build(library, monkeypatch)
    assert ("leaflets/b.yaml: warning: skipped: the same file as leaflets/a.yaml, through a "
            "link (a leaflet is built once: remove the link) [build.skipped]") in output
    assert "1 file(s) written" in output and "duplicate" not in output
