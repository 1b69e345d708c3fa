"""The contract's inline markup: **bold**, *italic* and [text](url); every other character is literal.

Text is parsed into runs first, then each run is escaped and wrapped in ReportLab's
paragraph markup from an allow-list, so `<`, `&` and quotes from YAML print as typed.

The link targets a PDF may carry are judged here too (`link_problem`), once for the
loader, which refuses the rest, and for check, so that the two never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:")

# In a mailto: link these start headers or another address; an address never has them.
MAILTO_BREAKERS = frozenset("?&#:/\\<>\"")
_EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$|^\d{1,3}(?:\.\d{1,3}){3}$")
_PHONE_EXTRA = re.compile(r"\s*(?:\((?:[^)\d]*)\)|(?:ext\.?|extension|x)\s*\d+)\s*$", re.IGNORECASE)
_TEL = re.compile(r"\+?[0-9.-]+")  # what a tel: link holds: digits, separators, a leading +
_DIALLED = re.compile(r"[0-9\s+().-]+")  # a contact phone that is only a number to dial
_TRUNK_ZERO = re.compile(r"^(\s*\+[0-9]+)\s*\(0\)")
_LINK_HINTS = {"http": "copy the full address from the browser, starting with https://",
               "https": "copy the full address from the browser, starting with https://",
               "mailto": "write it as mailto:name@example.org",
               "tel": "write it as tel:+441234567890"}

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


# xml.sax.saxutils's escape and quoteattr, character for character (tests/test_cold_start.py
# holds them to it): importing saxutils imports urllib.request, http and ssl (~20 ms).
def escape(text: str) -> str:
    """&, > and < as entities, as in XML character data."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An XML attribute value, escaped and quoted (in ' when it holds only ")."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"%s"' % text.replace('"', "&quot;")


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
        if match["url"] and link_problem(match["url"]):
            continue  # not a link we make (the loader refuses it): leave it as typed
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
    """(target, why) for each [text](target) in an author's string that a PDF must not
    carry: the loader refuses those (javascript:, www.example.org, mailto:nurses, tel:12)."""
    refused = []
    for match in _LINK_LIKE.finditer(text):
        problem = link_problem(match["target"])
        if problem:
            refused.append((match["target"].strip(), problem))
    return refused


# ------------------------------------------------------------------ link targets
def link_problem(target: str) -> str:
    """Why a [text](target) cannot be a link in a PDF, or "" when it can: an http(s)
    address with a real site name, mailto: one email address or tel: one phone number."""
    scheme = scheme_of(target)
    if not target.strip():
        return "has no address"
    if not scheme:
        return "does not start with https://, mailto: or tel:"
    if f"{scheme}:" not in LINK_SCHEMES:
        return f"uses '{scheme}:', which a leaflet never links to"
    if any(ch.isspace() for ch in target):
        return "has a space in it"
    if "(" in target:  # the link would end at its ")" and the rest print as typed
        return "has '(' in it (write %28 for '(' and %29 for ')')"
    if scheme == "mailto":
        return email_problem(target[len("mailto:"):])
    if scheme == "tel":
        return tel_problem(target[len("tel:"):])
    return url_problem(target)


def link_hint(target: str) -> str:
    """How to write a link target of this kind properly."""
    return _LINK_HINTS.get(scheme_of(target), "link only to https://, mailto: or tel: addresses")


def url_problem(url: str) -> str:
    """Why a web address would not work, or "" if it looks right."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return "is not a web address"
    if parts.scheme.lower() not in ("http", "https"):
        return "does not start with https://"
    if any(ch.isspace() for ch in url):
        return "has a space in it"
    if not _HOST.match(host):
        return f"has no valid site name ('{host}')" if host else "has no site name"
    return ""


def email_problem(address: str) -> str:
    """Why an address cannot be a mailto: link to one person, or "" if it can."""
    breaks = sorted(set(address) & MAILTO_BREAKERS)
    if breaks:  # ?cc=, &body= or a second scheme would add addresses or text to the email
        return f"has '{breaks[0]}', so it cannot be a mailto: link"
    if not _EMAIL.match(address):
        return "is not an email address"
    return ""


def tel_problem(number: str) -> str:
    """Why the number of a tel: link cannot be dialled, or "" if it can."""
    if not _TEL.fullmatch(number):
        return "is not a phone number (write only its digits, with + for a country code)"
    problem = phone_problem(number)
    return f"is not a phone number: it {problem}" if problem else ""


def phone_problem(phone: str) -> str:
    """Why a phone number, as printed, does not look like one, or "" if it does."""
    number = _PHONE_EXTRA.sub("", phone).strip()
    if re.search(r"[^\d\s+()\-.]", number):
        return "has characters that are not part of a phone number"
    if "+" in number[1:]:
        return "has a '+' that is not at its start"
    digits = len(re.sub(r"\D", "", number))
    return "" if 3 <= digits <= 15 else f"has {digits} digits"


def tel_link(phone: str) -> str:
    """The tel: link a contact's phone makes, or "" when the phone is more than a number
    to dial ("ask at reception", an extension): that prints as text, not as a link."""
    if not _DIALLED.fullmatch(phone):
        return ""
    number = _TRUNK_ZERO.sub(r"\1", phone)  # +44 (0)1234 is dialled +441234
    target = "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return "" if link_problem(target) else target


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
