"""Every rule `leafletgen check` knows: its id, its severity and what it is for.

A check module never picks a severity itself: it asks for a rule by id, so that the
docs, the config validation and `leafletgen check --list-rules` all read this table.
The loader's own rules (`format.*`) are listed too: a file that breaks the format
contract is a finding like any other, and cannot be switched off.
"""

from __future__ import annotations

from dataclasses import dataclass

from leafletgen.errors import Diagnostic, Severity, Span

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str

    @property
    def concern(self) -> str:
        return self.id.split(".", 1)[0]


_TABLE = [
    # The loader: the format contract (docs/format.md). Always on.
    ("format.*", E, "the file breaks the leaflet format; it cannot be built"),
    ("format.duplicate-id", E, "two leaflets in the library have the same id"),
    # Readability
    ("readability.reading-age", W, "reading age (US grade + 5) above the target"),
    ("readability.sentence-length", W, "a sentence longer than the word limit"),
    ("readability.paragraph-length", W, "a paragraph longer than the word limit"),
    # Plain English
    ("plain-english.jargon", W, "a medical term not explained where it is first used"),
    ("plain-english.wordy", W, "a word or phrase with a plainer alternative"),
    # Dates and versions
    ("dates.review-overdue", E, "the review date has passed"),
    ("dates.review-soon", W, "the review date is close"),
    ("dates.published-future", W, "the published date is in the future"),
    ("dates.history-version", E, "the newest history entry is not the leaflet's version"),
    ("dates.history-date", W, "the newest history entry is not dated on the published date"),
    ("dates.history-order", W, "history is not newest first"),
    # Completeness
    ("completeness.quick-guide", W, "the leaflet has no quick guide"),
    ("completeness.contacts", W, "the leaflet has no contacts"),
    ("completeness.contact-details", W, "a contact with neither a phone number nor an email"),
    ("completeness.contact-hours", W, "a phone number with no opening hours"),
    ("completeness.phone", W, "a phone number that does not look like one"),
    ("completeness.email", E, "a malformed email address"),
    ("completeness.url", E, "a malformed web address or link"),
    ("completeness.http-url", W, "a web address that is not https"),
    ("completeness.link-text", W, "link words that mean nothing on paper ('click here')"),
    ("completeness.alt-text", W, "alt text that is too short, a file name or repeats the caption"),
    ("completeness.bodymap-alt", W, "a body map's alt text leaves out a highlighted region"),
    # Layout, laid out for real
    ("layout.quick-guide-overflow", E, "the quick guide does not fit on one page"),
    ("layout.heading-at-page-end", W, "a heading is the last thing on a page (A4 or A5)"),
    ("layout.overflow", E, "the leaflet cannot be laid out (something too big for the page)"),
]

RULES: dict[str, Rule] = {rule_id: Rule(rule_id, severity, summary)
                          for rule_id, severity, summary in _TABLE}
CONCERNS = tuple(dict.fromkeys(rule.concern for rule in RULES.values()))


@dataclass(frozen=True)
class Finding:
    """One problem: the diagnostic as printed, and the section it is in ("" if none)."""

    diagnostic: Diagnostic
    section: str = ""

    @property
    def rule(self) -> str:
        return self.diagnostic.code

    @property
    def is_error(self) -> bool:
        return self.diagnostic.severity is Severity.ERROR

    def __str__(self) -> str:
        return str(self.diagnostic)


def finding(rule_id: str, message: str, span: Span, hint: str = "", section: str = "") -> Finding:
    """A finding of a registered rule, with the rule's severity."""
    return Finding(Diagnostic(RULES[rule_id].severity, rule_id, message, span, hint), section)


def selects(pattern: str, rule_id: str) -> bool:
    """A config entry names one rule ('dates.review-soon') or a whole concern ('dates')."""
    return rule_id == pattern or rule_id.startswith(pattern + ".")


def is_known(pattern: str) -> bool:
    return pattern in CONCERNS or pattern in RULES


def switchable(pattern: str) -> bool:
    """Anything but the format contract may be turned off."""
    return not selects("format", pattern)
