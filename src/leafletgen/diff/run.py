"""Compare two versions of a leaflet, as values: the report lines, the version checks,
whether anything changed and the summary. The command prints them (cli/diff.py).

The visual diff (visual.py) and the review copy (review.py) are written by steps of their
own, after the report, so that a problem in one of them comes after what was printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leafletgen.diff.changes import ChangeSet, compare
from leafletgen.diff.report import report_lines, summary_line
from leafletgen.diff.source import Side
from leafletgen.diff.versions import check_versions
from leafletgen.errors import Diagnostic, Severity

if TYPE_CHECKING:  # both build leaflets: imported only when asked for
    from leafletgen.diff.visual import VisualResult
    from leafletgen.theme import Theme

ONLY_YAML_CHANGED = "The files differ only in comments, quoting or spacing of the YAML."


@dataclass(frozen=True)
class Comparison:
    old: Side
    new: Side
    changes: ChangeSet
    diagnostics: list[Diagnostic]  # version discipline; errors make the diff fail (exit 2)

    def report_lines(self, context: int) -> list[str]:
        """The word-diff report, `context` unchanged words either side of a change."""
        lines = list(report_lines(self.changes, self.old.label, self.new.label, context))
        if not self.changes.changed and self.old.text != self.new.text:
            lines.append(ONLY_YAML_CHANGED)
        return lines

    def review_pdf(self, theme: Theme | None) -> bytes:
        """The review copy: a summary page, then the new version with the changes marked."""
        from leafletgen.diff.review import review_pdf

        return review_pdf(self.changes, self.old.label, self.new.label, self.diagnostics, theme)

    def changed(self, visual: VisualResult | None = None) -> bool:
        """Anything changed: in the content, or (with a visual diff) on the page."""
        return self.changes.changed or bool(visual and visual.changed)

    def summary(self, visual: VisualResult | None = None) -> str:
        extra = (visual.summary(),) if visual and visual.changed else ()
        return summary_line(self.changes, extra)

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def compare_sides(old: Side, new: Side, strict: bool = False) -> Comparison:
    """What changed, and the version checks (their warnings are errors when strict)."""
    changes = compare(old.leaflet, new.leaflet)
    return Comparison(old, new, changes, check_versions(changes, strict))
