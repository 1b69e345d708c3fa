"""The terminal report: metadata, then each touched section as a word diff, then the quick
guide, contacts, further reading, figures and history, and a one-line summary.

Changes are marked like `git diff --word-diff`: [-deleted-] and {+inserted+}. The marks
stay when the report is coloured (red and green), so no change depends on colour alone;
click.echo drops the colour when the output is not a terminal.
"""

from __future__ import annotations

import click

from leafletgen import model
from leafletgen.diff.changes import (ADDED, CHANGED, REMOVED, SAME, BlockChange, ChangeSet,
                                     EntryChange, FigureChange, SectionChange)
from leafletgen.diff.words import DELETE, EQUAL, INSERT, Op, WordDiff, authored

ELLIPSIS = "\u2026"
ARROW = "\u2192"
MARKS = {DELETE: ("[-", "-]", "red"), INSERT: ("{+", "+}", "green")}
STATUS_SIGN = {ADDED: "+", REMOVED: "-", CHANGED: "~"}


def report_lines(changes: ChangeSet, old_label: str, new_label: str,
                 context: int = 6) -> list[str]:
    lines = [_side("---", old_label, changes.old), _side("+++", new_label, changes.new)]
    if not changes.changed:
        return lines
    parts = [("Metadata", _metadata(changes)),
             ("Summary", _text_lines(changes.summary, context, "")),
             ("Sections", _sections(changes, context)),
             ("Quick guide", _quick_guide(changes, context)),
             ("Contacts", _entries(changes.contacts, context)),
             ("Further reading", _entries(changes.further_reading, context)),
             ("Figures", [line for f in changes.figures for line in figure_lines(f, context)]),
             ("History", _entries(changes.history, context))]
    for title, body in parts:
        if body:
            lines += ["", click.style(title, bold=True)] + body
    return lines


def _side(sign: str, label: str, leaflet: model.Leaflet) -> str:
    return click.style(f"{sign} {label}  ({leaflet.id} version {leaflet.version}, published "
                       f"{model.long_date(leaflet.published)})", bold=True)


def render(diff: WordDiff, context: int | None = None) -> str:
    """A word diff on one line; runs of unchanged words beyond `context` are cut to an ellipsis."""
    out = ""
    for index, op in enumerate(diff.ops):
        if op.tag == EQUAL:
            piece = _trimmed(op, context, first=index == 0, last=index == len(diff.ops) - 1)
        else:
            start, end, colour = MARKS[op.tag]
            piece = click.style(f"{start}{authored(op.words)}{end}", fg=colour)
        joined = index and diff.ops[index - 1].tag == DELETE and op.tag == INSERT
        out += ("" if joined or not out or not op.words[0].space else " ") + piece
    return out


def _trimmed(op: Op, context: int | None, first: bool, last: bool) -> str:
    words = [w.text for w in op.words]
    spaced = [(" " if w.space and i else "") + w.text for i, w in enumerate(op.words)]
    if context is None or len(words) <= context * (1 if first or last else 2):
        return "".join(spaced)
    head = "" if first else "".join(spaced[:context])
    tail = "" if last else "".join(spaced[-context:]).lstrip()
    return " ".join(part for part in (head, ELLIPSIS, tail) if part)


def _text_lines(diff: WordDiff, context: int, prefix: str, indent: str = "  ") -> list[str]:
    if not diff.changed:
        return []
    whole = diff.added or diff.removed  # an added or removed text is shown in full
    return [f"{indent}{prefix}{render(diff, None if whole else context)}"]


def _metadata(changes: ChangeSet) -> list[str]:
    width = max((len(f.name) for f in changes.metadata), default=0)
    return [f"  {f.name.ljust(width)}  {click.style(f.old or '(none)', fg='red')} {ARROW} "
            f"{click.style(f.new or '(none)', fg='green')}" for f in changes.metadata]


def section_label(change: SectionChange) -> str:
    """What happened to a section, in words: 'moved from §3, renamed', 'added'..."""
    m = change.match
    if change.status in (ADDED, REMOVED):
        return change.status + (f"; was \u00a7{m.old + 1}" if change.status == REMOVED else "")
    notes = [f"moved from \u00a7{m.old + 1}"] if m.moved else []
    notes += ["renamed"] if m.renamed else []
    notes += ["edited"] if change.body_changed else []
    return ", ".join(notes)


def _sections(changes: ChangeSet, context: int) -> list[str]:
    lines: list[str] = []
    for change in changes.sections:
        if change.status == SAME:
            continue
        number = f"\u00a7{change.match.new + 1} " if change.new else ""
        heading = render(change.heading) if change.match.renamed else change.title
        sign = STATUS_SIGN[change.status]
        lines.append(f"  {sign} {number}{heading}   [{section_label(change)}]")
        for block in change.blocks:
            lines += block_lines(block, context)
    return lines


def block_lines(block: BlockChange, context: int) -> list[str]:
    if block.status == SAME:
        return []
    lines: list[str] = []
    old_number = new_number = 0
    for text in block.texts:  # steps are numbered as in their own version
        old_number += text.old is not None
        new_number += text.new is not None
        number = new_number if text.new is not None else old_number
        lines += _text_lines(text, context, _prefix(block, number), "      ")
    if block.figure and (block.figure.status != CHANGED or not lines):
        verb = {ADDED: "added", REMOVED: "removed", CHANGED: "changed"}[block.figure.status]
        lines.append(f"      [{block.figure.what} {verb}: see Figures]")
    return lines


def _prefix(block: BlockChange, number: int) -> str:
    kind = block.kind
    if kind == "list":
        return "\u2022 "
    if kind == "steps":
        return f"{number}. "
    if kind == "note":
        return "Note: "
    return "Caption: " if kind in ("body map", "image") else ""


def figure_lines(figure: FigureChange, context: int) -> list[str]:
    head = f"  {STATUS_SIGN[figure.status]} {figure.where}, {figure.what}"
    if figure.status != CHANGED:
        shown = figure.new or figure.old
        regions = getattr(shown, "highlight", ())
        return [head + f": {figure.status}" + (f" (highlights {', '.join(regions)})"
                                               if regions else "")]
    regions = [click.style("{+" + r + "+}", fg="green") for r in figure.added_regions]
    regions += [click.style("[-" + r + "-]", fg="red") for r in figure.removed_regions]
    lines = [head + (f": highlighted {' '.join(regions)}" if regions else "")]
    lines += [f"      {detail}" for detail in figure.details]
    lines += _text_lines(figure.caption, context, "caption: ", "      ")
    lines += _text_lines(figure.alt, context, "alt text: ", "      ")
    return lines


def _quick_guide(changes: ChangeSet, context: int) -> list[str]:
    quick = changes.quick_guide
    if quick.status in (ADDED, REMOVED):
        return [f"  {STATUS_SIGN[quick.status]} the quick guide was {quick.status}"]
    lines = _text_lines(quick.title, context, "title: ")
    for point in quick.points:
        lines += _text_lines(point, context, "\u2022 ")
    if quick.figure and not lines:
        lines.append(f"  [{quick.figure.what} {quick.figure.status}: see Figures]")
    return lines


def _entries(entries: tuple[EntryChange, ...], context: int) -> list[str]:
    lines: list[str] = []
    for entry in entries:
        sign = STATUS_SIGN[entry.status]
        shown = context if entry.status == CHANGED else None
        named = entry.fields if entry.status == CHANGED else entry.fields[1:]  # not the label
        fields = [f"{name} {render(d, shown)}" for name, d in named if d.changed and d.ops]
        lines.append(f"  {sign} {entry.label}: " + "; ".join(fields))
    return lines


def summary_line(changes: ChangeSet, extra: tuple[str, ...] = ()) -> str:
    """One line for the end of the report; extra adds e.g. what the visual diff found."""
    if not changes.changed and not extra:
        return "No changes."
    parts = []
    if changes.metadata:
        names = ", ".join(f.name for f in changes.metadata)
        parts.append(_count(len(changes.metadata), "metadata field") + f" ({names})")
    touched = [s for s in changes.sections if s.status != SAME]
    if touched:
        kinds = [(sum(s.body_changed and s.status == CHANGED for s in touched), "edited"),
                 (len(changes.renamed), "renamed"), (len(changes.moved), "moved"),
                 (len(changes.touched(ADDED)), "added"), (len(changes.touched(REMOVED)), "removed")]
        detail = ", ".join(f"{n} {word}" for n, word in kinds if n)
        parts.append(_count(len(touched), "section") + f" ({detail})")
    if changes.figures:
        parts.append(_count(len(changes.figures), "figure"))
    if changes.quick_guide.status != SAME:
        parts.append("quick guide")
    for name in ("contacts", "further_reading", "history"):
        if getattr(changes, name):
            parts.append(name.replace("_", " "))
    if changes.inserted or changes.deleted:
        parts.append(f"{_count(changes.inserted, 'word')} inserted, {changes.deleted} deleted")
    return "Changed: " + "; ".join(parts + list(extra))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
