"""The translation contract across a library: a leaflet's `translation_of` names a leaflet
of the library that is not itself a translation, and its `source_version` is a version that
leaflet has had. Whether a translation is current is a comparison of two version numbers
here; what changed since is lint/translations.py's (it reads git and diffs).

Every command sees the library as Links: check builds them from the leaflets it loads and
the YAML of the files it does not, build from its manifest's records.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from leafletgen.errors import Diagnostic, LeafletError, Span, error
from leafletgen.load.reader import normalise_space
from leafletgen.load.yamlnodes import compose_file, read_source, span_of
from leafletgen.model import NO_SPAN, Leaflet, version_number

MASTER = "library.translation-master"
CHAIN = "library.translation-chain"
ITSELF = "library.translation-self"
SOURCE_VERSION = "library.source-version"


@dataclass(frozen=True)
class Link:
    """A leaflet as the contract sees it: its id and version, and what it translates."""

    shown: str  # the file, as diagnostics name it
    id: str
    version: str
    language: str = "en"
    translation_of: str = ""  # "" for a leaflet that is not a translation
    source_version: str = ""
    translation_at: Span = NO_SPAN  # where translation_of's value is written
    source_version_at: Span = NO_SPAN

    @property
    def is_translation(self) -> bool:
        return bool(self.translation_of)


def link_of(leaflet: Leaflet) -> Link:
    spans = leaflet.field_spans
    return Link(leaflet.source, leaflet.id, leaflet.version, leaflet.language,
                leaflet.translation_of, leaflet.source_version,
                spans.get("translation_of", leaflet.span),
                spans.get("source_version", leaflet.span))


def read_link(path: Path, shown: str | None = None) -> Link | None:
    """The Link of a file read only as far as its top-level fields; None when it has no id
    to be known by (it cannot be read, is not YAML, or its id is not text)."""
    shown = shown or str(path)
    try:
        node = compose_file(shown, read_source(path, shown, "format.yaml-syntax"))
    except LeafletError:  # its own build or check says what is wrong with it
        return None
    return link_from_fields(top_fields(node), shown)


def top_fields(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def link_from_fields(fields: dict[str, yaml.Node], shown: str) -> Link | None:
    """The Link of a file's top-level fields (as composed, not validated)."""
    def text(name: str) -> str:
        node = fields.get(name)
        return normalise_space(str(node.value)) if isinstance(node, yaml.ScalarNode) else ""

    def at(name: str) -> Span:
        return span_of(shown, fields[name]) if name in fields else Span(shown)

    if not text("id"):
        return None
    return Link(shown, text("id"), text("version"), text("language") or "en",
                text("translation_of"), text("source_version"),
                at("translation_of"), at("source_version"))


def newer(version: str, than: str) -> bool:
    """Whether version comes after than, as numbers (3.10 after 3.9); False for a version
    that could not be read."""
    try:
        return version_number(version) > version_number(than)
    except ValueError:
        return False


def masters_by_id(links: Iterable[Link]) -> dict[str, Link]:
    """Each id's leaflet (the first, for an id used twice: that is an error of its own)."""
    found: dict[str, Link] = {}
    for link in links:
        found.setdefault(link.id, link)
    return found


def link_problem(link: Link, by_id: dict[str, Link]) -> Diagnostic | None:
    """What is wrong with a translation's link to its master; None when nothing is (or
    when the leaflet is not a translation)."""
    if not link.is_translation:
        return None
    master = by_id.get(link.translation_of)
    if link.translation_of == link.id:
        return error(ITSELF, f"translation_of '{link.id}' is this leaflet's own id",
                     link.translation_at, "write the id of the leaflet this one translates")
    if master is None:
        return error(MASTER, f"translation_of '{link.translation_of}' names no leaflet of this "
                     "library", link.translation_at, _master_hint(link, by_id))
    if master.is_translation:
        return error(CHAIN, f"translation_of '{master.id}' names a translation (of "
                     f"{master.translation_of}, in {master.shown})", link.translation_at,
                     f"translate from the master: translation_of: {master.translation_of}")
    if newer(link.source_version, master.version):
        return error(SOURCE_VERSION, f"source_version {link.source_version} is newer than "
                     f"{master.id}'s version, {master.version}", link.source_version_at,
                     f"write the version of {master.id} that was translated: "
                     f"{master.version} or earlier")
    return None


def _master_hint(link: Link, by_id: dict[str, Link]) -> str:
    masters = [i for i, other in by_id.items() if not other.is_translation and i != link.id]
    close = difflib.get_close_matches(link.translation_of, masters, 1)
    if close:
        return f"did you mean '{close[0]}'?"
    return "write the id of a leaflet in this library's leaflets/ folder, like SBC-01"


def link_problems(checked: Iterable[Link], library: Iterable[Link]) -> dict[str, Diagnostic]:
    """For each checked leaflet (by file as shown) whose link is broken, its error; the
    library is every leaflet a master can be (the checked ones among them)."""
    by_id = masters_by_id(library)
    return {link.shown: problem for link in checked
            if (problem := link_problem(link, by_id)) is not None}


def stale_pairs(checked: Iterable[Link], library: Iterable[Link]) -> list[tuple[Link, Link]]:
    """(translation, master) for each checked translation whose master has a newer version
    than the one it was translated from: cheap, no file is read."""
    by_id = masters_by_id(library)
    pairs = []
    for link in checked:
        master = by_id.get(link.translation_of) if link.is_translation else None
        if master is not None and link_problem(link, by_id) is None and \
                newer(master.version, link.source_version):
            pairs.append((link, master))
    return pairs
