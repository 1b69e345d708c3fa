"""The `[check]` settings of a content library, from leafletgen.toml or pyproject.toml.

The library root is the folder holding leaflets/. `leafletgen.toml` there is read if it
exists, else `[tool.leafletgen]` in `pyproject.toml`. Only their `check` table is ours:

    [check]
    reading_age_max = 14
    disable = ["plain-english.wordy"]

    [check.leaflets.SBC-01]          # this leaflet only
    sentence_words_max = 30
    disable = ["completeness.quick-guide"]

A mistake in the config is never silently ignored: it is a ConfigError, a diagnostic at
the line of the offending key, and `leafletgen check` stops with exit status 2.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from leafletgen.errors import LeafletError, Span, error
from leafletgen.formats import FORMATS
from leafletgen.lint import rules
from leafletgen.load.settings import key_position  # one reader of TOML key places

LAYOUT_FORMATS = tuple(name for name, f in FORMATS.items() if f.layout_checks)
DEFAULT_LAYOUT_FORMATS = tuple(name for name, f in FORMATS.items() if f.layout_checks == "default")
FORMULAS = ("smog", "flesch-kincaid")
CONFIG_RULE = "check.config"


class ConfigError(LeafletError):
    """A mistake in a library's config or plain-English list: check reports it as a usage
    error (exit status 2), since checking with settings nobody meant would mislead."""


@dataclass(frozen=True)
class Settings:
    reading_age_max: float = 14
    readability_formula: str = "smog"
    readability_min_sentences: int = 5  # fewer, and a reading age is too rough to warn on
    sentence_words_max: int = 25
    paragraph_words_max: int = 80
    review_warning_days: int = 90
    alt_words_min: int = 3
    alt_chars_max: int = 250  # longer alt text belongs in the text or a caption
    layout_formats: tuple[str, ...] = DEFAULT_LAYOUT_FORMATS
    disable: tuple[str, ...] = ()

    def enabled(self, rule_id: str) -> bool:
        return not any(rules.selects(pattern, rule_id) for pattern in self.disable)


@dataclass(frozen=True)
class Config:
    source: str = ""  # the file it came from, "" for the defaults
    settings: Settings = Settings()
    plain_english: str = ""  # a library's extra plain-English list, relative to the root
    leaflets: dict[str, dict[str, Any]] = field(default_factory=dict)

    def settings_for(self, leaflet_id: str) -> Settings:
        """The library's settings with this leaflet's overrides: its `disable` adds to the
        library's, its `enable` takes rules back off that list."""
        override = dict(self.leaflets.get(leaflet_id, {}))
        enable = override.pop("enable", ())
        disable = tuple(override.pop("disable", ())) + self.settings.disable
        disable = tuple(p for p in disable if not any(rules.selects(e, p) for e in enable))
        return replace(self.settings, **override, disable=disable)


@dataclass(frozen=True)
class _File:
    """The config file being read, to name the place of a mistake."""

    path: str
    text: str
    table: tuple[str, ...] = ("check",)  # the keys of our table: [check] or [tool.leafletgen.check]

    def where(self, at: tuple[str, ...] = ()) -> str:
        return f"[{'.'.join(self.table + at)}]"

    def refuse(self, at: tuple[str, ...], message: str, hint: str = "") -> ConfigError:
        """A mistake at the key `at` (below our table)."""
        line, column = key_position(self.text, self.table + at)
        return ConfigError(error(CONFIG_RULE, message, Span(self.path, line, column), hint))


def load_config(root: Path) -> Config:
    """The config of the library at root; the defaults when it has none."""
    own, project = root / "leafletgen.toml", root / "pyproject.toml"
    if own.is_file():
        file = _File(str(own), _read_text(own))
        return _parse(_read_toml(file).get("check", {}), file)
    if project.is_file():
        file = _File(str(project), _read_text(project), ("tool", "leafletgen", "check"))
        table = _read_toml(file).get("tool", {}).get("leafletgen", {}).get("check")
        if table is not None:
            return _parse(table, file)
    return Config()


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(error(CONFIG_RULE, f"cannot read the config: {exc}",
                                Span(str(path)))) from None


def _read_toml(file: _File) -> dict[str, Any]:
    try:
        return tomllib.loads(file.text)
    except tomllib.TOMLDecodeError as exc:
        reason, line, column = _decode_position(str(exc))
        raise ConfigError(error(CONFIG_RULE, f"cannot read the config: {reason}",
                                Span(file.path, line, column))) from None


def _decode_position(message: str) -> tuple[str, int, int]:
    """tomllib ends its messages with "(at line L, column C)": the place, as numbers."""
    found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message, re.DOTALL)
    if found is None:
        return message, 0, 0
    return found[1], int(found[2]), int(found[3])


def _parse(table: Any, file: _File) -> Config:
    if not isinstance(table, dict):
        raise file.refuse((), f"{file.where()} must be a table of settings")
    table = dict(table)
    leaflets = table.pop("leaflets", {})
    plain_english = table.pop("plain_english", "")
    if not isinstance(plain_english, str):
        raise file.refuse(("plain_english",),
                          f"{file.where()} plain_english must be a path, as text")
    if not isinstance(leaflets, dict):
        raise file.refuse(("leaflets",),
                          f"{file.where()} leaflets must hold one table per leaflet id")
    settings = replace(Settings(), **_settings(table, file, ()))
    per_leaflet = {}
    for leaflet_id, override in leaflets.items():
        at = ("leaflets", leaflet_id)
        if not isinstance(override, dict):
            raise file.refuse(at, f"{file.where(at)} must be a table of settings")
        override = dict(override)
        enable = _rule_list(override.pop("enable", []), file, at + ("enable",))
        per_leaflet[leaflet_id] = _settings(override, file, at) | (
            {"enable": enable} if enable else {})
    return Config(file.path, settings, plain_english, per_leaflet)


def _settings(table: dict[str, Any], file: _File, at: tuple[str, ...]) -> dict[str, Any]:
    """Checked values for the Settings fields named in table (the table at `at`)."""
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            close = difflib.get_close_matches(key, list(known) + ["plain_english", "leaflets"], 1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            raise file.refuse(at + (key,), f"{file.where(at)} has an unknown key '{key}'", hint)
        values[key] = _value(value, file, at + (key,))
    return values


def _value(value: Any, file: _File, at: tuple[str, ...]) -> Any:
    key = at[-1]

    def refuse(expected: str) -> ConfigError:
        return file.refuse(at, f"{file.where(at[:-1])} {key} must be {expected}, not {value!r}")

    if key == "disable":
        return _rule_list(value, file, at)
    if key == "readability_formula":
        if value not in FORMULAS:
            raise refuse(" or ".join(repr(f) for f in FORMULAS))
        return value
    if key == "layout_formats":
        if not isinstance(value, list) or not set(value) <= set(LAYOUT_FORMATS):
            raise refuse(f"a list of formats from {', '.join(LAYOUT_FORMATS)}")
        return tuple(value)
    if key == "reading_age_max":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise refuse("a positive number")
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise refuse("a whole number, 0 or more")
    return value


def _rule_list(value: Any, file: _File, at: tuple[str, ...]) -> tuple[str, ...]:
    name = f"{file.where(at[:-1])} {at[-1]}"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise file.refuse(at, f"{name} must be a list of rule ids")
    for pattern in value:
        if not rules.switchable(pattern):
            raise file.refuse(at, f"{name} cannot include '{pattern}'", "a leaflet that breaks "
                              "the format, or names a master that is not there, cannot be "
                              "built, so its rules stay on")
        if not rules.is_known(pattern):
            close = difflib.get_close_matches(pattern, list(rules.RULES) + list(rules.CONCERNS), 1)
            hint = f"did you mean '{close[0]}'?" if close else "see `leafletgen check --list-rules`"
            raise file.refuse(at, f"{name} names an unknown rule '{pattern}'", hint)
    return tuple(value)
