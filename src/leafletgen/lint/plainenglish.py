"""Plain English: medical terms explained where first used, and plainer words for wordy ones.

The list ships as data (leafletgen/assets/plain-english.yaml). A library adds to it with
its own plain-english.yaml at its root, or the file named by `plain_english` in its config;
its `allow:` list takes shipped terms out.

A term is explained at its first use when, in the same sentence, it is named ("this is
called a metastasis"), glossed in brackets ("metastasis (secondary cancer)", "inactive
(dormant)"), defined ("a biopsy is when ...", "X means ..."), or given with its plainer
wording ("a metastasis or a secondary cancer"). A term in a title or heading is explained
by the text that follows it. The quick guide is read on its own, so it must explain its
terms itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from leafletgen.errors import Span, error
from leafletgen.lint.config import ConfigError
from leafletgen.lint.rules import Finding, finding
from leafletgen.lint.text import QUICK_GUIDE, Unit, sentences

if TYPE_CHECKING:
    from leafletgen.lint.context import Context

LIBRARY_FILE = "plain-english.yaml"
LIST_RULE = "check.plain-english-list"
KINDS = ("jargon", "wordy")

_NAMED_BEFORE = re.compile(
    r"\b(?:called|known as|named|termed|referred to as|short for|the word|the term)"
    r"\s+(?:an?\s+|the\s+)?[\"'\u2018\u201c]?$", re.IGNORECASE)
_DEFINED_AFTER = re.compile(
    r"^[\"'\u2019\u201d]?\s*(?:\(|,?\s*(?:which|that) (?:means|is)\b|,?\s*meaning\b|"
    r"\s+means\b|,?\s*(?:also|sometimes|often) (?:called|known as)\b|\s*[:\u2013\u2014]|\s+-\s|"
    r"\s+(?:is|are) (?:an?|the|when|where|what|how|something)\b)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    term: str
    plain: tuple[str, ...]
    kind: str  # "jargon" or "wordy"
    pattern: re.Pattern


@dataclass(frozen=True)
class Use:
    term: Term
    unit: Unit
    sentence: str
    start: int  # in the sentence
    end: int

    @property
    def explained(self) -> bool:
        before, after = self.sentence[:self.start], self.sentence[self.end:]
        in_brackets = before.rfind("(") > before.rfind(")") and ")" in after
        plain = self.sentence[:self.start] + " " + self.sentence[self.end:]
        return bool(in_brackets or _NAMED_BEFORE.search(before) or _DEFINED_AFTER.search(after)
                    or any(_mentions(plain, p) for p in self.term.plain))


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


def term_pattern(term: str) -> re.Pattern:
    """The term, its plural and -ed/-ing forms of its last word, any spacing or hyphen between words."""
    *first, last = term.split()
    if last.endswith("e"):
        tail = re.escape(last[:-1]) + "(?:e|es|ed|ing)"
    elif last.endswith("y") and len(last) > 3:
        tail = re.escape(last[:-1]) + "(?:y|ies|ied|ying)"
    else:
        tail = re.escape(last) + "(?:s|es|ed|ing)?"
    body = r"[\s\-]+".join([re.escape(w) for w in first] + [tail])
    flags = 0 if any(ch.isupper() for ch in term) else re.IGNORECASE
    return re.compile(rf"(?<!\w){body}(?!\w)", flags)


# ------------------------------------------------------------------ the list as data
@dataclass(frozen=True)
class _ListFile:
    """A plain-English list being read, to name the place of a mistake in it."""

    path: str
    text: str = ""

    def refuse(self, message: str, keys: tuple[str, ...] = (), hint: str = "") -> ConfigError:
        """A mistake at the key keys[-1] (under keys[:-1]), or in the whole file."""
        line, column = _key_position(self.text, keys)
        return ConfigError(error(LIST_RULE, message, Span(self.path, line, column), hint))


def load_lexicon(root: Path | None = None, extra: str = "") -> tuple[Term, ...]:
    """The shipped list, plus the library's plain-english.yaml and the config's file."""
    shipped = resources.files("leafletgen") / "assets" / LIBRARY_FILE
    entries = _parse(yaml.safe_load(shipped.read_text(encoding="utf-8")),
                     _ListFile("the shipped list"))
    allowed: set[str] = set()
    files = [root / LIBRARY_FILE] if root and (root / LIBRARY_FILE).is_file() else []
    if extra:
        named = root / extra if root else Path(extra)
        if not named.is_file():
            raise _ListFile(str(named)).refuse("the plain-English list named in the config "
                                               "is missing")
        files.append(named)
    for path in dict.fromkeys(files):
        file, data = _read(path)
        entries.update(_parse(data, file))
        allowed.update(t.lower() for t in _strings(data.get("allow", []), file, ("allow",)))
    return tuple(Term(term, plain, kind, term_pattern(term))
                 for (term, (kind, plain)) in entries.items() if term.lower() not in allowed)


def _read(path: Path) -> tuple[_ListFile, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        span = Span(str(path), mark.line + 1, mark.column + 1) if mark else Span(str(path))
        raise ConfigError(error(LIST_RULE, f"cannot read the plain-English list: {exc}",
                                span)) from None
    file = _ListFile(str(path), text)
    if not isinstance(data, dict):
        raise file.refuse("the plain-English list must have jargon:, wordy: or allow:")
    return file, data


def _parse(data: dict[str, Any], file: _ListFile) -> dict[str, tuple[str, tuple[str, ...]]]:
    unknown = sorted(set(data) - set(KINDS) - {"allow"})
    if unknown:
        raise file.refuse(f"unknown section {', '.join(unknown)} in the plain-English list",
                          (unknown[0],), "use jargon:, wordy: and allow:")
    entries = {}
    for kind in KINDS:
        table = data.get(kind) or {}
        if not isinstance(table, dict):
            raise file.refuse(f"{kind}: must map each term to its plainer wording", (kind,))
        for term, plain in table.items():
            wording = _strings(plain if isinstance(plain, list) else [plain], file,
                               (kind, str(term)))
            if not str(term).strip() or not wording:
                raise file.refuse(f"{kind}: '{term}' needs a term and its plainer wording",
                                  (kind, str(term)))
            entries[" ".join(str(term).split())] = (kind, wording)
    return entries


def _strings(value: Any, file: _ListFile, keys: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise file.refuse(f"'{keys[-1]}' must be text or a list of text", keys)
    return tuple(v.strip() for v in value)


def _key_position(text: str, keys: tuple[str, ...]) -> tuple[int, int]:
    """(line, column) of the YAML key keys[-1], looked for line by line below the keys
    before it (safe_load gives no positions); where the search got to, or (0, 0)."""
    lines, place = text.splitlines(), (0, 0)
    for key in keys:
        found = _key_line(lines, key, place[0])
        if found is None:
            break
        place = found
    return place


def _key_line(lines: list[str], key: str, after: int) -> tuple[int, int] | None:
    pattern = re.compile(rf"(\s*)[\"']?{re.escape(key)}[\"']?\s*:")
    for number in range(after, len(lines)):
        match = pattern.match(lines[number])
        if match:
            return number + 1, match.end(1) + 1
    return None


# ------------------------------------------------------------------ the checks
def uses(units: list[Unit], terms: tuple[Term, ...]) -> list[Use]:
    """Every use of every term, in reading order; where terms overlap, the longer one."""
    found: list[Use] = []
    for unit in units:
        for sentence in sentences(unit.text):
            matches = [(m.start(), -m.end(), term) for term in terms
                       for m in term.pattern.finditer(sentence)]
            last_end = -1
            for start, negative_end, term in sorted(matches, key=lambda m: (m[0], m[1])):
                if start >= last_end:
                    found.append(Use(term, unit, sentence, start, -negative_end))
                    last_end = -negative_end
    return found


def check(ctx: Context) -> list[Finding]:
    by_term: dict[tuple[str, str], list[Use]] = {}
    read = [u for u in ctx.units if u.kind not in ("reading", "history")]
    for use in uses(read, ctx.lexicon):
        by_term.setdefault((use.unit.scope, use.term.term), []).append(use)
    found = []
    for group in by_term.values():
        check_use = _jargon if group[0].term.kind == "jargon" else _wordy
        found += check_use(group, ctx)
    return found


def _jargon(group: list[Use], ctx: Context) -> list[Finding]:
    in_text = [u for u in group if u.unit.kind not in ("title", "heading")]
    first = (in_text or group)[0]
    if in_text and first.explained:
        return []
    word = first.sentence[first.start:first.end]
    plain = _plain_for(word, first.term)
    later = next((u for u in in_text[1:] if u.explained), None)
    if not in_text:
        message = f"'{word}' {first.unit.where} is not explained in the text"
    else:
        message = f"'{word}' is not explained where it is first used, {first.unit.where}"
    hint = f"say '{plain}' instead, or explain it: '{word} ({plain})'"
    if later:
        hint = (f"it is explained later, at line {_span(later, ctx).line}: "
                f"move the explanation to its first use, or say '{plain}'")
    return [finding("plain-english.jargon", message, _span(first, ctx), hint,
                    first.unit.section)]


def _plain_for(word: str, term: Term) -> str:
    """The plainer wording, in the plural when the term was used in the plural."""
    plural = word.lower() != term.term.lower() and word.lower().endswith("s")
    return next((p for p in term.plain if p.endswith("s") == plural), term.plain[0])


def _wordy(group: list[Use], ctx: Context) -> list[Finding]:
    first = group[0]
    word = first.sentence[first.start:first.end]
    plain = " or ".join(f"'{p}'" for p in first.term.plain)
    scope = "the quick guide" if first.unit.scope == QUICK_GUIDE else "this leaflet"
    hint = f"it is used {len(group)} times in {scope}" if len(group) > 1 else ""
    return [finding("plain-english.wordy", f"say {plain} instead of '{word}' {first.unit.where}",
                    _span(first, ctx), hint, first.unit.section)]


def _span(use: Use, ctx: Context) -> Span:
    return ctx.locator.find(use.unit.span, use.sentence, use.sentence[use.start:use.end])
