"""The review copy: a first page that sums up the change, then the new leaflet with every
change marked. Every page carries the new version's stamp at the foot and, at the head,
the version it is compared with: it is for the approval record, not for patients.
"""

from __future__ import annotations

from collections import Counter
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph

from leafletgen import inline, model
from leafletgen.diff.changes import ADDED, CHANGED, REMOVED, SAME, ChangeSet, metadata_rows
from leafletgen.diff.markup import CHANGE, DELETED, barred, deleted, inserted, note_markup
from leafletgen.diff.marked import display_order, marked_story
from leafletgen.diff.report import section_label
from leafletgen.document import Document, HeadLine, Role, marked
from leafletgen.errors import Diagnostic, Severity
from leafletgen.formats import FORMATS
from leafletgen.layout.blocks import styled_table
from leafletgen.layout.leaflet import stamp_style
from leafletgen.layout.styles import Styles, build_styles
from leafletgen.load.theme import default_theme
from leafletgen.render.pdf import render
from leafletgen.theme import Theme

WARNING_COLOUR = "#8A4B00"


def review_pdf(changes: ChangeSet, old_label: str, new_label: str,
               diagnostics: list[Diagnostic], theme: Theme | None = None) -> bytes:
    """A4 pages: the new version's stamp at the foot, the comparison line at the head."""
    s = build_styles(FORMATS["a4"].page, False, theme or default_theme(), changes.new.language)
    story = summary_page(changes, old_label, new_label, diagnostics, s)
    story += [PageBreak()] + marked_story(changes, s)
    new = changes.new
    title = (f"Review copy: {inline.plain(new.title)} (version {changes.old.version} "
             f"\u2192 {new.version})")
    head = HeadLine(compared_with(changes), colors.HexColor(CHANGE), s.fonts.bold)
    document = Document(leaflet=new, format_name="review", page=s.fmt, story=story,
                        font=s.fonts.regular, title=title, stamp=stamp_style(s), head=head,
                        described="the review copy")
    return render(document, ("pdfua",)).data  # read on screen by the approvers: tagged


def compared_with(changes: ChangeSet) -> str:
    old = changes.old
    return (f"Review copy \u00b7 version {changes.new.version} compared with version "
            f"{old.version} (published {model.long_date(old.published)}) \u00b7 not for patients")


def summary_page(changes: ChangeSet, old_label: str, new_label: str,
                 diagnostics: list[Diagnostic], s: Styles) -> list[Flowable]:
    old, new = changes.old, changes.new
    intro = (f"Version {new.version} (published {model.long_date(new.published)}) compared "
             f"with version {old.version} (published {model.long_date(old.published)}).")
    size = s.fmt.body_size
    part = ParagraphStyle("part", parent=s.subheading, spaceBefore=size * 0.6,
                          spaceAfter=size * 0.25)
    title = ParagraphStyle("review-title", parent=s.title, fontSize=size * 1.8,
                           leading=size * 2.1, spaceAfter=size * 0.3)
    return [
        Paragraph("Review copy \u00b7 not for patients", s.series),
        Paragraph(escape(inline.plain(new.title)), title),
        Paragraph(escape(intro), s.body),
        Paragraph(f"Old: {escape(old_label)} \u00b7 New: {escape(new_label)}", s.small),
        Paragraph("Details", part), metadata_table(changes, s),
        Paragraph("What changed", part), counts_table(changes, s),
        Paragraph("Sections", part), sections_table(changes, s),
        Paragraph("Version checks", part), *version_checks(diagnostics, s),
        Paragraph("How changes are marked", part), *key(new, s),
    ]


def _table(rows: list[list[str]], widths: list[float], s: Styles, header: bool) -> Flowable:
    cells = [[marked(Paragraph(cell, s.small), _cell_role(row, column, header))
              for column, cell in enumerate(cells)] for row, cells in enumerate(rows)]
    width = s.fmt.frame_width
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, 1 if header else 0), (-1, -1), 0.3, s.palette.outline)]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 1, s.palette.rule))
    table = styled_table(cells, [width * w for w in widths], commands, repeatRows=int(header))
    return marked(table, Role.TABLE)


def _cell_role(row: int, column: int, header: bool) -> Role:
    """A table with a header row has column headers; one without, row headers (in bold)."""
    if header:
        return Role.TABLE_HEADER if row == 0 else Role.TABLE_CELL
    return Role.ROW_HEADER if column == 0 else Role.TABLE_CELL


def metadata_table(changes: ChangeSet, s: Styles) -> Flowable:
    old, new = changes.old, changes.new
    rows = [["<b>Field</b>", f"<b>Old (version {escape(old.version)})</b>",
             f"<b>New (version {escape(new.version)})</b>"]]
    for (name, before), (_, after) in zip(metadata_rows(old), metadata_rows(new)):
        before, after = escape(inline.plain(before)), escape(inline.plain(after))
        if before != after:
            before, after = deleted(before or "(none)"), inserted(after or "(none)")
        rows.append([f"<b>{name}</b>", before, after])
    return _table(rows, [0.2, 0.4, 0.4], s, header=True)


def counts_table(changes: ChangeSet, s: Styles) -> Flowable:
    touched = [c for c in changes.sections if c.status != SAME]
    kinds = [(sum(c.body_changed and c.old is not None and c.new is not None for c in touched),
              "edited"), (len(changes.renamed), "renamed"), (len(changes.moved), "moved"),
             (len(changes.touched(ADDED)), "added"), (len(changes.touched(REMOVED)), "removed")]
    total = len(changes.new.sections)
    detail = ", ".join(f"{n} {word}" for n, word in kinds if n)
    rows = [
        ["Words", f"{changes.inserted} inserted, {changes.deleted} deleted"],
        ["Sections", f"{len(touched)} touched ({detail}); the new version has {total}"
         if touched else f"none touched; {total} in all"],
        ["Figures", by_status(changes.figures)],
        ["Other parts", " \u00b7 ".join(f"{name}: {value}" for name, value in (
            ("quick guide", "unchanged" if changes.quick_guide.status == SAME
             else changes.quick_guide.status),
            ("contacts", by_status(changes.contacts)),
            ("further reading", by_status(changes.further_reading)),
            ("history", by_status(changes.history, "entry", "entries"))))],
    ]
    return _table([[f"<b>{a}</b>", b] for a, b in rows], [0.2, 0.8], s, header=False)


def by_status(items, one: str = "", many: str = "") -> str:
    """'1 entry added, 2 changed'; 'unchanged' for none."""
    counts = Counter(item.status for item in items)
    parts = [f"{counts[status]} {status}" for status in (ADDED, REMOVED, CHANGED) if counts[status]]
    if parts and one:
        number, rest = parts[0].split(" ", 1)
        parts[0] = f"{number} {one if number == '1' else many} {rest}"
    return ", ".join(parts) or "unchanged"


def sections_table(changes: ChangeSet, s: Styles) -> Flowable:
    rows = [["<b>\u00a7</b>", "<b>Heading</b>", "<b>Change</b>"]]
    for change in display_order(changes.sections):
        number = str(change.match.new + 1) if change.new else "\u2013"
        heading = escape(change.title)
        if change.status == SAME:
            rows.append([number, heading, "unchanged"])
            continue
        heading = deleted(heading) if change.status == REMOVED else f"<b>{heading}</b>"
        rows.append([number, heading, note_markup(escape(section_label(change)))])
    return _table(rows, [0.06, 0.6, 0.34], s, header=True)


def version_checks(diagnostics: list[Diagnostic], s: Styles) -> list[Flowable]:
    if not diagnostics:
        return [Paragraph("No problems: the version was raised and the history says what "
                          "changed, or nothing needed it.", s.small)]
    paragraphs = []
    for d in diagnostics:
        colour = DELETED if d.severity is Severity.ERROR else WARNING_COLOUR
        text = f"<b>{d.severity.value}:</b> {escape(d.message)}"
        if d.hint:
            text += f" ({escape(d.hint)})"
        paragraphs.append(Paragraph(f'<font color="{colour}">{text}</font>', s.small))
    return paragraphs


def key(new: model.Leaflet, s: Styles) -> list[Flowable]:
    return [
        *barred([Paragraph(f"{inserted('Inserted words')} are underlined on green; "
                           f"{deleted('deleted words')} are struck through in red, where they "
                           "were. A bar in the margin, like the one beside this paragraph, "
                           "marks every block that changed.", s.small)]),
        Paragraph(f"Then version {escape(new.version)} follows, laid out as the A4 leaflet with "
                  "the changes marked (page breaks may differ: --visual compares the pages).",
                  s.small),
    ]
