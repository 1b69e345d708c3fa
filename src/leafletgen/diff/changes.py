"""Compare two versions of a leaflet into a ChangeSet: what the report, the review copy and
the version checks all read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from leafletgen import inline, model
from leafletgen.diff.blocks import Figure, block_key, block_text, block_texts, kind
from leafletgen.diff.match import SectionMatch, align, match_sections
from leafletgen.diff.words import WordDiff, diff_text

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"
NO_DIFF = diff_text("", "")


def status_of(old: object, new: object, changed: bool) -> str:
    if old is None and new is None:
        return SAME
    if old is None:
        return ADDED
    if new is None:
        return REMOVED
    return CHANGED if changed else SAME


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str
    new: str


@dataclass(frozen=True)
class FigureChange:
    where: str  # e.g. 'section 3 "Where it spreads"' or "quick guide"
    old: Figure | None
    new: Figure | None
    added_regions: tuple[str, ...] = ()
    removed_regions: tuple[str, ...] = ()
    details: tuple[str, ...] = ()  # other changes, in words: view, labels, picture file
    caption: WordDiff = NO_DIFF
    alt: WordDiff = NO_DIFF

    @property
    def status(self) -> str:
        return status_of(self.old, self.new, True)

    @property
    def what(self) -> str:
        figure = self.new or self.old
        if isinstance(figure, model.BodyMap):
            return f"body map ({figure.view})"
        return f"image {figure.file}"


@dataclass(frozen=True)
class BlockChange:
    old: model.Block | None
    new: model.Block | None
    texts: tuple[WordDiff, ...]  # one per paragraph, list item or caption, aligned
    figure: FigureChange | None = None

    @property
    def status(self) -> str:
        changed = any(t.changed for t in self.texts) or self.figure is not None
        return status_of(self.old, self.new, changed)

    @property
    def kind(self) -> str:
        return kind(self.new or self.old)


@dataclass(frozen=True)
class SectionChange:
    match: SectionMatch
    old: model.Section | None
    new: model.Section | None
    heading: WordDiff
    blocks: tuple[BlockChange, ...]

    @property
    def body_changed(self) -> bool:
        return any(b.status != SAME for b in self.blocks)

    @property
    def status(self) -> str:
        touched = self.body_changed or self.match.renamed or self.match.moved
        return status_of(self.old, self.new, touched)

    @property
    def title(self) -> str:
        return inline.plain((self.new or self.old).heading)


@dataclass(frozen=True)
class EntryChange:
    """A contact, further-reading item or history entry, compared field by field."""

    label: str
    status: str
    fields: tuple[tuple[str, WordDiff], ...]

    @property
    def changed_fields(self) -> tuple[tuple[str, WordDiff], ...]:
        return tuple((name, d) for name, d in self.fields if d.changed)


@dataclass(frozen=True)
class QuickGuideChange:
    old: model.QuickGuide | None
    new: model.QuickGuide | None
    title: WordDiff
    points: tuple[WordDiff, ...]  # every point, aligned; unchanged ones too
    figure: FigureChange | None

    @property
    def status(self) -> str:
        changed = self.title.changed or any(p.changed for p in self.points) or self.figure
        return status_of(self.old, self.new, bool(changed))


@dataclass(frozen=True)
class ChangeSet:
    old: model.Leaflet
    new: model.Leaflet
    metadata: tuple[FieldChange, ...]
    title: WordDiff
    summary: WordDiff
    sections: tuple[SectionChange, ...]
    quick_guide: QuickGuideChange
    contacts: tuple[EntryChange, ...]
    further_reading: tuple[EntryChange, ...]
    history: tuple[EntryChange, ...]
    figures: tuple[FigureChange, ...]

    def touched(self, status: str) -> list[SectionChange]:
        return [s for s in self.sections if s.status == status]

    @property
    def moved(self) -> list[SectionChange]:
        return [s for s in self.sections if s.match.moved]

    @property
    def renamed(self) -> list[SectionChange]:
        return [s for s in self.sections if s.match.renamed]

    def all_diffs(self) -> list[WordDiff]:
        diffs = [self.title, self.summary]
        for section in self.sections:
            diffs.append(section.heading)
            diffs += [t for block in section.blocks for t in block.texts]
        diffs += [f.alt for f in self.figures] + [self.quick_guide.title, *self.quick_guide.points]
        for entry in self.contacts + self.further_reading + self.history:
            diffs += [d for _, d in entry.fields]
        return diffs

    @property
    def inserted(self) -> int:
        return sum(d.inserted for d in self.all_diffs())

    @property
    def deleted(self) -> int:
        return sum(d.deleted for d in self.all_diffs())

    @property
    def content_changed(self) -> bool:
        """A change to what the leaflet says: anything but its version, dates and history."""
        fields = {f.name for f in self.metadata} - {"version", "published", "review"}
        entries = self.contacts + self.further_reading
        return bool(fields or self.summary.changed or self.figures or entries
                    or self.quick_guide.status != SAME
                    or any(s.status != SAME for s in self.sections))

    @property
    def changed(self) -> bool:
        return bool(self.content_changed or self.metadata or self.history)


METADATA_FIELDS: tuple[tuple[str, Callable[[model.Leaflet], str]], ...] = (
    ("id", lambda l: l.id),
    ("title", lambda l: l.title),
    ("series", lambda l: l.series),
    ("order", lambda l: "" if l.order is None else str(l.order)),
    ("version", lambda l: l.version),
    ("published", lambda l: model.long_date(l.published)),
    ("review", lambda l: model.long_date(l.review)),
    ("owner", lambda l: l.owner),
    ("language", lambda l: l.language),
)


def metadata_rows(leaflet: model.Leaflet) -> list[tuple[str, str]]:
    return [(name, get(leaflet)) for name, get in METADATA_FIELDS]


def compare(old: model.Leaflet, new: model.Leaflet) -> ChangeSet:
    sections = tuple(_section(old, new, m) for m in match_sections(old.sections, new.sections))
    quick = _quick_guide(old.quick_guide, new.quick_guide)
    figures = [b.figure for s in sections for b in s.blocks if b.figure] + (
        [quick.figure] if quick.figure else [])
    return ChangeSet(
        old=old, new=new,
        metadata=tuple(FieldChange(name, get(old), get(new)) for name, get in METADATA_FIELDS
                       if get(old) != get(new)),
        title=diff_text(old.title, new.title),
        summary=diff_text(old.summary or None, new.summary or None),
        sections=sections,
        quick_guide=quick,
        contacts=_entries(old.contacts, new.contacts, lambda c: c.name,
                          ("name", "phone", "hours", "email")),
        further_reading=_entries(old.further_reading, new.further_reading,
                                 lambda r: inline.plain(r.title), ("title", "url")),
        history=_entries(old.history, new.history, lambda h: h.version,
                         ("version", "date", "changes")),
        figures=tuple(figures),
    )


def _section(old: model.Leaflet, new: model.Leaflet, match: SectionMatch) -> SectionChange:
    a = old.sections[match.old] if match.old is not None else None
    b = new.sections[match.new] if match.new is not None else None
    where = f'section {(match.new if b else match.old) + 1} "{inline.plain((b or a).heading)}"'
    return SectionChange(match, a, b, diff_text(a and a.heading, b and b.heading),
                         compare_blocks(a.body if a else (), b.body if b else (), where))


def compare_blocks(old: Sequence[model.Block], new: Sequence[model.Block],
                   where: str) -> tuple[BlockChange, ...]:
    changes: list[BlockChange] = []
    for i, j in align(old, new, block_key, block_text):
        a = old[i] if i is not None else None
        b = new[j] if j is not None else None
        if a is not None and b is not None and type(a) is not type(b):
            changes += [_block(a, None, where), _block(None, b, where)]  # a note became a list...
        else:
            changes.append(_block(a, b, where))
    return tuple(changes)


def _block(old: model.Block | None, new: model.Block | None, where: str) -> BlockChange:
    a, b = block_texts(old) if old else (), block_texts(new) if new else ()
    texts = tuple(diff_text(a[i] if i is not None else None, b[j] if j is not None else None)
                  for i, j in align(a, b, lambda t: t, lambda t: t))
    figure = None
    if isinstance(old or new, (model.BodyMap, model.Image)):
        figure = compare_figures(where, old, new)
    return BlockChange(old, new, texts, figure)


def compare_figures(where: str, old: Figure | None, new: Figure | None) -> FigureChange | None:
    """How a body map or picture changed; None when it did not."""
    if old is None and new is None:
        return None
    caption = diff_text(old.caption if old else None, new.caption if new else None)
    alt = diff_text(old.alt if old else None, new.alt if new else None)
    if old is None or new is None:
        return FigureChange(where, old, new, caption=caption, alt=alt)
    if isinstance(old, model.BodyMap):
        added = tuple(r for r in new.highlight if r not in old.highlight)
        removed = tuple(r for r in old.highlight if r not in new.highlight)
        details = _bodymap_details(old, new)
    else:
        added = removed = ()
        details = _image_details(old, new)
    if not (added or removed or details or caption.changed or alt.changed):
        return None
    return FigureChange(where, old, new, added, removed, details, caption, alt)


def _bodymap_details(old: model.BodyMap, new: model.BodyMap) -> tuple[str, ...]:
    details = [f"view {old.view} \u2192 {new.view}"] if old.view != new.view else []
    for region in sorted(set(old.labels) | set(new.labels)):
        before, after = old.labels.get(region), new.labels.get(region)
        if before != after:
            details.append(f"label of {region}: {_quoted(before)} \u2192 {_quoted(after)}")
    return tuple(details)


def _image_details(old: model.Image, new: model.Image) -> tuple[str, ...]:
    if old.file != new.file:
        return (f"picture {old.file} \u2192 {new.file}",)
    if _file_bytes(old.path) != _file_bytes(new.path):
        return (f"the picture file {new.file} itself has changed",)
    return ()


def _file_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def _quoted(label: str | None) -> str:
    return f'"{label}"' if label is not None else "(default)"


def _entries(old: Sequence, new: Sequence, label: Callable, names: tuple[str, ...]
             ) -> tuple[EntryChange, ...]:
    """Contacts, reading and history entries that were added, removed or edited."""
    def text(entry) -> str:
        return " ".join(str(getattr(entry, n)) for n in names)

    out = []
    for i, j in align(old, new, lambda e: tuple(str(getattr(e, n)) for n in names), text):
        a = old[i] if i is not None else None
        b = new[j] if j is not None else None
        fields = tuple((n, diff_text(_field(a, n), _field(b, n))) for n in names)
        entry = EntryChange(label(b if b is not None else a), status_of(a, b, True), fields)
        if a is None or b is None or entry.changed_fields:
            out.append(entry)
    return tuple(out)


def _field(entry, name: str) -> str | None:
    if entry is None:
        return None
    value = getattr(entry, name)
    return model.long_date(value) if hasattr(value, "isoformat") else str(value)


def _quick_guide(old: model.QuickGuide | None, new: model.QuickGuide | None) -> QuickGuideChange:
    a, b = (old.points if old else ()), (new.points if new else ())
    points = tuple(diff_text(a[i] if i is not None else None, b[j] if j is not None else None)
                   for i, j in align(a, b, lambda t: t, lambda t: t))
    return QuickGuideChange(old, new, diff_text(old and old.title, new and new.title), points,
                            compare_figures("quick guide", old and old.bodymap,
                                            new and new.bodymap))
