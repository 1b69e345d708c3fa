"""Completeness: is anything missing or broken that a reader would notice?

The loader already refuses a figure without `alt`, a picture that is not in assets/, two
leaflets with one id and every link a PDF must not carry: a malformed email, web address
or tel: link (those are `format.*` findings, judged by inline.link_problem). These rules
add what a patient-information reviewer checks on top: a quick guide and contacts, phone
numbers as printed, secure (https) addresses, link words that make sense on paper, and
alt text that describes the picture. An alt text that says nothing at all (a placeholder,
a file name) is accessibility.alt-missing's to report: the alt rules here leave it alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from leafletgen import inline, model
from leafletgen.errors import Span
from leafletgen.load.leaflet import english_labels_warning, leaflet_words
from leafletgen.load.paths import library_root
from leafletgen.messages import Words
from leafletgen.lint.accessibility import LINK, VAGUE_LINK_WORDS, alt_missing
from leafletgen.lint.rules import Finding, finding
from leafletgen.lint.text import QUICK_GUIDE, Unit, reader_text, words

if TYPE_CHECKING:
    from leafletgen.lint.context import Context

_PICTURE_OF = re.compile(r"^(?:a |an |the )?(?:picture|image|photo|photograph|graphic|"
                         r"illustration|diagram|drawing)\s+(?:of|showing)\b", re.IGNORECASE)


def check(ctx: Context) -> list[Finding]:
    leaflet = ctx.leaflet
    found = _missing(leaflet)
    if labels := english_labels_warning(leaflet, library_root(Path(leaflet.source))):
        found.append(finding(labels.code, labels.message, labels.span, labels.hint))
    for contact in leaflet.contacts:
        found += _contact(contact)
    for item in leaflet.further_reading:
        if item.url:
            found += _http(item.url, item.span, f"further reading '{inline.plain(item.title)}'")
    for unit in ctx.units:
        found += _links(unit, ctx)
    said = ctx.settings.enabled("accessibility.alt-missing")  # an alt that says nothing
    for figure, section, scope in _figures(leaflet):
        if said and alt_missing(figure):
            continue
        found += _alt_text(figure, section, scope, ctx.settings.alt_words_min)
        if isinstance(figure, model.BodyMap):
            found += _bodymap_alt(figure, section, leaflet_words(leaflet))
    return found


def _missing(leaflet: model.Leaflet) -> list[Finding]:
    found = []
    if leaflet.quick_guide is None:
        found.append(finding("completeness.quick-guide", "the leaflet has no quick guide",
                             leaflet.span, "add quick_guide: with the points a reader must "
                             "remember (it makes the one-page 'quick' format)"))
    if not leaflet.contacts:
        found.append(finding("completeness.contacts", "the leaflet has no contacts",
                             leaflet.span, "add contacts: who a reader can call or email "
                             "with questions, and when"))
    return found


# ------------------------------------------------------------------ contacts
def _contact(contact: model.Contact) -> list[Finding]:
    name, span = inline.plain(contact.name), contact.span
    found = []
    if not contact.phone and not contact.email:
        found.append(finding("completeness.contact-details",
                             f"contact '{name}' has no phone number or email", span,
                             "add phone: or email: so that a reader can reach them"))
    if contact.phone:
        problem = inline.phone_problem(contact.phone)
        if problem:
            found.append(finding("completeness.phone",
                                 f"phone number '{contact.phone}' of '{name}' {problem}", span,
                                 "write the number as it is dialled, like \"0123 456 7890\""))
        elif not contact.hours:
            found.append(finding("completeness.contact-hours",
                                 f"contact '{name}' has a phone number but no opening hours",
                                 span, "add hours:, like 'Monday to Friday, 9am to 5pm'"))
    return found  # a malformed email is the loader's (format.link)


# ------------------------------------------------------------------ links and addresses
def _http(url: str, span: Span, what: str, section: str = "") -> list[Finding]:
    """A well-formed address that is not secure (the loader refused the malformed ones)."""
    if inline.scheme_of(url) != "http" or inline.url_problem(url):
        return []
    return [finding("completeness.http-url", f"the web address '{url}' of {what} is not "
                    "secure (http)", span, "use the https:// address of the page", section)]


def _links(unit: Unit, ctx: Context) -> list[Finding]:
    found = []
    for match in LINK.finditer(unit.raw):
        label, target = reader_text(match["label"]), match["target"].strip()
        span = ctx.locator.find(unit.span, label)
        what = f"the link '{label}' {unit.where}"
        found += _http(target, span, what, unit.section)
        if label.lower().strip(" .!:") in VAGUE_LINK_WORDS:
            found.append(finding("completeness.link-text", f"{what} means nothing on paper",
                                 span, "use words that say where it goes, or write the "
                                 "phone number or address itself", unit.section))
    return found


# ------------------------------------------------------------------ figures
def _figures(leaflet: model.Leaflet):
    for section in leaflet.sections:
        for block in section.body:
            if isinstance(block, (model.BodyMap, model.Image)):
                yield block, inline.plain(section.heading), ""
    if leaflet.quick_guide and leaflet.quick_guide.bodymap:
        yield leaflet.quick_guide.bodymap, "", QUICK_GUIDE


def _alt_text(figure: model.BodyMap | model.Image, section: str, scope: str,
              words_min: int) -> list[Finding]:
    alt = reader_text(figure.alt)
    where = "in the quick guide" if scope else f"in section '{section}'"
    kind = "body map" if isinstance(figure, model.BodyMap) else "picture"
    problem = ""
    if re.search(r"\.(?:png|jpe?g|gif|svg|tiff?|webp)$", alt, re.IGNORECASE):
        problem, hint = "is a file name", "describe what the picture shows"
    elif len(words(alt)) < words_min:
        problem, hint = "is too short to describe it", "say what it shows and why it matters"
    elif figure.caption and _same(alt, reader_text(figure.caption)):
        problem, hint = "only repeats the caption", ("a screen reader reads both: say what "
                                                     "the picture shows that the caption does not")
    elif _PICTURE_OF.match(alt):
        problem, hint = "starts by saying it is a picture", ("screen readers say so already: "
                                                             "start with what it shows")
    if not problem:
        return []
    return [finding("completeness.alt-text", f"the alt text of the {kind} {where} {problem}: "
                    f"'{alt}'", figure.span, hint, section)]


def _same(a: str, b: str) -> bool:
    return [w.lower() for w in words(a)] == [w.lower() for w in words(b)]


def _bodymap_alt(figure: model.BodyMap, section: str, tool_words: Words) -> list[Finding]:
    from leafletgen.bodyart import region_label

    alt = reader_text(figure.alt).lower()
    missing = []
    for region in figure.highlight:
        label = inline.plain(figure.labels.get(region) or
                             tool_words(region_label(figure.view, region)))
        keys = _region_keys(region, label) if tool_words.english else _stems(label)
        if not any(key in alt for key in keys):
            missing.append(label)
    if not missing:
        return []
    where = f"in section '{section}'" if section else "in the quick guide"
    return [finding("completeness.bodymap-alt",
                    f"the alt text of the body map {where} does not mention "
                    f"{', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} "
                    "highlighted", figure.span,
                    "a reader who cannot see the map should learn what is highlighted", section)]


def _stems(label: str) -> set[str]:
    """The start of each word of a region's name in another language: "wątrob" finds
    "wątrobę", "płuc" finds "płucach" (words change their endings)."""
    return {w[:max(3, len(w) - 2)] for w in words(label.lower()) if len(w) >= 2} or {label}


def _region_keys(region: str, label: str) -> set[str]:
    """Words that name a region in alt text: 'lung' for lungs, 'armpit' for lymph_nodes.armpit."""
    own = region.rsplit(".", 1)[-1].split("_")
    label_words = [w for w in words(label.lower()) if len(w) >= 3]
    keys = own + label_words[-1:]
    return {key.lower().rstrip("s") for key in keys if len(key) >= 3}
