"""Typed values from YAML scalars, built without ever raising anything but BadValue.

PyYAML's constructor raises ValueError for a day that does not exist (2026-02-30), a
number longer than Python will read (5,000 digits) or an explicit tag whose text does
not fit it (!!int abc); here each of those is a problem with a hint, for its line.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

import yaml

TIMESTAMP = "tag:yaml.org,2002:timestamp"
INT = "tag:yaml.org,2002:int"

# YEAR-MONTH-DAY at the start of what YAML took for a timestamp.
_DATE_PART = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")

_DIGITS = re.compile(r"^[-+]?[0-9_]+$")
_KINDS = {"int": "whole number", "float": "number", "bool": "yes or no"}

_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class BadValue(Exception):
    def __init__(self, message: str, hint: str, kind: str = "type"):
        super().__init__(message)
        self.message, self.hint = message, hint
        self.kind = kind  # "date", "range" (a number too long) or "type"


def construct(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node; BadValue when it cannot have one."""
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, KeyError, AttributeError, TypeError, OverflowError,
            yaml.constructor.ConstructorError):
        raise _bad(node) from None


def _bad(node: yaml.ScalarNode) -> BadValue:
    text = shorten(str(node.value))
    if node.tag == TIMESTAMP:
        return BadValue(f"{text} is not a date", date_hint(str(node.value)), "date")
    if node.tag == INT and _DIGITS.match(str(node.value)):
        return BadValue(f"{text} is too long to be a number", "write a whole number of a few digits",
                        "range")
    kind = _KINDS.get(node.tag.rsplit(":", 1)[-1], "value of its '!!' tag")
    return BadValue(f"{text} is not a {kind}", "remove the '!!' tag, or write a value of that kind")


def date_hint(text: str) -> str:
    """Why YEAR-MONTH-DAY names no day: 'February 2026 has 28 days'."""
    match = _DATE_PART.match(text)
    if not match:
        return "write the date as YEAR-MONTH-DAY, like 2026-11-24"
    year, month, day = map(int, match.groups())
    if year == 0:
        return "there is no year 0: write the year in full, like 2026"
    if not 1 <= month <= 12:
        return f"there is no month {month}: the month comes second, from 01 to 12"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        leap = f": {year} is not a leap year" if month == 2 and day == 29 else ""
        return f"{calendar.month_name[month]} {year} has {days} days{leap}"
    return "the time after the date is not a time of day: write the date alone"


def shorten(text: str, limit: int = 40) -> str:
    """A value quoted in a message: enough to recognise, never a screenful, and with any
    invisible character (a NUL) shown as an escape."""
    text = text if len(text) <= limit else text[:limit] + "\u2026"
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
