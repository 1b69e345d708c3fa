"""Check leaflets: load them (the loader's problems are findings too), then run every check.

Each leaflet is checked with the config, plain-English list and theme of its own library
(the folder holding its leaflets/). A mistake in the config or the list raises ConfigError
(the command stops: a usage error); a theme that cannot be read is reported once, as
findings of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from leafletgen import model
from leafletgen.errors import LeafletError
from leafletgen.lint import completeness, dates, layoutchecks, plainenglish, readability
from leafletgen.lint.config import Config, Settings, load_config
from leafletgen.lint.context import Context
from leafletgen.lint.rules import RULES, Finding, selects
from leafletgen.lint.text import Locator, units

CHECKS = {  # concern -> check; a concern whose rules are all disabled is not run
    "readability": readability.check,
    "plain-english": plainenglish.check,
    "dates": dates.check,
    "completeness": completeness.check,
    "layout": layoutchecks.check,
}


@dataclass
class LeafletReport:
    source: str
    findings: list[Finding]
    leaflet_id: str = ""  # "" when the file could not be loaded
    figures: list[readability.Figure] = field(default_factory=list)
    settings: Settings = Settings()


@dataclass
class CheckRun:
    reports: list[LeafletReport]
    other: list[Finding] = field(default_factory=list)  # not about one leaflet (the theme)
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def findings(self) -> list[Finding]:
        return self.other + [f for report in self.reports for f in report.findings]

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


@dataclass(frozen=True)
class Library:
    """What a leaflet's library gives its checks."""

    config: Config
    lexicon: tuple[plainenglish.Term, ...]
    theme: object | None
    theme_findings: tuple[Finding, ...] = ()


def check_paths(paths: list[Path], today: dt.date | None = None) -> CheckRun:
    """Check every leaflet file in paths; raises ConfigError for a library's bad config."""
    from leafletgen.load import find_leaflets, library_root, load_library

    files = find_leaflets(paths)
    loaded = load_library(files)
    by_source = {leaflet.source: leaflet for leaflet in loaded.leaflets}
    run = CheckRun([], today=today or dt.date.today())
    first_file = {}  # library root -> the first file in it, to find the library from
    for path in files:
        first_file.setdefault(library_root(path), path)
    libraries = cache(lambda root: _library(root, first_file[root]))
    for path in files:
        source = str(path)
        if source in loaded.failures:
            run.reports.append(LeafletReport(source, [Finding(d) for d in loaded.failures[source]]))
            continue
        library = libraries(library_root(path))
        run.reports.append(check_leaflet(by_source[source], library, run.today))
    run.other = [f for found in dict.fromkeys(libraries(r).theme_findings
                                              for r in sorted(first_file))
                 for f in found]
    return run


def _library(root: Path, leaflet_file: Path) -> Library:
    from leafletgen.load.library import library_context

    config = load_config(root)
    lexicon = plainenglish.load_lexicon(root, config.plain_english)
    try:
        return Library(config, lexicon, library_context(leaflet_file).theme)
    except LeafletError as exc:
        return Library(config, lexicon, None, tuple(Finding(d) for d in exc.diagnostics))


def check_leaflet(leaflet: model.Leaflet, library: Library, today: dt.date) -> LeafletReport:
    settings = library.config.settings_for(leaflet.id)
    locator = Locator(leaflet.source)
    found_units = units(leaflet, locator)
    title_span = leaflet.field_spans.get("title", leaflet.span)
    ctx = Context(leaflet, settings, today, library.lexicon, library.theme, locator,
                  found_units, readability.figures(found_units, title_span))
    findings = []
    for concern, check in CHECKS.items():
        if any(settings.enabled(r) for r in RULES if selects(concern, r)):
            findings += [f for f in check(ctx) if settings.enabled(f.rule)]
    findings.sort(key=lambda f: (f.diagnostic.span.line, f.diagnostic.span.column, f.rule))
    return LeafletReport(leaflet.source, findings, leaflet.id, ctx.figures, settings)
