"""The catalogue as one HTML page: cards and groups from cards.py, with inline CSS and JS.

Every piece of text from a leaflet or a file name is escaped here, in one place: `esc`.
"""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from leafletgen.catalogue.cards import REVIEW_SOON_DAYS, Card, Group, Link
from leafletgen.model import long_date

if TYPE_CHECKING:
    from leafletgen.load.sites import Site

TITLE = "Patient information leaflets"
# Nothing but this file, its pictures and the PDFs it links to: no CDN, no request elsewhere.
CSP = ("default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; "
       "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
PRINTING_TIPS = (
    "Print at <strong>actual size</strong> (100%), not \u201cfit to page\u201d, so that the text "
    "stays the size it was set in.",
    "Large print is for readers who find the standard leaflet hard to read: print it on A4, "
    "never shrunk.",
    "Booklets: print on both sides, flipping on the <strong>short edge</strong>, fold the pile "
    "in half and staple on the fold.",
    "Print-ready files have bleed and crop marks. They are for the print room or an outside "
    "printer, not the ward printer.",
    "Every page shows its version and review date at the bottom. If a leaflet says "
    "\u201cReview overdue\u201d, check with its owner that it is still right before you give it out.",
)


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def _static(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def plural(count: int, word: str, words: str = "") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {words or word + 's'}"


def render(groups: list[Group], today: dt.date, site: Site | None = None) -> str:
    cards = [c for g in groups for c in g.cards]
    title = f"{TITLE}: {site.name}" if site else TITLE
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n',
        f"<title>{esc(title)}</title>\n<style>\n{_static('catalogue.css')}</style>\n</head>\n",
        '<body>\n<a class="skip-link" href="#results">Skip to the leaflets</a>\n',
        _masthead(cards, groups, today, site),
        '<main class="wrap">\n', _search(len(cards)), _series_nav(groups),
        '<div id="results">\n', *(_group(g) for g in groups), "</div>\n",
        '<p id="no-results" class="no-results" hidden>No leaflet matches your search. Check the '
        "spelling, try fewer or shorter words, or clear the search.</p>\n",
        "</main>\n", _footer(),
        f"<script>\n{_static('catalogue.js')}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _footer() -> str:
    tips = "".join(f"<li>{tip}</li>\n" for tip in PRINTING_TIPS)
    return (f'<footer class="wrap">\n<h2>Printing</h2>\n<ul>\n{tips}</ul>\n</footer>\n')


def _masthead(cards: list[Card], groups: list[Group], today: dt.date, site: Site | None) -> str:
    series = sum(1 for g in groups if g.cards[0].leaflet.series)
    overdue = sum(1 for c in cards if c.review_state == "overdue")
    facts = plural(len(cards), "leaflet") + (f" in {plural(series, 'series', 'series')}" if series else "")
    facts += f". Made on {long_date(today)}."
    warn = (f' <strong class="warn">{plural(overdue, "leaflet")} past {"its" if overdue == 1 else "their"}'
            f" review date.</strong>" if overdue else "")
    logo = _logo(site) if site else ""
    site_line = (f'<p class="site">Contact details for <strong>{esc(site.name)}</strong></p>\n'
                 if site else "")
    return (f'<header class="masthead">\n<div class="wrap">\n{logo}<h1>{esc(TITLE)}</h1>\n'
            f'{site_line}<p class="totals">{esc(facts)}{warn}</p>\n</div>\n</header>\n')


def _logo(site: Site) -> str:
    """The site's logo, inlined so the page still needs nothing beside it."""
    if not site.logo or not Path(site.logo).is_file():
        return ""
    kind = mimetypes.guess_type(site.logo)[0] or "application/octet-stream"
    data = base64.b64encode(Path(site.logo).read_bytes()).decode("ascii")
    return f'<img class="logo" src="data:{kind};base64,{data}" alt="{esc(site.name)}">\n'


def _search(total: int) -> str:
    return (
        '<div class="search" id="search-panel" role="search" hidden>\n'
        '<label for="search">Search the leaflets</label>\n'
        '<p class="hint" id="search-hint">Type words from the title or the text, a series, or a '
        "leaflet code such as SBC-01. Only leaflets with every word are shown.</p>\n"
        '<div class="search-row"><input type="search" id="search" name="q" autocomplete="off" '
        'spellcheck="false" aria-describedby="search-hint" aria-controls="results">'
        '<button type="button" id="search-clear" class="button secondary" hidden>Clear search'
        "</button></div>\n"
        f'<p class="status" id="search-status" role="status" aria-live="polite" '
        f'data-total="{total}">{esc(plural(total, "leaflet"))}</p>\n</div>\n'
    )


def _series_nav(groups: list[Group]) -> str:
    if len(groups) < 2:
        return ""
    items = "".join(f'<li><a href="#{esc(g.anchor)}">{esc(g.name)}</a> '
                    f'<span class="count">({len(g.cards)})</span></li>\n' for g in groups)
    return (f'<nav class="series-nav" aria-labelledby="series-nav-title">\n'
            f'<h2 id="series-nav-title">Series</h2>\n<ul>\n{items}</ul>\n</nav>\n')


def _group(group: Group) -> str:
    quick = (f'<p class="series-quick">{_link(group.quick_link, "secondary", group.name)}</p>\n'
             if group.quick_link else "")
    cards = "".join(_card(c) for c in group.cards)
    return (f'<section class="group" id="{esc(group.anchor)}" aria-labelledby="{esc(group.anchor)}-title">\n'
            f'<div class="group-head">\n<h2 id="{esc(group.anchor)}-title">{esc(group.name)}</h2>\n'
            f'{quick}</div>\n<ul class="cards">\n{cards}</ul>\n</section>\n')


def _card(c: Card) -> str:
    lang = esc(c.leaflet.language)  # dir="auto": an Arabic title reads right to left
    summary = f'<p class="summary" lang="{lang}" dir="auto">{esc(c.summary)}</p>\n' \
        if c.summary else ""
    return (f'<li class="card" id="leaflet-{esc(c.leaflet.id)}" data-search="{esc(c.search)}">\n'
            f'{_thumb(c)}<div class="card-body">\n<h3 lang="{lang}" dir="auto">{esc(c.title)}</h3>\n'
            f"{_badge(c)}{summary}{_facts(c)}{_links(c)}</div>\n</li>\n")


def _thumb(c: Card) -> str:
    if c.thumb is None:
        return '<div class="thumb thumb-none" aria-hidden="true">No preview</div>\n'
    image = (f'<img src="{esc(c.thumb_href)}" alt="" width="{c.thumb.width}" '
             f'height="{c.thumb.height}" loading="lazy" decoding="async">')
    first = next((link for link in c.links if not link.print_ready), None)
    if first is None:
        return f'<div class="thumb" aria-hidden="true">{image}</div>\n'
    # The picture opens the first file too, for the mouse; keyboard users have the buttons.
    return f'<a class="thumb" href="{esc(first.href)}" tabindex="-1" aria-hidden="true">{image}</a>\n'


def _badge(c: Card) -> str:
    if c.review_state == "overdue":
        return ('<p class="badge badge-overdue"><span class="icon" aria-hidden="true">!</span>'
                "Review overdue</p>\n")
    if c.review_state == "soon":
        return ('<p class="badge badge-soon"><span class="icon" aria-hidden="true">i</span>'
                "Review due soon</p>\n")
    return ""


def _facts(c: Card) -> str:
    leaflet = c.leaflet
    when = _review_words(c.review_days)
    review = f'<time datetime="{leaflet.review.isoformat()}">{esc(long_date(leaflet.review))}</time>'
    rows = (
        ("Code", esc(leaflet.id), ""),
        ("Version", esc(leaflet.version), ""),
        ("Published", f'<time datetime="{leaflet.published.isoformat()}">'
                      f"{esc(long_date(leaflet.published))}</time>", ""),
        ("Review due", review + (f' <span class="when">({esc(when)})</span>' if when else ""),
         f' class="review-{c.review_state}"' if c.review_state else ""),
    )
    items = "".join(f"<div{cls}><dt>{name}</dt><dd>{value}</dd></div>" for name, value, cls in rows)
    return f'<dl class="facts">{items}</dl>\n'


def _review_words(days: int) -> str:
    if days < 0:
        return f"{_duration(-days)} ago"
    if days <= REVIEW_SOON_DAYS:
        return "today" if days == 0 else f"in {_duration(days)}"
    return ""


def _duration(days: int) -> str:
    return plural(days, "day") if days < 60 else plural(round(days / 30.44), "month")


def _links(c: Card) -> str:
    if not c.links:
        return '<p class="no-files">No PDF of this leaflet was built.</p>\n'
    plain = [link for link in c.links if not link.print_ready]
    ready = [link for link in c.links if link.print_ready]
    out = ""
    if plain:
        items = "".join(f"<li>{_link(link, 'primary' if i == 0 else '', c.title)}</li>"
                        for i, link in enumerate(plain))
        out += f'<ul class="formats">{items}</ul>\n'
    if ready:
        items = "".join(f"<li>{_link(link, 'secondary', c.title)}</li>" for link in ready)
        out += (f'<details class="print-ready"><summary>Print-ready files, for the print room '
                f'({len(ready)})</summary><ul class="formats">{items}</ul></details>\n')
    return out


def _link(link: Link, kind: str = "", context: str = "") -> str:
    """A button-like link to a PDF; screen readers also hear which leaflet it is for."""
    hidden = f'<span class="visually-hidden">: {esc(context)}</span>' if context else ""
    pages = plural(link.pages, "page")
    classes = f"button {kind}".strip()
    return (f'<a class="{classes}" href="{esc(link.href)}" type="application/pdf">'
            f'{esc(link.label)}{hidden} <span class="pages">PDF, {pages}</span></a>')
