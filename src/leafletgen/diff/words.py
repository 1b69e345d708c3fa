"""Word-level differences between two strings, as a reader sees them.

Text is split into words after the inline markup is parsed, so each word knows
whether it is bold, italic or a link: making a word bold, or changing where a link
goes, is a change even though the letters are the same.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from leafletgen import inline

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
# A word keeps inner dots, hyphens, apostrophes and @ (e-mail, 9.30am, don't, nhs.uk);
# any other mark is a token of its own, so "water." and "fluids." differ in one word.
_TOKENS = re.compile(r"\s+|\w+(?:[-'\u2019.@/:]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Word:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""
    space: bool = field(default=True, compare=False)  # a space before it when printed

    @property
    def styled(self) -> bool:
        return self.bold or self.italic or bool(self.href)


@dataclass(frozen=True)
class Op:
    tag: str  # EQUAL, INSERT or DELETE
    words: tuple[Word, ...]


@dataclass(frozen=True)
class WordDiff:
    """One string compared with another; old is None for an added string, new for a removed one."""

    old: str | None
    new: str | None
    ops: tuple[Op, ...]

    @property
    def changed(self) -> bool:
        return any(op.tag != EQUAL for op in self.ops) or (self.old is None) != (self.new is None)

    @property
    def added(self) -> bool:
        return self.old is None and self.new is not None

    @property
    def removed(self) -> bool:
        return self.new is None and self.old is not None

    @property
    def inserted(self) -> int:
        return sum(count_words(op.words) for op in self.ops if op.tag == INSERT)

    @property
    def deleted(self) -> int:
        return sum(count_words(op.words) for op in self.ops if op.tag == DELETE)


def split_words(text: str) -> tuple[Word, ...]:
    """The words and marks of an author's string, each with its inline style."""
    words: list[Word] = []
    space = False
    for run in inline.parse(text):
        for piece in _TOKENS.findall(run.text):
            if piece.isspace():
                space = True
                continue
            words.append(Word(piece, run.bold, run.italic, run.href, space and bool(words)))
            space = False
    return tuple(words)


def count_words(words: tuple[Word, ...]) -> int:
    """Words, not punctuation marks."""
    return sum(1 for w in words if any(c.isalnum() for c in w.text))


def diff_text(old: str | None, new: str | None) -> WordDiff:
    """Compare two strings word by word (either may be None: added or removed)."""
    a, b = split_words(old or ""), split_words(new or "")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            ops.append(Op(EQUAL, b[j1:j2]))  # the new side's spacing
            continue
        if i2 > i1:
            ops.append(Op(DELETE, a[i1:i2]))
        if j2 > j1:
            ops.append(Op(INSERT, b[j1:j2]))
    return WordDiff(old, new, tuple(ops))


def similarity(old: str, new: str) -> float:
    """How alike two strings are, by their words: 0 (nothing shared) to 1 (the same)."""
    a = [w.text.lower() for w in split_words(old)]
    b = [w.text.lower() for w in split_words(new)]
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def authored(words: tuple[Word, ...]) -> str:
    """Words written back in the author's markup (**bold**, *italic*, [text](url))."""
    out: list[str] = []
    for group in style_groups(words):
        first = group[0]
        body = "".join((" " if w.space and i else "") + w.text for i, w in enumerate(group))
        if first.italic:
            body = f"*{body}*"
        if first.bold:
            body = f"**{body}**"
        if first.href:
            body = f"[{body}]({first.href})"
        out.append((" " if first.space and out else "") + body)
    return "".join(out)


def style_groups(words: tuple[Word, ...]) -> list[list[Word]]:
    """Runs of neighbouring words in the same style."""
    groups: list[list[Word]] = []
    for word in words:
        key = (word.bold, word.italic, word.href)
        if groups and (groups[-1][0].bold, groups[-1][0].italic, groups[-1][0].href) == key:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups
