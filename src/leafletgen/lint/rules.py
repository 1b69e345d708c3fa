"""The rules `leafletgen check` knows: its selection of the registry (leafletgen/rules.py).

A check module never picks a severity itself: it asks for a rule by id, so that the
docs, the config validation and `leafletgen check --list-rules` all read one table.
The loader's own rules (`format.*`) are listed too, as one line: a file that breaks the
format contract is a finding like any other, and cannot be switched off.
"""

from __future__ import annotations

from dataclasses import dataclass

from leafletgen import rules as registry
from leafletgen.errors import Diagnostic, Severity, Span
from leafletgen.rules import Rule

CHECKED = ("readability", "plain-english", "dates", "completeness", "accessibility",
           "layout")  # the concerns check runs, in this order
ACROSS = ("library", "translation")  # found across the library: a translation and its master
FORMAT_CONTRACT = Rule("format.*", Severity.ERROR,
                       "the file breaks the leaflet format; it cannot be built")

RULES: dict[str, Rule] = {
    FORMAT_CONTRACT.id: FORMAT_CONTRACT,
    "format.duplicate-id": registry.RULES["format.duplicate-id"],  # found across the library
    **{rule.id: rule for rule in registry.RULES.values() if rule.concern in ACROSS},
    **{rule.id: rule for rule in registry.RULES.values() if rule.concern in CHECKED},
}
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
    """Anything but the format contract, and the library's (a broken link to a master
    fails the build too), may be turned off."""
    return not (selects("format", pattern) or selects("library", pattern))
