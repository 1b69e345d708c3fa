"""Dates and versions: is the leaflet in date, and does its history match its version?

"Today" is the day the check runs, or the day given with `leafletgen check --today`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leafletgen import model
from leafletgen.lint.rules import Finding, finding

if TYPE_CHECKING:
    from leafletgen.lint.context import Context


def check(ctx: Context) -> list[Finding]:
    return _review(ctx) + _published(ctx) + _history(ctx.leaflet)


def _review(ctx: Context) -> list[Finding]:
    leaflet, today = ctx.leaflet, ctx.today
    span = leaflet.field_spans.get("review", leaflet.span)
    days = (leaflet.review - today).days
    when = model.long_date(leaflet.review)
    if days < 0:
        return [finding("dates.review-overdue",
                        f"the review date {when} has passed ({-days} days ago)", span,
                        "review the leaflet, then publish a new version with a new review date")]
    if days <= ctx.settings.review_warning_days:
        left = "today" if days == 0 else f"in {days} days"
        return [finding("dates.review-soon", f"the leaflet is due for review {left} ({when})",
                        span, "start the review now, so that a reviewed version is ready in time")]
    return []


def _published(ctx: Context) -> list[Finding]:
    leaflet = ctx.leaflet
    days = (leaflet.published - ctx.today).days
    if days <= 0:
        return []
    return [finding("dates.published-future",
                    f"the published date {model.long_date(leaflet.published)} is "
                    f"{days} days in the future",
                    leaflet.field_spans.get("published", leaflet.span),
                    "check the date: the footer of every page prints it")]


def _history(leaflet: model.Leaflet) -> list[Finding]:
    if not leaflet.history:
        return []
    newest = leaflet.history[0]
    found = []
    if newest.version != leaflet.version:
        found.append(finding(
            "dates.history-version",
            f"the newest history entry is version {newest.version}, but the leaflet is "
            f"version {leaflet.version}", newest.span,
            "add an entry for this version at the top of history (newest first)"))
    elif newest.date != leaflet.published:
        found.append(finding(
            "dates.history-date",
            f"the history entry for version {newest.version} is dated {newest.date}, but the "
            f"leaflet was published {leaflet.published}", newest.span,
            "give the entry the published date, or correct 'published'"))
    for before, after in zip(leaflet.history, leaflet.history[1:]):
        if (_version_key(after.version), after.date) > (_version_key(before.version), before.date):
            found.append(finding(
                "dates.history-order",
                f"history lists version {after.version} ({after.date}) after version "
                f"{before.version} ({before.date})", after.span,
                "list history newest first: the current version at the top"))
            break
    return found


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
