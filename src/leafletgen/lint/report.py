"""A check run as text lines or as the stable JSON document (docs/check.md describes both)."""

from __future__ import annotations

from typing import Any

import leafletgen
from leafletgen.lint.readability import Figure
from leafletgen.lint.rules import Finding
from leafletgen.lint.run import CheckRun, LeafletReport

JSON_SCHEMA_VERSION = 1


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(run: CheckRun) -> str:
    unread = sum(not r.read for r in run.reports)
    broken = sum(r.read and not r.loaded for r in run.reports)
    notes = [f"{unread} could not be read"] if unread else []
    notes += [f"{broken} with format errors"] if broken else []
    failed = f" ({', '.join(notes)})" if notes else ""
    return (f"{plural(len(run.reports), 'leaflet')} checked{failed}: "
            f"{plural(run.errors, 'error')}, {plural(run.warnings, 'warning')}")


def skipped_line(report: LeafletReport) -> str:
    """What was not checked in a leaflet that breaks the format; "" when nothing was left out."""
    if not report.skipped:
        return ""
    return f"{report.source}: not checked until the format errors are fixed: " \
           f"{', '.join(report.skipped)}"


def readability_lines(report: LeafletReport) -> list[str]:
    """A small table: reading age, SMOG and Flesch-Kincaid grades per part of the leaflet."""
    if not report.read:
        return []
    s = report.settings
    name = f"{report.leaflet_id} ({report.source})" if report.leaflet_id else report.source
    if not report.measured:
        return [f"readability of {name}: not measured: SMOG and Flesch-Kincaid are formulas for "
                f"English, and this leaflet is in '{report.language}' (sentence and paragraph "
                "lengths are still checked)"]
    lines = [f"readability of {name}: target reading age "
             f"{s.reading_age_max:g} or under, by {_formula(s.readability_formula)}",
             "  reading age   SMOG  Flesch-Kincaid  sentences  words  part"]
    rough = False
    for figure in report.figures:
        scores = figure.scores
        if not scores.sentences:
            continue
        mark = "~" if scores.sentences < s.readability_min_sentences else " "
        rough |= mark == "~"
        lines.append(f"  {mark}{scores.reading_age(s.readability_formula):10.1f} "
                     f"{scores.smog_grade:6.1f} {scores.flesch_kincaid_grade:15.1f} "
                     f"{scores.sentences:10d} {scores.words:6d}  {figure.name}")
    if rough:
        lines.append(f"  ~ fewer than {s.readability_min_sentences} sentences: a rough figure, "
                     "not warned about")
    return lines


def _formula(name: str) -> str:
    return "SMOG" if name == "smog" else "Flesch-Kincaid"


# ------------------------------------------------------------------ JSON
def as_json(run: CheckRun, strict: bool) -> dict[str, Any]:
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": f"leafletgen {leafletgen.__version__}",
        "today": run.today.isoformat(),
        "strict": strict,
        "summary": {"leaflets": len(run.reports), "errors": run.errors,
                    "warnings": run.warnings, "failed": run.failed(strict)},
        "findings": [_finding(f, None) for f in run.other]
                    + [_finding(f, _loaded_id(r)) for r in run.reports for f in r.findings],
        "leaflets": [_leaflet(r) for r in run.reports],
    }


def _loaded_id(report: LeafletReport) -> str | None:
    """The id, for a leaflet that loaded: of one that breaks the format it may be wrong."""
    return report.leaflet_id if report.loaded else None


def _finding(found: Finding, leaflet_id: str | None) -> dict[str, Any]:
    d = found.diagnostic
    return {"file": d.span.file, "line": d.span.line, "column": d.span.column,
            "severity": d.severity.value, "rule": d.code, "message": d.message,
            "hint": d.hint, "section": found.section or None, "leaflet": leaflet_id}


def _leaflet(report: LeafletReport) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "file": report.source, "id": _loaded_id(report), "loaded": report.loaded,
        "errors": sum(f.is_error for f in report.findings),
        "warnings": sum(not f.is_error for f in report.findings),
        "readability": None,
    }
    if report.loaded and report.measured:  # null for a file that breaks the format, or one
        # in a language the formulas are not made for
        s = report.settings
        entry["readability"] = {
            "formula": s.readability_formula, "reading_age_max": s.reading_age_max,
            "min_sentences": s.readability_min_sentences,
            "parts": [_figure(f, s.readability_formula) for f in report.figures],
        }
    return entry


def _figure(figure: Figure, formula: str) -> dict[str, Any]:
    scores = figure.scores
    return {"part": figure.part, "section": figure.section or None, "line": figure.span.line,
            "sentences": scores.sentences, "words": scores.words, "syllables": scores.syllables,
            "polysyllables": scores.polysyllables, "smog_grade": round(scores.smog_grade, 1),
            "flesch_kincaid_grade": round(scores.flesch_kincaid_grade, 1),
            "reading_age": round(scores.reading_age(formula), 1)}
