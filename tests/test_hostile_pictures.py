"""A picture with far more pixels than print needs is resampled to 300 dpi at its drawn
size (issue 13): a smaller PDF, the same page, the same bytes on every run; a picture
that needs no resampling is embedded as it is."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from conftest import MINIMAL, run_cli, write_leaflet


def embedded_sizes(pdf: Path) -> list[tuple[int, int]]:
    sizes = []
    for page in PdfReader(pdf).pages:
        for image in page.images:
            sizes.append(image.image.size)
    return sizes


def build(library: Path, picture: str, out: str, *options: str) -> Path:
    write_leaflet(library, "pictures.yaml", MINIMAL + f"      - image: {{file: {picture}, "
                  "alt: A gradient from black to white.}\n")
    result = run_cli("build", "leaflets/pictures.yaml", "--out", out, "--no-catalogue",
                     "--format", "a4", *options)
    assert result.exit_code == 0, result.output
    return library / out


def test_a_huge_picture_is_resampled_to_300_dpi_the_same_way_every_time(library, monkeypatch):
    monkeypatch.chdir(library)
    Image.linear_gradient("L").resize((6000, 4000)).convert("RGB").save(
        library / "assets" / "huge.png")
    first = build(library, "huge.png", "one") / "TEST-01-v1.0-a4.pdf"
    second = build(library, "huge.png", "two") / "TEST-01-v1.0-a4.pdf"
    assert first.read_bytes() == second.read_bytes()
    ((width, height),) = embedded_sizes(first)
    assert 1500 < width < 2200 and abs(width / height - 1.5) < 0.01  # 300 dpi across the column
    printed = build(library, "huge.png", "print", "--print-ready") / "TEST-01-v1.0-a4-print.pdf"
    ((print_width, _),) = embedded_sizes(printed)
    assert print_width == width


def test_a_small_picture_is_embedded_with_its_own_pixels(library, monkeypatch):
    monkeypatch.chdir(library)
    Image.linear_gradient("L").resize((600, 400)).convert("RGB").save(
        library / "assets" / "small.png")
    pdf = build(library, "small.png", "out") / "TEST-01-v1.0-a4.pdf"
    assert embedded_sizes(pdf) == [(600, 400)]
