"""The contract's inline markup: **bold**, *italic* and [text](url); every other character is literal.

Text is parsed into runs first, then each run is escaped and wrapped in ReportLab's
paragraph markup from an allow-list, so `<`, `&` and quotes from YAML print as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:")

_TOKEN = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<url>[^()\s]+)\)"
    r"|\*\*\*(?P<both>(?=\S).+?(?<=\S))\*\*\*"
    r"|\*\*(?P<bold>(?=\S).+?(?<=\S))\*\*"
    r"|\*(?P<italic>(?=[^\s*]).+?(?<=[^\s*]))\*"
)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


def parse(text: str, bold: bool = False, italic: bool = False, href: str = "") -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match["url"] and not match["url"].lower().startswith(LINK_SCHEMES):
            continue  # not a link we make: leave it as the author typed it
        if match.start() > position:
            runs.append(Run(text[position:match.start()], bold, italic, href))
        if match["label"] is not None:
            runs += parse(match["label"], bold, italic, match["url"])
        elif match["both"] is not None:
            runs += parse(match["both"], True, True, href)
        elif match["bold"] is not None:
            runs += parse(match["bold"], True, italic, href)
        else:
            runs += parse(match["italic"], bold, True, href)
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:], bold, italic, href))
    return runs


def plain(text: str) -> str:
    """What a reader sees, without markup: for readability checks, metadata and diffs."""
    return "".join(run.text for run in parse(text))


def to_markup(text: str, link_color: str = "", italic_as_bold: bool = False) -> str:
    """ReportLab paragraph markup for an author's string."""
    return "".join(run_markup(run, link_color, italic_as_bold) for run in parse(text))


def run_markup(run: Run, link_color: str, italic_as_bold: bool) -> str:
    """One run escaped and wrapped in our allow-listed markup (the review copy marks words too)."""
    out = escape(run.text)
    if run.italic and not italic_as_bold:
        out = f"<i>{out}</i>"
    if run.bold or (run.italic and italic_as_bold):
        out = f"<b>{out}</b>"
    if run.href:
        color = f" color={quoteattr(link_color)}" if link_color else ""
        out = f"<a href={quoteattr(run.href)}{color}><u>{out}</u></a>"
    return out


def link_markup(label: str, href: str, link_color: str = "") -> str:
    """A link we make ourselves (contacts, further reading), escaped like any author text."""
    return run_markup(Run(label, href=href), link_color, False)
