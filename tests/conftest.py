"""Shared fixtures: a scratch content library and PDF readers for real output."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from leafletgen.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "leaflets" / "what-is-secondary-breast-cancer.yaml"

MINIMAL = """\
id: TEST-01
title: A test leaflet
version: "1.0"
published: 2026-01-10
review: 2027-01-10
owner: Test team
sections:
  - heading: First section
    body:
      - Some text.
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """An empty content library: leaflets/ and assets/ side by side."""
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "assets").mkdir()
    return tmp_path


def write_leaflet(library: Path, name: str, text: str) -> Path:
    path = library / "leaflets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_cli(*args: str):
    """Invoke the CLI in-process; use monkeypatch.chdir for a working folder."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(pdf).pages]


def tool(*args: str) -> str:
    """Run a poppler/qpdf command; these are installed by .ci/run."""
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is not installed (see .ci/run)")
    return subprocess.run(args, capture_output=True, text=True, check=False).stdout


@pytest.fixture(scope="session")
def sample_a4(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "SBC-01-v1.0-a4.pdf"


# Debian's Chromium, driven by Playwright (never a browser of Playwright's own): the
# catalogue's browser tests, and right-to-left lines set as a browser sets them.
CHROMIUM = os.environ.get("LEAFLETGEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: pip install '.[test]' (see .ci/run)")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is not at {CHROMIUM}: apt-get install chromium (see .ci/run)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@contextlib.contextmanager
def opened_page(browser, html: Path, height: int):
    """A catalogue page in a fresh browser context, 1280 px wide; page.requests lists every
    address it asked for (nothing may come from outside its folder)."""
    context = browser.new_context(viewport={"width": 1280, "height": height})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(html.as_uri())
    try:
        yield page
    finally:
        context.close()


def visible_cards(page) -> set[str]:
    return set(page.eval_on_selector_all(
        ".card", "cards => cards.filter(c => c.offsetParent !== null).map(c => c.id)"))
