"""`leafletgen bodymap`: the regions per view, and previews for authors."""

from __future__ import annotations

from PIL import Image
from pypdf import PdfReader

from conftest import run_cli


def test_list_shows_every_view_and_region():
    output = run_cli("bodymap", "--list").output
    assert output.startswith("front:") and "\nback:" in output
    for region in ("lymph_nodes.armpit", "liver", "spine", "kidneys"):
        assert f"  {region} " in output


def test_png_and_pdf_previews(tmp_path):
    png, pdf = tmp_path / "p.png", tmp_path / "p.pdf"
    assert run_cli("bodymap", "liver", "bones", "--out", str(png)).exit_code == 0
    with Image.open(png) as image:
        assert image.height > image.width > 300
        rgb = image.convert("RGB").tobytes()
    accent = sum(1 for i in range(0, len(rgb), 3)
                 if rgb[i] > 150 and rgb[i + 1] < 60 and rgb[i + 2] > 70)
    assert accent > 1000  # the highlighted liver and bones
    assert run_cli("bodymap", "spine", "--view", "back", "--out", str(pdf)).exit_code == 0
    assert "Spine" in PdfReader(pdf).pages[0].extract_text()


def test_unknown_region_is_a_usage_error_with_a_suggestion(tmp_path):
    result = run_cli("bodymap", "livr", "--out", str(tmp_path / "p.png"))
    assert result.exit_code == 2 and "did you mean 'liver'" in result.output
    assert run_cli("bodymap").exit_code == 2
