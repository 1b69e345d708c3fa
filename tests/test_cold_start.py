"""A command in a fresh process imports only what it needs: --help no ReportLab, one A4
leaflet no process pool, PDF editor, rasteriser, SVG parser or HTTP client, and only the
font faces it sets text in. (Speed itself is measured by bench/run.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from xml.sax import saxutils

import pytest

from conftest import REPO, SAMPLE
from leafletgen import inline

# What building one A4 leaflet without a catalogue must not import.
NOT_FOR_ONE_A4 = ("pikepdf", "pypdfium2", "svglib", "lxml", "concurrent.futures.process",
                  "multiprocessing", "urllib.request", "babel", "leafletgen.build.index")


def modules_after(code: str, cache, *args: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running code."""
    script = code + "\nimport json, sys; print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          cwd=REPO, env={"PYTHONPATH": ":".join(sys.path),
                                         "LEAFLETGEN_CACHE_DIR": str(cache)})
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


CLI = "import sys; from leafletgen.cli import main\ntry: main(sys.argv[1:])\nexcept SystemExit: pass"


def test_help_imports_no_reportlab(tmp_path):
    loaded = modules_after(CLI, tmp_path, "--help")
    assert not {m for m in loaded if m.split(".")[0] in ("reportlab", "yaml", "PIL")}


def test_one_a4_leaflet_imports_nothing_it_does_not_use(tmp_path):
    args = ("build", str(SAMPLE), "--format", "a4", "--no-catalogue", "--jobs", "1", "-q")
    modules_after(CLI, tmp_path / "cache", *args, "--out", str(tmp_path / "warm"))  # art kept
    loaded = modules_after(CLI, tmp_path / "cache", *args, "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "SBC-01-v1.0-a4.pdf").is_file()
    assert not {m for m in loaded for name in NOT_FOR_ONE_A4
                if m == name or m.startswith(name + ".")}


def test_only_the_faces_a_document_uses_are_read(tmp_path):
    code = ("from leafletgen.load import load_leaflet; from leafletgen.produce import "
            "produce, BuildOptions; from reportlab.pdfbase import pdfmetrics\n"
            f"produce(load_leaflet({str(SAMPLE)!r}), 'a4', BuildOptions())\n"
            "assert sorted(pdfmetrics.getRegisteredFontNames()) == "
            "['NotoSans', 'NotoSans-Bold'], pdfmetrics.getRegisteredFontNames()")
    modules_after(code, tmp_path)  # raises on a failed assert: no JSON on stderr


def test_an_unread_face_is_read_when_asked_for_and_keeps_its_family():
    from reportlab.lib.fonts import ps2tt, tt2ps
    from reportlab.pdfbase import pdfmetrics

    from leafletgen import fonts

    fonts.register_fonts()
    assert pdfmetrics.getFont(fonts.BOLD_ITALIC).fontName == fonts.BOLD_ITALIC
    assert tt2ps(fonts.FAMILY, 1, 1) == fonts.BOLD_ITALIC and tt2ps(fonts.FAMILY, 1, 0) == fonts.BOLD
    assert ps2tt(fonts.BOLD_ITALIC) == (fonts.FAMILY.lower(), 1, 1)
    with pytest.raises(KeyError):
        pdfmetrics.getFont("NoSuchFont")  # anything else is still ReportLab's to refuse


TRICKY = ["", "plain", "a & b < c > d", "&amp; already", 'say "hi"', "it's", "both ' and \"",
          "tab\there\nline\rreturn", "<a href='x'>&</a>", "ünïcödé ✓ العربية"]


@pytest.mark.parametrize("text", TRICKY)
def test_inlines_escaping_is_saxutils_to_the_character(text):
    assert inline.escape(text) == saxutils.escape(text)
    assert inline.quoteattr(text) == saxutils.quoteattr(text)
