"""Accessibility: what a screen-reader user meets in the tagged screen files.

The build tags every screen file PDF/UA-1 (docs/accessibility.md): the structure, the
reading order, the alt text of each figure, the words a screen reader says for a link.
What it cannot do is write those words well. These rules check what only the author can
get right: alt text that describes the picture, link words that make sense when a screen
reader lists the links on their own, and headings that can be read and told apart.

The loader already refuses a figure whose alt is missing or empty (format.missing-field);
alt-missing adds the alt texts it lets through that say nothing: a placeholder, a file
name, punctuation only. Where completeness sees the same problem, one finding is made:
completeness.alt-text and .bodymap-alt stay quiet about a figure whose alt is missing
(while alt-missing is on), and link-text leaves "click here" to completeness.link-text
(unless that rule is switched off).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from leafletgen import inline, model
from leafletgen.errors import Span
from leafletgen.lint.rules import Finding, finding
from leafletgen.lint.text import Unit, words

if TYPE_CHECKING:
    from leafletgen.lint.context import Context

Figure = model.BodyMap | model.Image

LINK = re.compile(r"\[(?P<label>[^\]\n]+)\]\((?P<target>[^)\n]*)\)")  # as the author wrote it
VAGUE_LINK_WORDS = frozenset({"click here", "here", "click", "this link", "link", "more",
                              "read more", "this page", "this", "website", "this website",
                              "more information"})
_BARE_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
ADDRESS_CHARS_MAX = 40  # a web address longer than this, read out, is noise
_PLACEHOLDER = re.compile(
    r"(?:(?:a|an|the)\s+)?(?:image|picture|photo|photograph|diagram|figure|graphic|"
    r"illustration|drawing|logo|icon|body\s*map|alt(?:\s+text)?|placeholder|todo|tbd)"
    r"(?:\s+\d+)?", re.IGNORECASE)
_FILE_NAME = re.compile(r"\S+\.(?:png|jpe?g|gif|svg|tiff?|webp|bmp)", re.IGNORECASE)
# Headings that the leaflet adds itself, under these fields (layout/story.py).
OWN_HEADINGS = {"further_reading": "Further reading", "contacts": "Contact us",
                "history": "Changes to this leaflet"}


def check(ctx: Context) -> list[Finding]:
    found = []
    figures = list(_figures(ctx.leaflet))
    for figure, section in figures:
        found += _alt(figure, section, ctx)
    found += _repeated_alt([(f, s) for f, s in figures if s is not None], ctx)
    for unit in ctx.units:
        if unit.kind != "alt":  # a link in alt text is never drawn as one
            found += _links(unit, ctx)
    found += _headings(ctx)
    return found


def _figures(leaflet: model.Leaflet):
    """(figure, the heading of its section) for every figure; None: the quick guide's."""
    for section in leaflet.sections:
        for block in section.body:
            if isinstance(block, (model.BodyMap, model.Image)):
                yield block, inline.plain(section.heading)
    if leaflet.quick_guide and leaflet.quick_guide.bodymap:
        yield leaflet.quick_guide.bodymap, None


def _kind(figure: Figure) -> str:
    return "body map" if isinstance(figure, model.BodyMap) else "picture"


def _described(figure: Figure, section: str | None) -> str:
    where = "in the quick guide" if section is None else f"in section '{section}'"
    return f"the {_kind(figure)} {where}"


# ------------------------------------------------------------------ alt text
def alt_missing(figure: Figure) -> str:
    """Why a figure's alt text says nothing ("is a placeholder"), or "" when it says
    something; "" too for an empty alt, which the loader refuses."""
    alt = inline.plain(figure.alt).strip()
    if not alt:
        return ""
    bare = " ".join(re.sub(r"[^\w\s]", " ", alt).split())
    if _file_name(alt, figure):
        return "is a file name"
    if not words(alt):
        return "has no words"
    if _PLACEHOLDER.fullmatch(bare):
        return "is a placeholder, not a description"
    return ""


def _file_name(alt: str, figure: Figure) -> bool:
    if _FILE_NAME.fullmatch(alt):
        return True
    if not isinstance(figure, model.Image):
        return False
    path = PurePosixPath(figure.file.replace("\\", "/"))
    return alt.lower() in {figure.file.lower(), path.name.lower(), path.stem.lower()}


def _alt(figure: Figure, section: str | None, ctx: Context) -> list[Finding]:
    alt = inline.plain(figure.alt)
    span = ctx.locator.find_value(figure.span, "alt")
    what = _described(figure, section)
    problem = alt_missing(figure)
    if problem:
        return [finding("accessibility.alt-missing", f"the alt text of {what} {problem}: "
                        f"'{alt}'", span, "write what the picture shows and why it is there: "
                        "a screen reader reads the alt text instead of the picture",
                        section or "")]
    limit = ctx.settings.alt_chars_max
    if len(alt) > limit:
        return [finding("accessibility.alt-length", f"the alt text of {what} is {len(alt)} "
                        f"characters long (the limit is {limit})", span,
                        "keep to what the picture shows; put the long description in the "
                        "text or a caption", section or "")]
    return []


def _repeated_alt(figures: list[tuple[Figure, str]], ctx: Context) -> list[Finding]:
    found, first = [], {}
    for figure, section in figures:
        if not figure.alt or alt_missing(figure):
            continue  # said already, or the loader's to say
        key = tuple(w.lower() for w in words(inline.plain(figure.alt)))
        span = ctx.locator.find_value(figure.span, "alt")
        if key not in first:
            first[key] = f"the {_kind(figure)} at line {span.line}"
            continue
        found.append(finding(
            "accessibility.alt-repeated", f"{_described(figure, section)} has the same alt "
            f"text as {first[key]}: '{inline.plain(figure.alt)}'",
            span, "a screen reader user cannot tell them apart: say what each one shows "
            "that the other does not", section))
    return found


# ------------------------------------------------------------------ links
def _links(unit: Unit, ctx: Context) -> list[Finding]:
    found = []
    for match in LINK.finditer(unit.raw):
        if inline.link_problem(match["target"]):
            continue  # not a link: the loader refuses it (format.link)
        label = " ".join(inline.plain(match["label"]).split())
        problem = _link_problem(label, ctx)
        if problem:
            found.append(finding(
                "accessibility.link-text", f"the link '{label}' {unit.where} {problem}",
                ctx.locator.find(unit.span, label), "a screen reader lists the links of a "
                "page on their own: use words that say where the link goes, like "
                "'[our page on CT scans](https://...)'", unit.section))
    return found


def _link_problem(label: str, ctx: Context) -> str:
    if _BARE_ADDRESS.match(label) and len(label) > ADDRESS_CHARS_MAX:
        return f"is a web address of {len(label)} characters, read out letter by letter"
    vague = label.lower().strip(" .!:") in VAGUE_LINK_WORDS
    if vague and not ctx.settings.enabled("completeness.link-text"):
        return "does not say where it goes"
    return ""


# ------------------------------------------------------------------ headings
def _headings(ctx: Context) -> list[Finding]:
    leaflet, locator = ctx.leaflet, ctx.locator
    titles = [(leaflet.title, leaflet.field_spans.get("title", leaflet.span), "the title", "")]
    guide = leaflet.quick_guide
    if guide and guide.title:
        titles.append((guide.title, locator.find_value(guide.span, "title"),
                       "the quick guide's title", ""))
    sections = [(section.heading, locator.find_value(section.span, "heading"),
                 "the heading", inline.plain(section.heading)) for section in leaflet.sections]
    found = [finding("accessibility.heading-capitals", f"{what} '{inline.plain(text)}' is "
                     "written in capitals", span, "write it in sentence case, like 'What "
                     "happens next': capitals are harder to read, and a screen reader may "
                     "spell them out letter by letter", section)
             for text, span, what, section in titles + sections if in_capitals(text)]
    return found + _repeated_headings(sections, leaflet)


def in_capitals(text: str) -> bool:
    """Written in capitals: two or more words, every cased letter a capital, and a word of
    four letters or more or three words ('CT SCAN', 'MRI AND CT'; not 'NHS' or 'NHS A&E')."""
    tokens = [t for t in inline.plain(text).split() if any(c.isalpha() for c in t)]
    cased = [c for t in tokens for c in t if c.isupper() or c.islower()]
    if len(tokens) < 2 or not cased or any(c.islower() for c in cased):
        return False
    longest = max(sum(c.isalpha() for c in t) for t in tokens)
    return longest >= 4 or len(tokens) >= 3


def _repeated_headings(sections: list[tuple[str, Span, str, str]],
                       leaflet: model.Leaflet) -> list[Finding]:
    own = {_words_of(heading): f"the heading '{heading}' that the leaflet adds for "
           f"'{field}'" for field, heading in OWN_HEADINGS.items() if getattr(leaflet, field)}
    found, first = [], {}
    for text, span, _, heading in sections:
        key = _words_of(text)
        if not key:
            continue
        earlier = f"the heading at line {first[key].line}" if key in first else own.get(key)
        first.setdefault(key, span)
        if earlier:
            found.append(finding(
                "accessibility.heading-repeated", f"the heading '{heading}' has the same "
                f"words as {earlier}", span, "the bookmarks and a screen reader's list of "
                "headings cannot tell them apart: say what this section is about", heading))
    return found


def _words_of(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in words(inline.plain(text)))
