"""Each rule of `leafletgen check` fires on a bad leaflet and stays quiet on the clean one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from reportlab.platypus import PageBreak, Paragraph

from conftest import SAMPLE, write_leaflet
from leafletgen.layout import story as story_module
from leafletgen.formats import FORMATS
from leafletgen.layout.leaflet import document
from leafletgen.layout.styles import build_styles
from leafletgen.lint.layoutchecks import PageRecorder, ending_headings
from leafletgen.lint.run import check_paths
from leafletgen.load import load_leaflet
from leafletgen.load.theme import default_theme
from leafletgen.render.pdf import render
from test_check import FIRST_PARAGRAPH, GOOD, TODAY, check_text, paragraph, rules_of, variant

HARD = ("Haematological investigations necessitate considerable preparation. "
        "Consultation appointments are organised individually. "
        "Administrative complications occasionally materialise unexpectedly. "
        "Comprehensive explanations accompany every examination. "
        "Communication difficulties are considered sympathetically.")
LONG_SENTENCE = ("You can bring a friend or a relative with you to the clinic and they can "
                 "stay with you for the whole of the test if you would like them to be there.")

# (leaflet text, rule id, words the message must contain)
BAD = [
    (paragraph(HARD), "readability.reading-age", "section 'Before your test' has a reading age"),
    (paragraph(LONG_SENTENCE), "readability.sentence-length", "sentence of 33 words"),
    (paragraph("You can bring a friend. " * 17), "readability.paragraph-length",
     "paragraph of 85 words"),
    (paragraph("Your oncologist will see you."), "plain-english.jargon",
     "'oncologist' is not explained where it is first used, in section 'Before your test'"),
    (paragraph("Please commence eating after the test."), "plain-english.wordy",
     "say 'start' instead of 'commence'"),
    (variant("review: 2028-03-01", "review: 2026-05-01"), "dates.review-overdue",
     "review date 1 May 2026 has passed (31 days ago)"),
    (variant("review: 2028-03-01", "review: 2026-07-01"), "dates.review-soon",
     "due for review in 30 days"),
    (variant("published: 2026-03-01", "published: 2026-06-11"), "dates.published-future",
     "10 days in the future"),
    (variant('version: "1.1"', 'version: "1.2"'), "dates.history-version",
     "newest history entry is version 1.1, but the leaflet is version 1.2"),
    (variant("    date: 2026-03-01", "    date: 2026-02-01"), "dates.history-date",
     "dated 2026-02-01"),
    (variant('  - version: "1.0"\n    date: 2025-03-01', '  - version: "1.2"\n    date: 2025-03-01'),
     "dates.history-order", "lists version 1.2 (2025-03-01) after version 1.1"),
    (variant(GOOD[GOOD.index("quick_guide:"):GOOD.index("contacts:")], ""),
     "completeness.quick-guide", "no quick guide"),
    (variant(GOOD[GOOD.index("contacts:"):GOOD.index("further_reading:")], ""),
     "completeness.contacts", "no contacts"),
    (variant('    phone: "0123 456 7890"\n', "").replace("    email: nurses@example.org\n", ""),
     "completeness.contact-details", "no phone number or email"),
    (variant("    hours: Monday to Friday, 9am to 5pm\n", ""), "completeness.contact-hours",
     "no opening hours"),
    (variant('phone: "0123 456 7890"', "phone: call the ward"), "completeness.phone",
     "not part of a phone number"),
    (variant('phone: "0123 456 7890"', 'phone: "0123 4567 8901 2345 67"'), "completeness.phone",
     "has 18 digits"),
    (variant("url: https://example.org/blood-tests", "url: http://example.org/blood-tests"),
     "completeness.http-url", "is not secure"),
    (paragraph("To learn more, [click here](https://example.org)."), "completeness.link-text",
     "the link 'click here' in section 'Before your test' means nothing on paper"),
    (variant("alt: Outline of the front of a body with the heart marked.", "alt: A body."),
     "completeness.alt-text", "too short"),
    (variant("alt: Outline of the front of a body with the heart marked.",
             "alt: Your heart pumps blood round your body"), "completeness.alt-text",
     "only repeats the caption"),
    (variant("alt: Outline of the front of a body with the heart marked.",
             "alt: Picture of a body with the heart marked."), "completeness.alt-text",
     "starts by saying it is a picture"),
    (variant("alt: Outline of the front of a body with the heart marked.",
             "alt: bodymap-heart.png"), "accessibility.alt-missing", "is a file name"),
    (variant("highlight: [heart]", "highlight: [heart, liver]"), "completeness.bodymap-alt",
     "does not mention Liver, which is highlighted"),
]


@pytest.mark.parametrize("text, rule, words", BAD, ids=[f"{r}-{i}" for i, (_, r, _) in
                                                         enumerate(BAD)])
def test_rule_fires_on_a_bad_leaflet(library, text, rule, words):
    report = check_text(library, text)
    messages = [f.diagnostic.message for f in report.findings if f.rule == rule]
    assert any(words in m for m in messages), (rule, [str(f) for f in report.findings])


def test_the_good_leaflet_is_clean_with_every_rule_on(library):
    report = check_text(library, GOOD, layout=True)
    assert report.findings == []
    assert report.leaflet_id == "GOOD-01"


def test_findings_point_at_the_words_and_name_the_section(library):
    text = paragraph("You can eat as normal. Your oncologist will see you.")
    found = next(f for f in check_text(library, text).findings if f.rule == "plain-english.jargon")
    line = text.splitlines()[found.diagnostic.span.line - 1]
    assert line[found.diagnostic.span.column - 1:].startswith("oncologist")
    assert found.section == "Before your test"
    assert found.diagnostic.severity.value == "warning"


@pytest.mark.parametrize("sentence, term", [
    ("This is called a metastasis or a secondary cancer.", "metastasis"),
    ("Some cells stay inactive (dormant) for years.", "dormant"),
    ("A metastasis (secondary cancer) can grow.", "metastasis"),
    ("A biopsy is when a nurse takes a sample of tissue.", "biopsy"),
    ("Your oncologist, which means your cancer doctor, will see you.", "oncologist"),
    ("Metastasis means cancer that has spread.", "metastasis"),
    ("The cancer may come back. This is called a recurrence.", "recurrence"),
    ("You will see a cancer doctor, known as an oncologist.", "oncologist"),
])
def test_jargon_explained_on_first_use_is_not_flagged(library, sentence, term):
    explained = check_text(library, paragraph(f"{sentence} Later the {term} is named again."))
    assert "plain-english.jargon" not in rules_of(explained)
    unexplained = check_text(library, paragraph(f"We talk about the {term} here. {sentence}"))
    assert "plain-english.jargon" in rules_of(unexplained)


def test_jargon_explained_only_later_says_where(library):
    text = paragraph("Your oncologist will see you. An oncologist is a cancer doctor.")
    found = next(f for f in check_text(library, text).findings if f.rule == "plain-english.jargon")
    assert "explained later, at line" in found.diagnostic.hint


def test_jargon_in_a_heading_is_explained_by_the_text_after_it(library):
    text = variant("heading: Before your test", "heading: What is a biopsy?")
    text = text.replace(FIRST_PARAGRAPH, "        A biopsy is when a nurse takes a small "
                        "sample of tissue.\n" + FIRST_PARAGRAPH)
    assert "plain-english.jargon" not in rules_of(check_text(library, text))
    heading_only = variant("heading: Before your test", "heading: What is a biopsy?")
    [found] = [f for f in check_text(library, heading_only).findings
               if f.rule == "plain-english.jargon"]
    assert found.diagnostic.message == ("'biopsy' in section 'What is a biopsy?' is not "
                                        "explained in the text")


def test_the_quick_guide_must_explain_its_own_terms(library):
    text = variant("    - Bring your letter.", "    - Your oncologist will see you.")
    text = text.replace("You can eat and drink as normal.",
                        "Your oncologist (cancer doctor) will see you.")
    found = [f for f in check_text(library, text).findings if f.rule == "plain-english.jargon"]
    assert [f.diagnostic.message for f in found] == [
        "'oncologist' is not explained where it is first used, in the quick guide"]


def test_wordy_words_are_counted_once_per_leaflet(library):
    text = paragraph("Please commence eating. You can commence drinking too.")
    found = [f for f in check_text(library, text).findings if f.rule == "plain-english.wordy"]
    assert len(found) == 1 and found[0].diagnostic.hint == "it is used 2 times in this leaflet"


def test_review_date_today_is_a_warning_and_the_day_after_an_error(library):
    text = variant("review: 2028-03-01", "review: 2026-06-01")
    assert "dates.review-soon" in rules_of(check_text(library, text))
    later = check_text(library, text, today=TODAY + dt.timedelta(days=1))
    assert "dates.review-overdue" in rules_of(later)
    assert any(f.is_error for f in later.findings)


def test_review_warning_days_is_configurable(library):
    text = variant("review: 2028-03-01", "review: 2026-07-01")
    assert "dates.review-soon" not in rules_of(check_text(library, text, review_warning_days=10))


def test_reading_age_target_and_minimum_sentences_are_configurable(library):
    text = paragraph(HARD)
    assert "readability.reading-age" not in rules_of(check_text(library, text, reading_age_max=30))
    assert "readability.reading-age" not in rules_of(
        check_text(library, text, readability_min_sentences=50))
    assert "readability.reading-age" in rules_of(
        check_text(library, text, readability_formula="flesch-kincaid"))


def test_sentence_and_paragraph_limits_are_configurable(library):
    assert not rules_of(check_text(library, paragraph(LONG_SENTENCE), sentence_words_max=40))
    assert not rules_of(check_text(library, paragraph("You can bring a friend. " * 17),
                                   paragraph_words_max=100))


def test_loader_problems_are_findings(library):
    write_leaflet(library, "a.yaml", variant("          alt: Outline of the front of a body "
                                             "with the heart marked.\n", ""))
    write_leaflet(library, "b.yaml", variant("id: GOOD-01", "id: DUP-01"))
    write_leaflet(library, "c.yaml", variant("id: GOOD-01", "id: DUP-01"))
    run = check_paths([library / "leaflets"], TODAY)
    rules = {r.source.rsplit("/", 1)[-1]: rules_of(r) for r in run.reports}
    assert rules == {"a.yaml": ["format.missing-field"], "b.yaml": ["format.duplicate-id"],
                     "c.yaml": ["format.duplicate-id"]}
    assert run.errors == 3 and run.failed()


# A malformed address is the loader's (format.link, at the address), never check's too:
# (leaflet text, the address as written, words the message must contain)
MALFORMED_LINKS = [
    (variant("email: nurses@example.org", "email: nurses at example.org"),
     "nurses at example.org", "the email 'nurses at example.org' is not an email address"),
    (variant("email: nurses@example.org", "email: ward-seven"), "ward-seven",
     "is not an email address"),
    (variant("url: https://example.org/blood-tests", "url: example.org/blood-tests"),
     "example.org/blood-tests", "does not start with https://"),
    (variant("url: https://example.org/blood-tests", "url: https://example/blood-tests"),
     "https://example/blood-tests", "has no valid site name ('example')"),
    (paragraph("Read [our page](www.example.org) first."), "www.example.org",
     "does not start with https://, mailto: or tel:"),
    (paragraph("You can [email us](mailto:nurses-example.org)."), "mailto:nurses-example.org",
     "is not an email address"),
    (paragraph("You can [call us](tel:12)."), "tel:12", "is not a phone number: it has 2 digits"),
    (paragraph("See [our page](https://example/page)."), "https://example/page",
     "has no valid site name"),
]


@pytest.mark.parametrize("text, written, words", MALFORMED_LINKS,
                         ids=[w for _, w, _ in MALFORMED_LINKS])
def test_a_malformed_address_is_one_format_link_finding_at_it(library, text, written, words):
    write_leaflet(library, "leaflet.yaml", text)
    [report] = check_paths([library / "leaflets"], TODAY).reports
    [found] = [f for f in report.findings if f.rule == "format.link"]
    at = re.compile(re.escape(written) + r"(?:\)|$)")  # the address, not a word before it
    line, match = next((n, at.search(row)) for n, row in enumerate(text.splitlines(), 1)
                       if at.search(row))
    column = match.start() + 1
    span = found.diagnostic.span
    assert (span.line, span.column) == (line, column), str(found)
    assert words in found.diagnostic.message and found.diagnostic.hint
    # The content rules still ran on what was read, and found nothing else to say.
    assert report.read and rules_of(report) == ["format.link"]


def test_a_well_formed_http_link_is_only_a_warning(library):
    text = paragraph("Read [our page](http://example.org/page) first.")
    report = check_text(library, text)
    assert rules_of(report) == ["completeness.http-url"]


# ------------------------------------------------------------------ layout
def test_quick_guide_overflow_says_how_much_to_cut(library):
    points = "".join(f"    - Point {n} is {'a long and wordy point for the reader ' * 4}\n"
                     for n in range(30))
    text = variant("    - Eat and drink as normal.\n    - Bring your letter.\n", points)
    found = [f for f in check_text(library, text, layout=True, layout_formats=()).findings
             if f.rule == "layout.quick-guide-overflow"]
    assert len(found) == 1 and found[0].is_error
    assert "lines too long for one page" in found[0].diagnostic.message


def test_a_note_too_big_for_any_page_is_a_layout_error(library):
    note = "This box holds far too many words for one page. " * 160
    text = variant("note: Please come ten minutes early.", f"note: {note}")
    found = [f for f in check_text(library, text, layout=True, layout_formats=("a5",),
                                   disable=("layout.quick-guide-overflow",)).findings
             if f.rule == "layout.overflow"]
    assert found and "cannot lay out the A5 leaflet" in found[0].diagnostic.message


def test_heading_detector_finds_a_heading_at_the_foot_of_a_page():
    styles = build_styles(FORMATS["a5"].page, False, default_theme())
    recorder = PageRecorder()
    story = [recorder, Paragraph("Some text.", styles.body),
             Paragraph("Stranded heading", styles.heading), PageBreak(),
             Paragraph("Its text.", styles.body), Paragraph("Kept heading", styles.heading),
             Paragraph("Its text, on the same page.", styles.body)]
    render(document(load_leaflet(SAMPLE), styles, story, None))
    assert ending_headings(recorder.placed) == [(1, "Stranded heading")]


def test_heading_check_reports_the_section_and_format(library, monkeypatch):
    real = story_module.section_flowables

    def heading_then_break(section, s):  # as if the layout let a heading end a page
        flowables = real(section, s)
        if section.heading == "At the clinic":
            flowables.insert(2, PageBreak())
        return flowables

    monkeypatch.setattr(story_module, "section_flowables", heading_then_break)
    found = [f for f in check_text(library, GOOD, layout=True,
                                   disable=("layout.quick-guide-overflow",)).findings
             if f.rule == "layout.heading-at-page-end"]
    assert [f.diagnostic.message for f in found] == [
        "heading 'At the clinic' is the last thing on page 1 of the A4 leaflet; its text "
        "starts on page 2",
        "heading 'At the clinic' is the last thing on page 1 of the A5 leaflet; its text "
        "starts on page 2"]
    assert found[0].section == "At the clinic" and found[0].diagnostic.span.line == 18
