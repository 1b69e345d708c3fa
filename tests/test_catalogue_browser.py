"""The catalogue in a real browser: headless Chromium (Debian's package) driven by Playwright.

Opened from file:// as a nurse would from a shared drive: search as you type, keyboard use,
a phone-width screen, and following a link to a PDF that exists. .ci/run installs Chromium
and Playwright; when either is missing these tests fail, they are never skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from PIL import Image

from conftest import SAMPLE, opened_page, visible_cards, write_leaflet
from leafletgen.build import BuildOptions, build

# Set this to a folder to keep the screenshots, for a person to look at.
SCREENSHOT_DIR = os.environ.get("LEAFLETGEN_SCREENSHOT_DIR", "")

BONES = """\
    id: BONE-01
    title: Looking after your bones
    series: Living with cancer
    version: "1.0"
    published: 2026-01-10
    review: 2027-01-10
    owner: Bone health team
    summary: How to keep your bones strong.
    sections:
      - heading: Strong bones
        body:
          - Walking and food with calcium help to keep bones strong.
    """
HANDS = """\
    id: HAND-01
    title: Washing your hands
    version: "1.0"
    published: 2024-01-10
    review: 2025-01-10
    owner: Infection prevention team
    sections:
      - heading: How to wash your hands
        body:
          - steps:
              - Wet your hands and use soap.
    """


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    """The sample leaflet and two small ones, built to A4 and A5, with the build's catalogue."""
    library = tmp_path_factory.mktemp("library")
    write_leaflet(library, "bones.yaml", BONES)
    shutil.copy(SAMPLE, library / "leaflets" / SAMPLE.name)
    (library / "assets").mkdir()
    write_leaflet(library, "hands.yaml", HANDS)
    out = library / "output"
    result = build([library / "leaflets"], BuildOptions(formats=("a4", "a5")), out,
                   today=dt.date(2026, 12, 1))
    assert not result.failures, result.failures
    return out / "index.html"


@pytest.fixture
def page(browser, index):
    with opened_page(browser, index, 900) as opened:
        yield opened


def status(page):
    return page.locator("#search-status")


def screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SCREENSHOT_DIR) / path.name)
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width == page.viewport_size["width"]
        assert len(image.getcolors(1 << 16) or range(1 << 16)) > 20  # a real page, not a blank one
    return path


def test_typing_filters_the_cards(page, tmp_path):
    from playwright.sync_api import expect

    assert visible_cards(page) == {"leaflet-SBC-01", "leaflet-BONE-01", "leaflet-HAND-01"}
    expect(status(page)).to_have_text("3 leaflets")
    page.get_by_label("Search the leaflets").press_sequentially("bone")
    expect(status(page)).to_have_text("2 of 3 leaflets match \u201cbone\u201d")
    # The sample mentions cancer in the bones in its text; the bone leaflet in its title.
    assert visible_cards(page) == {"leaflet-SBC-01", "leaflet-BONE-01"}
    expect(page.locator("#other-leaflets")).to_be_hidden()  # the group with no match goes
    screenshot(page, tmp_path, "catalogue-search-bone")
    page.get_by_label("Search the leaflets").press_sequentially(" calcium")
    expect(status(page)).to_have_text("1 of 3 leaflets matches \u201cbone calcium\u201d")
    assert visible_cards(page) == {"leaflet-BONE-01"}
    page.keyboard.press("Escape")
    expect(status(page)).to_have_text("3 leaflets")
    assert len(visible_cards(page)) == 3
    page.get_by_label("Search the leaflets").fill("zebra")
    expect(page.locator("#no-results")).to_be_visible()
    assert visible_cards(page) == set()


def test_search_finds_ids_series_and_overdue_reviews(page):
    from playwright.sync_api import expect

    search = page.get_by_label("Search the leaflets")
    for query, expected in (("hand-01", {"leaflet-HAND-01"}), ("Living WITH", {"leaflet-BONE-01"}),
                            ("overdue", {"leaflet-HAND-01"}), ("", None)):
        search.fill(query)
        if expected is None:
            expect(status(page)).to_have_text("3 leaflets")
        else:
            expect(status(page)).to_contain_text("of 3 leaflets match")
            assert visible_cards(page) == expected, query
    badge = page.locator("#leaflet-HAND-01 .badge-overdue")
    expect(badge).to_have_text("!Review overdue")


def test_the_page_works_from_the_keyboard(page):
    from playwright.sync_api import expect

    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.type("BONE-01")
    expect(status(page)).to_have_text("1 of 3 leaflets matches \u201cBONE-01\u201d")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Clear search")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#search")).to_be_focused()
    expect(page.locator("#search")).to_have_value("")
    expect(status(page)).to_have_text("3 leaflets")
    visited = []
    while len(visited) < 10 and not visited[-1:] == ["button"]:  # the series links, then a button
        page.keyboard.press("Tab")
        visited.append(page.evaluate("(e => e.classList.contains('button') ? 'button' : e.textContent)"
                                     "(document.activeElement)"))
    assert visited[:3] == ["Living with cancer", "Secondary breast cancer", "Other leaflets"], visited
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("A4 leaflet: Looking after your bones"), focused
    # The focus is visible: the focused button turns yellow.
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 235, 59)"


def test_following_a_link_opens_a_pdf_that_exists(page, index):
    page.get_by_label("Search the leaflets").fill("bones strong")
    link = page.locator("#leaflet-BONE-01").get_by_role("link", name=re.compile(r"^A4 leaflet"))
    target = Path(unquote(urlparse(link.evaluate("a => a.href")).path))
    assert target == index.parent / "BONE-01-v1.0-a4.pdf" and target.is_file()
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response.url == target.as_uri() and response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert page.url == target.as_uri()


def test_pictures_load_and_nothing_is_fetched_from_outside_the_folder(page, index):
    page.set_viewport_size({"width": 1280, "height": 4000})  # every lazy picture in view
    page.wait_for_function("[...document.images].every(i => i.complete)")
    widths = page.eval_on_selector_all(".thumb img", "imgs => imgs.map(i => i.naturalWidth)")
    assert widths == [240, 240, 240]
    folder = index.parent.as_uri() + "/"
    assert page.requests and all(url.startswith(folder) for url in page.requests), page.requests


@pytest.mark.parametrize("width", [375, 1280])
def test_readable_on_a_phone_and_a_desktop(browser, index, tmp_path, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(index.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    smallest = page.eval_on_selector_all(".button", "els => Math.min(...els.filter(e => e.offsetParent).map(e => e.offsetHeight))")
    assert smallest >= 44  # buttons big enough to tap
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size >= 16
    screenshot(page, tmp_path, f"catalogue-{width}px")
    context.close()
