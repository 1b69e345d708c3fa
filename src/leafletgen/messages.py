"""The tool's own words in the reader's language: "Contact us", "Page 1 of 2", the version
stamp, body-map names and dates.

Words come from gettext message catalogues (assets/locale/<lang>/LC_MESSAGES/leafletgen.mo,
compiled from the .po beside it; the template is assets/locale/leafletgen.pot). A library
may add a language or override some words with its own catalogue, locale/<lang>/LC_MESSAGES/
leafletgen.po (or .mo), at the library root: its words come first, the shipped ones fill
the rest. Dates are CLDR's long form for the language (Babel). English needs no catalogue:
the words in the code are English, and dates keep the unambiguous "24 November 2026".
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from leafletgen import model

DOMAIN = "leafletgen"
LOCALE_DIR = Path(__file__).parent / "assets" / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
LIBRARY_LOCALE = "locale"  # the folder, at a library's root, of its own catalogues
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Words:
    """The words of one language: words("Page {page} of {pages}", page=1, pages=2)."""

    language: str
    catalogue: gettext.NullTranslations
    cldr: str = ""  # the Babel locale dates are written in; "" for English

    def __call__(self, message: str, **values) -> str:
        return fill(self.catalogue.gettext(message), **values)

    def date(self, day: dt.date) -> str:
        if not self.cldr:
            return model.long_date(day)
        from babel.dates import format_date  # only a non-English leaflet pays for Babel
        return format_date(day, "long", locale=self.cldr)

    @property
    def english(self) -> bool:
        return not self.cldr


def fill(template: str, **values) -> str:
    """Each {name} of a translated message replaced by its value. By hand, not str.format: a
    library's catalogue is data, and a "{0.__class__}" in it must print as written."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


ENGLISH = Words("en", gettext.NullTranslations())


def is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


def catalogue_names(language: str) -> list[str]:
    """The catalogue folders that may hold a language, most particular first: zh-Hans-CN
    looks in zh_Hans_CN, zh_Hans, then zh; pt-BR in pt_BR, then pt. A tag without a script
    looks under its likely one too (CLDR): zh-CN in zh_Hans; and a tag whose script is not
    its language's usual one never falls back to the language alone: pa-Arab (Shahmukhi)
    is not pa (Gurmukhi), zh-Hant not zh_Hans."""
    parts = language.replace("_", "-").split("-")
    parts = [parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]]
    names = ["_".join(parts[:n]) for n in range(len(parts), 1, -1)]
    written = next((p for p in parts[1:] if len(p) == 4), "")
    region = [p for p in parts[1:] if len(p) != 4][:1]
    script = written or _likely_script("_".join(parts[:1] + region))
    if script and not written:
        names.append(f"{parts[0]}_{script}")
    if script and script != _likely_script(parts[0]):
        return names  # pa-PK is written in Arabic script: not pa's Gurmukhi words
    return names + [parts[0]]


@cache
def _likely_script(tag: str) -> str:
    """The script CLDR expects for a language (and region): Hans for zh, Hant for zh_TW."""
    from babel.core import get_global
    likely = get_global("likely_subtags")
    found = likely.get(tag) or likely.get(tag.split("_")[0]) or ""
    return next((p for p in found.split("_")[1:] if len(p) == 4), "")


def _found(folder: Path, language: str) -> Path | None:
    for name in catalogue_names(language):
        for suffix in (".mo", ".po"):
            path = folder / name / "LC_MESSAGES" / f"{DOMAIN}{suffix}"
            if path.is_file():
                return path
    return None


def catalogue_files(language: str, library: Path | None = None) -> list[Path]:
    """The library's catalogue for the language (if any), then the shipped one (if any)."""
    places = ([library / LIBRARY_LOCALE] if library is not None else []) + [LOCALE_DIR]
    return [path for folder in places if (path := _found(folder, language))]


def has_words(language: str, library: Path | None = None) -> bool:
    return is_english(language) or bool(catalogue_files(language, library))


def words_for(language: str, library: Path | None = None) -> Words:
    """The words of a leaflet in this language; English for a language with no catalogue
    (the loader refuses such a leaflet, or warns when the library allows English labels)."""
    files = [] if is_english(language) else catalogue_files(language, library)
    if not files:
        return ENGLISH
    # Known by their files' sizes and times too: an edited catalogue is read again.
    return _words(language, tuple((path, *_signature(path)) for path in files))


def _signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@cache
def _words(language: str, files: tuple[tuple[Path, int, int], ...]) -> Words:
    catalogues = [read_catalogue(path) for path, *_ in files]
    for first, then in zip(catalogues, catalogues[1:]):
        first.add_fallback(then)
    return Words(language, catalogues[0], cldr_locale(language))


def read_catalogue(path: Path) -> gettext.GNUTranslations:
    """A compiled .mo as it is; a .po (a library's own, as translators write them) compiled
    in memory by Babel."""
    if path.suffix == ".mo":
        with open(path, "rb") as file:
            return gettext.GNUTranslations(file)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    with open(path, "rb") as file:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(file))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def cldr_locale(language: str) -> str:
    """The most particular CLDR locale Babel has for the language tag."""
    from babel import Locale, UnknownLocaleError
    for name in catalogue_names(language):
        try:
            Locale.parse(name)
            return name
        except (UnknownLocaleError, ValueError):
            continue
    return "en_GB"


@cache
def template_messages() -> dict[str, set[str]]:
    """Every message of the template, with the names of its places ({page}, {pages})."""
    from babel.messages.pofile import read_po
    with open(TEMPLATE, "rb") as file:
        return {m.id: set(PLACEHOLDER.findall(m.id)) for m in read_po(file) if m.id}


def _translates(catalogue: gettext.NullTranslations | None, message: str) -> bool:
    while catalogue is not None:
        if message in getattr(catalogue, "_catalog", {}):
            return True
        catalogue = catalogue._fallback
    return False


def catalogue_problem(language: str, library: Path | None = None) -> str:
    """What keeps the language's words from being whole and right, or "": no catalogue, one
    that cannot be read, words it lacks (they would print in English), or a {place} its
    translation has that the English does not (it would print as written)."""
    if is_english(language):
        return ""
    files = catalogue_files(language, library)
    if not files:
        return f"leafletgen has no words for language '{language}'"
    try:
        words = words_for(language, library)
    except Exception as failure:  # a library's catalogue is data: any fault is its fault
        return f"the catalogue {files[0]} cannot be read ({failure})"
    lacking, wrong = [], []
    for message, places in template_messages().items():
        if not _translates(words.catalogue, message):
            lacking.append(message)
        elif not set(PLACEHOLDER.findall(words.catalogue.gettext(message))) <= places:
            wrong.append(message)
    if lacking:
        return (f"the catalogue for '{language}' lacks {len(lacking)} of the tool's words, "
                f"like '{lacking[0]}'")
    if wrong:
        return f"the catalogue for '{language}' has an unknown {{place}} in '{wrong[0]}'"
    return ""


def library_words(language: str, library: Path | None) -> str:
    """Every translation in the library's own catalogue for the language, and its dates, one
    per line ("" if it has none): their characters must be ones a font can draw."""
    if library is None or not (library / LIBRARY_LOCALE).is_dir():
        return ""  # no catalogue of its own: not even CLDR's likely scripts are needed (~30 ms)
    files = catalogue_files(language, library)
    if not files or LOCALE_DIR in files[0].parents:
        return ""
    words = words_for(language, library)  # its first catalogue is the library's, read once
    months = [words.date(dt.date(2026, month, 28)) for month in range(1, 13)]  # CLDR's names
    own = [str(text) for key, text in words.catalogue._catalog.items() if key]
    return "\n".join(own + months)
