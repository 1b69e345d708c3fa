"""The A4 leaflet, checked on the real PDF: text, pages, stamps, metadata, fonts, structure."""

from __future__ import annotations

import re

from pypdf import PdfReader

from conftest import MINIMAL, page_texts, run_cli, tool, write_leaflet

A4 = (595.28, 841.89)


def test_sample_text_comes_out_in_reading_order(sample_a4):
    text = " ".join(" ".join(page_texts(sample_a4)).split())
    order = ["What is secondary breast cancer?", "What secondary breast cancer is",
             "A cancer is made up of millions of cancer cells.", "most likely to settle in",
             "the bones", "the liver", "the lungs", "Further reading", "Breast care nurses"]
    position = 0
    for words in order:  # each is found after the one before it
        position = text.find(words, position)
        assert position != -1, f"{words!r} missing or out of order"
    assert "Read press release" not in text


def test_sample_pages_are_a4_and_stamped(sample_a4):
    reader = PdfReader(sample_a4)
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, 1):
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {pages}" in text
        assert "(SBC-01)" in text and "Version 1.0" in text
        assert "Published 24 November 2026" in text and "Review due 24 November 2028" in text


def test_sample_metadata(sample_a4):
    reader = PdfReader(sample_a4)
    info = reader.metadata
    assert info.title == "What is secondary breast cancer?"
    assert info.author == "Breast care nurse specialists"
    assert "SBC-01" in info.subject and "1.0" in info.subject
    assert "SBC-01" in info["/Keywords"] and "version 1.0" in info["/Keywords"]
    assert re.fullmatch(r"leafletgen \d+\.\d+\.\d+", info.creator)
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_only_embedded_noto_fonts(sample_a4):
    rows = tool("pdffonts", str(sample_a4)).splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert "NotoSans" in name, row
        assert (emb, sub) == ("yes", "yes"), row


def test_qpdf_check_is_clean(sample_a4):
    output = tool("qpdf", "--check", str(sample_a4))
    assert "No syntax or stream encoding errors found" in output


def test_body_text_is_at_least_12pt(sample_a4):
    sizes = set()
    for page in PdfReader(sample_a4).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: sizes.add(
            round(size * tm[0], 1)) if t.strip() else None)
    assert 12.0 in sizes


def test_rebuild_is_byte_identical(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build", "--out", "one").exit_code == 0
    assert run_cli("build", "--out", "two").exit_code == 0
    name = "TEST-01-v1.0-a4.pdf"
    assert (library / "one" / name).read_bytes() == (library / "two" / name).read_bytes()


def test_special_characters_print_literally(library, monkeypatch):
    tricky = 'Dose < 5 mg & "never" more than 50% of it, it\'s <b>not</b> bold'
    write_leaflet(library, "a.yaml", MINIMAL.replace("Some text.", f"'{tricky.replace(chr(39), chr(39) * 2)}'"))
    monkeypatch.chdir(library)
    assert run_cli("build").exit_code == 0
    text = " ".join(" ".join(page_texts(library / "output" / "TEST-01-v1.0-a4.pdf")).split())
    assert tricky in text


def test_every_block_kind_renders(library, monkeypatch):
    from PIL import Image

    Image.new("RGB", (40, 20), "red").save(library / "assets" / "pic.png")
    body = """\
      - list: [one bullet, two bullet]
      - steps: [first step, second step]
      - note: A note that matters.
      - image: {file: pic.png, alt: A red box., caption: The caption.}
"""
    write_leaflet(library, "a.yaml", MINIMAL + body)
    monkeypatch.chdir(library)
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(library / "output" / "TEST-01-v1.0-a4.pdf")[0].split())
    for words in ("one bullet", "1. first step", "2. second step", "A note that matters.",
                  "The caption."):
        assert words in text


def test_cli_reports_errors_and_still_builds_the_good_leaflets(library, monkeypatch):
    write_leaflet(library, "good.yaml", MINIMAL)
    write_leaflet(library, "bad.yaml", MINIMAL.replace("TEST-01", "TEST-02").replace(
        '"1.0"', "1.10"))
    monkeypatch.chdir(library)
    result = run_cli("build")
    assert result.exit_code == 1
    assert "wrote output/TEST-01-v1.0-a4.pdf" in result.output
    assert re.search(r"leaflets/bad\.yaml:3:10: error: .*quotes.* \[format\.version\]",
                     result.output)
    assert sorted(p.name for p in (library / "output").glob("*.pdf")) == ["TEST-01-v1.0-a4.pdf"]


def test_failed_rebuild_keeps_the_previous_good_file(library, monkeypatch):
    from leafletgen.build import jobs as jobs_module
    from leafletgen.errors import LeafletError, error
    from leafletgen.model import NO_SPAN

    path = write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build").exit_code == 0
    target = library / "output" / "TEST-01-v1.0-a4.pdf"
    before = target.read_bytes()

    def explode(*args):
        raise LeafletError(error("layout.overflow", "boom", NO_SPAN))

    monkeypatch.setattr(jobs_module, "produce", explode)
    assert run_cli("build", str(path), "--force").exit_code == 1
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.glob("*.pdf")] == [target.name]
    assert not list(target.parent.glob(".*.tmp"))  # no half-written file left behind


def test_usage_errors_exit_2(library, monkeypatch):
    monkeypatch.chdir(library / "assets")
    assert run_cli("build").exit_code == 2  # no leaflets/ here
    assert run_cli("build", "--format", "a3").exit_code == 2
    assert run_cli("nonsense").exit_code == 2


def test_version_and_help():
    assert re.match(r"leafletgen, version \d", run_cli("--version").output)
    assert "build" in run_cli("--help").output
    assert "--format" in run_cli("build", "--help").output
