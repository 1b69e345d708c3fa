"""The tool's own words in the reader's language (issue 16, part 2): whole catalogues for
every shipped language, dates from CLDR, no English furniture on a page in another
language, a library's own words, and a clear error for a language with no words."""

from __future__ import annotations

import gettext
import io
import re
import unicodedata
from pathlib import Path

import pikepdf
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from conftest import run_cli, tool, write_leaflet
from leafletgen import bodyart, messages

SRC = Path(messages.__file__).parent
CATALOGUES = sorted(SRC.glob("assets/locale/*/LC_MESSAGES/leafletgen.po"))
REQUIRED = ("cy", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it", "fa", "ckb",
            "ta", "zh_Hans")
# Every English word of the furniture: none may be on a page in another language.
ENGLISH_FURNITURE = ("Contact us", "Phone", "Email", "Open:", "Further reading", "Version",
                     "Published", "Review due", "Page ", "Changes", "About this leaflet",
                     "Quick guide", "Notes", "November", "Liver", "Lungs", "Bones")


def squashed(text: str) -> str:
    """No whitespace and no bidi controls: pdftotext marks right-to-left runs with them."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


def language_of(po: Path) -> str:
    return po.parent.parent.name


def places(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_the_issue_s_languages_are_all_shipped():
    assert set(REQUIRED) <= {language_of(po) for po in CATALOGUES}


@pytest.mark.parametrize("po", CATALOGUES, ids=language_of)
def test_each_catalogue_translates_every_message_with_its_places(po):
    template = messages.template_messages()
    catalogue = {m.id: m.string for m in read_po(po.open("rb")) if m.id}
    assert set(catalogue) == set(template)
    for message, wanted in template.items():
        assert catalogue[message].strip(), f"{language_of(po)}: '{message}' is not translated"
        assert places(catalogue[message]) == wanted, (language_of(po), message)
    assert messages.catalogue_problem(language_of(po).replace("_", "-")) == ""


@pytest.mark.parametrize("po", CATALOGUES, ids=language_of)
def test_each_mo_is_its_po_compiled(po):
    """The package reads the .mo: it must say what the .po says (pybabel compile)."""
    compiled = io.BytesIO()
    write_mo(compiled, read_po(po.open("rb")))
    compiled.seek(0)
    shipped = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))
    words = lambda catalogue: {k: v for k, v in catalogue._catalog.items() if k}  # noqa: E731
    assert words(shipped) == words(gettext.GNUTranslations(compiled))  # not the header's date


def test_the_code_asks_only_for_messages_of_the_template():
    keywords = {"words": None, "_labelled": (2,)}
    used = {message for _, _, message, _, _ in extract_from_dir(  # the stages that print
        SRC, method_map=[("layout/**.py", "python"), ("render/**.py", "python")],
        keywords=keywords) if message}
    template = set(messages.template_messages())
    assert used and used <= template, used - template
    regions = {r.label for view in ("front", "back") for r in bodyart.regions_of(view).values()}
    assert regions <= template, regions - template


def test_language_tags_find_their_catalogue():
    assert messages.catalogue_names("zh-Hans-CN") == ["zh_Hans_CN", "zh_Hans", "zh"]
    assert messages.catalogue_names("pt-br") == ["pt_BR", "pt_Latn", "pt"]
    assert messages.has_words("zh-CN") and messages.has_words("zh")  # Simplified is likely
    # Traditional Chinese, and Panjabi in Pakistan (Shahmukhi, Arabic script), are not the
    # shipped Simplified Chinese and Gurmukhi words.
    assert not messages.has_words("zh-TW") and not messages.has_words("zh-Hant")
    assert not messages.has_words("pa-PK") and messages.has_words("pa-IN")
    assert messages.words_for("pl-PL")("Page {page} of {pages}", page=1, pages=2) == \
        "Strona 1 z 2"
    assert messages.words_for("en-GB") is messages.ENGLISH


POLISH = """\
    id: POL-01
    title: Jak przygotować się do badania
    version: "1.2"
    published: 2026-11-24
    review: 2028-11-24
    owner: Zespół pielęgniarek
    language: pl
    summary: Ta ulotka mówi, jak przygotować się do badania.
    sections:
{sections}
    contacts:
      - name: Pielęgniarki
        phone: "0123 456 7890"
        hours: od poniedziałku do piątku, 9:00–17:00
        email: pielegniarki@example.org
    further_reading:
      - title: Więcej informacji
        url: https://example.org/informacje
    history:
      - version: "1.2"
        date: 2026-11-24
        changes: Nowe godziny otwarcia.
"""
SECTION = """\
      - heading: Część {n}
        body:
          - >-
            Przed badaniem nie jedz przez sześć godzin. Możesz pić wodę. Weź swoje leki
            jak zwykle, chyba że lekarz powie inaczej. Przynieś listę swoich leków.
          - bodymap:
              view: front
              highlight: [liver, lungs]
              alt: Zarys ciała z zaznaczoną wątrobą i płucami.
"""


def polish_library(library: Path) -> Path:
    sections = "".join(SECTION.format(n=n) for n in range(1, 4))
    return write_leaflet(library, "pl.yaml", POLISH.format(sections=sections))


def test_a_polish_leaflet_says_strona_1_z_2_with_polish_dates(library, monkeypatch):
    polish_library(library)
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4,booklet", "-q").exit_code == 0
    text = tool("pdftotext", "-layout", str(library / "output/POL-01-v1.2-a4.pdf"), "-")
    pages = text.split("\f")[:-1]
    assert len(pages) == 2
    assert "Strona 1 z 2" in pages[0] and "Strona 2 z 2" in pages[1]
    assert "Wersja 1.2 · Opublikowano 24 listopada 2026" in text
    assert "Telefon: 0123 456 7890" in text and "Wątroba" in text
    for english in ENGLISH_FURNITURE:
        assert english not in text, english
    booklet = tool("pdftotext", str(library / "output/POL-01-v1.2-booklet.pdf"), "-")
    assert "O tej ulotce" in booklet or "ulotk" in booklet.split("Strona")[-1]
    assert not any(english in booklet for english in ENGLISH_FURNITURE)


def test_a_screen_reader_hears_the_links_in_the_leaflet_s_language(library, monkeypatch):
    polish_library(library)
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4", "-q").exit_code == 0
    with pikepdf.open(library / "output/POL-01-v1.2-a4.pdf") as pdf:
        said = {str(a.Contents) for page in pdf.pages for a in page.get("/Annots", [])}
        assert str(pdf.Root.Lang) == "pl"
    wanted = messages.words_for("pl")
    assert wanted("Phone {number}", number="01234567890") in said
    assert wanted("Email {address}", address="pielegniarki@example.org") in said


def test_an_arabic_page_has_no_english_furniture(library, monkeypatch):
    arabic = Path(__file__).resolve().parent.parent / "examples/scripts/leaflets/arabic.yaml"
    write_leaflet(library, "ar.yaml", arabic.read_text(encoding="utf-8"))
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4,quick", "-q").exit_code == 0
    for pdf in sorted((library / "output").glob("*.pdf")):
        text = tool("pdftotext", str(pdf), "-")
        assert not [e for e in ENGLISH_FURNITURE if e in text], pdf.name
        page = messages.words_for("ar")("Page {page} of {pages}", page=1, pages=1)
        assert squashed(page) in squashed(text)
        with pikepdf.open(pdf) as opened:
            assert str(opened.Root.Lang) == "ar"


def test_a_language_with_no_words_is_an_error_at_its_line(library, monkeypatch):
    path = polish_library(library)
    path.write_text(path.read_text(encoding="utf-8").replace("language: pl", "language: ti"),
                    encoding="utf-8")
    monkeypatch.chdir(library)
    for command in (("build", "-q"), ("check",)):
        result = run_cli(*command)
        assert result.exit_code == 1
        assert ("leaflets/pl.yaml:7:11: error: leafletgen has no words for language 'ti'"
                in result.output), result.output
        assert "[format.language]" in result.output and "Traceback" not in result.output
    assert not list((library / "output").glob("*.pdf"))


def write_catalogue(library: Path, language: str, pairs: dict[str, str],
                    replace: bool = False) -> None:
    folder = library / "locale" / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=replace)
    entries = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in pairs.items())
    (folder / "leafletgen.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8")


def test_a_library_s_own_words_come_first(library, monkeypatch):
    polish_library(library)
    write_catalogue(library, "pl", {"Contact us": "Zadzwoń do nas"})
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4", "-q").exit_code == 0
    text = tool("pdftotext", str(library / "output/POL-01-v1.2-a4.pdf"), "-")
    assert "Zadzwoń do nas" in text and "Strona 1 z 2" in text  # the rest: shipped words


def test_a_library_catalogue_that_is_not_whole_or_has_a_strange_place_is_refused(
        library, monkeypatch):
    path = polish_library(library)
    path.write_text(path.read_text(encoding="utf-8").replace("language: pl", "language: ti"),
                    encoding="utf-8")
    write_catalogue(library, "ti", {"Contact us": "Kontakt"})
    monkeypatch.chdir(library)
    result = run_cli("check")
    assert result.exit_code == 1 and "the catalogue for 'ti' lacks" in result.output
    every = {m: m for m in messages.template_messages()}
    (library / "locale").rename(library / "old-locale")
    write_catalogue(library, "ti", {**every, "Version {version}": "{colour} {version}"})
    result = run_cli("check")
    assert result.exit_code == 1 and "unknown {place} in 'Version {version}'" in result.output
    # Tigrinya's dates (CLDR) are in Ethiopic, which no shipped font draws: refused at the
    # language's line, not halfway through a page.
    write_catalogue(library, "ti", every, replace=True)
    result = run_cli("check")
    assert result.exit_code == 1 and "leaflets/pl.yaml:7:11: error: no font can draw" in \
        result.output and "of the library's catalogue for this language" in result.output


def test_a_place_the_code_does_not_fill_prints_as_written():
    assert messages.fill("{0.__class__} {page}", page=2) == "{0.__class__} 2"


def test_a_library_may_print_a_language_with_english_words_and_is_told(library, monkeypatch):
    path = polish_library(library)
    path.write_text(path.read_text(encoding="utf-8").replace("language: pl", "language: ti"),
                    encoding="utf-8")
    (library / "leafletgen.toml").write_text('[languages]\nenglish_labels = ["ti"]\n')
    monkeypatch.chdir(library)
    warned = ("leaflets/pl.yaml:7:11: warning: leafletgen has no words for language 'ti': its "
              "pages show the tool's English words")
    result = run_cli("build", "--format", "a4")
    assert result.exit_code == 0 and warned in result.output
    text = tool("pdftotext", str(library / "output/POL-01-v1.2-a4.pdf"), "-")
    assert "Page 1 of 2" in text and "24 November 2026" in text
    result = run_cli("check")
    assert result.exit_code == 0 and warned in result.output
    assert "[completeness.english-labels]" in result.output
    assert run_cli("check", "--strict").exit_code == 1
    (library / "leafletgen.toml").write_text('[languages]\nenglish_label = ["ti"]\n')
    result = run_cli("build", "--format", "a4")
    assert result.exit_code == 1 and "leafletgen.toml:2:1: error: [languages] has an unknown " \
        "key 'english_label' (did you mean 'english_labels'?) [config.unknown-key]" in result.output
