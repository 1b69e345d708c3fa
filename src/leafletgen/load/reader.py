"""Typed reads from YAML nodes that collect diagnostics instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

import yaml

from leafletgen.errors import Diagnostic, Span, error
from leafletgen.load.yamlnodes import span_of

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
NULL = "tag:yaml.org,2002:null"

_TYPE_NAMES = {STR: "text", INT: "a whole number", FLOAT: "a number", TIMESTAMP: "a date",
               NULL: "nothing", "tag:yaml.org,2002:bool": "yes/no",
               "tag:yaml.org,2002:seq": "a list", "tag:yaml.org,2002:map": "a mapping"}

VERSION_RE = re.compile(r"^\d+\.\d+$")


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def describe(node: yaml.Node) -> str:
    return _TYPE_NAMES.get(node.tag, "a value")


class Reader:
    """Reads one file's nodes; every problem becomes a diagnostic in self.problems."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Diagnostic] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def span(self, node: yaml.Node) -> Span:
        return span_of(self.path, node)

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

    def scalar(self, node: yaml.Node) -> Any:
        return self._constructor.construct_object(node, deep=True)

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
        return value

    def date(self, node: yaml.Node | None, field: str) -> dt.date | None:
        if node is None:
            return None
        value = self.scalar(node) if isinstance(node, yaml.ScalarNode) else None
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
            self.fail("format.version", f"'{field}' {node.value} was read as a number",
                      node, f"put it in quotes: {field}: \"{node.value}\" (YAML reads 1.10 as 1.1)")
            return ""
        value = self.text(node, field)
        if value and not VERSION_RE.match(value):
            self.fail("format.version", f"'{field}' must be MAJOR.MINOR, like \"1.0\", not '{value}'",
                      node, "use two whole numbers joined by a dot")
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
        return tuple(t for t in (self.text(n, field) for n in self.items(node, field, min_items)) if t)

    def each(self, node: yaml.Node | None, field: str, read: Callable[[yaml.Node], Any],
             min_items: int = 0) -> tuple:
        results = (read(item) for item in self.items(node, field, min_items))
        return tuple(r for r in results if r is not None)


def normalise_space(text: str) -> str:
    """Folded YAML keeps line breaks and runs of spaces; a reader never sees them."""
    return " ".join(text.split())
