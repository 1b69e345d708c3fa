"""The whole leaflet as a list of flowables, in reading order."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Paragraph

from pathlib import Path

from leafletgen import inline, model
from leafletgen.inline import escape  # saxutils's, without its urllib.request import
from leafletgen.document import Role, marked
from leafletgen.layout.blocks import (block_flowables, boxed, columns_table, picture,
                                      styled_table, text)
from leafletgen.layout.styles import Styles
from leafletgen.messages import fill


def leaflet_story(leaflet: model.Leaflet, s: Styles, with_contacts: bool = True) -> list[Flowable]:
    story = title_block(leaflet, s)
    for section in leaflet.sections:
        story += section_flowables(section, s)
    story += further_reading(leaflet.further_reading, s)
    if with_contacts:
        story += contacts_box(leaflet.contacts, s)
    story += history(leaflet.history, s)
    return story


def back_cover(leaflet: model.Leaflet, s: Styles) -> list[Flowable]:
    """The booklet's last page: who to contact, and who wrote this and when."""
    words = s.words
    facts = dict(owner=leaflet.owner, organisation=s.theme.organisation, version=leaflet.version,
                 published=words.date(leaflet.published), review=words.date(leaflet.review))
    if s.theme.organisation:
        about = words("This leaflet was written by {owner} for {organisation}. This is version "
                      "{version}, published {published}. It is due for review by {review}.",
                      **facts)
    else:
        about = words("This leaflet was written by {owner}. This is version {version}, "
                      "published {published}. It is due for review by {review}.", **facts)
    return contacts_box(leaflet.contacts, s) + [
        marked(text(words("About this leaflet"), s.subheading, s), Role.SUBHEADING),
        marked(Paragraph(escape(about), s.small), Role.PARAGRAPH)]


def notes_page(s: Styles) -> list[Flowable]:
    """A padding page of the booklet, ruled for the reader's own notes and questions."""
    return [marked(text(s.words("Notes"), s.heading, s), Role.HEADING),
            marked(RuledLines(s.body.leading * 1.6, s.palette.outline), Role.ARTIFACT)]


class RuledLines(Flowable):
    """Writing lines that fill the rest of the frame."""

    def __init__(self, spacing: float, color):
        super().__init__()
        self.spacing, self.color = spacing, color

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height
        return self.width, self.height

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.5)
        y = self.height - self.spacing
        while y >= 0:
            self.canv.line(0, y, self.width, y)
            y -= self.spacing


def title_block(leaflet: model.Leaflet, s: Styles, label: str = "", title: str = "",
                summary: bool = True) -> list[Flowable]:
    """Series (or label), title, summary and the theme's logo, then a rule."""
    heading: list[Flowable] = []
    if label or leaflet.series:
        heading.append(marked(text(label or leaflet.series, s.series, s), Role.LABEL))
    heading.append(marked(text(title or leaflet.title, s.title, s), Role.TITLE))
    story = with_logo(heading, s)
    if summary and leaflet.summary:
        story.append(marked(text(leaflet.summary, s.summary, s), Role.SUMMARY))
    story.append(marked(HRFlowable(width="100%", thickness=2, color=s.palette.rule, spaceBefore=2,
                                   spaceAfter=s.fmt.body_size * 0.4), Role.ARTIFACT))
    return story


def with_logo(heading: list[Flowable], s: Styles) -> list[Flowable]:
    """The heading beside the organisation's logo, on the side the theme asks for."""
    theme = s.theme
    if not theme.logo or theme.logo_position == "none":
        return heading
    width = s.fmt.frame_width
    logo_width = width * 0.28
    # The theme's side is for left-to-right pages: a right-to-left page mirrors it.
    on_right = (theme.logo_position == "right") != s.right_to_left
    logo = marked(picture(Path(theme.logo), s, logo_width, s.fmt.title_size * 2.2,
                          align="RIGHT" if on_right else "LEFT"),
                  Role.LOGO, theme.organisation)
    cells, widths = [heading, logo], [width - logo_width, logo_width]
    if not on_right:
        cells, widths = cells[::-1], widths[::-1]
    table = styled_table([cells], widths, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0)], font=s.fonts.regular)
    table.spaceAfter = s.title.spaceAfter  # a table cell drops its last paragraph's space
    return [table]


def section_flowables(section: model.Section, s: Styles) -> list[Flowable]:
    # A heading needs room for itself and a few lines after it, or it starts a new page.
    story: list[Flowable] = [CondPageBreak(s.fmt.heading_size * 2 + s.body.leading * 3),
                             marked(text(section.heading, s.heading, s), Role.HEADING)]
    for block in section.body:
        story += block_flowables(block, s)
    return story


def contacts_box(contacts: tuple[model.Contact, ...], s: Styles) -> list[Flowable]:
    if not contacts:
        return []
    content: list[Flowable] = [marked(text(s.words("Contact us"), s.subheading, s),
                                      Role.SUBHEADING)]
    for contact in contacts:
        content.append(marked(text(f"**{contact.name}**", s.small, s), Role.PARAGRAPH))
        content += [marked(Paragraph(line, s.small), Role.PARAGRAPH)
                    for line in _contact_lines(contact, s)]
    box = marked(boxed(content, s, s.palette.box_background), Role.CONTACTS)
    return [CondPageBreak(s.body.leading * 6), box]


def _contact_lines(contact: model.Contact, s: Styles) -> list[str]:
    lines = []
    if contact.phone:
        # A phone that is not only a number to dial ("ask at reception") prints as text.
        lines.append(_labelled(s, "Phone: {number}", number=inline.link_markup(
            contact.phone, inline.tel_link(contact.phone), s.link_color)))
    if contact.hours:
        lines.append(_labelled(s, "Open: {hours}", hours=inline.to_markup(contact.hours)))
    if contact.email:
        lines.append(_labelled(s, "Email: {address}", address=inline.link_markup(
            contact.email, f"mailto:{contact.email}", s.link_color)))
    return lines


def _labelled(s: Styles, message: str, **markup: str) -> str:
    """A translated label around the author's words, already paragraph markup: the
    label's own characters are escaped, the markup put in as it is."""
    return fill(escape(s.words.catalogue.gettext(message)), **markup)


def further_reading(items: tuple[model.Reading, ...], s: Styles) -> list[Flowable]:
    if not items:
        return []
    story: list[Flowable] = [CondPageBreak(s.body.leading * 5),
                             marked(text(s.words("Further reading"), s.heading, s), Role.HEADING)]
    for item in items:
        line = inline.to_markup(item.title, s.link_color, italic_as_bold=not s.fmt.italics)
        if item.url:
            # Printed on paper, so the address is shown as well as linked.
            line = f"<b>{line}</b><br/>" + inline.link_markup(item.url, item.url, s.link_color)
        story.append(marked(Paragraph(line, s.body), Role.LINK if item.url else Role.PARAGRAPH))
    return story


def history(entries: tuple[model.HistoryEntry, ...], s: Styles) -> list[Flowable]:
    if not entries:
        return []
    rows = [[marked(Paragraph(f"<b>{label}</b>", s.small), Role.TABLE_HEADER)
             for label in (s.words("Version"), s.words("Date"), s.words("Changes"))]]
    rows += [[marked(cell, Role.TABLE_CELL) for cell in (
        Paragraph(e.version, s.small), Paragraph(s.words.date(e.date), s.small),
        text(e.changes, s.small, s))] for e in entries]
    width = s.fmt.frame_width
    # Each column's text starts flush with its edge: the left one, or right to left the right.
    flush = "RIGHTPADDING" if s.right_to_left else "LEFTPADDING"
    table = columns_table(rows, [width * 0.15, width * 0.3, width * 0.55], [
        ("LINEBELOW", (0, 0), (-1, 0), 1, s.palette.rule),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, s.palette.muted),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        (flush, (0, 0), (-1, -1), 0),
    ], s, repeatRows=1)
    return [CondPageBreak(s.small.leading * 4),
            marked(text(s.words("Changes to this leaflet"), s.subheading, s), Role.SUBHEADING),
            marked(table, Role.TABLE)]
