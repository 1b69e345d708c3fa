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

from leafletgen.catalogue.cards import (PAGE_LANGUAGE, REVIEW_SOON_DAYS, Card, Group, Language, Link,
                                        Translation, languages)
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
    "A translation marked \u201cOut of date\u201d was made from an older version of the English "
    "leaflet: what it says may have changed. Check with the leaflet's owner before you give it out.",
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
        '<main class="wrap">\n', _search(len(cards), languages(cards)), _series_nav(groups),
        '<div id="results">\n', *(_group(g) for g in groups), "</div>\n",
        '<p id="no-results" class="no-results" hidden>No leaflet matches your search. Check the '
        "spelling, try fewer or shorter words, clear the search, or choose all languages.</p>\n",
        "</main>\n", _footer(),
        f"<script>\n{_static('catalogue.js')}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _footer() -> str:
    tips = "".join(f"<li>{tip}</li>\n" for tip in PRINTING_TIPS)
    return (f'<footer class="wrap">\n<h2>Printing</h2>\n<ul>\n{tips}</ul>\n</footer>\n')


def _masthead(cards: list[Card], groups: list[Group], today: dt.date, site: Site | None) -> str:
    series = sum(1 for g in groups if g.cards[0].leaflet.series)
    translations = [t for c in cards for t in c.translations]
    overdue = sum(1 for c in [*cards, *(t.card for t in translations)] if c.review_state == "overdue")
    stale = sum(1 for t in translations if t.stale)
    facts = plural(len(cards), "leaflet") + (f" in {plural(series, 'series', 'series')}" if series else "")
    facts += f", with {plural(len(translations), 'translation')}" if translations else ""
    facts += f". Made on {long_date(today)}."
    warn = (f' <strong class="warn">{plural(overdue, "leaflet")} past {"its" if overdue == 1 else "their"}'
            f" review date.</strong>" if overdue else "")
    warn += (f' <strong class="warn">{plural(stale, "translation")} out of date.</strong>'
             if stale else "")
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


def _search(total: int, langs: list[Language]) -> str:
    return (
        '<div class="search" id="search-panel" role="search" hidden>\n'
        '<label for="search">Search the leaflets</label>\n'
        '<p class="hint" id="search-hint">Type words from the title or the text (in English or '
        "in a translation), a series, or a leaflet code such as SBC-01. Only leaflets with every "
        "word are shown.</p>\n"
        '<div class="search-row"><input type="search" id="search" name="q" autocomplete="off" '
        'spellcheck="false" aria-describedby="search-hint" aria-controls="results">'
        '<button type="button" id="search-clear" class="button secondary" hidden>Clear search'
        "</button></div>\n"
        f"{_language_filter(langs)}"
        f'<p class="status" id="search-status" role="status" aria-live="polite" '
        f'data-total="{total}">{esc(plural(total, "leaflet"))}</p>\n</div>\n'
    )


def _language_filter(langs: list[Language]) -> str:
    """A list of the languages there are leaflets in, each by its own name and its English
    one; only when there is more than one to choose from."""
    if len(langs) < 2:
        return ""
    options = "".join(f'<option value="{esc(lang.key)}">{esc(lang.label)}</option>'
                      for lang in langs)
    return ('<div class="language-row">'
            '<label for="language">Language</label>\n'
            '<p class="hint" id="language-hint">Show only the leaflets you can give out in one '
            "language: in English, or with a translation.</p>\n"
            '<select id="language" name="language" aria-describedby="language-hint" '
            f'aria-controls="results"><option value="">All languages</option>{options}</select>'
            "</div>\n")


def _series_nav(groups: list[Group]) -> str:
    if len(groups) < 2:
        return ""
    items = "".join(f'<li><a href="#{esc(g.anchor)}">{esc(g.name)}</a> '
                    f'<span class="count">({len(g.cards)})</span></li>\n' for g in groups)
    return (f'<nav class="series-nav" aria-labelledby="series-nav-title">\n'
            f'<h2 id="series-nav-title">Series</h2>\n<ul>\n{items}</ul>\n</nav>\n')


def _group(group: Group) -> str:
    quick = (f'<p class="series-quick">{_link(group.quick_link, "secondary", esc(group.name))}</p>\n'
             if group.quick_link else "")
    cards = "".join(_card(c) for c in group.cards)
    return (f'<section class="group" id="{esc(group.anchor)}" aria-labelledby="{esc(group.anchor)}-title">\n'
            f'<div class="group-head">\n<h2 id="{esc(group.anchor)}-title">{esc(group.name)}</h2>\n'
            f'{quick}</div>\n<ul class="cards">\n{cards}</ul>\n</section>\n')


def _in(lang: Language) -> str:
    """The lang and dir attributes of text written in lang."""
    return f'lang="{esc(lang.tag)}" dir="{lang.dir}"'


def _card(c: Card) -> str:
    own = _in(c.language)  # an Arabic title reads right to left, and is read out in Arabic
    summary = f'<p class="summary" {own}>{esc(c.summary)}</p>\n' if c.summary else ""
    langs = " ".join(lang.key for lang in c.languages)
    unattached = (f'<p class="badge badge-stale"><span class="icon" aria-hidden="true">!</span>'
                  f"{esc(c.unattached)}</p>\n" if c.unattached else "")
    return (f'<li class="card" id="leaflet-{esc(c.leaflet.id)}" data-langs="{esc(langs)}" '
            f'data-search="{esc(c.search)}">\n'
            f'{_thumb(c)}<div class="card-body">\n<h3 {own}>{esc(c.title)}</h3>\n'
            f"{unattached}{_badge(c)}{summary}{_facts(c)}{_links(c)}{_translations(c)}"
            "</div>\n</li>\n")


def _translations(c: Card) -> str:
    """The master's translations, each by its language's own name, with its version, its
    files, and a flag when it translates an older version than the master's."""
    if not c.translations:
        return ""
    items = "".join(_translation(t, c) for t in c.translations)
    heading = f"Translations ({len(c.translations)})"
    return (f'<div class="translations">\n<h4 class="translations-title">{heading}</h4>\n'
            f'<ul class="translation-list">\n{items}</ul>\n</div>\n')


def _translation(t: Translation, master: Card) -> str:
    lang, tc = t.language, t.card
    english = (f' <span class="lang-english" lang="en" dir="ltr">({esc(lang.english)})</span>'
               if lang.english != lang.name else "")
    title = f'<p class="translation-title">{esc(tc.title)}</p>\n' if tc.title else ""
    source = "" if t.stale else f", up to date with {esc(t.master_version)}"
    facts = (f'<p class="translation-facts"><span lang="en" dir="ltr">{esc(t.leaflet.id)}: '
             f"version {esc(t.leaflet.version)}{source}</span></p>\n")
    flag = (f'<p class="badge badge-stale" lang="en" dir="ltr"><span class="icon" '
            f'aria-hidden="true">!</span>{esc(t.stale_words(master.leaflet.language))}</p>\n'
            if t.stale else "")
    context = f'<span {_in(lang)}>{esc(tc.title)}</span> ({esc(lang.english)})'
    links = _links(tc, context, hreflang=lang.tag)
    return (f'<li class="translation{" stale" if t.stale else ""}" id="translation-{esc(t.leaflet.id)}" '
            f'data-lang="{esc(lang.key)}" {_in(lang)}>\n'
            f'<p class="translation-name"><strong class="lang-name">{esc(lang.name)}</strong>'
            f"{english}</p>\n{title}{facts}{flag}{_badge(tc, _english(lang.tag))}"
            f"{links}</li>\n")


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


def _badge(c: Card, attrs: str = "") -> str:
    if c.review_state == "overdue":
        return (f'<p class="badge badge-overdue"{attrs}><span class="icon" aria-hidden="true">!'
                "</span>Review overdue</p>\n")
    if c.review_state == "soon":
        return (f'<p class="badge badge-soon"{attrs}><span class="icon" aria-hidden="true">i'
                "</span>Review due soon</p>\n")
    return ""


def _facts(c: Card) -> str:
    leaflet = c.leaflet
    when = _review_words(c.review_days)
    review = f'<time datetime="{leaflet.review.isoformat()}">{esc(long_date(leaflet.review))}</time>'
    rows = (
        ("Code", esc(leaflet.id), ""),
        ("Version", esc(leaflet.version), ""),
        *((("Language", f'<span {_in(c.language)}>{esc(c.language.name)}</span>'
            + (f" ({esc(c.language.english)})" if c.language.english != c.language.name else ""),
            ""),) if c.language.key != PAGE_LANGUAGE else ()),
        *((("Translates", f"{esc(leaflet.translation_of)}, version {esc(leaflet.source_version)}",
            ""),) if leaflet.translation_of else ()),
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


def _links(c: Card, context: str = "", hreflang: str = "") -> str:
    """The card's buttons; context is the markup a screen reader hears after each label
    (the card's title in its language, when not given)."""
    if not c.links:
        return '<p class="no-files" lang="en" dir="ltr">No PDF of this leaflet was built.</p>\n'
    context = context or (f'<span {_in(c.language)}>{esc(c.title)}</span>'
                          if c.language.key != PAGE_LANGUAGE else esc(c.title))
    plain = [link for link in c.links if not link.print_ready]
    ready = [link for link in c.links if link.print_ready]
    out = ""
    if plain:
        # The first is the one most give out; a translation's are plain, under the master's.
        first = "" if hreflang else "primary"
        items = "".join(f"<li>{_link(link, first if i == 0 else '', context, hreflang)}</li>"
                        for i, link in enumerate(plain))
        out += f'<ul class="formats">{items}</ul>\n'
    if ready:
        items = "".join(f"<li>{_link(link, 'secondary', context, hreflang)}</li>" for link in ready)
        out += (f'<details class="print-ready"{_english(hreflang)}><summary>Print-ready files, '
                f'for the print room ({len(ready)})</summary><ul class="formats">{items}</ul>'
                "</details>\n")
    return out


def _english(inside: str) -> str:
    """lang and dir for English words inside an element of another language."""
    return ' lang="en" dir="ltr"' if inside else ""


def _link(link: Link, kind: str = "", context: str = "", hreflang: str = "") -> str:
    """A button-like link to a PDF; screen readers also hear which leaflet it is for.
    context is markup (escaped by the caller). hreflang: the PDF's language, when the
    link is inside that language's entry (then its English words say so)."""
    hidden = f'<span class="visually-hidden">: {context}</span>' if context else ""
    pages = plural(link.pages, "page")
    classes = f"button {kind}".strip()
    lang = f' hreflang="{esc(hreflang)}"{_english(hreflang)}' if hreflang else ""
    return (f'<a class="{classes}" href="{esc(link.href)}" type="application/pdf"{lang}>'
            f'{esc(link.label)}{hidden} <span class="pages">PDF, {pages}</span></a>')
