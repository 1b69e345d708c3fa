"""A content library's build settings: the `[build]` table of leafletgen.toml.

The file sits at the library root (the folder holding leaflets/). If there is none, the
`[tool.leafletgen.build]` table of pyproject.toml there is read instead (the same rule as
check's `[check]` settings). Only `[build]` is read here (the other tables are only
known by name); `[check]` is lint/config.py's:

    [build]
    formats = ["a4"]                 # what a plain `leafletgen build` builds; "all" for all

A mistake is never silently ignored: a file that is not TOML, an unknown table or key, a
value of the wrong kind or an unknown format raises LeafletError with one diagnostic at
the line and column of the mistake, so that a build never makes files nobody asked for.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leafletgen.errors import LeafletError, Span, error
from leafletgen.formats import FORMAT_NAMES

SETTINGS_FILE = "leafletgen.toml"
PROJECT_FILE = "pyproject.toml"
# The tables of leafletgen.toml, each read by its own part of the tool: [build] here, [check]
# by lint/config.py, [languages] by the words of the page (docs/languages.md). A new table
# is added here, or a build refuses the file.
TABLES = ("build", "check", "languages")
BUILD_KEYS = ("formats",)
LANGUAGE_KEYS = ("english_labels",)
ALL_FORMATS = "all"


@dataclass(frozen=True)
class BuildSettings:
    source: str = ""  # the file they came from, "" when the library has none
    formats: tuple[str, ...] | None = None  # None: not set, the command's own default
    every_format: bool = False  # formats = "all"


def load_build_settings(root: Path) -> BuildSettings:
    """The `[build]` settings of the library at root: empty when it has none."""
    table, file, at = _library_table(root, "build")
    return BuildSettings() if file is None else _build(table, file, at)


def english_label_languages(root: Path) -> frozenset[str]:
    """The languages that `[languages] english_labels` lets print with the tool's English
    words (a leaflet in one gets a warning, not the error of a language with no words)."""
    table, file, at = _library_table(root, "languages")
    if file is None or table is None:
        return frozenset()
    _check_table(table, file, at, LANGUAGE_KEYS, 'english_labels = ["ti"]')
    listed = table.get("english_labels", [])
    if not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
        raise file.refuse("config.type", at + ("english_labels",), "english_labels must be a "
                          "list of language tags in quotes", 'for example english_labels = ["ti"]')
    return frozenset(tag.lower() for tag in listed)


def _library_table(root: Path, name: str) -> tuple[Any, "_File | None", tuple[str, ...]]:
    """One table of the library's leafletgen.toml (refusing a table it does not know), else
    of [tool.leafletgen] in its pyproject.toml: (table or None, the file or None, its path)."""
    own, project = root / SETTINGS_FILE, root / PROJECT_FILE
    if own.is_file():
        file = _File(_shown(own), _read_text(own))
        data = file.parse()
        for table in data:
            if table not in TABLES:
                raise file.refuse("config.unknown-key", (table,),
                                  f"unknown table [{table}]", _known(table, TABLES, "tables"))
        return data.get(name), file, (name,)
    if project.is_file():
        file = _File(_shown(project), _read_text(project))
        ours = file.parse().get("tool", {}).get("leafletgen", {})
        if isinstance(ours, dict) and name in ours:
            return ours[name], file, ("tool", "leafletgen", name)
    return None, None, ()


def _check_table(table: Any, file: _File, at: tuple[str, ...], keys: tuple[str, ...],
                 example: str) -> None:
    """A table of settings, with no key it does not know."""
    name = _table_name(at)
    if not isinstance(table, dict):
        raise file.refuse("config.type", at, f"{name} must be a table of settings",
                          f"write it as a table: {name} on a line of its own, then {example}")
    for key in table:
        if key not in keys:
            raise file.refuse("config.unknown-key", at + (key,),
                              f"{name} has an unknown key '{key}'", _known(key, keys, "keys"))


def _build(table: Any, file: _File, at: tuple[str, ...]) -> BuildSettings:
    if table is None:
        return BuildSettings(file.path)
    _check_table(table, file, at, BUILD_KEYS, 'formats = ["a4"]')
    if "formats" not in table:
        return BuildSettings(file.path)
    return _formats(table["formats"], file, at + ("formats",))


def _formats(value: Any, file: _File, at: tuple[str, ...]) -> BuildSettings:
    what = f"{_table_name(at[:-1])} formats"
    example = 'for example formats = ["a4"], or formats = "all"'
    if value == ALL_FORMATS:
        return BuildSettings(file.path, FORMAT_NAMES, every_format=True)
    if isinstance(value, str):  # one name, or an unknown word
        if value in FORMAT_NAMES:
            raise file.refuse("config.type", at, f"{what} must be a list of formats, not text",
                              f'put it in square brackets: formats = ["{value}"]')
        raise file.refuse("config.format", at, f"{what} names an unknown format '{value}'",
                          _format_hint(value))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise file.refuse("config.type", at,
                          f"{what} must be a list of format names in quotes", example)
    if not value:
        raise file.refuse("config.type", at, f"{what} is empty",
                          f"name at least one format, {example}; or delete the line")
    for name in value:
        if name not in FORMAT_NAMES:
            line, column = file.value_position(at, name)
            raise LeafletError(error("config.format",
                                     f"{what} names an unknown format '{name}'",
                                     Span(file.path, line, column), _format_hint(name)))
    return BuildSettings(file.path, tuple(dict.fromkeys(value)))


def _format_hint(name: str) -> str:
    close = difflib.get_close_matches(name, FORMAT_NAMES, 1)
    choose = f"choose from {', '.join(FORMAT_NAMES)}, or formats = \"all\""
    return f"did you mean '{close[0]}'? {choose}" if close else choose


def _known(name: str, known: tuple[str, ...], kind: str) -> str:
    close = difflib.get_close_matches(name, known, 1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"the known {kind} are {', '.join(known)}"


def _table_name(at: tuple[str, ...]) -> str:
    return f"[{'.'.join(at)}]"


def _shown(path: Path) -> str:
    """The file as a message names it: relative to here when it is below here."""
    absolute = Path(os.path.abspath(path))
    here = Path.cwd()
    return str(absolute.relative_to(here) if absolute.is_relative_to(here) else absolute)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LeafletError(error("build.file-system",
                                 f"cannot be read: {exc.strerror or exc}", Span(_shown(path)),
                                 "check the file's permissions")) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LeafletError(error("config.syntax", f"the file is not UTF-8 text ({exc.reason})",
                                 Span(_shown(path), line, column),
                                 "save it as UTF-8 text, or retype the character here")) from None


@dataclass(frozen=True)
class _File:
    """The settings file being read, to name the place of a mistake."""

    path: str
    text: str

    def parse(self) -> dict[str, Any]:
        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            reason, line, column = _decode_position(str(exc), self.text)
            raise LeafletError(error(
                "config.syntax", f"this is not valid TOML: {reason}",
                Span(self.path, line, column),
                "check the quotes, brackets and '=' on this line: "
                'a setting is written name = value, text in "double quotes"')) from None

    def refuse(self, code: str, at: tuple[str, ...], message: str,
               hint: str = "") -> LeafletError:
        line, column = key_position(self.text, at)
        return LeafletError(error(code, message, Span(self.path, line, column), hint))

    def value_position(self, at: tuple[str, ...], value: str) -> tuple[int, int]:
        """Where the text `value` is written in the value of the key at `at` (or the key)."""
        line, column = key_position(self.text, at)
        if not line:
            return line, column
        lines = self.text.splitlines()
        offset = sum(len(text) + 1 for text in lines[:line - 1]) + column - 1
        quoted = re.compile(r"""(["'])""" + re.escape(value) + r"\1")
        found = quoted.search(self.text, offset)
        if found is None:
            return line, column
        before = self.text[:found.start()]
        return before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1


def _decode_position(message: str, text: str) -> tuple[str, int, int]:
    """tomllib ends its messages with "(at line L, column C)", or "(at end of document)"
    (the place after the last character): the reason, and the place as numbers."""
    found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message, re.DOTALL)
    if found is not None:
        return found[1], int(found[2]), int(found[3])
    found = re.fullmatch(r"(.*) \(at end of document\)", message, re.DOTALL)
    if found is None:
        return message, 0, 0
    lines = text.splitlines() or [""]
    return f"{found[1]} (at the end of the file)", len(lines), len(lines[-1]) + 1


# ------------------------------------------------------------------ where a key is
_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_KEYS = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"\s*\[\[?\s*(?P<keys>{_KEYS})\s*\]")
_ASSIGNMENT = re.compile(rf"\s*(?P<keys>{_KEYS})\s*=")


def key_position(text: str, path: tuple[str, ...]) -> tuple[int, int]:
    """(line, column) of the key at `path` in TOML text, or of the nearest table above it
    that is written out; (0, 0) if none is. tomllib gives no positions, so this reads the
    lines: a table header or a `key =` line (a multi-line string may fool it, rarely)."""
    places: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        found = header or _ASSIGNMENT.match(line)
        if found is None:
            continue
        keys = _key_parts(found["keys"])
        if header:
            table = keys
        else:
            keys = table + keys
        for end in range(1, len(keys) + 1):
            places.setdefault(keys[:end], (number, found.start("keys") + 1))
    for end in range(len(path), 0, -1):
        if path[:end] in places:
            return places[path[:end]]
    return 0, 0


def _key_parts(keys: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(_KEY, keys))
