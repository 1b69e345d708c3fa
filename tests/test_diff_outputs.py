"""`leafletgen diff` outputs on real files: the review copy (PDF), the visual page diff, and
REV:path read from a scratch git repository holding a real edit of the sample leaflet."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from conftest import SAMPLE, page_texts, run_cli, tool, write_leaflet
from leafletgen.diff.markup import BAR_GAP, CHANGE
from leafletgen.diff.visual import changed_pixels
from leafletgen.formats import FORMATS
from test_diff import BASE, edited

SAMPLE_NAME = "leaflets/what-is-secondary-breast-cancer.yaml"


def flat(text: str) -> str:
    return " ".join(text.split())


def review(library: Path, old_text: str, new_text: str) -> tuple[object, Path]:
    old = write_leaflet(library, "old.yaml", old_text)
    new = write_leaflet(library, "new.yaml", new_text)
    out = library / "review.pdf"
    return run_cli("diff", str(old), str(new), "--out", str(out)), out


# ---------------------------------------------------------------- the review copy
@pytest.fixture(scope="module")
def word_review(tmp_path_factory):
    library = tmp_path_factory.mktemp("review")
    (library / "leaflets").mkdir()
    after = BASE[BASE.index("  - heading: After"):BASE.index("quick_guide:")]
    new = edited(("of water the day", "of fluids the day"),
                 ("highlight: [lungs, liver]", "highlight: [lungs, kidneys]"),
                 (after, "  - heading: Eating well\n    body:\n      - Eat small meals often.\n"))
    result, out = review(library, BASE, new)
    assert result.exit_code == 1, result.output
    assert f"wrote {out}" in result.stdout
    return out


def test_review_summary_page(word_review):
    first = flat(page_texts(word_review)[0])
    assert "Review copy \u00b7 not for patients" in first
    assert "Version 1.1 (published 1 February 2026) compared with version 1.0 (published " \
           "10 January 2026)." in first
    assert "Old (version 1.0) New (version 1.1)" in first
    assert "version 1.0 1.1" in first and "published 10 January 2026 1 February 2026" in first
    assert "Words 12 inserted, 26 deleted" in first
    assert "Sections 4 touched (2 edited, 1 added, 1 removed)" in first
    assert "Eating well added" in first and "After treatment removed; was \u00a73" in first


def test_review_shows_inserted_and_deleted_words(word_review):
    marked = flat(" ".join(page_texts(word_review)[1:]))
    assert "Drink plenty of water fluids the day before." in marked  # struck, then inserted
    assert "Eating well Added. Eat small meals often." in marked
    assert "After treatment Removed; was \u00a73." in marked
    assert "Call us at once if your temperature is 38 degrees or more." in marked
    assert "Highlighted regions added: kidneys" in marked
    assert "Highlighted regions removed: liver" in marked


def test_review_carries_both_versions_on_every_page(word_review):
    pages = [flat(text) for text in page_texts(word_review)]
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert ("Review copy \u00b7 version 1.1 compared with version 1.0 (published 10 January "
                "2026)") in text
        assert "Version 1.1 \u00b7 Published 1 February 2026" in text
        assert f"Page {number} of {len(pages)}" in text


def test_review_uses_only_our_fonts(word_review):
    rows = tool("pdffonts", str(word_review)).splitlines()[2:]
    assert rows
    for row in rows:
        assert "NotoSans" in row.split()[0], row
        assert "Helvetica" not in row


def bar_pixels(pdf: Path, page_index: int) -> int:
    """Pixels of the change-bar colour in a thin column of the left margin."""
    scale = 1.0
    image = pypdfium2.PdfDocument(pdf)[page_index].render(scale=scale).to_pil().convert("RGB")
    x = round((FORMATS["a4"].page.margin_side - BAR_GAP) * scale)
    column = image.crop((x - 2, 0, x + 3, image.height))
    colour = tuple(int(CHANGE[i:i + 2], 16) for i in (1, 3, 5))
    data = column.tobytes()
    pixels = (data[i:i + 3] for i in range(0, len(data), 3))
    return sum(1 for pixel in pixels if all(abs(a - b) < 40 for a, b in zip(pixel, colour)))


def test_change_bars_beside_changes_only(word_review, tmp_path):
    marked_pages = range(1, len(page_texts(word_review)))
    assert sum(bar_pixels(word_review, i) for i in marked_pages) > 100
    (tmp_path / "leaflets").mkdir()
    result, unchanged = review(tmp_path, BASE, BASE)
    assert result.exit_code == 0
    assert sum(bar_pixels(unchanged, i) for i in range(1, len(page_texts(unchanged)))) == 0


def test_review_escapes_markup_characters(library):
    new = edited(("of water the day", "of water & <juice> the day"))
    result, out = review(library, BASE, new)
    assert result.exit_code == 1, result.output
    assert "Drink plenty of water & <juice> the day before." in flat(" ".join(page_texts(out)))


# ---------------------------------------------------------------- the visual diff
def test_visual_diff_flags_exactly_the_changed_page(library, tmp_path):
    """A word changed on one page of the three-page sample; every stamp changes (new
    version and date), and is masked."""
    text = SAMPLE.read_text(encoding="utf-8")
    sentence = "The cancer cells may also spread to the brain but this is not common."
    assert sentence in flat(text)
    new = text.replace("but this is not common.", "but this is not usual.").replace(
        'version: "1.0"', 'version: "1.1"').replace("published: 2026-11-24",
                                                    "published: 2026-12-01")
    old_path = library / "old.yaml"  # outside leaflets/: two versions of one id in a library clash
    old_path.write_text(text, encoding="utf-8")
    new_path = write_leaflet(library, "new.yaml", new)
    built = run_cli("build", str(new_path), "--out", str(tmp_path / "built"))
    assert built.exit_code == 0, built.output
    pages = [flat(t) for t in page_texts(next((tmp_path / "built").glob("*-a4.pdf")))]
    assert len(pages) >= 2
    changed = [n for n, t in enumerate(pages, 1) if "this is not usual." in t]
    assert len(changed) == 1

    folder = tmp_path / "visual"
    result = run_cli("diff", str(old_path), str(new_path), "--visual", str(folder))
    assert result.exit_code == 1, result.output
    listing = json.loads((folder / "changes.json").read_text())
    statuses = {page["page"]: page["status"] for page in listing["pages"]}
    assert statuses == {n: "changed" if n in changed else "unchanged"
                        for n in range(1, len(pages) + 1)}
    assert f"  page {changed[0]}: changed (" in result.stdout
    assert (folder / "changes.txt").read_text().splitlines()[0].startswith("Visual diff (a4")
    for n in range(1, len(pages) + 1):
        assert Image.open(folder / f"page-{n:03d}.png").size[0] == 827  # A4 at 100 dpi
    assert f"1 of {len(pages)} pages looks different (changed: {changed[0]})" in result.stdout


def test_visual_diff_added_page(library, tmp_path):
    filler = "\n".join(f"      - This is paragraph {n} of a long new section, added to make "
                       "the leaflet run onto another page. " * 3 for n in range(14))
    new = edited(("quick_guide:", f"  - heading: More to read\n    body:\n{filler}\n"
                                  "quick_guide:"))
    old = write_leaflet(library, "old.yaml", BASE)
    new_path = write_leaflet(library, "new.yaml", new)
    result = run_cli("diff", str(old), str(new_path), "--visual", str(tmp_path / "v"))
    pages = json.loads((tmp_path / "v" / "changes.json").read_text())["pages"]
    last = pages[-1]["page"]
    assert pages[-1]["status"] == "added" and pages[0]["status"] == "changed"
    assert f"  page {last}: added" in result.stdout
    assert f"added: {last})" in result.stdout
    assert Image.open(tmp_path / "v" / f"page-{last:03d}.png").size[0] == 827


def test_tolerance_ignores_anti_aliasing_noise():
    page = Image.new("RGB", (200, 300), "white")
    noisy = page.point(lambda v: v - 30)  # every pixel a little darker
    assert changed_pixels(page, noisy, 0).histogram()[255] == 0
    inked = page.copy()
    inked.paste((0, 0, 0), (50, 50, 60, 60))
    assert changed_pixels(page, inked, 0).histogram()[255] == 100
    assert changed_pixels(page, inked, 260).histogram()[255] == 0  # inside the masked strip


# ---------------------------------------------------------------- REV:path from git
def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch content library under git, holding the sample as committed version 1.0."""
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "assets").mkdir()
    shutil.copy(SAMPLE, tmp_path / SAMPLE_NAME)
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Test Reviewer")
    git(tmp_path, "config", "user.email", "reviewer@example.org")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Version 1.0")
    return tmp_path


def real_edit(text: str) -> str:
    """What an author does for version 1.1: words, a list item, a body map, the history."""
    for old, new in [
        ('version: "1.0"', 'version: "1.1"'), ("published: 2026-11-24", "published: 2027-03-01"),
        ("review: 2028-11-24", "review: 2029-03-01"),
        ("form a new\n        tumour.", "form a new\n        growth."),
        ("          - the lungs\n", "          - the lungs\n          - the skin\n"),
        ("highlight: [lymph_nodes, bones, liver, lungs, brain]\n          caption",
         "highlight: [lymph_nodes, bones, liver, lungs, skin]\n          caption"),
        ("history:\n", 'history:\n  - version: "1.1"\n    date: 2027-03-01\n'
                       "    changes: Added the skin to where breast cancer spreads.\n"),
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_real_edit_of_the_sample_from_git(repo, monkeypatch):
    monkeypatch.chdir(repo)
    path = repo / SAMPLE_NAME
    path.write_text(real_edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli("diff", f"HEAD:{SAMPLE_NAME}", SAMPLE_NAME, "--out", "review.pdf",
                     "--visual", "pages")
    assert result.exit_code == 1, result.output
    out = result.stdout.splitlines()
    assert out[0] == (f"--- HEAD:{SAMPLE_NAME}  (SBC-01 version 1.0, published 24 November "
                      "2026)")
    assert "  review     24 November 2028 \u2192 1 March 2029" in out
    assert "  ~ \u00a71 What secondary breast cancer is   [edited]" in out
    assert ("      \u2026 the body and form a new [-tumour-]{+growth+}. This is called a "
            "metastasis \u2026") in out
    assert "      \u2022 {+the skin+}" in out
    assert ('  ~ section 3 "Where breast cancer cells can spread to", body map (front): '
            "highlighted {+skin+} [-brain-]") in out
    assert result.stderr == ""  # version raised, history updated
    marked = flat(" ".join(page_texts(repo / "review.pdf")[1:]))
    assert "form a new tumour growth. This is called" in marked
    assert "• the lungs • the skin" in marked
    listing = json.loads((repo / "pages" / "changes.json").read_text())
    assert any(page["status"] == "changed" for page in listing["pages"])


def test_revision_problems_name_the_revision(repo, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / SAMPLE_NAME).write_text("id: SBC-01\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    result = run_cli("diff", f"HEAD:{SAMPLE_NAME}", f"HEAD~1:{SAMPLE_NAME}")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"HEAD:{SAMPLE_NAME}:1:1: error: the leaflet needs the field")
    assert "/tmp" not in result.stderr


def test_picture_from_git_and_a_layout_only_change(repo, monkeypatch):
    """The old picture comes from the revision, not the working tree: a redrawn picture
    under the same name is found, by the report and on the page."""
    monkeypatch.chdir(repo)
    (repo / "assets" / "images").mkdir()
    picture = repo / "assets" / "images" / "clinic.png"
    Image.new("RGB", (120, 80), (200, 30, 30)).save(picture)
    path = repo / SAMPLE_NAME
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - heading: More information\n    body:\n",
        "  - heading: More information\n    body:\n      - image:\n"
        "          file: images/clinic.png\n          alt: The clinic.\n"), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "A picture")
    Image.new("RGB", (120, 80), (30, 30, 200)).save(picture)
    result = run_cli("diff", f"HEAD:{SAMPLE_NAME}", SAMPLE_NAME, "--visual", "pages")
    assert result.exit_code == 1, result.output
    assert "      the picture file images/clinic.png itself has changed" in result.stdout
    listing = json.loads((repo / "pages" / "changes.json").read_text())
    assert [p["status"] for p in listing["pages"]].count("changed") == 1
