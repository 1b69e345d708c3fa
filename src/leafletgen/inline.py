"""The contract's inline markup: **bold**, *italic* and [text](url); every other character is literal.

Text is parsed into runs first, then each run is escaped and wrapped in ReportLab's
paragraph markup from an allow-list, so `<`, `&` and quotes from YAML print as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:")

# What an author means as a link, as check reads it: the target runs to the first ")", so
# that [x](javascript:alert(1)) is seen, though _TOKEN would leave it as typed.
_LINK_LIKE = re.compile(r"\[[^\]\n]+\]\((?P<target>[^)\n]*)\)")
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")

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


def scheme_of(target: str) -> str:
    """A link target's scheme, lower case ("javascript"), or "" when it names none."""
    match = _SCHEME.match(target)
    return match[1].lower() if match else ""


def refused_links(text: str) -> list[tuple[str, str]]:
    """(target, why) for each [text](target) in an author's string that names a scheme
    other than https, http, mailto and tel: the loader refuses those (javascript:, file:)."""
    refused = []
    for match in _LINK_LIKE.finditer(text):
        target = match["target"].strip()
        scheme = scheme_of(target)
        if scheme and f"{scheme}:" not in LINK_SCHEMES:
            refused.append((target, f"uses '{scheme}:', which a leaflet never links to"))
    return refused


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
    """A link we make ourselves (contacts, further reading), escaped like any author text;
    a target with no scheme we make (a web address without https://) stays plain text."""
    linked = href if href.lower().startswith(LINK_SCHEMES) else ""
    return run_markup(Run(label, href=linked), link_color, False)
