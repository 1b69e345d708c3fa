"""An SVG picture never pulls another file into the PDF: svglib would read any path an
<image> names (a file outside assets/, or anywhere on the machine that builds)."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from conftest import MINIMAL, run_cli, write_leaflet

SVG = ("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
       "width='40' height='20'><image {attribute}='{href}' width='40' height='20'/></svg>")
PICTURE = ("      - image:\n          file: drawing.svg\n"
           "          alt: A drawing of the ward, with the nurses' station by the door.\n")


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 4), "#336699").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("attribute", ["href", "xlink:href"])
@pytest.mark.parametrize("href", ["/etc/hostname", "../secret.png", "https://example.org/x.png"])
def test_an_svg_that_draws_another_file_is_refused_at_its_line(library, monkeypatch,
                                                              attribute, href):
    (library / "secret.png").write_bytes(png_bytes())
    (library / "assets" / "drawing.svg").write_text(SVG.format(attribute=attribute, href=href))
    path = write_leaflet(library, "a.yaml", MINIMAL + PICTURE)
    monkeypatch.chdir(library)
    for command in ("build", "check"):
        result = run_cli(command, str(path))
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "leaflets/a.yaml:12:17: error: image 'drawing.svg' is an SVG that draws " \
               f"another file ('{href}')" in result.output
    assert not list(library.rglob("*.pdf"))  # nothing built from it


def test_an_svg_with_its_picture_inside_builds(library, monkeypatch):
    inside = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    (library / "assets" / "drawing.svg").write_text(SVG.format(attribute="xlink:href", href=inside))
    write_leaflet(library, "a.yaml", MINIMAL + PICTURE)
    monkeypatch.chdir(library)
    result = run_cli("build")
    assert result.exit_code == 0, result.output
