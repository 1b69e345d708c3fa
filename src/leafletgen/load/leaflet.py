"""The top level of a leaflet file: metadata, sections, quick guide, contacts, reading, history."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from leafletgen import inline, model
from leafletgen.errors import Diagnostic, warning
from leafletgen.load.settings import english_label_languages
from leafletgen.load.paths import library_root
from leafletgen.messages import (DOMAIN, LIBRARY_LOCALE, Words, catalogue_names,
                                 catalogue_problem, library_words, words_for)
from leafletgen.load.blocks import read_block, read_bodymap
from leafletgen.load.reader import INT, INVALID, Reader, describe
from leafletgen.load.values import shorten

ID_RE = re.compile(r"^[A-Z][A-Z0-9-]{1,31}$")
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

MAX_ORDER = 99_999  # a position in a series
MAX_TITLE = 300  # characters: no real title comes near (docs/format.md)

REQUIRED = ("id", "title", "version", "published", "review", "owner", "sections")
OPTIONAL = ("series", "order", "language", "translation_of", "source_version", "summary", "quick_guide", "contacts",
            "further_reading", "history")


def read_leaflet(r: Reader, root: yaml.Node, assets_dir: Path) -> model.Leaflet | None:
    f = r.fields(root, "the leaflet", REQUIRED, OPTIONAL)
    if f is None:
        return None
    published = r.date(f.get("published"), "published")
    review = r.date(f.get("review"), "review")
    if published and review and review <= published:
        r.fail("format.date-order", f"review date {review} is not after published {published}",
               f["review"], "the review date is when the leaflet is next due for review")
    leaflet = model.Leaflet(
        id=_read_id(r, f.get("id")),
        title=_read_title(r, f.get("title")),
        version=r.version(f.get("version")),
        published=published,
        review=review,
        owner=r.text(f.get("owner"), "owner"),
        sections=r.each(f.get("sections"), "sections", lambda n: _read_section(r, n, assets_dir), 1),
        source=r.path,
        assets_dir=str(assets_dir),
        series=r.text(f.get("series"), "series", required=False),
        order=_read_order(r, f.get("order")),
        language=_read_language(r, f.get("language")),
        translation_of=_read_master(r, f.get("translation_of"), f.get("source_version")),
        source_version=r.version(f.get("source_version"), "source_version"),
        summary=r.text(f.get("summary"), "summary", required=False),
        quick_guide=_read_quick_guide(r, f.get("quick_guide")),
        contacts=r.each(f.get("contacts"), "contacts", lambda n: read_contact(r, n)),
        further_reading=r.each(f.get("further_reading"), "further_reading",
                               lambda n: _read_reading(r, n)),
        history=r.each(f.get("history"), "history", lambda n: _read_history(r, n)),
        span=r.span(root),
        field_spans={key: r.span(value) for key, value in f.items()},
    )
    return leaflet  # partial when r.problems: the caller decides (load_leaflet refuses it)


def _read_id(r: Reader, node: yaml.Node | None) -> str:
    value = r.text(node, "id")
    if value and not ID_RE.match(value):
        r.fail("format.id-pattern", f"id '{value}' is not a valid leaflet id", node,
               "use 2 to 32 capital letters, digits and hyphens, starting with a letter, like SBC-01")
    return value


def _read_master(r: Reader, master: yaml.Node | None, source_version: yaml.Node | None) -> str:
    """translation_of and source_version come together: a translation says which version of
    its master it was made from (whether that master exists is a library check)."""
    value = r.text(master, "translation_of", required=False)
    if value and not ID_RE.match(value):
        r.fail("format.id-pattern", f"translation_of '{value}' is not a leaflet id", master,
               "write the id of the English leaflet this one translates, like SBC-01")
    if master is not None and source_version is None:
        r.fail("format.missing-field", "'translation_of' needs 'source_version'", master,
               "add the version of the master that was translated, like source_version: \"3.1\"")
    if source_version is not None and master is None:
        r.fail("format.missing-field", "'source_version' needs 'translation_of'", source_version,
               "add the id of the leaflet this one translates, like translation_of: SBC-01")
    return value


def _read_order(r: Reader, node: yaml.Node | None) -> int | None:
    if node is None:
        return None
    is_int = isinstance(node, yaml.ScalarNode) and node.tag == INT
    value = r.scalar(node, "order") if is_int else None
    if value is INVALID:
        return None
    if type(value) is not int:
        r.fail("format.type", f"'order' must be a whole number, not {describe(node)}", node,
               "write its position in the series, like 'order: 2'")
        return None
    if not 0 <= value <= MAX_ORDER:
        r.fail("format.range", f"'order' {shorten(str(node.value))} is not from 0 to {MAX_ORDER}",
               node, "write its position in the series, like 'order: 2'")
        return None
    return value


def _read_title(r: Reader, node: yaml.Node | None, required: bool = True) -> str:
    value = r.text(node, "title", required)
    if len(value) > MAX_TITLE:
        r.fail("format.title-length", f"the title is {len(value)} characters long, more than "
               f"{MAX_TITLE}", node, "a title is a short question or statement: move the "
               "rest into the summary or the first section")
    return value


def _read_language(r: Reader, node: yaml.Node | None) -> str:
    value = r.text(node, "language", required=False) or "en"
    if not LANGUAGE_RE.match(value):
        r.fail("format.type", f"language '{value}' is not a language tag", node,
               "use a BCP 47 tag such as en, en-GB or cy")
        return "en"
    if (problem := catalogue_problem(value, r.library)) and not english_allowed(value, r.library):
        r.fail("format.language", problem, node, "add the words in a catalogue of the "
               f"library's, {LIBRARY_LOCALE}/{catalogue_names(value)[-1]}/LC_MESSAGES/"
               f"{DOMAIN}.po (docs/languages.md), or write the leaflet in a language "
               "leafletgen has words for")
    else:
        r.check_words(node, library_words(value, r.library))
    return value


def english_allowed(language: str, library: Path | None) -> bool:
    """Whether the library's leafletgen.toml lets this language print the tool's own words
    in English ([languages] english_labels; docs/languages.md)."""
    if library is None:
        return False
    allowed = english_label_languages(library)
    return language.lower() in allowed or language.lower().split("-")[0] in allowed


def leaflet_words(leaflet: model.Leaflet) -> Words:
    """The tool's own words for a leaflet: its language's, with its library's catalogue."""
    return words_for(leaflet.language, library_root(Path(leaflet.source)))


def english_labels_warning(leaflet: model.Leaflet, library: Path) -> Diagnostic | None:
    """The warning a leaflet gets when its page furniture prints (partly) in English."""
    problem = catalogue_problem(leaflet.language, library)
    if not problem:
        return None
    return warning("completeness.english-labels", f"{problem}: its pages show the tool's "
                   "English words, as leafletgen.toml's english_labels allows",
                   leaflet.field_spans.get("language", leaflet.span),
                   f"add the words in {LIBRARY_LOCALE}/{catalogue_names(leaflet.language)[-1]}"
                   f"/LC_MESSAGES/{DOMAIN}.po (docs/languages.md)")


def _read_section(r: Reader, node: yaml.Node, assets_dir: Path) -> model.Section | None:
    f = r.fields(node, "a section", ("heading", "body"), ())
    if f is None:
        return None
    blocks = [b for item in r.items(f.get("body"), "body", 1) for b in read_block(r, item, assets_dir)]
    return model.Section(r.text(f.get("heading"), "heading"), tuple(blocks), r.span(node))


def _read_quick_guide(r: Reader, node: yaml.Node | None) -> model.QuickGuide | None:
    if node is None:
        return None
    f = r.fields(node, "quick_guide", ("points",), ("title", "bodymap"))
    if f is None:
        return None
    bodymap = read_bodymap(r, f["bodymap"]) if "bodymap" in f else None
    return model.QuickGuide(r.texts(f.get("points"), "points"),
                            _read_title(r, f.get("title"), required=False), bodymap,
                            r.span(node))


def read_contact(r: Reader, node: yaml.Node) -> model.Contact | None:
    f = r.fields(node, "a contact", ("name",), ("phone", "hours", "email"))
    if f is None:
        return None
    return model.Contact(r.text(f.get("name"), "name"), r.text(f.get("phone"), "phone"),
                         r.text(f.get("hours"), "hours"), _read_email(r, f.get("email")),
                         r.span(node))


def _read_email(r: Reader, node: yaml.Node | None) -> str:
    """An email becomes a mailto: link: refuse what is not one address (nurses at
    example.org, or ?cc=, &body= and a second scheme, which add addresses or text)."""
    value = r.text(node, "email")
    problem = inline.email_problem(value) if value else ""
    if problem:
        r.fail("format.link", f"the email '{shorten(value)}' {problem}", node,
               "write only the address, like breastcare@example.org, with no spaces")
        return ""
    return value


def _read_reading(r: Reader, node: yaml.Node) -> model.Reading | None:
    f = r.fields(node, "a further_reading item", ("title",), ("url",))
    if f is None:
        return None
    return model.Reading(r.text(f.get("title"), "title"), _read_url(r, f.get("url")), r.span(node))


def _read_url(r: Reader, node: yaml.Node | None) -> str:
    """A web address is printed and linked: refuse another scheme and a malformed address."""
    value = r.text(node, "url")
    scheme = inline.scheme_of(value)
    if not value:
        return ""
    if scheme and scheme not in ("http", "https"):
        problem = f"is a '{scheme}:' link, which a leaflet never makes"
    else:
        problem = inline.url_problem(value)
    if problem:
        r.fail("format.link", f"the web address '{shorten(value)}' {problem}", node,
               "copy the full address from the browser, starting with https://")
        return ""
    return value


def _read_history(r: Reader, node: yaml.Node) -> model.HistoryEntry | None:
    f = r.fields(node, "a history entry", ("version", "date", "changes"), ())
    if f is None:
        return None
    return model.HistoryEntry(r.version(f.get("version")), r.date(f.get("date"), "date"),
                              r.text(f.get("changes"), "changes"), r.span(node))
