"""README's first command on a fresh clone: a plain `leafletgen build` of the sample library
builds what its leafletgen.toml asks for: the whole series in A4 and quick guides, the
series file, the first leaflet in Arabic and Polish, and the catalogue (issue 16, part 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf

from conftest import run_cli, tool

REPO = Path(__file__).resolve().parent.parent


def test_a_plain_build_of_the_sample_shows_a_series_in_two_more_languages(tmp_path,
                                                                          monkeypatch):
    shutil.copytree(REPO / "leaflets", tmp_path / "leaflets")
    shutil.copy(REPO / "leafletgen.toml", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output and "error" not in result.output
    out = tmp_path / "output"
    masters = [f"SBC-0{n}" for n in range(1, 7)]
    expected = {f"{id_}-v1.0-{fmt}.pdf" for id_ in masters + ["SBC-01-AR", "SBC-01-PL"]
                for fmt in ("a4", "quick")}
    assert {p.name for p in out.glob("*.pdf")} == expected
    series = out / "series" / "secondary-breast-cancer-quick.pdf"
    with pikepdf.open(series) as joined:
        assert len(joined.pages) == len(masters)  # the English series: one guide each
    arabic = tool("pdftotext", str(out / "SBC-01-AR-v1.0-a4.pdf"), "-")
    polish = tool("pdftotext", str(out / "SBC-01-PL-v1.0-a4.pdf"), "-")
    assert "Strona 1 z 2" in polish and "24 listopada 2026" in polish
    assert "Page " not in arabic and "Version" not in arabic
    with pikepdf.open(out / "SBC-01-AR-v1.0-a4.pdf") as pdf:
        assert str(pdf.Root.Lang) == "ar"
    catalogue = (out / "index.html").read_text(encoding="utf-8")
    assert 'lang="ar"' in catalogue and 'dir="rtl"' in catalogue and "Polski" in catalogue
