"""House style: one theme file changes fonts, colours, logo, cover and footer in every format."""

from __future__ import annotations

import re
import shutil
import textwrap

import pikepdf
import pytest
from PIL import Image

from leafletgen.errors import LeafletError
from leafletgen.load.theme import default_theme, load_theme
from leafletgen.theme import contrast_problems, contrast_ratio
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str

from conftest import MINIMAL, REPO, page_texts, run_cli, tool, write_leaflet

EXAMPLE = REPO / "examples" / "northfield"


def theme_file(library, text: str):
    path = library / "theme.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path):
    with pytest.raises(LeafletError) as caught:
        load_theme(path)
    return caught.value.diagnostics


def content(pdf_path) -> bytes:
    with pikepdf.open(pdf_path) as pdf:
        return b"".join(pikepdf.Page(p).obj.Contents.read_bytes() if not isinstance(
            p.obj.Contents, pikepdf.Array) else b"".join(c.read_bytes() for c in p.obj.Contents)
            for p in pdf.pages)


def fill(hex_colour: str) -> bytes:
    """The fill operator ReportLab writes for this colour."""
    c = colors.HexColor(hex_colour)
    return (fp_str(c.red, c.green, c.blue) + " rg").encode()


def test_default_theme_is_accessible():
    theme = default_theme()
    assert contrast_problems(theme) == []
    assert contrast_ratio(theme.colours["text"], colors.white) >= 4.5


def test_contrast_ratio_matches_wcag_examples():
    assert round(contrast_ratio(colors.black, colors.white), 1) == 21.0
    assert round(contrast_ratio(colors.HexColor("#777777"), colors.white), 2) == 4.48


def test_two_themes_give_visibly_different_pdfs(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build", "--out", "plain").exit_code == 0
    result = run_cli("build", "--theme", str(EXAMPLE / "theme.yaml"), "--out", "themed")
    assert result.exit_code == 0, result.output
    plain, themed = (library / d / "TEST-01-v1.0-a4.pdf" for d in ("plain", "themed"))
    assert "NotoSans" in tool("pdffonts", str(plain)) and "Lato" not in tool("pdffonts", str(plain))
    fonts = tool("pdffonts", str(themed))
    assert "Lato-Regular" in fonts and "Lato-Bold" in fonts and "Noto" not in fonts
    assert fill("#4B2A7B") in content(themed)  # the heading purple
    assert fill("#4B2A7B") not in content(plain)
    assert fill("#00535E") in content(plain)  # the default heading teal
    text = " ".join(page_texts(themed)[0].split())
    assert "Northfield Hospitals NHS Trust · Switchboard 0123 456 0000" in text  # footer


def test_png_logo_is_placed_and_cover_options_apply(library, monkeypatch):
    Image.new("RGB", (120, 40), "#224488").save(library / "assets" / "logo.png")
    theme_file(library, """\
        organisation: Test Trust
        logo: logo.png
        cover: {logo_position: left, band: false, title_size: 34}
    """)
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build").exit_code == 0  # theme.yaml in the library is picked up
    pdf = library / "output" / "TEST-01-v1.0-a4.pdf"
    with pikepdf.open(pdf) as doc:
        images = [o for o in doc.objects if isinstance(o, pikepdf.Stream)
                  and o.get("/Subtype") == "/Image"]
    assert len(images) == 1
    assert fill("#00707F") not in content(pdf)  # no band


def test_print_ready_uses_the_themes_own_cmyk(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    result = run_cli("build", "--theme", str(EXAMPLE / "theme.yaml"), "--print-ready")
    assert result.exit_code == 0, result.output
    data = content(library / "output" / "TEST-01-v1.0-a4-print.pdf")
    assert b".62 .8 0 .1 K" in data or b".62 .8 0 .1 k" in data  # accent as the printer gave it
    assert not re.search(rb"\brg\b", data)


def test_large_print_keeps_its_sizes_and_black_text(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build", "--theme", str(EXAMPLE / "theme.yaml"), "--format", "large").exit_code == 0
    assert run_cli("build", "--theme", str(EXAMPLE / "theme.yaml")).exit_code == 0
    pdf = library / "output" / "TEST-01-v1.0-large.pdf"
    assert "Lato" in tool("pdffonts", str(pdf))
    purple_text = re.escape(fill("#4B2A7B")) + rb"\nBT"  # text drawn in the heading purple
    assert re.search(purple_text, content(library / "output" / "TEST-01-v1.0-a4.pdf"))
    assert not re.search(purple_text, content(pdf))  # large print: black on white


THEME_ERRORS = [
    ('colours:\n  text: "#BBBBBB"\n', 2, "theme.contrast", "below the 4.5:1"),
    ('colours:\n  heading: "#D0D0D0"\n', 2, "theme.contrast", "3.0:1"),
    ('colours:\n  text: red\n', 2, "theme.colour", '"#00707F"'),
    ("logo: missing.png\n", 1, "theme.asset-path", "not in"),
    ("font:\n  regular: f.otf\n  bold: f.otf\n  italic: f.otf\n  bold_italic: f.otf\n", 2,
     "theme.font-format", "cannot embed"),
    ("colour:\n  text: '#000000'\n", 1, "format.unknown-key", "did you mean 'colours'"),
    ("type:\n  scale: 0.8\n", 2, "format.type", "from 1.0 to 1.3"),
    ("cover:\n  logo_position: top\n", 2, "theme.cover", "use one of"),
]


@pytest.mark.parametrize("text, line, code, words", THEME_ERRORS)
def test_theme_errors_at_their_line(library, text, line, code, words):
    found = [d for d in problems(theme_file(library, text)) if d.code == code]
    assert found, code
    assert found[0].span.line == line and words in str(found[0])
    assert str(found[0]).startswith(f"{library / 'theme.yaml'}:{line}:")


def test_cff_font_is_refused_by_content_not_only_by_name(library):
    (library / "assets" / "fonts").mkdir()
    for face in ("r", "b", "i", "bi"):
        (library / "assets" / "fonts" / f"{face}.ttf").write_bytes(b"OTTO" + b"\0" * 100)
    found = problems(theme_file(library, """\
        font: {regular: fonts/r.ttf, bold: fonts/b.ttf, italic: fonts/i.ttf, bold_italic: fonts/bi.ttf}
    """))
    assert {d.code for d in found} == {"theme.font-format"}


def test_broken_theme_stops_the_build_with_exit_1(library, monkeypatch):
    theme_file(library, 'colours:\n  text: "#EEEEEE"\n')
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    result = run_cli("build")
    assert result.exit_code == 1
    assert "theme.yaml:2:9: error:" in result.output
    assert not (library / "output").exists()


def test_named_theme_from_themes_folder(library, monkeypatch):
    (library / "themes").mkdir()
    shutil.copy(EXAMPLE / "theme.yaml", library / "themes" / "northfield.yaml")
    shutil.copytree(EXAMPLE / "assets", library / "assets", dirs_exist_ok=True)
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build", "--theme", "northfield").exit_code == 0
    assert "Lato" in tool("pdffonts", str(library / "output" / "TEST-01-v1.0-a4.pdf"))
    result = run_cli("build", "--theme", "nosuch")
    assert result.exit_code == 1 and "themes here: northfield" in result.output
