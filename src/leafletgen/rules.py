"""Every rule code a diagnostic can carry: its id, its severity and what it is for.

A bottom-layer registry that every stage may read (the loader, layout, diff, check). A
code is "concern.name"; tests/test_rules_registry.py fails when src/ uses a code that is
not listed here. `leafletgen check` shows its own selection of these (lint/rules.py), in
the order of this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from leafletgen.errors import Severity

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
    # The loader: the format contract (docs/format.md).
    ("format.yaml-syntax", E, "the file cannot be read, is not UTF-8 text or is not valid YAML"),
    ("format.empty", E, "the file, a list or a paragraph is empty"),
    ("format.alias", E, "a YAML alias refers to itself or expands too far"),
    ("format.duplicate-key", E, "a key appears twice in one mapping"),
    ("format.type", E, "a value of the wrong kind"),
    ("format.unknown-key", E, "a key or block kind the format does not know"),
    ("format.missing-field", E, "a required field is missing or empty"),
    ("format.date", E, "a date that is not YEAR-MONTH-DAY"),
    ("format.date-order", E, "the review date is not after the published date"),
    ("format.version", E, "a version that is not MAJOR.MINOR in quotes"),
    ("format.id-pattern", E, "a leaflet id that is not a valid id"),
    ("format.bodymap-view", E, "an unknown body-map view"),
    ("format.bodymap-region", E, "an unknown body-map region"),
    ("format.asset-path", E, "an image outside the assets folder, or missing"),
    ("format.image", E, "an image that is empty, broken, not PNG/JPEG/SVG or has too many pixels"),
    ("format.link", E, "a link that is not an http(s) address with a site name, mailto: "
                       "one email address or tel: one phone number"),
    ("format.range", E, "a whole number too large, or out of the range its field allows"),
    ("format.title-length", E, "a title longer than 300 characters"),
    ("format.file-size", E, "a leaflet, theme or site file larger than 1 MB"),
    ("format.duplicate-id", E, "two leaflets in the library have the same id"),
    ("format.quick-guide-missing", E, "the quick guide format asked of a leaflet without one"),
    ("format.character", E, "a character that no font can draw (docs/scripts.md)"),
    # The library: translations and their masters (docs/format.md, docs/languages.md)
    ("library.translation-master", E, "translation_of names no leaflet of the library"),
    ("library.translation-chain", E, "translation_of names a leaflet that is itself a "
                                     "translation"),
    ("library.translation-self", E, "translation_of names the leaflet itself"),
    ("library.source-version", E, "source_version is newer than the master's version"),
    ("translation.stale", W, "the master has a newer version than the one translated"),
    ("format.language", E, "a language the tool has no words for, or whose catalogue is not "
     "whole (docs/languages.md)"),
    # Themes and sites (docs/catalogue.md)
    ("theme.file", E, "the theme file cannot be found or read"),
    ("theme.colour", E, "a colour not written #RRGGBB, or CMYK that is not four percentages"),
    ("theme.contrast", E, "text and background colours with too little contrast"),
    ("theme.cover", E, "an unknown cover setting (logo_position)"),
    ("theme.asset-path", E, "a logo or font outside the assets folder, or of the wrong kind"),
    ("theme.logo", E, "a logo that is empty, broken or has too many pixels"),
    ("theme.font-format", E, "a font file that is not TrueType"),
    ("site.file", E, "the site file cannot be read"),
    ("site.file-name", E, "a site file whose name cannot name a site"),
    ("site.contacts-mode", E, "an unknown contacts_mode"),
    ("site.logo", E, "a site logo outside the assets folder, missing or not a picture"),
    ("site.unknown", E, "no site of that name in the library"),
    # The library's leafletgen.toml: what `leafletgen build` builds (docs/library.md)
    ("config.syntax", E, "leafletgen.toml is not valid TOML, or not UTF-8 text"),
    ("config.unknown-key", E, "a table or key that leafletgen.toml does not have"),
    ("config.type", E, "a setting in leafletgen.toml of the wrong kind"),
    ("config.format", E, "leafletgen.toml names a format that does not exist"),
    # `leafletgen check`: its own settings
    ("check.config", E, "a mistake in the check config (leafletgen.toml or pyproject.toml)"),
    ("check.plain-english-list", E, "a mistake in a plain-English list"),
    # `leafletgen check`: readability
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
    ("completeness.http-url", W, "a web address that is not https"),
    ("completeness.link-text", W, "link words that mean nothing on paper ('click here')"),
    ("completeness.alt-text", W, "alt text that is too short, a file name or repeats the caption"),
    ("completeness.bodymap-alt", W, "a body map's alt text leaves out a highlighted region"),
    ("completeness.english-labels", W, "a leaflet's page furniture prints in English, as "
     "leafletgen.toml's [languages] english_labels allows (docs/languages.md)"),
    # Accessibility: what a screen-reader user meets in the tagged screen files
    ("accessibility.alt-missing", E, "alt text that is a placeholder ('image'), a file name "
                                     "or no words"),
    ("accessibility.alt-repeated", W, "two pictures of one leaflet with the same alt text"),
    ("accessibility.alt-length", W, "alt text longer than the limit"),
    ("accessibility.link-text", W, "link words that make no sense on their own, or a long "
                                   "web address as the link's words"),
    ("accessibility.heading-capitals", W, "a title or heading written in capitals"),
    ("accessibility.heading-repeated", W, "two headings of one leaflet with the same words"),
    # Layout, laid out for real (by check, and by build)
    ("layout.quick-guide-overflow", E, "the quick guide does not fit on one page"),
    ("layout.heading-at-page-end", W, "a heading is the last thing on a page (A4 or A5)"),
    ("layout.overflow", E, "the leaflet cannot be laid out (something too big for the page)"),
    # `leafletgen diff`: version discipline (warnings are errors with --strict)
    ("diff.git", E, "git cannot be run or cannot read REV:path"),
    ("diff.version-lowered", E, "the new version is lower than the old one"),
    ("diff.version-not-raised", W, "the content changed but the version did not"),
    ("diff.history-not-updated", W, "no history entry for the new version"),
    ("diff.history-date", W, "the new history entry is not dated on the published date"),
    ("diff.published-not-updated", W, "a new version with the old published date"),
    ("diff.different-id", W, "the two sides are different leaflets"),
    # The file system (any command)
    ("build.file-system", E, "a file or folder that cannot be read or written (read-only, "
                             "disk full, not a regular file...)"),
    ("build.skipped", W, "something under a leaflets folder that is not read as a leaflet "
                         "(not a regular file, a broken link, a folder reached twice)"),
    ("build.locked", E, "another build kept the output folder past the wait"),
    # Not the user's fault: a bug of ours, reported as one (traceback under --debug)
    ("internal.error", E, "an internal error in leafletgen: please report it"),
]

RULES: dict[str, Rule] = {rule_id: Rule(rule_id, severity, summary)
                          for rule_id, severity, summary in _TABLE}
