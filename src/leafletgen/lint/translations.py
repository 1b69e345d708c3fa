"""Translation tracking: whether each translation is current, and what changed in its master
since the version it was translated from.

The contract (a translation names a master of the library, at a version it has had) and
whether a translation is current are load/translations.py's, a comparison of versions that
build makes too. Here, only for a stale translation: the master as it was at that version,
from git (the newest commit whose `version` was it) compared with the master now by the
diff machinery; without git, the master's `history` entries since. check warns with it,
build prints the same warning, and `leafletgen translations` reports on a whole library.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from leafletgen import inline, model
from leafletgen.errors import Diagnostic, LeafletError, warning
from leafletgen.load.translations import (Link, link_of, link_problems, newer, read_link,
                                          stale_pairs)

STALE = "translation.stale"
GIT, HISTORY = "git", "history"  # where what changed was found


@dataclass(frozen=True)
class Changes:
    """What changed in a master since a version: in words, and the sections touched."""

    what: str = ""  # "" when nothing says
    sections: tuple[str, ...] = ()  # headings, as the master has them now (from git only)
    found_in: str = ""  # GIT, HISTORY or ""
    revision: str = ""  # from git: REV:path of the master at that version, for `leafletgen diff`


@dataclass(frozen=True)
class Stale:
    translation: Link
    master: Link
    changes: Changes

    def diagnostic(self) -> Diagnostic:
        t, m = self.translation, self.master
        message = (f"translation of {m.id} {t.source_version}; the {language_name(m.language)} "
                   f"leaflet is now {m.version}")
        if self.changes.what:
            message += f": {self.changes.what}"
        return warning(STALE, message, t.source_version_at,
                       "update the translation and its source_version")


# ------------------------------------------------------------------ what changed
def stale_of(pairs: Iterable[tuple[Link, Link]]) -> list[Stale]:
    """Each (translation, master) with what changed since its source_version; git and the
    master's file are read once for each master and version."""
    found: dict[tuple[str, str], Changes] = {}
    stale = []
    for translation, master in pairs:
        key = (master.shown, translation.source_version)
        if key not in found:
            found[key] = changes_since(Path(master.shown), translation.source_version)
        stale.append(Stale(translation, master, found[key]))
    return stale


def stale_warnings(pairs: Iterable[tuple[Link, Link]]) -> list[Diagnostic]:
    return [stale.diagnostic() for stale in stale_of(pairs)]


def changes_since(master_file: Path, version: str) -> Changes:
    """What changed in the master since `version`: from git where it has that version,
    else from the history entries since; Changes() when neither says, or the master
    cannot be loaded now."""
    from leafletgen.load import load_leaflet

    try:
        now = load_leaflet(master_file)
    except LeafletError:
        return Changes()
    old = _from_git(master_file, version)
    if old is not None:
        return _compared(*old, now)
    return _from_history(now, version)


def _from_git(master_file: Path, version: str) -> tuple[model.Leaflet, str] | None:
    """The master as it was at the newest commit at that version, and that REV:path."""
    from leafletgen.diff.source import revision_side, revision_with_version

    found = revision_with_version(master_file, version)
    if found is None:
        return None
    spec, text = found
    with tempfile.TemporaryDirectory(prefix="leafletgen-translation-") as scratch:
        try:
            return revision_side(spec, text, Path(scratch), master_file.parent).leaflet, spec
        except LeafletError:  # that version does not load now: history says what it can
            return None


def _compared(old: model.Leaflet, spec: str, now: model.Leaflet) -> Changes:
    from leafletgen.diff.changes import ADDED, REMOVED, SAME, compare

    changes = compare(old, now)
    touched = [s for s in changes.sections if s.status != SAME]
    groups = [([s.title for s in touched if s.status not in (ADDED, REMOVED)], "changed"),
              ([s.title for s in touched if s.status == ADDED], "added"),
              ([s.title for s in touched if s.status == REMOVED], "removed")]
    parts = [f"{_noun('section', titles)} {_quoted(titles)} {verb}" for titles, verb in groups
             if titles]
    others = _other_parts(changes)
    if others:
        parts.append(f"{_listed(others)} changed")
    what = "; ".join(parts) or "its text has not changed (only its version, dates or history)"
    return Changes(what, tuple(s.title for s in touched), GIT, spec)


def _other_parts(changes) -> list[str]:
    """The parts besides sections that changed, in words ('the title', 'the contacts')."""
    from leafletgen.diff.changes import SAME

    fields = [f.name for f in changes.metadata if f.name not in ("version", "published",
                                                                   "review")]
    parts = [f"the {name}" for name in fields]
    parts += ["the title"] if changes.title.changed else []
    parts += ["the summary"] if changes.summary.changed else []
    parts += ["the quick guide"] if changes.quick_guide.status != SAME else []
    parts += ["the contacts"] if changes.contacts else []
    parts += ["the further reading"] if changes.further_reading else []
    return list(dict.fromkeys(parts))


def _from_history(now: model.Leaflet, version: str) -> Changes:
    entries = [e for e in now.history if newer(e.version, version)
               and not newer(e.version, now.version)]
    if not entries:
        return Changes()
    said = "; ".join(f'{e.version} "{inline.plain(e.changes)}"' for e in entries)
    return Changes(f"its history says {said}", (), HISTORY)


def _noun(word: str, items: list[str]) -> str:
    return word if len(items) == 1 else word + "s"


def _quoted(items: list[str]) -> str:
    return _listed([f"'{item}'" for item in items])


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def language_name(tag: str) -> str:
    """'English' for en-GB: the language's name in English, or the tag when unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.split("-")[0]).get_language_name("en") or tag
    except (ValueError, UnknownLocaleError):
        return tag


# ------------------------------------------------------------------ check
def library_links(files: list[Path], loaded: Iterable[model.Leaflet]) -> list[Link]:
    """Every leaflet of the libraries of files: those loaded as they were read, every other
    file under their leaflets/ folders (or among files) as far as its top-level fields."""
    from leafletgen.load import LEAFLETS_DIR, find_leaflets, library_root

    links = {leaflet.source: link_of(leaflet) for leaflet in loaded}
    folders = {library_root(path) / LEAFLETS_DIR for path in files}
    for path in find_leaflets(files + [f for f in sorted(folders) if f.is_dir()]):
        if str(path) not in links and (link := read_link(path)) is not None:
            links[str(path)] = link
    return list(links.values())


def check_translations(files: list[Path], loaded: list[model.Leaflet]
                       ) -> dict[str, list[Diagnostic]]:
    """For each loaded translation among files (by source): its broken link to its master,
    or the warning that the master has moved on. Nothing is read when none is a translation."""
    checked = [link_of(leaflet) for leaflet in loaded if leaflet.translation_of]
    if not checked:
        return {}
    found: dict[str, list[Diagnostic]] = {}
    for checked_here, library in _per_library(checked, files, loaded):
        for source, problem in link_problems(checked_here, library).items():
            found.setdefault(source, []).append(problem)
        for stale in stale_of(stale_pairs(checked_here, library)):
            found.setdefault(stale.translation.shown, []).append(stale.diagnostic())
    return found


def _per_library(checked: list[Link], files: list[Path], loaded: list[model.Leaflet]):
    """(translations checked, every leaflet of their library) for each library."""
    from leafletgen.load import library_root

    roots: dict[Path, list[Link]] = {}
    for link in checked:
        roots.setdefault(library_root(Path(link.shown)), []).append(link)
    for root, links in roots.items():
        here = [p for p in files if library_root(p) == root]
        mine = [leaflet for leaflet in loaded if library_root(Path(leaflet.source)) == root]
        yield links, library_links(here, mine)


# ------------------------------------------------------------------ the report
@dataclass(frozen=True)
class Translation:
    link: Link
    stale: Stale | None  # None: current


@dataclass(frozen=True)
class Master:
    link: Link
    translations: tuple[Translation, ...]


@dataclass
class Overview:
    masters: list[Master] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # broken links, at their line

    @property
    def translations(self) -> list[Translation]:
        return [t for m in self.masters for t in m.translations]


def overview(files: list[Path]) -> Overview:
    """The masters among files and those of the translations among them, each with every
    translation the library has of it; the broken links of the translations among files."""
    from leafletgen.load import library_root

    result = Overview()
    for root in dict.fromkeys(library_root(path) for path in files):
        named = [path for path in files if library_root(path) == root]
        library = library_links(named, [])
        chosen = {str(p) for p in named}
        problems = link_problems(library, library)
        result.problems += [d for shown, d in problems.items() if shown in chosen]
        good = [link for link in library if link.shown not in problems]
        result.masters += _masters(good, chosen)
    return result


def _masters(good: list[Link], chosen: set[str]) -> list[Master]:
    by_id = {link.id: link for link in good if not link.is_translation}
    wanted = [link.id for link in good if link.shown in chosen and not link.is_translation]
    wanted += [link.translation_of for link in good if link.shown in chosen and link.is_translation]
    masters = []
    for master_id in sorted(dict.fromkeys(wanted)):
        master = by_id[master_id]
        ones = sorted((l for l in good if l.translation_of == master_id),
                      key=lambda l: (l.language, l.id))
        stale = {s.translation.shown: s for s in stale_of(stale_pairs(ones, [master]))}
        masters.append(Master(master, tuple(Translation(l, stale.get(l.shown)) for l in ones)))
    return masters


def overview_lines(view: Overview) -> list[str]:
    lines = []
    for master in view.masters:
        m = master.link
        lines.append(f"{m.id} {m.version} ({language_name(m.language)})  {m.shown}")
        if not master.translations:
            lines.append("  no translations")
            continue
        rows = [("language", "id", "version", "from", "status", "file")] + [
            (t.link.language, t.link.id, t.link.version, t.link.source_version,
             "stale" if t.stale else "current", t.link.shown) for t in master.translations]
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        for row, translation in zip(rows, (None, *master.translations)):
            lines.append("  " + "  ".join(f"{cell:<{w}}" for cell, w in zip(row, widths))
                         + "  " + row[5])
            if translation and translation.stale:
                lines.append(f"    {_since(translation.stale)}")
                if translation.stale.changes.revision:
                    lines.append(f"    word by word: {_diff_command(translation.stale)}")
    current = sum(t.stale is None for t in view.translations)
    stale = len(view.translations) - current
    lines += ["", f"{_count(len(view.masters), 'master')}, "
                  f"{_count(len(view.translations), 'translation')}: {current} current, "
                  f"{stale} stale" + (f", {len(view.problems)} with a broken link"
                                      if view.problems else "")]
    return lines


def _since(stale: Stale) -> str:
    said = stale.changes.what or "nothing says what changed (not in git, no history entry)"
    return f"{stale.translation.source_version} \u2192 {stale.master.version}: {said}"


def _diff_command(stale: Stale) -> str:
    revision, _, path = stale.changes.revision.partition(":")
    return f"leafletgen diff {revision[:12]}:{path} {stale.master.shown}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def overview_json(view: Overview) -> dict:
    import leafletgen

    stale = sum(t.stale is not None for t in view.translations)
    return {
        "schema_version": 1,
        "tool": f"leafletgen {leafletgen.__version__}",
        "summary": {"masters": len(view.masters), "translations": len(view.translations),
                    "current": len(view.translations) - stale, "stale": stale,
                    "problems": len(view.problems)},
        "masters": [{"id": m.link.id, "version": m.link.version, "language": m.link.language,
                     "file": m.link.shown,
                     "translations": [_translation_json(t) for t in m.translations]}
                    for m in view.masters],
        "problems": [{"file": d.span.file, "line": d.span.line, "column": d.span.column,
                      "severity": d.severity.value, "rule": d.code, "message": d.message,
                      "hint": d.hint} for d in view.problems],
    }


def _translation_json(t: Translation) -> dict:
    link, stale = t.link, t.stale
    return {"id": link.id, "language": link.language, "version": link.version,
            "source_version": link.source_version, "file": link.shown,
            "current": stale is None,
            "changes": None if stale is None else {
                "master_version": stale.master.version, "what": stale.changes.what or None,
                "sections": list(stale.changes.sections),
                "found_in": stale.changes.found_in or None,
                "revision": stale.changes.revision or None}}
