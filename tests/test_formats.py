"""Every format on real PDFs: sizes, boxes, CMYK, one-page quick guides, series, large print,
booklet imposition."""

from __future__ import annotations

import re

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import MINIMAL, page_texts, run_cli, tool, write_leaflet

MM = 72 / 25.4
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
QUICK = """
quick_guide:
  points:
    - The first point of the guide.
    - The second point of the guide.
"""
LONG_SECTION = """
  - heading: Section {n}
    body:
      - {text}
"""
SENTENCE = "This sentence is here to fill the page with plain words for the reader. "


def leaflet_text(sections: int = 1, quick: str = QUICK, **replace) -> str:
    text = MINIMAL
    for old, new in replace.items():
        text = text.replace(old, new)
    for n in range(sections - 1):
        text += LONG_SECTION.format(n=n + 2, text=SENTENCE * 12)
    return text + quick


def build(library, monkeypatch, *args):
    monkeypatch.chdir(library)
    result = run_cli("build", *args)
    assert result.exit_code == 0, result.output
    return library / "output"


def size(page) -> tuple[float, float]:
    return (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))


def font_sizes(pdf) -> set[float]:
    sizes = set()
    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, fs: sizes.add(
            round(fs * tm[0], 1)) if t.strip() else None)
    return sizes


@pytest.fixture
def all_formats(library, monkeypatch):
    from PIL import Image

    Image.new("RGB", (60, 30), "#3366CC").save(library / "assets" / "pic.png")
    body_map = "      - bodymap: {view: front, highlight: [liver, lungs], alt: Liver and lungs.}"
    write_leaflet(library, "a.yaml", leaflet_text(sections=6).replace(
        "      - Some text.", "      - Some text.\n      - image: {file: pic.png, alt: Blue.}\n"
        + body_map))
    return build(library, monkeypatch, "--format", "all", "--print-ready")


def test_all_formats_are_written_with_contract_names(all_formats):
    names = {p.name for p in all_formats.iterdir() if p.is_file()}
    for fmt in ("a4", "a5", "quick", "large", "booklet"):
        assert f"TEST-01-v1.0-{fmt}.pdf" in names
        assert f"TEST-01-v1.0-{fmt}-print.pdf" in names


def test_page_sizes(all_formats):
    expected = {"a4": A4, "a5": A5, "quick": A4, "large": A4, "booklet": (A4[1], A4[0])}
    for fmt, dimensions in expected.items():
        for page in PdfReader(all_formats / f"TEST-01-v1.0-{fmt}.pdf").pages:
            assert size(page) == dimensions, fmt


def test_print_ready_boxes_bleed_and_marks(all_formats):
    for fmt, trim in (("a4", A4), ("a5", A5), ("booklet", (2 * A5[0], A5[1]))):
        page = PdfReader(all_formats / f"TEST-01-v1.0-{fmt}-print.pdf").pages[0]
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
        assert (round(x1 - x0, 2), round(y1 - y0, 2)) == trim
        bx0, by0, bx1, by1 = (float(v) for v in page.bleedbox)
        assert round(x0 - bx0, 2) == round(3 * MM, 2) and round(by1 - y1, 2) == round(3 * MM, 2)
        assert float(page.mediabox.width) > bx1 - bx0  # room outside the bleed for crop marks


def content_streams(pdf_path) -> list[bytes]:
    streams = []
    with pikepdf.open(pdf_path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") != "/Image" \
                    and "/Length1" not in obj and obj.get("/Subtype") != "/Type1C":
                try:
                    streams.append(obj.read_bytes())
                except pikepdf.PdfError:
                    pass
    return streams


def image_colour_spaces(pdf_path) -> set[str]:
    with pikepdf.open(pdf_path) as pdf:
        return {str(o.ColorSpace) for o in pdf.objects
                if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"}


def test_print_ready_files_have_no_rgb_colour(all_formats):
    assert image_colour_spaces(all_formats / "TEST-01-v1.0-a4.pdf") == {"/DeviceRGB"}
    for fmt in ("a4", "a5", "large", "booklet"):
        assert image_colour_spaces(all_formats / f"TEST-01-v1.0-{fmt}-print.pdf") == {
            "/DeviceCMYK"}
    for fmt in ("a4", "a5", "quick", "large", "booklet"):
        streams = content_streams(all_formats / f"TEST-01-v1.0-{fmt}-print.pdf")
        assert any(re.search(rb"\bk\b", s) for s in streams), fmt  # CMYK fills are there
        for stream in streams:
            assert not re.search(rb"\b(rg|RG)\b", stream), fmt
        screen = content_streams(all_formats / f"TEST-01-v1.0-{fmt}.pdf")
        assert any(re.search(rb"\brg\b", s) for s in screen)  # the screen file keeps RGB


def test_print_ready_files_are_valid_and_embed_fonts(all_formats):
    for pdf in all_formats.glob("*-print.pdf"):
        assert "No syntax or stream encoding errors" in tool("qpdf", "--check", str(pdf))
        for row in tool("pdffonts", str(pdf)).splitlines()[2:]:
            assert "NotoSans" in row and row.split()[-5:-3] == ["yes", "yes"], row


def test_no_marks_option(library, monkeypatch):
    write_leaflet(library, "a.yaml", leaflet_text())
    out = build(library, monkeypatch, "--print-ready", "--no-marks")
    page = PdfReader(out / "TEST-01-v1.0-a4-print.pdf").pages[0]
    assert [float(v) for v in page.mediabox] == [float(v) for v in page.bleedbox]


def test_quick_guide_is_one_page_with_the_points(all_formats):
    pages = page_texts(all_formats / "TEST-01-v1.0-quick.pdf")
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    assert "The first point of the guide." in text and "Page 1 of 1" in text


def test_long_quick_guide_steps_down_but_stays_readable(library, monkeypatch):
    points = "".join(f"    - {SENTENCE * 2}\n" for _ in range(11))
    write_leaflet(library, "a.yaml", leaflet_text(quick=f"quick_guide:\n  points:\n{points}"))
    out = build(library, monkeypatch, "--format", "quick")
    assert len(PdfReader(out / "TEST-01-v1.0-quick.pdf").pages) == 1
    body = max(font_sizes(out / "TEST-01-v1.0-quick.pdf") & {12.0, 13.0, 14.0, 15.0, 16.0})
    assert 12 <= body < 16


def test_too_long_quick_guide_is_refused_with_lines_to_cut(library, monkeypatch):
    points = "".join(f"    - {SENTENCE * 4}\n" for _ in range(14))
    write_leaflet(library, "a.yaml", leaflet_text(quick=f"quick_guide:\n  points:\n{points}"))
    monkeypatch.chdir(library)
    result = run_cli("build", "--format", "a4,quick")
    assert result.exit_code == 1
    line = MINIMAL.count("\n") + 2
    found = re.search(rf"leaflets/a\.yaml:{line}:\d+: error: quick guide is (\d+) lines too long "
                      r"for one page; shorten it", result.output)
    assert found, result.output
    assert 10 <= int(found.group(1)) <= 30  # 14 points of ~4 lines each on a ~45-line page
    assert [p.name for p in (library / "output").glob("*.pdf")] == ["TEST-01-v1.0-a4.pdf"]


def test_missing_quick_guide_fails_that_format_only(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    result = run_cli("build", "--format", "a4,quick")
    assert result.exit_code == 1
    assert "has no quick_guide" in result.output
    assert (library / "output" / "TEST-01-v1.0-a4.pdf").exists()


def test_series_quick_guides_in_order(library, monkeypatch):
    for name, order, title in (("c", "", "Zebra"), ("b", "order: 2\n", "Second"),
                               ("a", "order: 1\n", "First"), ("d", "", "Apple")):
        write_leaflet(library, f"{name}.yaml", f"series: Bone health\n{order}" + leaflet_text(
            **{"TEST-01": f"T-{name.upper()}", "title: A test leaflet": f"title: {title}"}))
    write_leaflet(library, "other.yaml", "series: Other\n" + leaflet_text(
        **{"TEST-01": "OTHER-1"}))
    out = build(library, monkeypatch, "--format", "quick")
    pages = page_texts(out / "series" / "bone-health-quick.pdf")
    firsts = [re.search(r"\(T-([A-D])\)", text).group(1) for text in pages]
    assert firsts == ["A", "B", "D", "C"]  # by order, then the unordered by title
    assert len(page_texts(out / "series" / "other-quick.pdf")) == 1


def test_large_print_minimum_sizes_and_no_italics(library, monkeypatch):
    write_leaflet(library, "a.yaml", leaflet_text(sections=2).replace(
        "Some text.", "Some *emphasis* here."))
    for body in (16, 20):
        out = build(library, monkeypatch, "--format", "large", "--large-size", str(body))
        pdf = out / "TEST-01-v1.0-large.pdf"
        sizes = font_sizes(pdf)
        assert min(sizes) >= 12 and body in sizes  # stamp 12 pt, body at the chosen size
        assert "Italic" not in tool("pdffonts", str(pdf))


def half_text(pdf, page: int, half: str) -> str:
    width, height = A4[1], A4[0]
    x = 0 if half == "left" else width / 2
    return tool("pdftotext", "-f", str(page), "-l", str(page), "-x", str(int(x)), "-y", "0",
                "-W", str(int(width / 2)), "-H", str(int(height)), str(pdf), "-")


def test_booklet_imposition_order(library, monkeypatch):
    write_leaflet(library, "a.yaml", leaflet_text(sections=12))
    out = build(library, monkeypatch, "--format", "a5,booklet")
    a5_pages = len(PdfReader(out / "TEST-01-v1.0-a5.pdf").pages)
    booklet = out / "TEST-01-v1.0-booklet.pdf"
    sides = len(PdfReader(booklet).pages)
    total = sides * 2
    assert total % 4 == 0 and total >= a5_pages + 1
    expected = []
    for sheet in range(total // 4):
        expected += [(total - 2 * sheet, 2 * sheet + 1), (2 * sheet + 2, total - 2 * sheet - 1)]
    for side, (left, right) in enumerate(expected, 1):
        assert f"Page {left} of {total}" in half_text(booklet, side, "left")
        assert f"Page {right} of {total}" in half_text(booklet, side, "right")
    assert "Contact us" in half_text(booklet, 1, "left") or "About this leaflet" in half_text(
        booklet, 1, "left")  # the back cover


def test_saddle_stitch_order_for_eight_pages():
    from leafletgen.render.impose import saddle_stitch_order

    assert saddle_stitch_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_every_format_rebuilds_byte_identical(library, monkeypatch):
    write_leaflet(library, "a.yaml", "series: S\n" + leaflet_text(sections=3))
    build(library, monkeypatch, "--format", "all", "--print-ready", "--out", "one")
    build(library, monkeypatch, "--format", "all", "--print-ready", "--out", "two")
    first, second = library / "one", library / "two"
    files = sorted(p.relative_to(first) for p in first.rglob("*.pdf"))
    assert len(files) == 11
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_print_ready_files_carry_a_pdfx_output_intent_and_no_links(all_formats):
    for pdf_path in all_formats.glob("*-print.pdf"):
        with pikepdf.open(pdf_path) as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
            assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1:2001"
            assert all("/Annots" not in page.obj for page in pdf.pages)


def test_poppler_renders_every_file_without_complaint(all_formats):
    import subprocess

    for pdf in sorted(all_formats.rglob("*.pdf")):
        run = subprocess.run(["pdftoppm", "-r", "10", "-png", str(pdf), str(pdf.with_suffix(""))],
                             capture_output=True, text=True)
        assert run.returncode == 0 and run.stderr == "", (pdf.name, run.stderr)


@pytest.mark.parametrize("sections", [1, 5, 7, 9, 15])
def test_booklet_pads_to_four_with_the_back_cover_last(library, sections):
    from leafletgen.produce import BuildOptions, produce
    from leafletgen.load import load_leaflet

    path = write_leaflet(library, "a.yaml", leaflet_text(sections=sections) +
                         "contacts:\n  - name: The ward team\n")
    data = produce(load_leaflet(path), "booklet", BuildOptions()).data
    sides = PdfReader(__import__("io").BytesIO(data)).pages
    total = len(sides) * 2
    assert total % 4 == 0
    back = sides[0]  # the first sheet side carries the last page on its left
    text = " ".join(back.extract_text().split())
    assert "The ward team" in text and f"Page {total} of {total}" in text


def opacities(pdf_path) -> list[float]:
    """Every fill or stroke opacity a graphics state sets (dictionaries are not compressed)."""
    return [float(v) for v in re.findall(rb"/(?:ca|CA) ([0-9.]+)", pdf_path.read_bytes())]


def test_print_ready_body_maps_use_no_transparency(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL.replace("      - Some text.", "      - bodymap: "
                  "{view: front, highlight: [breast, lungs], alt: Breast and lungs.}"))
    out = build(library, monkeypatch, "--print-ready")
    assert min(opacities(out / "TEST-01-v1.0-a4.pdf")) < 1  # the screen file keeps its overlay
    assert all(v == 1 for v in opacities(out / "TEST-01-v1.0-a4-print.pdf"))
    assert b"/SMask" not in (out / "TEST-01-v1.0-a4-print.pdf").read_bytes()


def test_the_registrys_page_sizes_are_reportlabs_to_the_last_bit():
    # formats.py works them out itself so that --help need not import ReportLab.
    from reportlab.lib import pagesizes, units

    from leafletgen import formats

    assert (formats.mm, formats.A4, formats.A5) == (units.mm, pagesizes.A4, pagesizes.A5)
