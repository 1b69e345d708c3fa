"""Check leaflets: load them (the loader's problems are findings too), then run every check.

A file that breaks the format is still checked, in one run: its format findings, and the
content rules run on what the loader could read of it. Layout checks wait until it loads
(it cannot be built), and the dates rules need every date and version they compare.

Each leaflet is checked with the config, plain-English list and theme of its own library
(the folder holding its leaflets/). A mistake in the config or the list raises ConfigError
(the command stops: a usage error); a theme that cannot be read is reported once, as
findings of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from leafletgen import model
from leafletgen.errors import LeafletError, Span
from leafletgen.lint import (accessibility, completeness, dates, layoutchecks, plainenglish,
                             readability)
from leafletgen.lint.config import Config, Settings, load_config
from leafletgen.lint.context import Context
from leafletgen.lint.rules import RULES, Finding, selects
from leafletgen.lint.text import Locator, units

CHECKS = {  # concern -> check; a concern whose rules are all disabled is not run
    "readability": readability.check,
    "plain-english": plainenglish.check,
    "dates": dates.check,
    "completeness": completeness.check,
    "accessibility": accessibility.check,
    "layout": layoutchecks.check,
}


# Concerns about English words: not run on a leaflet in another language. (Readability's
# reading age is not measured there either; its sentence and paragraph lengths are.)
ENGLISH_ONLY = ("plain-english",)


def is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


@dataclass
class LeafletReport:
    source: str
    findings: list[Finding]
    leaflet_id: str = ""  # "" when the file could not be read, or its id could not
    figures: list[readability.Figure] = field(default_factory=list)
    settings: Settings = Settings()
    read: bool = False  # the content rules ran: on the whole leaflet, or on what could be read
    skipped: tuple[str, ...] = ()  # concerns not run: they need what could not be read
    language: str = "en"

    @property
    def measured(self) -> bool:
        """Readability formulas and the plain-English list are for English text."""
        return is_english(self.language)

    @property
    def loaded(self) -> bool:
        """Read with no format error: a leaflet build would accept."""
        return self.read and not any(selects("format", f.rule) for f in self.findings)


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
        problems = [Finding(d) for d in loaded.failures.get(source, [])]
        leaflet = by_source.get(source) or loaded.partial.get(source)
        if leaflet is None:
            run.reports.append(LeafletReport(source, problems))
            continue
        library = libraries(library_root(path))
        run.reports.append(check_leaflet(leaflet, library, run.today, problems))
    run.other = [f for found in dict.fromkeys(libraries(r).theme_findings
                                              for r in sorted(first_file))
                 for f in found]
    _add_translation_findings(run, files, loaded.leaflets)
    return run


def _add_translation_findings(run: CheckRun, files: list[Path], loaded: list[model.Leaflet]
                              ) -> None:
    """A translation's broken link to its master, or the warning that its master moved on
    (lint/translations.py), among its other findings in line order."""
    from leafletgen.lint.translations import check_translations

    found = check_translations(files, loaded)
    for report in run.reports:
        extra = [Finding(d) for d in found.get(report.source, ())
                 if report.settings.enabled(d.code)]
        if extra:
            report.findings = sorted(report.findings + extra, key=lambda f: (
                f.diagnostic.span.line, f.diagnostic.span.column, f.rule))


def _library(root: Path, leaflet_file: Path) -> Library:
    from leafletgen.load.library import library_context

    config = load_config(root)
    lexicon = plainenglish.load_lexicon(root, config.plain_english)
    try:
        return Library(config, lexicon, library_context(leaflet_file).theme)
    except LeafletError as exc:
        return Library(config, lexicon, None, tuple(Finding(d) for d in exc.diagnostics))


def check_leaflet(leaflet: model.Leaflet, library: Library, today: dt.date,
                  problems: list[Finding] | None = None) -> LeafletReport:
    """Every check of one leaflet. With the loader's problems, `leaflet` is what could be
    read of a file that breaks the format: they are reported with what the checks find."""
    if problems:
        leaflet = _checkable(leaflet)
    settings = library.config.settings_for(leaflet.id)
    locator = Locator(leaflet.source)
    found_units = units(leaflet, locator)
    title_span = leaflet.field_spans.get("title", leaflet.span)
    english = is_english(leaflet.language)
    ctx = Context(leaflet, settings, today, library.lexicon, library.theme, locator, found_units,
                  readability.figures(found_units, title_span) if english else [])
    enabled = [c for c in CHECKS if any(settings.enabled(r) for r in RULES if selects(c, r))
               and (english or c not in ENGLISH_ONLY)]
    skipped = tuple(c for c in enabled if c in _cannot_check(leaflet)) if problems else ()
    findings = [f for concern in enabled if concern not in skipped
                for f in CHECKS[concern](ctx) if settings.enabled(f.rule)]
    if problems:
        restated = _restated(leaflet)
        findings = problems + [f for f in findings if (f.rule, f.diagnostic.span) not in restated]
    findings.sort(key=lambda f: (f.diagnostic.span.line, f.diagnostic.span.column, f.rule))
    return LeafletReport(leaflet.source, findings, leaflet.id, ctx.figures, settings,
                         read=True, skipped=skipped, language=leaflet.language)


def _checkable(partial: model.Leaflet) -> model.Leaflet:
    """A partial leaflet with a neutral stand-in where a check needs what could not be read:
    a body map whose view is unknown highlights nothing (its regions have no names)."""
    def stand_in(block: model.Block) -> model.Block:
        if isinstance(block, model.BodyMap) and not block.view:
            return dataclasses.replace(block, highlight=())
        return block

    sections = tuple(dataclasses.replace(section, body=tuple(map(stand_in, section.body)))
                     for section in partial.sections)
    guide = partial.quick_guide
    if guide and guide.bodymap:
        guide = dataclasses.replace(guide, bodymap=stand_in(guide.bodymap))
    return dataclasses.replace(partial, sections=sections, quick_guide=guide)


def _cannot_check(partial: model.Leaflet) -> set[str]:
    """The concerns that cannot run on a leaflet that breaks the format: layout lays it out
    (it is never built), and dates compares dates and versions the loader may not have read."""
    skipped = {"layout"}
    dated = [partial.published, partial.review, partial.version]
    dated += [value for entry in partial.history for value in (entry.version, entry.date)]
    if not all(dated):
        skipped.add("dates")
    return skipped


def _restated(partial: model.Leaflet) -> set[tuple[str, Span]]:
    """(rule, place) of the findings that would only repeat a loader's problem: about a
    figure whose alt text is missing or empty, or a quick guide that could not be read."""
    guide = partial.quick_guide
    figures = [block for section in partial.sections for block in section.body
               if isinstance(block, (model.BodyMap, model.Image))]
    figures += [guide.bodymap] if guide and guide.bodymap else []
    restated = {(rule, figure.span) for figure in figures if not figure.alt
                for rule in ("completeness.alt-text", "completeness.bodymap-alt")}
    if guide is None and "quick_guide" in partial.field_spans:
        restated.add(("completeness.quick-guide", partial.span))
    return restated
