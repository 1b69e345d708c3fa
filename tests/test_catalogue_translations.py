"""Translations in the nurses' catalogue: each master's card lists its translations by the
language's own name, with lang and dir, their files and versions, and flags the ones that
translate an older version; a nurse filters by language and finds a leaflet by its
translated words. The page as written (HTML) and in Debian's Chromium (Playwright)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from PIL import Image

from conftest import opened_page, visible_cards, write_leaflet
from leafletgen.build import BuildOptions
from leafletgen.catalogue import CatalogueEntry, manifest_entries, write_catalogue
from leafletgen.catalogue.cards import fold, language
from leafletgen.load import load_leaflet
from leafletgen.manifest import Manifest
from test_catalogue import Node, Tree, build_library, cards

TODAY = dt.date(2026, 12, 1)
OPTIONS = BuildOptions(formats=("a4", "a5"))
SCREENSHOT_DIR = os.environ.get("LEAFLETGEN_SCREENSHOT_DIR", "")

PAIN = """\
    id: PAIN-01
    title: Managing pain at home
    series: Living with cancer
    order: 1
    version: "1.1"
    published: 2026-01-10
    review: 2027-06-10
    owner: Pain team
    summary: How to take your pain medicine, and when to ask for help.
    sections:
      - heading: Pain medicine
        body:
          - Take your pain medicine at the times your nurse told you.
    """
PAIN_AR = """\
    id: PAIN-01-AR
    title: التعامل مع الألم في المنزل
    language: ar
    translation_of: PAIN-01
    source_version: "1.1"
    version: "1.0"
    published: 2026-02-01
    review: 2027-06-10
    owner: Pain team
    summary: كيف تأخذ دواء الألم ومتى تطلب المساعدة.
    sections:
      - heading: دواء الألم
        body:
          - تناول دواء الألم في الأوقات التي أخبرتك بها الممرضة.
    """
PAIN_PL = """\
    id: PAIN-01-PL
    title: Radzenie sobie z bólem w domu
    language: pl
    translation_of: PAIN-01
    source_version: "1.0"
    version: "1.0"
    published: 2026-01-20
    review: 2027-06-10
    owner: Pain team
    summary: Jak przyjmować leki przeciwbólowe i kiedy prosić o pomoc.
    sections:
      - heading: Leki przeciwbólowe
        body:
          - Przyjmuj leki przeciwbólowe o porach wskazanych przez pielęgniarkę.
    """
BONES = """\
    id: BONE-01
    title: Looking after your bones
    version: "1.0"
    published: 2026-01-10
    review: 2027-01-10
    owner: Bone health team
    sections:
      - heading: Strong bones
        body:
          - Walking and food with calcium help to keep bones strong.
    """
# A Welsh translation of a leaflet the catalogue does not have (the build refuses one whose
# master is not in the library; a caller of write_catalogue may give one all the same).
HANDS_CY = """\
    id: HAND-01-CY
    title: Golchi eich dwylo
    language: cy
    translation_of: HAND-01
    source_version: "2.0"
    version: "1.0"
    published: 2026-01-10
    review: 2027-01-10
    owner: Infection prevention team
    sections:
      - heading: Sut i olchi eich dwylo
        body:
          - Gwlychwch eich dwylo a defnyddiwch sebon.
    """


def library_words(root: Path, tag: str) -> None:
    """The library's own catalogue of the tool's words for a language (the template's words,
    left in English): a leaflet needs one to be built in a language the tool has no words
    for, and these tests are about the catalogue page, not the words on the PDF."""
    with (resources.files("leafletgen") / "assets" / "locale" / "leafletgen.pot").open("rb") as file:
        words = read_po(file)
    for message in words:
        if message.id:
            message.string = message.id
    folder = root / "locale" / tag / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "leafletgen.po", "wb") as file:
        write_po(file, words)


def make_library(root: Path, leaflets: dict[str, str]) -> Path:
    (root / "assets").mkdir(parents=True, exist_ok=True)
    for tag in ("ar", "pl", "cy"):
        library_words(root, tag)
    for name, text in leaflets.items():
        write_leaflet(root, name, text)
    result, _ = build_library(root, options=OPTIONS)
    assert not result.failures, result.failures
    return root / "output"


@pytest.fixture(scope="module")
def translated(tmp_path_factory) -> Path:
    """A master at 1.1 with an Arabic translation of 1.1 and a Polish one of 1.0 (out of
    date), and an English leaflet with none."""
    root = tmp_path_factory.mktemp("translated")
    out = make_library(root, {"pain.yaml": PAIN, "translations/pain-ar.yaml": PAIN_AR,
                              "translations/pain-pl.yaml": PAIN_PL, "bones.yaml": BONES})
    return out / "index.html"  # as the build wrote it, from its manifest


@pytest.fixture(scope="module")
def root(translated) -> Node:
    return Tree(translated.read_text(encoding="utf-8")).root


def translations(card: Node) -> dict[str, Node]:
    return {li.attrs["id"].removeprefix("translation-"): li for li in card.all("li", "translation")}


def test_language_names_are_the_languages_own():
    assert [language(tag).name for tag in ("ar", "pl", "cy", "zh-Hans", "en")] == [
        "العربية", "Polski", "Cymraeg", "中文 (简体)", "English"]
    assert [language(tag).label for tag in ("ar", "pl", "en")] == [
        "العربية (Arabic)", "Polski (Polish)", "English"]
    assert [language(tag).dir for tag in ("ar", "ur", "he", "pl", "zh-Hans")] == [
        "rtl", "rtl", "rtl", "ltr", "ltr"]
    # The filter names a language without its region: en-GB and en are both "English".
    assert language("en-GB").name == "English (United Kingdom)"
    assert (language("en-GB").key, language("en-GB").for_filter.label) == ("en", "English")
    assert language("zh-Hans-CN").key == "zh-hans"
    assert language("qaa").name == "qaa"  # a tag CLDR does not know is its own name


def test_a_masters_card_lists_its_translations_by_their_own_names(root, translated):
    assert set(cards(root)) == {"PAIN-01", "BONE-01"}  # no card of their own
    card = cards(root)["PAIN-01"]
    found = translations(card)
    assert list(found) == ["PAIN-01-AR", "PAIN-01-PL"]  # by English name: Arabic, Polish
    arabic, polish = found["PAIN-01-AR"], found["PAIN-01-PL"]
    assert (arabic.attrs["lang"], arabic.attrs["dir"]) == ("ar", "rtl")
    assert (polish.attrs["lang"], polish.attrs["dir"]) == ("pl", "ltr")
    assert arabic.all("strong", "lang-name")[0].content() == "العربية"
    assert polish.all("strong", "lang-name")[0].content() == "Polski"
    assert "(Arabic)" in arabic.content() and "(Polish)" in polish.content()
    assert "التعامل مع الألم في المنزل" in arabic.content()
    assert "version 1.0" in arabic.content() and "up to date with 1.1" in arabic.content()
    # Each links the translation's own files, and says so to a screen reader.
    links = {a.attrs["href"]: a for a in arabic.all("a", "button")}
    assert list(links) == ["PAIN-01-AR-v1.0-a4.pdf", "PAIN-01-AR-v1.0-a5.pdf"]
    assert all((translated.parent / href).is_file() for href in links)
    first = links["PAIN-01-AR-v1.0-a4.pdf"]
    assert first.attrs["hreflang"] == "ar" and (first.attrs["lang"], first.attrs["dir"]) == ("en", "ltr")
    [said] = first.all("span", "visually-hidden")
    assert said.all("span")[0].attrs == {"lang": "ar", "dir": "rtl"}
    # The English words inside an Arabic entry are marked English.
    english = [n for n in arabic.all() if n.attrs.get("lang") == "en"]
    assert english and all(n.attrs["dir"] == "ltr" for n in english)


def test_an_out_of_date_translation_is_flagged_in_words(root):
    card = cards(root)["PAIN-01"]
    found = translations(card)
    polish, arabic = found["PAIN-01-PL"], found["PAIN-01-AR"]
    assert "stale" in polish.attrs["class"].split() and "stale" not in arabic.attrs["class"].split()
    [flag] = polish.all("p", "badge-stale")
    assert flag.text == "Out of date: translates version 1.0; the English leaflet is now 1.1"
    assert flag.all("span", "icon")[0].attrs["aria-hidden"] == "true"
    assert (flag.attrs["lang"], flag.attrs["dir"]) == ("en", "ltr")
    assert not arabic.all("p", "badge-stale")
    assert "1 translation out of date." in root.all("header")[0].content()
    assert "translation out of date" in card.attrs["data-search"]  # typing "out of date" finds it
    assert "translation out of date" not in cards(root)["BONE-01"].attrs["data-search"]


def test_a_translation_without_its_master_has_a_card_of_its_own_flagged(tmp_path):
    """Its master failed to build, say: the translation is still there to give out."""
    leaflets = {name: load_leaflet(write_leaflet(tmp_path, name, text)) for name, text in
                (("bones.yaml", BONES), ("hands-cy.yaml", HANDS_CY))}
    library_words(tmp_path, "cy")
    write_catalogue(tmp_path, [CatalogueEntry(x, {}, {}) for x in leaflets.values()], {}, TODAY)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    root = Tree(html).root
    card = cards(root)["HAND-01-CY"]
    assert card.all("h3")[0].attrs == {"lang": "cy", "dir": "ltr"}
    [flag] = card.all("p", "badge-stale")
    assert flag.text == "Translation of HAND-01, which is not in this catalogue"
    facts = card.all("dl")[0].content()
    assert '<dt>Language</dt><dd><span lang="cy" dir="ltr">Cymraeg</span> (Welsh)</dd>' in html
    assert "Translates HAND-01, version 2.0" in facts
    # Its group is "Other leaflets", as any leaflet without a series.
    other = [g for g in root.all("section", "group") if g.attrs["id"] == "other-leaflets"]
    assert [c.attrs["id"] for c in other[0].all("li", "card")] == ["leaflet-HAND-01-CY", "leaflet-BONE-01"]


def test_the_language_filter_offers_the_languages_there_are(root):
    [select] = root.all("select")
    [label] = [n for n in root.all("label") if n.attrs.get("for") == select.attrs["id"]]
    assert label.content() == "Language"
    options = [(o.attrs["value"], o.content()) for o in select.all("option")]
    assert options == [("", "All languages"), ("ar", "العربية (Arabic)"), ("en", "English"),
                       ("pl", "Polski (Polish)")]
    assert cards(root)["PAIN-01"].attrs["data-langs"] == "en ar pl"
    assert cards(root)["BONE-01"].attrs["data-langs"] == "en"


def test_the_masters_search_text_has_its_translations_words(root):
    text = cards(root)["PAIN-01"].attrs["data-search"]
    assert "radzenie sobie z bolem w domu" in text  # folded: no accents, lower case
    assert fold("التعامل مع الألم في المنزل") in text and "pain-01-pl" in text
    assert fold("الألم") == "الالم"  # the hamza is a mark: folded away, as the page's script does


def test_an_english_only_library_has_no_language_filter(tmp_path):
    """en and en-GB are one language to a nurse: nothing to choose between."""
    out = make_library(tmp_path, {"bones.yaml": BONES,
                                  "pain.yaml": PAIN.replace("order: 1", "language: en-GB")})
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<select" not in html and 'data-langs="en"' in html


def test_a_translation_of_a_translation_is_shown_on_its_own(tmp_path):
    """Built from entries, as any caller of write_catalogue may give them."""
    leaflet = load_leaflet(write_leaflet(tmp_path, "pain.yaml", PAIN))
    arabic = replace(leaflet, id="PAIN-01-AR", language="ar", translation_of="PAIN-01",
                     source_version="1.1", title="التعامل مع الألم في المنزل")
    chained = replace(arabic, id="PAIN-01-AR-2", translation_of="PAIN-01-AR", source_version="1.0")
    entries = [CatalogueEntry(x, {}, {}) for x in (leaflet, arabic, chained)]
    write_catalogue(tmp_path, entries, {}, TODAY)
    root = Tree((tmp_path / "index.html").read_text(encoding="utf-8")).root
    assert set(cards(root)) == {"PAIN-01", "PAIN-01-AR-2"}
    assert "which is itself a translation" in cards(root)["PAIN-01-AR-2"].content()
    assert cards(root)["PAIN-01-AR-2"].all("h3")[0].attrs == {"lang": "ar", "dir": "rtl"}
    # A translation without files says so inside its entry, in English.
    [entry] = translations(cards(root)["PAIN-01"]).values()
    [none] = entry.all("p", "no-files")
    assert none.attrs == {"class": "no-files", "lang": "en", "dir": "ltr"}
    # A year on, both are past their review date: the translation says so too, and counts.
    write_catalogue(tmp_path, entries, {}, dt.date(2027, 12, 1))
    root = Tree((tmp_path / "index.html").read_text(encoding="utf-8")).root
    [entry] = translations(cards(root)["PAIN-01"]).values()
    assert entry.all("p", "badge-overdue")[0].attrs["lang"] == "en"
    assert "3 leaflets past their review date." in root.all("header")[0].content()


def test_the_manifest_brings_what_each_leaflet_translates(translated):
    """The build writes the catalogue from its manifest alone, parsing no leaflet again."""
    out = translated.parent
    entries, _ = manifest_entries(Manifest.read(out), out)
    found = {e.leaflet.id: (e.leaflet.translation_of, e.leaflet.source_version) for e in entries}
    assert found == {"PAIN-01": ("", ""), "PAIN-01-AR": ("PAIN-01", "1.1"),
                     "PAIN-01-PL": ("PAIN-01", "1.0"), "BONE-01": ("", "")}


# In the browser ---------------------------------------------------------------------------

@pytest.fixture
def page(browser, translated):
    with opened_page(browser, translated, 1000) as opened:
        yield opened


def shown_translations(page, card: str) -> list[str]:
    """The card's translations in the order the page has them (the order Tab follows)."""
    return page.eval_on_selector_all(f"#{card} .translation", "els => els.map(e => e.id)")


def test_filtering_by_language_shows_the_leaflets_in_it(page):
    from playwright.sync_api import expect

    status = page.locator("#search-status")
    everything = {"leaflet-PAIN-01", "leaflet-BONE-01"}
    assert visible_cards(page) == everything
    language = page.get_by_label("Language", exact=True)
    language.select_option(label="Polski (Polish)")
    expect(status).to_have_text("1 of 2 leaflets is available in Polski (Polish)")
    assert visible_cards(page) == {"leaflet-PAIN-01"}
    expect(page.locator("#other-leaflets")).to_be_hidden()  # the group with none goes
    expect(page.locator(".series-nav")).to_be_hidden()
    # The Polish translation first, above the English leaflet's own facts and buttons.
    assert shown_translations(page, "leaflet-PAIN-01") == ["translation-PAIN-01-PL",
                                                           "translation-PAIN-01-AR"]
    assert page.evaluate("""() => {
        const chosen = document.querySelector('#translation-PAIN-01-PL');
        const own = document.querySelector('#leaflet-PAIN-01 .facts');
        return chosen.classList.contains('chosen') &&
               !!(chosen.compareDocumentPosition(own) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    language.select_option("en")
    expect(status).to_have_text("2 of 2 leaflets are available in English")
    assert visible_cards(page) == everything
    language.select_option("")
    expect(status).to_have_text("2 leaflets")
    expect(page.locator(".series-nav")).to_be_visible()
    assert visible_cards(page) == everything
    assert shown_translations(page, "leaflet-PAIN-01") == ["translation-PAIN-01-AR",
                                                           "translation-PAIN-01-PL"]
    # Back where it was written: after the master's own facts.
    assert page.evaluate("""() => !!(document.querySelector('#leaflet-PAIN-01 .facts')
        .compareDocumentPosition(document.querySelector('#leaflet-PAIN-01 .translations'))
        & Node.DOCUMENT_POSITION_FOLLOWING)""")


def test_the_language_filter_works_with_the_search_and_the_keyboard(page):
    from playwright.sync_api import expect

    status = page.locator("#search-status")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.type("bones")
    expect(status).to_have_text("1 of 2 leaflets matches \u201cbones\u201d")
    page.keyboard.press("Tab")  # the clear button, then the language list
    page.keyboard.press("Tab")
    expect(page.locator("#language")).to_be_focused()
    page.keyboard.press("ArrowDown")  # العربية (Arabic), the first after "All languages"
    expect(page.locator("#language")).to_have_value("ar")
    expect(status).to_have_text("No leaflet in العربية (Arabic) matches \u201cbones\u201d")
    expect(page.locator("#no-results")).to_be_visible()
    page.locator("#search").fill("pain medicine")
    expect(status).to_have_text(
        "1 of 2 leaflets in العربية (Arabic) matches \u201cpain medicine\u201d")
    assert visible_cards(page) == {"leaflet-PAIN-01"}
    # The focus shows on the list as on every other control.
    page.locator("#language").focus()
    assert page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"


def test_search_finds_a_leaflet_by_its_translated_title(page):
    from playwright.sync_api import expect

    search = page.get_by_label("Search the leaflets")
    for query in ("Radzenie sobie z bólem", "radzenie bolem domu", "الألم في المنزل"):
        search.fill(query)
        expect(page.locator("#search-status")).to_have_text(
            f"1 of 2 leaflets matches \u201c{query}\u201d")
        assert visible_cards(page) == {"leaflet-PAIN-01"}, query
    search.fill("out of date")  # the masters with a translation to bring up to date
    assert visible_cards(page) == {"leaflet-PAIN-01"}


def test_the_browser_sets_each_entry_in_its_own_direction(page):
    def direction(selector: str) -> str:
        return page.eval_on_selector(selector, "el => getComputedStyle(el).direction")

    assert direction("#translation-PAIN-01-AR") == "rtl"
    assert direction("#translation-PAIN-01-PL") == "ltr"
    assert direction("#translation-PAIN-01-AR .lang-name") == "rtl"
    assert direction("#translation-PAIN-01-AR a.button") == "ltr"  # "A4 leaflet" is English
    assert direction("#translation-PAIN-01-AR .badge, #translation-PAIN-01-PL .badge") == "ltr"
    assert page.eval_on_selector("#translation-PAIN-01-AR", "el => el.lang") == "ar"
    # Right to left: the language's name starts at the entry's right edge.
    box = page.locator("#translation-PAIN-01-AR").bounding_box()
    name = page.locator("#translation-PAIN-01-AR .lang-name").bounding_box()
    assert box["x"] + box["width"] - (name["x"] + name["width"]) < 20
    assert name["x"] - box["x"] > 100
    # The stale flag is there to see: amber, not hidden.
    flag = page.locator("#translation-PAIN-01-PL .badge-stale")
    assert flag.is_visible()
    assert flag.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 184, 28)"


@pytest.mark.parametrize("width, language", [(1280, ""), (375, "pl")])
def test_screenshots(browser, translated, tmp_path, width, language):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(translated.as_uri())
    if language:
        page.select_option("#language", language)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    path = tmp_path / f"catalogue-translations-{width}px{'-' + language if language else ''}.png"
    page.screenshot(path=str(path), full_page=True)
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SCREENSHOT_DIR) / path.name)
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width == width
        assert len(image.getcolors(1 << 16) or range(1 << 16)) > 20
    context.close()


def test_nothing_is_fetched_from_outside_the_folder(page, translated):
    page.select_option("#language", "ar")
    page.get_by_label("Search the leaflets").fill("الألم")
    folder = translated.parent.as_uri() + "/"
    assert page.requests and all(url.startswith(folder) for url in page.requests), page.requests
    assert re.search(r"^file://", page.url)


def test_a_translation_brought_up_to_date_loses_its_flag(translated, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(translated.parent.parent, root)
    polish = root / "leaflets" / "translations" / "pain-pl.yaml"
    polish.write_text(polish.read_text(encoding="utf-8").replace(
        'source_version: "1.0"', 'source_version: "1.1"'), encoding="utf-8")
    build_library(root, options=OPTIONS)
    page = Tree((root / "output" / "index.html").read_text(encoding="utf-8")).root
    assert not page.all("p", "badge-stale")
