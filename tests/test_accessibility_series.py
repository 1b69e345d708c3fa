"""The series quick-guide file is tagged PDF/UA-1 like the guides it joins (issue 14)."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops

from conftest import MINIMAL, run_cli, tool, write_leaflet

TITLES = ["Bone scans", "Looking after your bones", "Walking safely"]  # in series order


@pytest.fixture(scope="module")
def library(tmp_path_factory, request):
    root = tmp_path_factory.mktemp("series")
    for order, title in zip((2, 1, 3), ("Looking after your bones", "Bone scans", "Walking safely")):
        text = MINIMAL.replace("TEST-01", f"TEST-0{order}").replace("A test leaflet", title)
        write_leaflet(root, f"l{order}.yaml", f"series: Bones\norder: {order}\n" + text +
                      "quick_guide:\n  points: [One point.]\ncontacts:\n"
                      "  - name: Clinic\n    phone: \"0123 456 7000\"\n")
    mp = pytest.MonkeyPatch()
    mp.chdir(root)
    assert run_cli("build", "--format", "quick").exit_code == 0
    request.addfinalizer(mp.undo)
    return root


def test_both_checkers_find_no_failure(library):
    import page
    import pdfua
    from pdfua.model import Severity

    path = library / "output" / "series" / "bones-quick.pdf"
    assert page.validate_pdf(str(path), profile=page.ValidationProfile.PDF_UA_1).failures == []
    assert [f for f in pdfua.validate(str(path)).findings if f.severity >= Severity.WARNING] == []


def test_every_guide_is_a_heading_in_series_order_without_the_stamp(library):
    tree = tool("pdfinfo", "-struct-text", str(library / "output" / "series" / "bones-quick.pdf"))
    assert re.findall(r"H1 \(block\)\n\s*\"(.*)\"", tree) == TITLES
    assert tree.count("Sect") == 3 and "Page 1 of" not in tree


def test_pages_look_like_the_guides_and_the_bytes_repeat(library, monkeypatch):
    out = library / "output"
    joined = pdfium.PdfDocument(out / "series" / "bones-quick.pdf")
    for number, name in enumerate(("TEST-01", "TEST-02", "TEST-03")):
        guide = pdfium.PdfDocument(out / f"{name}-v1.0-quick.pdf")
        a, b = (d[i].render(scale=1).to_pil().convert("RGB") for d, i in ((guide, 0), (joined, number)))
        assert ImageChops.difference(a, b).getbbox() is None, name
    before = (out / "series" / "bones-quick.pdf").read_bytes()
    monkeypatch.chdir(library)
    run_cli("build", "--format", "quick", "--force")
    assert (out / "series" / "bones-quick.pdf").read_bytes() == before
