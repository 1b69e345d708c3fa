"""Right-to-left pages (issue 16), measured on real output with `pdftotext -bbox`: in an
Arabic leaflet the lines end at the right margin, bullets and numbers are at the right of
their items, note bars and table columns are mirrored, the stamp reads from the right,
and the booklet is bound on the right. An English twin of the leaflet, built alongside,
keeps the left-to-right layout."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, run_cli, tool, write_leaflet
from leafletgen.direction import has_right_to_left
from leafletgen.formats import FORMATS
from leafletgen.messages import words_for

NORTHFIELD = REPO / "examples" / "northfield" / "theme.yaml"  # its logo goes on the right

ARABIC = """\
id: RTL-AR
title: "موعدك الأول في عيادة الثدي"
series: Breast clinic
order: 2
language: ar
version: "1.1"
published: 2027-03-01
review: 2029-03-01
owner: Breast care nurse specialists
summary: "تخبرك هذه النشرة بما يحدث في موعدك الأول."
sections:
  - heading: "قبل موعدك"
    body:
      - "تخبرك رسالة الموعد بالتاريخ والوقت والمكان الذي يجب أن تذهب إليه. يرجى إخبارنا إذا كنت بحاجة إلى مترجم أو مساعدة للوصول إلى هنا."
      - steps:
          - "اكتب أي أسئلة تريد طرحها."
          - "اكتب قائمة بالأدوية التي تتناولها."
      - note: "يرجى الحضور قبل موعدك بخمس عشرة دقيقة."
      - list:
          - "غرفة هادئة إذا احتجت إليها"
          - "حلقة سمعية"
      - bodymap:
          view: front
          highlight: [breast, liver]
          labels:
            breast: "الصدر"
            liver: "الكبد"
          alt: "رسم للجسم من الأمام مع تحديد الثديين والكبد."
quick_guide:
  points:
    - "أحضر رسالة موعدك وقائمة بأدويتك."
    - "احضر قبل موعدك بخمس عشرة دقيقة."
contacts:
  - name: "ممرضات رعاية الثدي"
    phone: "0123 456 7890"
history:
  - version: "1.1"
    date: 2027-03-01
    changes: "أضفنا المدخل بدون درجات."
  - version: "1.0"
    date: 2026-11-24
    changes: "النسخة الأولى."
"""

ENGLISH = """\
id: LTR-EN
title: Your first appointment at the breast clinic
series: Breast clinic
order: 1
language: en-GB
version: "1.1"
published: 2027-03-01
review: 2029-03-01
owner: Breast care nurse specialists
summary: This leaflet tells you what happens at your first appointment.
sections:
  - heading: Before your appointment
    body:
      - Your appointment letter tells you the date, the time and where to go. Please tell us if you need an interpreter or help getting here.
      - steps:
          - Write down any questions you want to ask.
          - Make a list of the medicines you take.
      - note: Please arrive 15 minutes before your appointment time.
      - list:
          - a quiet room if you need one
          - a hearing loop
quick_guide:
  points:
    - Bring your appointment letter and a list of your medicines.
    - Arrive 15 minutes early.
contacts:
  - name: Breast care nurses
    phone: "0123 456 7890"
history:
  - version: "1.1"
    date: 2027-03-01
    changes: Added the clinic's step-free access.
  - version: "1.0"
    date: 2026-11-24
    changes: First version.
"""


@dataclass(frozen=True)
class Word:
    text: str  # as written: pdftotext gives a right-to-left word's letters from the left
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]

    def find(self, text: str) -> list[Word]:
        return [word for word in self.words if word.text == text]

    def lines(self) -> list[list[Word]]:
        """Words on one line (a line's fonts differ in height, not in their middle), each
        line from the left, top line first."""
        lines: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: w.middle):
            if lines and abs(lines[-1][0].middle - word.middle) < 2:
                lines[-1].append(word)
            else:
                lines.append([word])
        return [sorted(line, key=lambda w: w.x0) for line in lines]

    def line_of(self, word: Word) -> list[Word]:
        return next(line for line in self.lines() if word in line)

    def highest(self, text: str) -> Word:
        return min(self.find(text), key=lambda w: w.y0)


def page(pdf: Path, number: int) -> Page:
    out = tool("pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(pdf), "-")
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    words = []
    for x0, y0, x1, y1, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                                           r'xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out):
        text = html.unescape(text)
        words.append(Word(text[::-1] if has_right_to_left(text) else text,
                          float(x0), float(y0), float(x1), float(y1)))
    return Page(float(size.group(1)), float(size.group(2)), words)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    library = tmp_path_factory.mktemp("rtl")
    (library / "leaflets").mkdir()
    write_leaflet(library, "arabic.yaml", ARABIC)
    write_leaflet(library, "english.yaml", ENGLISH)
    out = library / "output"
    result = run_cli("build", str(library / "leaflets"), "--out", str(out), "--format", "all",
                     "--theme", str(NORTHFIELD), "--no-catalogue", "-j", "1")
    assert result.exit_code == 0, result.output
    return out


def margins(fmt: str) -> tuple[float, float]:
    """x of the left and right margins of a format's page."""
    geometry = FORMATS[fmt].page
    return geometry.margin_side, geometry.page_size[0] - geometry.margin_side


def pdf(out: Path, leaflet: str, fmt: str) -> Path:
    return out / f"{leaflet}-v1.1-{fmt}.pdf"


FIRST_PARAGRAPH = ("تخبرك رسالة الموعد بالتاريخ والوقت والمكان الذي يجب أن تذهب إليه. يرجى "
                   "إخبارنا إذا كنت بحاجة إلى مترجم أو مساعدة للوصول إلى هنا.")


@pytest.mark.parametrize("fmt", ["a4", "a5", "large"])
def test_body_lines_end_at_the_right_margin(built, fmt):
    first = page(pdf(built, "RTL-AR", fmt), 1)
    left, right = margins(fmt)
    paragraph = set(FIRST_PARAGRAPH.split())
    lines = [line for line in first.lines() if {w.text for w in line} <= paragraph]
    assert len(lines) >= 2, [[w.text for w in line] for line in first.lines()]
    for line in lines:
        assert line[-1].x1 == pytest.approx(right, abs=1)
        assert line[0].x0 >= left - 1
    heading = first.find("موعدك")[0]  # the title's, right of the logo mirrored to the left
    assert heading.x1 == pytest.approx(right, abs=1)


def _bullets(p: Page) -> list[Word]:
    return [w for w in p.words if w.text == "\u2022" or re.fullmatch(r"\.\d+|\d+\.", w.text)
            and w.y1 < p.height * 0.8]


@pytest.mark.parametrize("fmt", ["a4", "a5", "large", "quick"])
def test_bullets_and_numbers_are_at_the_right_of_their_items(built, fmt):
    first = page(pdf(built, "RTL-AR", fmt), 1)
    left, right = margins(fmt)
    bullets = _bullets(first)
    assert len(bullets) >= (2 if fmt == "quick" else 4), [w.text for w in first.words]
    for bullet in bullets:
        assert bullet.x1 == pytest.approx(right, abs=1)  # flush with the column's edge
        item = [w for w in first.line_of(bullet) if w is not bullet]
        assert item and max(w.x1 for w in item) < bullet.x0
    if fmt != "quick":  # numbered right to left: the full stop left of the number
        assert [w.text for w in bullets if w.text != "\u2022"] == [".1", ".2"]


@pytest.mark.parametrize("fmt", ["a4", "quick"])
def test_english_bullets_stay_on_the_left(built, fmt):
    first = page(pdf(built, "LTR-EN", fmt), 1)
    left, _ = margins(fmt)
    bullets = _bullets(first)
    assert bullets
    for bullet in bullets:
        assert bullet.x0 == pytest.approx(left, abs=1)
        item = [w for w in first.line_of(bullet) if w is not bullet]
        assert min(w.x0 for w in item) > bullet.x1


def test_note_box_is_mirrored(built):
    """The note's text keeps the same room from the bar's side of the box, which is the
    right in Arabic and the left in English."""
    left, right = margins("a4")
    arabic = page(pdf(built, "RTL-AR", "a4"), 1)
    english = page(pdf(built, "LTR-EN", "a4"), 1)
    note_end = arabic.line_of(arabic.highest("الحضور"))[-1].x1  # "to come", in the note
    note_start = english.line_of(english.highest("arrive"))[0].x0
    assert right - note_end == pytest.approx(note_start - left, abs=0.5)
    assert right - note_end > 10


def test_stamp_reads_from_the_right(built):
    left, right = margins("a4")
    first = page(pdf(built, "RTL-AR", "a4"), 1)
    stamp = [line for line in first.lines() if line[0].y0 > first.height - 62][0]
    title = [w for w in stamp if w.text in {"موعدك", "(RTL-AR)"}]
    assert max(w.x1 for w in title) == pytest.approx(right, abs=1)
    number = words_for("ar")("Page {page} of {pages}", page=1, pages=2).split()
    numbered = [w for w in stamp if w.text in number]
    assert len(numbered) == len(number)
    assert min(w.x0 for w in numbered) == pytest.approx(left, abs=1)
    assert max(w.x1 for w in numbered) < min(w.x0 for w in title)
    english = page(pdf(built, "LTR-EN", "a4"), 1)
    stamp = [line for line in english.lines() if line[0].y0 > english.height - 62][0]
    assert stamp[0].text == "Your" and stamp[0].x0 == pytest.approx(left, abs=1)
    assert stamp[-1].x1 == pytest.approx(right, abs=1)  # "Page 1 of 1"


def _last_page(path: Path) -> Page:
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(path))).group(1))
    return page(path, pages)


def test_history_table_columns_run_from_the_right(built):
    left, right = margins("a4")
    arabic = _last_page(pdf(built, "RTL-AR", "a4"))
    version, changes = arabic.highest("1.1"), arabic.highest("أضفنا")  # the stamp's is lower
    assert version.x1 == pytest.approx(right, abs=1)  # the first column, flush right
    row = arabic.line_of(version)
    dates = [w for w in row if w not in (version,) and w.x1 < version.x0 and w.x0 > changes.x1]
    assert dates, [w.text for w in row]  # the date between the version and the changes
    header = arabic.line_of(arabic.highest(words_for("ar")("Version")))
    assert header[-1].text == words_for("ar")("Version")
    english = _last_page(pdf(built, "LTR-EN", "a4"))
    version, changes = english.highest("1.1"), english.highest("Added")
    assert version.x0 == pytest.approx(left, abs=1) and changes.x0 > version.x1


def _halves(sheet: Page) -> tuple[int, int]:
    """The page numbers on the left and right halves of an imposed sheet side, read from
    each page's stamp (its top line holds page N of M)."""
    numbers = []
    for half in (0, 1):
        words = [w for w in sheet.words if (w.x0 >= sheet.width / 2) == bool(half)
                 and w.y0 > sheet.height - 45]
        top = min(w.middle for w in words)
        digits = {int(w.text) for w in words if w.text.isdigit() and abs(w.middle - top) < 2}
        numbers.append(min(digits - {4}) if digits - {4} else 4)
    return numbers[0], numbers[1]


def test_booklet_is_bound_on_the_right(built):
    booklet = pdf(built, "RTL-AR", "booklet")
    sheets = [page(booklet, n) for n in (1, 2)]
    assert [_halves(sheet) for sheet in sheets] == [(1, 4), (3, 2)]
    assert sheets[0].highest("موعدك").x1 < sheets[0].width / 2  # the title on the left half
    english = pdf(built, "LTR-EN", "booklet")
    assert [_halves(page(english, n)) for n in (1, 2)] == [(4, 1), (2, 3)]


def test_series_file_keeps_each_guides_direction(built):
    series = built / "series" / "breast-clinic-quick.pdf"
    guides = [page(series, n) for n in (1, 2)]
    english, arabic = guides  # ordered by `order`
    left, right = margins("quick")
    assert all(b.x0 == pytest.approx(left, abs=1) for b in _bullets(english))
    assert all(b.x1 == pytest.approx(right, abs=1) for b in _bullets(arabic))
    assert _bullets(english) and _bullets(arabic)


def test_body_map_labels_are_drawn_and_read_from_the_right(built):
    """Arabic labels are drawn (as canvastext draws a line: they were blank as Strings),
    and a label free to go either side (the breasts, a pair) takes the right column."""
    pages = [page(pdf(built, "RTL-AR", "a4"), n) for n in (1, 2)]
    labels = [w for p in pages for w in p.words if w.text in ("الصدر", "الكبد")]
    assert {w.text for w in labels} == {"الصدر", "الكبد"}
    from leafletgen.fonts import REGULAR
    from leafletgen.layout.bodymap import bodymap_drawing

    for right_to_left in (False, True):
        drawing = bodymap_drawing("front", ["breast"], {"breast": "الثدي"}, 400, 400, REGULAR,
                                  10, right_to_left=right_to_left)
        x0, _, x1, _ = drawing.label_boxes["breast"]
        assert (x0 > drawing.width / 2) if right_to_left else (x1 < drawing.width / 2)


def test_body_map_labels_use_the_theme_s_fallback_fonts(tmp_path):
    """A label in a script only the theme's fallback font has (Armenian) is measured and
    drawn in that font, not refused or left blank."""
    from leafletgen.fonts import REGULAR, register_fallbacks
    from leafletgen.layout.bodymap import bodymap_drawing

    fallbacks = register_fallbacks((str(REPO / "tests" / "fixtures" / "fonts" /
                                        "NotoSansArmenian-Regular.ttf"),))
    drawing = bodymap_drawing("front", ["liver"], {"liver": "Լյարդ"}, 400, 400, REGULAR, 10,
                              fallbacks=fallbacks)
    assert [(line[2], line[-1]) for line in drawing.script_labels] == [("Լյարդ", fallbacks)]


def test_saddle_stitch_order_bound_on_the_right():
    from leafletgen.render.impose import saddle_stitch_order

    assert saddle_stitch_order(8, right_to_left=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]
    assert saddle_stitch_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def _visual_lines(text: str) -> list[str]:
    """Each line of an Arabic paragraph as drawn, its pieces from left to right."""
    from reportlab.platypus.paragraph import Paragraph

    from leafletgen import direction
    from leafletgen.layout.styles import build_styles
    from leafletgen.load.theme import default_theme

    s = build_styles(FORMATS["a4"].page, False, default_theme(), "ar")
    paragraph = Paragraph(text, s.body)
    paragraph.wrap(400, 200)
    drawn = []
    record = direction._in_visual_order(
        lambda cur_x, tx, line, last, kind: drawn.append("".join(f.text for f in line.words)))
    for line in paragraph.blPara.lines:
        record(0, None, line, True, 1)
    return drawn


def test_brackets_in_right_to_left_text_are_mirrored(built, tmp_path):
    """Rule L4: a bracket in a right-to-left run is drawn as its mirror, so that "(CT)"
    and "(عضو كبير)" look as Chromium sets them; extractors still get the brackets as
    written (ActualText), in the order pdftotext gives for Chromium's own PDF."""
    def brackets(line: str) -> str:
        return "".join(ch for ch in line if ch in "()[]CT")

    assert [brackets(line) for line in _visual_lines("فحص بالأشعة (CT) في المستشفى.")] == \
        ["(CT)"]
    assert [brackets(line) for line in _visual_lines("الكبد (عضو كبير) [انظر الرسم].")] == \
        ["[]()"]  # from the left: "[انظر الرسم]" ... "(عضو كبير)" at the right
    library = tmp_path / "library"
    write_leaflet(library, "brackets.yaml", ARABIC.replace(
        FIRST_PARAGRAPH, "ستحتاج إلى فحص بالأشعة المقطعية (CT) في المستشفى."))
    result = run_cli("build", str(library / "leaflets"), "--out", str(tmp_path / "out"),
                     "--no-catalogue")
    assert result.exit_code == 0, result.output
    text = tool("pdftotext", str(pdf(tmp_path / "out", "RTL-AR", "a4")), "-")
    line = next(line for line in text.splitlines() if "CT" in line)
    assert brackets(line) == "()CT"  # as pdftotext reads Chromium's PDF of the line


class _Recording:
    """A canvas that notes what draw_string draws, and where."""

    _fontname, _fontsize = "", 0

    def __init__(self):
        self.drawn: list[tuple[float, str]] = []

    def setFont(self, name, size):
        self._fontname, self._fontsize = name, size

    def drawString(self, x, y, text):
        self.drawn.append((x, text))


@pytest.mark.parametrize("line, expected", [("موعدك الأول (RTL-AR)", "(RTL-AR)"),
                                            ("الكبد (الجزء الأيمن)", "()")])
def test_brackets_in_a_stamp_or_label_line_are_mirrored(line, expected):
    from leafletgen import canvastext, fonts

    fonts.register_fonts()
    canvas = _Recording()
    canvastext.draw_string(canvas, 0, 0, line, fonts.REGULAR, 10)
    drawn = "".join(text for _, text in sorted(canvas.drawn))
    assert "".join(ch for ch in drawn if ch.isascii() and ch != " ") == expected


@pytest.mark.parametrize("fmt", ["a4", "quick"])
def test_viewers_show_a_right_to_left_leaflets_pages_from_the_right(built, fmt):
    import pikepdf

    with pikepdf.open(pdf(built, "RTL-AR", fmt)) as arabic:
        assert arabic.Root.ViewerPreferences.Direction == "/R2L"
        assert arabic.Root.ViewerPreferences.DisplayDocTitle  # tagged: both kept
    with pikepdf.open(pdf(built, "LTR-EN", fmt)) as english:
        assert "/Direction" not in english.Root.ViewerPreferences
