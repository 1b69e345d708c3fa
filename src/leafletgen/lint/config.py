"""The `[check]` settings of a content library, from leafletgen.toml or pyproject.toml.

The library root is the folder holding leaflets/. `leafletgen.toml` there is read if it
exists, else `[tool.leafletgen]` in `pyproject.toml`. Only their `check` table is ours:

    [check]
    reading_age_max = 14
    disable = ["plain-english.wordy"]

    [check.leaflets.SBC-01]          # this leaflet only
    sentence_words_max = 30
    disable = ["completeness.quick-guide"]

A mistake in the config is a usage error (ConfigError), never silently ignored.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from leafletgen.lint import rules

LAYOUT_FORMATS = ("a4", "a5", "large")
FORMULAS = ("smog", "flesch-kincaid")


class ConfigError(Exception):
    """A bad config or plain-English file: the command reports it as a usage error."""


@dataclass(frozen=True)
class Settings:
    reading_age_max: float = 14
    readability_formula: str = "smog"
    readability_min_sentences: int = 5  # fewer, and a reading age is too rough to warn on
    sentence_words_max: int = 25
    paragraph_words_max: int = 80
    review_warning_days: int = 90
    alt_words_min: int = 3
    layout_formats: tuple[str, ...] = ("a4", "a5")
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


def load_config(root: Path) -> Config:
    """The config of the library at root; the defaults when it has none."""
    own, project = root / "leafletgen.toml", root / "pyproject.toml"
    if own.is_file():
        return _parse(_read_toml(own).get("check", {}), str(own), "[check]")
    if project.is_file():
        table = _read_toml(project).get("tool", {}).get("leafletgen", {}).get("check")
        if table is not None:
            return _parse(table, str(project), "[tool.leafletgen.check]")
    return Config()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config: {exc}") from None


def _parse(table: Any, source: str, where: str) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: {where} must be a table of settings")
    table = dict(table)
    leaflets = table.pop("leaflets", {})
    plain_english = table.pop("plain_english", "")
    if not isinstance(plain_english, str):
        raise ConfigError(f"{source}: {where} plain_english must be a path, as text")
    if not isinstance(leaflets, dict):
        raise ConfigError(f"{source}: {where} leaflets must hold one table per leaflet id")
    settings = replace(Settings(), **_settings(table, source, where))
    per_leaflet = {}
    for leaflet_id, override in leaflets.items():
        inner = f"[{where[1:-1]}.leaflets.{leaflet_id}]"
        if not isinstance(override, dict):
            raise ConfigError(f"{source}: {inner} must be a table of settings")
        override = dict(override)
        enable = _rule_list(override.pop("enable", []), source, inner, "enable")
        per_leaflet[leaflet_id] = _settings(override, source, inner) | (
            {"enable": enable} if enable else {})
    return Config(source, settings, plain_english, per_leaflet)


def _settings(table: dict[str, Any], source: str, where: str) -> dict[str, Any]:
    """Checked values for the Settings fields named in table."""
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            close = difflib.get_close_matches(key, list(known) + ["plain_english", "leaflets"], 1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            raise ConfigError(f"{source}: {where} has an unknown key '{key}' ({hint})")
        values[key] = _value(key, value, source, where)
    return values


def _value(key: str, value: Any, source: str, where: str) -> Any:
    def refuse(expected: str) -> ConfigError:
        return ConfigError(f"{source}: {where} {key} must be {expected}, not {value!r}")

    if key == "disable":
        return _rule_list(value, source, where, key)
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


def _rule_list(value: Any, source: str, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: {where} {key} must be a list of rule ids")
    for pattern in value:
        if not rules.switchable(pattern):
            raise ConfigError(f"{source}: {where} {key} cannot include '{pattern}': a leaflet "
                              "that breaks the format cannot be built, so its rules stay on")
        if not rules.is_known(pattern):
            close = difflib.get_close_matches(pattern, list(rules.RULES) + list(rules.CONCERNS), 1)
            hint = f"did you mean '{close[0]}'?" if close else "see `leafletgen check --list-rules`"
            raise ConfigError(f"{source}: {where} {key} names an unknown rule '{pattern}' ({hint})")
    return tuple(value)
