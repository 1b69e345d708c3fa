"""Word diffs as ReportLab paragraph markup, and the change bar drawn beside changed blocks.

Inserted words are underlined on a green tint; deleted words are struck through in red.
Underline and strike-through tell them apart on a black-and-white print as well. Every
word is escaped (through the inline module's own run markup) before our tags go round it.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus.doctemplate import ActionFlowable

from leafletgen import inline
from leafletgen.document import spoken_as
from leafletgen.diff.words import DELETE, INSERT, WordDiff, Word, style_groups
from leafletgen.layout.styles import Styles

INSERTED_TINT = "#CDEFD5"
INSERTED_LINE = "#13773A"
DELETED = "#B42318"
CHANGE = "#6D28D9"  # change bars and notes about a change
BAR_WIDTH = 2.5
BAR_GAP = 7  # points between the bar and the text column


def words_markup(words: tuple[Word, ...], s: Styles) -> str:
    out = ""
    for group in style_groups(words):
        first = group[0]
        text = "".join((" " if w.space and i else "") + w.text for i, w in enumerate(group))
        run = inline.Run(text, first.bold, first.italic, first.href)
        out += (" " if first.space and out else "") + inline.run_markup(
            run, s.link_color, not s.fmt.italics)
    return out


def inserted(markup: str) -> str:
    return (f'<span backColor="{INSERTED_TINT}"><u color="{INSERTED_LINE}" width="1">'
            f"{markup}</u></span>")


def deleted(markup: str) -> str:
    return f'<font color="{DELETED}"><strike color="{DELETED}" width="1">{markup}</strike></font>'


def diff_markup(diff: WordDiff, s: Styles) -> str:
    """The new text with inserted words marked and deleted words struck through in place."""
    out = ""
    for op in diff.ops:
        piece = words_markup(op.words, s)
        if op.tag == INSERT:
            piece = inserted(piece)
        elif op.tag == DELETE:
            piece = deleted(piece)
        out += (" " if out and (op.words[0].space or op.tag != "equal") else "") + piece
    return out


def spoken(diff: WordDiff) -> str:
    """The new text as a screen reader should say it, each change named: tint and
    strike-through are lost on a listener."""
    out = ""
    for op in diff.ops:
        words = "".join((" " if w.space and i else "") + inline.plain(w.text)
                        for i, w in enumerate(op.words))
        piece = {INSERT: f"[inserted: {words}]", DELETE: f"[deleted: {words}]"}.get(op.tag, words)
        out += (" " if out and (op.words[0].space or op.tag != "equal") else "") + piece
    return out


def diff_paragraph(diff: WordDiff, style, s: Styles) -> Paragraph:
    """The new text with its changes marked, said with them named when tagged."""
    paragraph = Paragraph(diff_markup(diff, s), style)
    return spoken_as(paragraph, spoken(diff)) if diff.changed else paragraph


def note_markup(text: str) -> str:
    """A line of our own about a change (escaped by the caller where it holds author text)."""
    return f'<font color="{CHANGE}"><b>{text}</b></font>'


class ChangeBar(Flowable):
    """Any flowable, with a bar in the left margin beside it: this block changed."""

    def __init__(self, inner: Flowable, color: str = CHANGE):
        super().__init__()
        self.inner, self.color = inner, color

    def wrap(self, available_width, available_height):
        self.width, self.height = self.inner.wrapOn(self.canv, available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        parts = self.inner.splitOn(self.canv, available_width, available_height)
        # A list splits into all its items whether or not the first fits: then it cannot split.
        if parts and not _passive(parts[0]):
            if parts[0].wrapOn(self.canv, available_width, available_height)[1] > available_height:
                return []
        return barred(parts, self.color)

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self):
        return self.inner.getKeepWithNext()

    def drawOn(self, canvas, x, y, _sW=0):
        self.inner.drawOn(canvas, x, y, _sW)
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(self.color))
        canvas.setLineWidth(BAR_WIDTH)
        canvas.line(x - BAR_GAP, y, x - BAR_GAP, y + self.height)
        canvas.restoreState()


def barred(flowables: list[Flowable], color: str = CHANGE) -> list[Flowable]:
    """Each flowable with a change bar; page-break logic and spacing are left as they are."""
    out: list[Flowable] = []
    for flowable in flowables:
        if _passive(flowable):
            out.append(flowable)
        elif isinstance(flowable, KeepTogether):
            out.append(KeepTogether(barred(list(flowable._content), color)))
        else:
            out.append(ChangeBar(flowable, color))
    return out


def _passive(flowable: Flowable) -> bool:
    """Page-break logic, spacing, and what already has a bar: left as it is."""
    return isinstance(flowable, (ActionFlowable, CondPageBreak, Spacer, ChangeBar))
