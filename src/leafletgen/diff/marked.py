"""The new leaflet laid out as in the A4 leaflet, with every change marked in place:
inserted words highlighted, deleted words struck through, removed sections and blocks
shown struck through where they were, and a change bar beside every changed block.
"""

from __future__ import annotations

import dataclasses
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (CondPageBreak, Flowable, HRFlowable, KeepTogether, ListFlowable,
                                ListItem, Paragraph, Spacer)

from leafletgen import model
from leafletgen.diff.blocks import Figure
from leafletgen.diff.changes import (ADDED, CHANGED, REMOVED, SAME, BlockChange, ChangeSet,
                                     EntryChange, FigureChange, SectionChange)
from leafletgen.diff.markup import (DELETED, barred, deleted, diff_markup, diff_paragraph,
                                    inserted, note_markup)
from leafletgen.diff.report import section_label
from leafletgen.diff.words import WordDiff, diff_text
from leafletgen.document import Role, marked, spoken_as
from leafletgen.layout import blocks as layout
from leafletgen.layout.story import contacts_box, further_reading, history
from leafletgen.layout.styles import Styles


def marked_story(changes: ChangeSet, s: Styles) -> list[Flowable]:
    story = _title(changes, s)
    for section in display_order(changes.sections):
        story += marked_section(section, s)
    new = changes.new
    story += _part(further_reading(new.further_reading, s), changes.further_reading, s)
    story += _part(contacts_box(new.contacts, s), changes.contacts, s)
    story += _part(history(new.history, s), changes.history, s)
    return story + _quick_guide(changes, s)


def display_order(sections: tuple[SectionChange, ...]) -> list[SectionChange]:
    """New sections in order, each removed one placed after the section it used to follow."""
    kept = [c for c in sections if c.new is not None]
    removed = sorted((c for c in sections if c.new is None), key=lambda c: c.match.old)
    order = list(kept)
    for change in removed:
        before = [i for i, c in enumerate(order)
                  if c.old is not None and c.match.old < change.match.old]
        order.insert(before[-1] + 1 if before else 0, change)
    return order


def _title(changes: ChangeSet, s: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    series = changes.old.series, changes.new.series
    if any(series):
        story += _marked(_diff(*series), s.series, s)
    story += _marked(changes.title, s.title, s)
    if changes.summary.old is not None or changes.summary.new is not None:
        story += _marked(changes.summary, s.summary, s)
    return story + [HRFlowable(width="100%", thickness=2, color=s.palette.rule,
                               spaceBefore=2, spaceAfter=s.fmt.body_size * 0.4)]


def _diff(old: str, new: str) -> WordDiff:
    return diff_text(old or None, new or None)


def _marked(diff, style, s: Styles) -> list[Flowable]:
    paragraph = [diff_paragraph(diff, style, s)]
    return barred(paragraph) if diff.changed else paragraph


def marked_section(change: SectionChange, s: Styles) -> list[Flowable]:
    head = [diff_paragraph(change.heading, s.heading, s)]
    if change.status != SAME:
        label = escape(section_label(change))
        style = ParagraphStyle("change-label", parent=s.small, keepWithNext=1)
        head = barred(head + [Paragraph(note_markup(label[:1].upper() + label[1:] + "."), style)])
    body = [f for block in change.blocks for f in marked_block(block, s)]
    if body and isinstance(body[0], KeepTogether):  # a figure first: keep the heading with it
        head, body = [KeepTogether(head + list(body[0]._content))], body[1:]
    return [CondPageBreak(s.fmt.heading_size * 2 + s.body.leading * 3)] + head + body


def marked_block(change: BlockChange, s: Styles) -> list[Flowable]:
    if change.status == SAME:
        return layout.block_flowables(change.new, s)
    kind = change.kind
    if kind in ("body map", "image"):
        flowables = _figure(change, s)
    elif kind == "paragraph":
        flowables = [diff_paragraph(change.texts[0], s.body, s)]
    elif kind == "note":
        style = s.note if change.new else s.body
        flowables = [layout.boxed([diff_paragraph(change.texts[0], style, s)], s,
                                  s.palette.note_background, bar=True)]
    else:
        flowables = [_list(change.texts, change.kind == "steps", s)]
    return barred(flowables)


def _list(texts: tuple[WordDiff, ...], numbered: bool, s: Styles) -> ListFlowable:
    """The list with each item marked; a removed item keeps its place, with a dash for a bullet."""
    size = s.fmt.body_size
    number, items = 0, []
    for text in texts:
        number += text.new is not None
        label = (f".{number}" if s.right_to_left else f"{number}.") if numbered else "\u2022"
        bullet = label if text.new is not None else "\u2013"
        items.append(ListItem(diff_paragraph(text, s.item, s), value=bullet,
                              bulletColor=s.palette.accent if text.new is not None else DELETED))
    return marked(ListFlowable(items, bulletType="bullet", start="", **layout.list_indent(s),
                               bulletFontName=s.fonts.bold, bulletFontSize=size,
                               spaceAfter=size * 0.6), Role.STEPS if numbered else Role.LIST)


def _figure(change: BlockChange, s: Styles) -> list[Flowable]:
    figure = change.figure
    if change.new is None:
        return [_deleted_figure(change.old, s.body)]
    picture = layout.block_flowables(dataclasses.replace(change.new, caption=""), s)
    if len(picture) == 1 and isinstance(picture[0], KeepTogether):  # the picture, a spacer
        picture = [f for f in picture[0]._content if not isinstance(f, Spacer)]
    caption = figure.caption if figure else _diff(change.new.caption, change.new.caption)
    if caption.old is not None or caption.new is not None:
        picture.append(diff_paragraph(caption, s.caption, s))
    if figure is not None:
        picture += [Paragraph(line, s.small) for line in figure_notes(figure, s)]
    return [KeepTogether(picture + [Spacer(0, s.fmt.body_size * 0.8)])]


def describe_figure(figure: Figure) -> str:
    if isinstance(figure, model.BodyMap):
        what = f"Body map ({figure.view}), highlighting {', '.join(figure.highlight)}"
    else:
        what = f"Picture {figure.file}"
    return what + (f". Caption: {figure.caption}" if figure.caption else "") + "."


def figure_notes(figure: FigureChange, s: Styles) -> list[str]:
    """Lines under a figure saying what changed in it that the picture cannot show."""
    if figure.status == ADDED:
        return [note_markup("New " + escape(figure.what) + ".")]
    notes = []
    if figure.added_regions:
        notes.append(note_markup("Highlighted regions added: ")
                     + inserted(escape(", ".join(figure.added_regions))))
    if figure.removed_regions:
        notes.append(note_markup("Highlighted regions removed: ")
                     + deleted(escape(", ".join(figure.removed_regions))))
    notes += [note_markup(escape(detail[:1].upper() + detail[1:]) + ".")
              for detail in figure.details]
    if figure.alt.changed:
        notes.append(note_markup("Alt text: ") + diff_markup(figure.alt, s))
    return notes


def _part(flowables: list[Flowable], entries: tuple[EntryChange, ...],
          s: Styles) -> list[Flowable]:
    """Further reading, contacts or history as printed, with a bar and the changes in words."""
    if not entries:
        return flowables
    style = ParagraphStyle("change-note", parent=s.small, spaceBefore=s.fmt.body_size * 0.2,
                           spaceAfter=s.fmt.body_size * 0.2)
    notes = [Paragraph(entry_markup(entry, s), style) for entry in entries]
    return barred(flowables + notes) + [Spacer(0, s.fmt.body_size * 0.8)]


def entry_markup(entry: EntryChange, s: Styles) -> str:
    verb = {ADDED: "Added", REMOVED: "Removed", CHANGED: "Changed"}[entry.status]
    fields = entry.fields if entry.status == CHANGED else entry.fields[1:]
    details = "; ".join(f"{name}: {diff_markup(d, s)}" for name, d in fields if d.changed and d.ops)
    return note_markup(f"{verb} {escape(entry.label)}") + (f" \u2014 {details}" if details else "")


def _quick_guide(changes: ChangeSet, s: Styles) -> list[Flowable]:
    """The quick guide's text (printed on its own page as the quick format), marked."""
    quick = changes.quick_guide
    if quick.old is None and quick.new is None:
        return []
    heading = [CondPageBreak(s.body.leading * 8), Paragraph("Quick guide", s.heading)]
    if quick.status == SAME:
        return heading + [Paragraph("The quick guide has not changed.", s.body)]
    title = quick.title if quick.title.old or quick.title.new else _diff(changes.new.title,
                                                                           changes.new.title)
    story = heading + _marked(title, s.subheading, s)
    if quick.points:
        points = [_list(quick.points, False, s)]
        story += barred(points) if any(p.changed for p in quick.points) else points
    figure = quick.figure
    if figure is not None:
        new_map = quick.new.bodymap if quick.new else None
        body = layout.bodymap(new_map, s) if new_map else []
        body += [Paragraph(line, s.small) for line in figure_notes(figure, s)]
        if figure.status == REMOVED:
            body.append(_deleted_figure(figure.old, s.small))
        story += barred(body)
    return story


def _deleted_figure(figure, style) -> Paragraph:
    description = describe_figure(figure)
    return spoken_as(Paragraph(deleted(escape(description)), style), f"[deleted: {description}]")
