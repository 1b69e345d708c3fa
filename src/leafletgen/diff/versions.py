"""Version discipline: a changed leaflet needs a higher version and a history entry for it."""

from __future__ import annotations

from leafletgen import model
from leafletgen.diff.changes import ChangeSet
from leafletgen.errors import Diagnostic, Severity, error, warning


version_number = model.version_number  # where the diff stage's callers look for it


def check_versions(changes: ChangeSet, strict: bool = False) -> list[Diagnostic]:
    """What a reviewer must not approve as it stands; warnings become errors when strict."""
    old, new = changes.old, changes.new
    before, after = version_number(old.version), version_number(new.version)
    problems: list[Diagnostic] = []
    span = new.field_spans.get("version", new.span)
    if after < before:
        problems.append(error(
            "diff.version-lowered", f"version {new.version} is lower than {old.version}", span,
            f"a new version needs a higher number than {old.version}"))
    elif after == before and changes.content_changed:
        problems.append(warning(
            "diff.version-not-raised", f"the content changed but the version is still "
            f"{new.version}", span, f"raise it, e.g. to \"{_next(old.version)}\", and add a "
            "history entry for it"))
    if after > before or changes.content_changed:
        problems += _history(new, span)
    if after > before and new.published <= old.published:
        problems.append(warning(
            "diff.published-not-updated", f"version {new.version} has the published date of "
            f"version {old.version} ({model.long_date(old.published)}) or an earlier one",
            new.field_spans.get("published", span), "set published to the date of this version"))
    if old.id != new.id:
        problems.append(warning(
            "diff.different-id", f"comparing two different leaflets: {old.id} and {new.id}",
            new.field_spans.get("id", span), "check that you named the right files"))
    return [_strict(p) for p in problems] if strict else problems


def _history(new: model.Leaflet, span) -> list[Diagnostic]:
    latest = new.history[0] if new.history else None
    if latest is None:
        return [warning("diff.history-not-updated", f"there is no history entry for version "
                        f"{new.version}", span, "add history: with an entry for this version, "
                        "saying what changed")]
    if latest.version != new.version:
        return [warning("diff.history-not-updated", f"the newest history entry is for version "
                        f"{latest.version}, not {new.version}", latest.span,
                        f"add an entry for version \"{new.version}\" at the top of history, "
                        "saying what changed")]
    if latest.date != new.published:
        return [warning("diff.history-date", f"the history entry for {new.version} is dated "
                        f"{model.long_date(latest.date)} but the leaflet was published "
                        f"{model.long_date(new.published)}", latest.span,
                        "give the entry the published date")]
    return []


def _next(version: str) -> str:
    major, minor = version_number(version)[:2]
    return f"{major}.{minor + 1}"


def _strict(problem: Diagnostic) -> Diagnostic:
    if problem.severity is Severity.WARNING:
        return error(problem.code, problem.message, problem.span, problem.hint)
    return problem
