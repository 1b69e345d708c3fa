"""Every script a patient reads (issue 15, left-to-right scripts and symbols): each
character is drawn in a font that has it, shaped where its script needs it, extracts as
the characters written, and one that no font has is refused at its line and column."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import yaml
from fontTools.ttLib import TTFont

from conftest import run_cli, tool, write_leaflet
from leafletgen import direction, scripts
from leafletgen.load import fallback_cover

SCREEN = ("a4", "a5", "quick", "large")
REFERENCES = Path(__file__).parent / "references"

# Short leaflets of health sentences, one per language (an example library of its own):
# Bengali, Hindi, Panjabi, Gujarati, Tamil, Polish, Welsh, and English with the symbols a
# leaflet uses and words of other scripts.
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scripts" / "leaflets"
SOURCES = {yaml.safe_load(path.read_text(encoding="utf-8"))["language"]: path
           for path in sorted(EXAMPLES.glob("*.yaml"))}


RIGHT_TO_LEFT = ("ar", "ur", "fa")


def leaflet_yaml(language: str) -> str:
    return SOURCES[language].read_text(encoding="utf-8")


def fields(language: str) -> tuple:
    """(title, summary, heading, paragraph, list items) of the example leaflet."""
    data = yaml.safe_load(leaflet_yaml(language))
    section = data["sections"][0]
    return (data["title"], data["summary"], section["heading"], section["body"][0],
            tuple(section["body"][1]["list"]))


def expected_texts(language: str) -> list[str]:
    """What a reader sees of each paragraph, markup removed."""
    title, summary, heading, paragraph, items = fields(language)
    return [re.sub(r"[*_]", "", t) for t in (title, summary, heading, paragraph, *items)]


def squashed(text: str) -> str:
    """NFKC, no whitespace and no bidi controls: extractors place spaces differently."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    library = tmp_path_factory.mktemp("scripts")
    (library / "leaflets").mkdir()
    for language in SOURCES:
        write_leaflet(library, f"{language}.yaml", leaflet_yaml(language))
    result = subprocess.run(["python", "-m", "leafletgen", "build", "--format",
                             ",".join(SCREEN), "--quiet"], cwd=library, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return library / "output"


def pdf_of(output: Path, language: str, fmt: str) -> Path:
    leaflet_id = yaml.safe_load(leaflet_yaml(language))["id"]
    return output / f"{leaflet_id}-v1.0-{fmt}.pdf"


@pytest.mark.parametrize("language", SOURCES)
@pytest.mark.parametrize("fmt", SCREEN)
def test_every_paragraph_extracts_as_written_by_two_extractors(built, language, fmt):
    """pdftotext for every language; pdfium too for left-to-right ones (it reorders a
    right-to-left line at its breaks, even in Typst's correct files)."""
    pdf = pdf_of(built, language, fmt)
    poppler = squashed(tool("pdftotext", str(pdf), "-"))
    document = pypdfium2.PdfDocument(str(pdf))
    pdfium = squashed("".join(page.get_textpage().get_text_range() for page in document))
    texts = expected_texts(language)
    for text in [texts[0], texts[3]] if fmt == "quick" else texts:  # the guide's title, point
        assert squashed(text) in poppler, (fmt, text)
        if language not in RIGHT_TO_LEFT:
            assert squashed(text) in pdfium, (fmt, text)


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_numbers_and_addresses_in_right_to_left_text_keep_their_order(built, language):
    """On the page, left to right, as written; and extracted as written."""
    pdf = pdf_of(built, language, "a4")
    words = re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>', tool("pdftotext", "-bbox",
                                                                       str(pdf), "-"))
    x = {word: float(left) for left, word in words}
    assert x["0161"] < x["555"] < x["0142"]
    assert "0161 555 0142" in tool("pdftotext", str(pdf), "-")
    if "@" in fields(language)[3]:
        assert "nurses@example.org" in tool("pdftotext", str(pdf), "-")


@pytest.mark.parametrize("language", SOURCES)
def test_no_glyph_is_missing_and_the_files_stay_pdf_ua(built, language):
    from test_accessibility import page_validation_failures, pdfua_failures

    for fmt in SCREEN:
        pdf = pdf_of(built, language, fmt)
        assert notdef_codes(pdf) == [], fmt
        assert page_validation_failures(pdf) == [] and pdfua_failures(pdf) == [], fmt
        assert "Tagged:          yes" in tool("pdfinfo", str(pdf))


def notdef_codes(pdf: Path) -> list[tuple[str, str]]:
    """(font, character) of each character drawn with a font that has no glyph for it
    (drawn as .notdef: an empty box, or nothing). The codes each text operator shows,
    the ToUnicode of the subset they are shown in says which character each stands for,
    and the shipped font file it was cut from says whether it has that character.
    Private-use characters are shaped glyphs (ligatures), which have no character."""
    found = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font, code in shown_codes(page.obj):
                face = str(font.BaseFont).split("+")[-1]
                ch = to_unicode(font).get(code)
                if ch is None:  # ReportLab shows a character its font lacks as code 0
                    found.append((face, f"code {code}"))
                elif not 0xE000 <= ord(ch[0]) <= 0xF8FF and ord(ch[0]) not in \
                        shipped_cover(face):
                    found.append((face, ch))
    return sorted(set(found))


def shown_codes(holder):
    """(font, code) of every character code shown by the content of a page or form."""
    fonts = holder.get("/Resources", {}).get("/Font", {})
    font = None  # only embedded TrueType subsets have a ToUnicode: no base-14 font is used
    for operands, operator in pikepdf.parse_content_stream(holder):
        if str(operator) == "Tf":
            font = fonts.get(str(operands[0]))
            font = font if font is not None and "/ToUnicode" in font else None
        elif str(operator) in ("Tj", "'", '"', "TJ") and font is not None:
            strings = operands[-1] if str(operator) == "TJ" else [operands[-1]]
            for item in strings:
                if isinstance(item, pikepdf.String):
                    yield from ((font, code) for code in bytes(item))
    for xobject in holder.get("/Resources", {}).get("/XObject", {}).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form:
            yield from shown_codes(xobject)


def to_unicode(font) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("ascii")
    return {int(code, 16): bytes.fromhex(text).decode("utf-16-be")
            for code, text in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4,})>", cmap)}


def shipped_cover(face: str) -> set[int]:
    """The characters of the shipped font whose PostScript name is face."""
    return shipped_fonts()[face]


@functools.cache
def shipped_fonts() -> dict[str, set[int]]:
    fonts = Path(scripts.script_dir().parent)
    found = {}  # and the test's own fallback font
    for path in [*fonts.glob("*.ttf"), *fonts.glob("scripts/*.ttf"), *FIXTURE_FONTS.glob("*.ttf")]:
        font = TTFont(path, lazy=True)
        found[font["name"].getDebugName(6)] = set(font.getBestCmap())
    return found


def test_the_notdef_finder_finds_a_missing_glyph(tmp_path):
    """The check above fails on a file that draws a character its font lacks."""
    from reportlab.pdfgen.canvas import Canvas

    from leafletgen.fonts import REGULAR, register_fonts

    register_fonts()
    path = tmp_path / "blank.pdf"
    canvas = Canvas(str(path))
    canvas.setFont(REGULAR, 12)
    canvas.drawString(72, 720, "a \u4e73 b")  # a CJK character Noto Sans does not have
    canvas.save()
    assert notdef_codes(path) != []


def test_symbols_and_scripts_use_their_faces(built):
    fonts = tool("pdffonts", str(pdf_of(built, "en", "a4")))
    for face in ("NotoSansMath", "NotoSansSymbols2", "NotoSansBengali", "NotoSansDevanagari",
                 "NotoSansGurmukhi", "NotoSansGujarati", "NotoSansTamil"):
        assert face in fonts, face
    assert "Type 3" not in fonts and "Type 1" not in fonts


@pytest.mark.parametrize("language", SOURCES)
def test_the_page_looks_as_reviewed(built, tmp_path, language):
    """Page 1 in A4, against a rendering made once and looked at (every script drawn, the
    right-to-left ones right-aligned, no empty boxes)."""
    from PIL import Image, ImageChops

    document = pypdfium2.PdfDocument(str(pdf_of(built, language, "a4")))
    page = document[0].render(scale=60 / 72).to_pil().convert("L")
    name = f"scripts-{language}-a4-1.png"
    reference = Image.open(REFERENCES / name).convert("L")
    assert page.size == reference.size
    diff = ImageChops.difference(page, reference)
    changed = sum(diff.histogram()[65:])  # pixels more than a quarter off
    if changed > page.size[0] * page.size[1] * 0.002:
        diff.save(tmp_path / name.replace(".png", ".diff.png"))
        page.save(tmp_path / name)
        pytest.fail(f"{changed} pixels differ from {name}: see {tmp_path}")


def build_english_with(library: Path, summary_start: str, monkeypatch):
    """Build the English leaflet with its summary starting with these words."""
    write_leaflet(library, "odd.yaml", leaflet_yaml("en").replace(
        'summary: "Take', f'summary: "{summary_start} Take'))
    monkeypatch.chdir(library)
    return run_cli("build", "--format", "a4")


def test_a_character_no_font_has_is_refused_where_it_is_written(library, monkeypatch):
    result = build_english_with(library, "Ask for 한국어 or 𝄞.", monkeypatch)
    assert result.exit_code == 1
    assert ("leaflets/odd.yaml:8:19: error: no font can draw '한' (U+D55C HANGUL SYLLABLE "
            "HAN, script Hangul)") in result.output
    assert "'𝄞' (U+1D11E MUSICAL SYMBOL G CLEF, script Common)" in result.output
    assert "[format.character]" in result.output
    assert not list(library.glob("output/*.pdf"))
    checked = run_cli("check", "leaflets/odd.yaml")
    assert checked.exit_code == 1 and "[format.character]" in checked.output


def test_emoji_are_refused_with_words_to_use_instead(library, monkeypatch):
    result = build_english_with(library, "Smile \U0001F600.", monkeypatch)
    assert result.exit_code == 1
    assert "emoji cannot be printed (write it in words) [format.character]" in result.output


def test_a_file_does_not_depend_on_what_the_process_built_before(built, library, monkeypatch):
    """Shaped glyphs without a character of their own get codes by glyph id, not in the
    order a process meets them: Hindi built alone is byte-identical to Hindi built after
    the English leaflet (which shapes other Devanagari words first)."""
    write_leaflet(library, "hi.yaml", leaflet_yaml("hi"))
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4", "--jobs", "1").exit_code == 0
    alone = (library / "output" / "LANG-HI-v1.0-a4.pdf").read_bytes()
    assert alone == pdf_of(built, "hi", "a4").read_bytes()


def pdf_lines(pdf: Path) -> list[list[str]]:
    """Each line of page 1 as its words from left to right (pdftotext's layout of it)."""
    layout = tool("pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-")
    lines = []
    for line in re.findall(r"<line[^>]*>(.*?)</line>", layout, re.S):
        words = re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>', line)
        lines.append([word for _, word in sorted(words, key=lambda w: float(w[0]))])
    return lines


def chromium_order(browser, text: str) -> list[str]:
    """The words of a right-to-left paragraph from left to right, as Chromium sets it."""
    page = browser.new_page()
    try:
        spans = " ".join(f"<span>{word}</span>" for word in text.split())
        page.set_content(f'<p dir="rtl" style="font: 12pt sans-serif; width: 2000px">{spans}</p>')
        placed = page.evaluate("[...document.querySelectorAll('span')].map("
                               "s => [s.textContent, s.getBoundingClientRect().left])")
    finally:
        page.close()
    return [word for word, _ in sorted(placed, key=lambda w: w[1])]


def letters(word: str) -> str:
    return "".join(ch for ch in word if ch.isalnum())


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_right_to_left_lines_put_their_words_where_chromium_does(built, browser, language):
    """The one-line paragraphs of the page (the summary, the heading, the list items):
    the words left to right, compared with Chromium's setting of the same text."""
    # -bbox-layout gives a right-to-left word's letters as they lie, right to left
    lines = [[letters(w)[::-1] if direction.has_right_to_left(w) else letters(w) for w in line]
             for line in pdf_lines(pdf_of(built, language, "a4"))]
    _, summary, heading, _, items = fields(language)
    for text in (summary, heading, *items):
        expected = [letters(w) for w in chromium_order(browser, text)]
        assert [w for w in expected if w] in [[w for w in line if w] for line in lines], text


def test_check_reads_other_scripts_by_their_own_words_and_sentences(library, monkeypatch):
    """No reading age (the formulas are for English), but sentence lengths are checked,
    with the danda ending a Bengali sentence and vowel signs inside its words."""
    from leafletgen.lint.text import sentences, words

    assert words("আপনার যদি জ্বর থাকে তবে ফোন করুন।") == ["আপনার", "যদি", "জ্বর", "থাকে", "তবে",
                                                      "ফোন", "করুন"]
    assert words("استخوان\u200cها کبد") == ["استخوان\u200cها", "کبد"]
    assert sentences("এই পাতায় তথ্য আছে। ফোন করুন।") == ["এই পাতায় তথ্য আছে।", "ফোন করুন।"]
    assert sentences("这是第一句。这是第二句。") == ["这是第一句。", "这是第二句。"]
    long = " ".join(["জ্বর"] * 30) + "।"
    write_leaflet(library, "bn.yaml", leaflet_yaml("bn").replace(
        "      - list:", f'      - "{long}"\n      - list:'))
    monkeypatch.chdir(library)
    result = run_cli("check", "leaflets/bn.yaml")
    assert "not measured: SMOG and Flesch-Kincaid are formulas for English" in result.output
    assert "sentence of 30 words" in result.output and "[readability.sentence-length]" in \
        result.output
    assert "[plain-english." not in result.output


@pytest.mark.parametrize("language, old, new", [("ar", "اتصل بنا", "اتصلوا بنا"),
                                                ("bn", "আমাদের ফোন", "আমাদের এখনই ফোন")])
def test_diff_marks_the_words_changed_in_other_scripts(library, monkeypatch, language, old, new):
    write_leaflet(library, "old.yaml", leaflet_yaml(language))
    write_leaflet(library, "new.yaml", leaflet_yaml(language).replace(old, new).replace(
        'version: "1.0"', 'version: "1.1"'))
    monkeypatch.chdir(library)
    result = run_cli("diff", "leaflets/old.yaml", "leaflets/new.yaml", "--out", "review.pdf")
    assert result.exit_code == 1  # changes
    inserted = set(new.split()) - set(old.split())
    assert all(f"{{+{word}+}}" in result.output for word in inserted), result.output
    review = squashed(tool("pdftotext", str(library / "review.pdf"), "-"))
    assert squashed(new) in review


def test_chinese_lines_break_between_characters_never_before_a_closing_mark(library,
                                                                          monkeypatch):
    sentence = "癌细胞可能会通过血液或淋巴系统扩散到身体的其他部位，例如骨骼、肝脏或肺部。"
    write_leaflet(library, "zh.yaml", leaflet_yaml("zh-Hans").replace(
        "      - list:", f'      - "{sentence * 6}"\n      - list:'))
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4,a5").exit_code == 0
    for fmt in ("a4", "a5"):
        text = tool("pdftotext", str(library / "output" / f"LANG-ZH-v1.0-{fmt}.pdf"), "-")
        lines = [line for line in text.splitlines() if re.search("[\u4e00-\u9fff]", line)]
        assert len([line for line in lines if "癌细胞" in line or "部位" in line]) > 3
        assert not [line for line in lines if line[:1] in "。，、？！：；）"], fmt
        assert squashed(sentence * 6) in squashed(text)


FIXTURE_FONTS = Path(__file__).parent / "fixtures" / "fonts"
ARMENIAN = "Հայերեն"  # a script the tool ships no face for


def test_a_theme_s_fallback_fonts_draw_what_the_shipped_ones_cannot(library, monkeypatch):
    """Armenian, with Noto Sans Armenian as the library theme's fallback font: built,
    embedded and extracted; without the theme, refused at its line."""
    write_leaflet(library, "hy.yaml", leaflet_yaml("en").replace(
        'summary: "Take', f'summary: "In Armenian: {ARMENIAN}. Take'))
    monkeypatch.chdir(library)
    refused = run_cli("build", "--format", "a4")
    assert refused.exit_code == 1 and "leaflets/hy.yaml:8:" in refused.output
    assert "script Armenian" in refused.output and "fallback_fonts" in refused.output
    (library / "assets" / "fonts").mkdir(parents=True)
    shutil.copy(FIXTURE_FONTS / "NotoSansArmenian-Regular.ttf", library / "assets" / "fonts")
    (library / "theme.yaml").write_text(
        "fallback_fonts:\n  - fonts/NotoSansArmenian-Regular.ttf\n", encoding="utf-8")
    fallback_cover.cache_clear()  # the loader reads the theme once per library and process
    built = run_cli("build", "--format", "a4,large")
    assert built.exit_code == 0, built.output
    for fmt in ("a4", "large"):
        pdf = library / "output" / f"LANG-EN-v1.0-{fmt}.pdf"
        assert "NotoSansArmenian" in tool("pdffonts", str(pdf))
        assert notdef_codes(pdf) == []
        assert ARMENIAN in tool("pdftotext", str(pdf), "-")
    # Built with another theme, which lacks the font: refused, never drawn as blanks.
    (library / "themes").mkdir()
    (library / "themes" / "plain.yaml").write_text("organisation: Plain\n", encoding="utf-8")
    other = run_cli("build", "--format", "a4", "--theme", "plain", "--out", "plain")
    assert other.exit_code == 1 and "leaflets/hy.yaml:1:1: error: no font of this build can " \
        "draw 'Հ'" in other.output and "[format.character]" in other.output
    assert not list(library.glob("plain/*.pdf"))


def test_a_right_to_left_leaflet_sets_every_paragraph_right_to_left(library, monkeypatch):
    """In an Arabic leaflet, a paragraph that opens with "CT scan" is right-to-left too:
    right-aligned, the Arabic words after the English term on the left of it."""
    write_leaflet(library, "ar.yaml", leaflet_yaml("ar").replace(
        "      - list:", '      - "CT scan هو فحص بالأشعة."\n      - list:'))
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4").exit_code == 0
    layout = tool("pdftotext", "-bbox-layout", str(library / "output" / "LANG-AR-v1.0-a4.pdf"),
                  "-")
    line = next(line for line in re.findall(r"<line[^>]*>(.*?)</line>", layout, re.S)
                if ">CT<" in line)
    x = {word: float(left) for left, word in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>',
                                                         line)}
    assert x["CT"] > max(value for word, value in x.items() if word not in ("CT", "scan"))
    right = [float(v) for v in re.findall(r'xMax="([\d.]+)"', line)]
    assert max(right) > 500  # right-aligned on A4 (the frame ends near 538 pt)


def test_a_word_longer_than_the_line_is_never_cut_inside_its_clusters(tmp_path):
    """ReportLab cuts a too-long word between glyphs (inside a conjunct), and its text
    goes with it; a shaped word is kept whole."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from leafletgen.fonts import REGULAR, register_fonts

    register_fonts()
    word = "ক্যান্সার" * 8
    path = tmp_path / "long.pdf"
    style = ParagraphStyle("p", fontName=REGULAR, fontSize=14, leading=22)
    SimpleDocTemplate(str(path), leftMargin=200, rightMargin=200).build(
        [Paragraph(f"a {word} b", style)])
    assert word in tool("pdftotext", str(path), "-")


@pytest.mark.parametrize("language", ["bn", "hi", "ar", "ur"])
def test_shaped_elements_say_their_words_as_written(built, language):
    """A screen reader reads a structure element's /ActualText: for a paragraph with shaped
    text, its characters in logical order (not the glyphs, nor right-to-left runs as they
    lie on the page)."""
    spoken = []
    with pikepdf.open(pdf_of(built, language, "a4")) as document:
        stack = list(document.Root.StructTreeRoot.K)
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Dictionary) and "/S" in element:
                if "/ActualText" in element:
                    spoken.append(str(element.ActualText))
                kids = element.get("/K")
                stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    title, summary, heading, paragraph, _ = fields(language)
    for text in (title, summary, heading, paragraph):
        assert text in spoken, text
