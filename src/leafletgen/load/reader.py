"""Typed reads from YAML nodes that collect diagnostics instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from collections.abc import Callable
from typing import Any

import yaml

from leafletgen import inline, scripts
from leafletgen.errors import Diagnostic, Span, error
from leafletgen.load.values import BadValue, construct, shorten
from leafletgen.load.yamlnodes import position, span_of

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
NULL = "tag:yaml.org,2002:null"

_TYPE_NAMES = {STR: "text", INT: "a whole number", FLOAT: "a number", TIMESTAMP: "a date",
               NULL: "nothing", "tag:yaml.org,2002:bool": "yes/no",
               "tag:yaml.org,2002:seq": "a list", "tag:yaml.org,2002:map": "a mapping"}

# ASCII digits only (\d would take "１.０"), and few enough that int() reads them.
VERSION_RE = re.compile(r"^[0-9]{1,6}\.[0-9]{1,6}$")

INVALID = object()  # what scalar() gives for a value whose problem it has reported


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def describe(node: yaml.Node) -> str:
    return _TYPE_NAMES.get(node.tag, "a value")


class Reader:
    """Reads one file's nodes; every problem becomes a diagnostic in self.problems."""

    def __init__(self, path: str, source: str = "",
                 fallback_cover: Callable[[], frozenset[int]] = frozenset,
                 library: Path | None = None):
        self.path = path
        self.source = source  # the file's text, to place a problem inside a long value
        self.problems: list[Diagnostic] = []
        # What the library theme's fallback fonts draw, read only when a character needs it
        self.fallback_cover = fallback_cover
        self.library = library  # the library root: its own message catalogues (locale/)

    def span(self, node: yaml.Node) -> Span:
        return span_of(self.path, node)

    def locate(self, node: yaml.Node, needle: str) -> Span:
        """Where `needle` is written inside the node (e.g. one link in a paragraph)."""
        found = self.source.find(needle, node.start_mark.index, node.end_mark.index)
        if found < 0:
            return self.span(node)
        return Span(self.path, *position(self.source, found))

    def fail(self, code: str, message: str, node: yaml.Node, hint: str = "") -> None:
        self.problems.append(error(code, message, self.span(node), hint))

    def fields(self, node: yaml.Node, where: str, required: tuple[str, ...],
               optional: tuple[str, ...]) -> dict[str, yaml.Node] | None:
        """A mapping's values by key; reports missing and unknown keys."""
        if not isinstance(node, yaml.MappingNode):
            self.fail("format.type", f"{where} must be a mapping of fields, not {describe(node)}",
                      node, f"give it the fields {', '.join(required)}")
            return None
        known = required + optional
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail("format.type", f"a key in {where} must be a word, not {describe(key_node)}",
                          key_node, f"known fields: {', '.join(known)}")
                continue
            key = str(key_node.value)
            if key in known:
                values.setdefault(key, value_node)
                continue
            hint = suggest(key, known) or f"known fields: {', '.join(known)}"
            self.fail("format.unknown-key", f"unknown key '{key}' in {where}", key_node, hint)
        for key in required:
            if key not in values:
                self.fail("format.missing-field", f"{where} needs the field '{key}'", node,
                          f"add '{key}:' here")
        return values

    def scalar(self, node: yaml.ScalarNode, field: str = "") -> Any:
        """The node's value, or INVALID (reported here) for a date or number that cannot be."""
        try:
            return construct(node)
        except BadValue as exc:
            message = f"'{field}' {exc.message}" if field else exc.message
            if exc.kind == "date":
                self.fail("format.date", message, node, exc.hint)
            elif exc.kind == "range":
                self.fail("format.range", message, node, exc.hint)
            else:
                self.fail("format.type", message, node, exc.hint)
            return INVALID

    def text(self, node: yaml.Node | None, field: str, required: bool = True) -> str:
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.fail("format.type", f"'{field}' must be text, not {describe(node)}", node,
                      "write it as plain text; put quotes around it if it starts with a symbol")
            return ""
        # The raw scalar, so that 0123 or yes stay exactly as typed.
        value = "" if node.tag == NULL else normalise_space(str(node.value))
        if required and not value:
            self.fail("format.missing-field", f"'{field}' is empty", node, "write some text")
        self.check_links(node)
        self.check_characters(node, value)
        return value

    def check_words(self, node: yaml.ScalarNode, words: str) -> None:
        """The library's own words for the leaflet's language: each character drawable."""
        missing = dict.fromkeys(ch for _, ch in scripts.undrawable(words))
        extra = self.fallback_cover() if missing else frozenset()
        for ch in (ch for ch in missing if ord(ch) not in extra):
            self.fail("format.character", f"no font can draw '{ch}' ({scripts.describe(ch)}) "
                      "of the library's catalogue for this language", node, "add a font that "
                      "has it to the theme's fallback_fonts (docs/scripts.md)")

    def check_characters(self, node: yaml.ScalarNode, value: str) -> None:
        """Refuse each character that no font can draw: it would print as nothing."""
        missing = dict.fromkeys(ch for _, ch in scripts.undrawable(value))
        extra = self.fallback_cover() if missing else frozenset()
        for ch in (ch for ch in missing if ord(ch) not in extra):
            emoji = scripts.is_emoji(ch)
            self.problems.append(error(
                "format.character", f"no font can draw '{ch}' ({scripts.describe(ch)})"
                + (": emoji cannot be printed" if emoji else ""), self.locate(node, ch),
                "write it in words" if emoji else
                "write it another way, or add a font that has it to the theme's "
                "fallback_fonts (docs/scripts.md)"))

    def check_links(self, node: yaml.ScalarNode) -> None:
        """Refuse each [text](target) that a PDF must not carry: another scheme (javascript:,
        file:), none (www.example.org), or a malformed address (inline.link_problem)."""
        for target, problem in inline.refused_links(str(node.value)):
            # Its first word: YAML may have folded a target with a space over two lines.
            at = self.locate(node, target.split()[0]) if target else self.span(node)
            self.problems.append(error(
                "format.link", f"the link to '{shorten(target)}' {problem}", at,
                inline.link_hint(target)))

    def date(self, node: yaml.Node | None, field: str) -> dt.date | None:
        if node is None:
            return None
        is_date = isinstance(node, yaml.ScalarNode) and node.tag == TIMESTAMP
        value = self.scalar(node, field) if is_date else None
        if value is INVALID:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            self.fail("format.date", f"'{field}' must be a date like 2026-11-24", node,
                      "write the date as YEAR-MONTH-DAY with no quotes")
            return None
        return value

    def version(self, node: yaml.Node | None, field: str = "version") -> str:
        if node is None:
            return ""
        if isinstance(node, yaml.ScalarNode) and node.tag in (FLOAT, INT):
            number = shorten(str(node.value))
            self.fail("format.version", f"'{field}' {number} was read as a number",
                      node, f"put it in quotes: {field}: \"{number}\" (YAML reads 1.10 as 1.1)")
            return ""
        value = self.text(node, field)
        if value and not VERSION_RE.match(value):
            self.fail("format.version",
                      f"'{field}' must be MAJOR.MINOR, like \"1.0\", not '{shorten(value)}'",
                      node, "use two whole numbers (digits 0 to 9, up to 6 each) joined by a dot")
            return ""
        return value

    def items(self, node: yaml.Node | None, field: str, min_items: int = 0) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.fail("format.type", f"'{field}' must be a list, not {describe(node)}", node,
                      "start each item on its own line with '- '")
            return []
        if len(node.value) < min_items:
            self.fail("format.empty", f"'{field}' needs at least {min_items} item(s)", node)
        return list(node.value)

    def texts(self, node: yaml.Node | None, field: str, min_items: int = 1) -> tuple[str, ...]:
        values = []
        for item in self.items(node, field, min_items):
            if isinstance(item, yaml.ScalarNode) and item.tag == NULL:  # "- ~" or a bare "-"
                self.fail("format.empty", f"an empty item in '{field}'", item,
                          "write the item's text, or remove the '- ' line")
            else:
                values.append(self.text(item, field))
        return tuple(t for t in values if t)

    def each(self, node: yaml.Node | None, field: str, read: Callable[[yaml.Node], Any],
             min_items: int = 0) -> tuple:
        results = (read(item) for item in self.items(node, field, min_items))
        return tuple(r for r in results if r is not None)


def normalise_space(text: str) -> str:
    """Folded YAML keeps line breaks and runs of spaces; a reader never sees them."""
    return " ".join(text.split())
