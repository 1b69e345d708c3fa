"""Diagnostics: every problem found in a user's file, at its file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Span:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str  # rule id, e.g. "format.unknown-key"
    message: str
    span: Span
    hint: str = ""
    detail: str = ""  # an internal error's traceback: shown only under --debug

    def __str__(self) -> str:
        text = f"{self.span}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return f"{text} [{self.code}]"


def error(code: str, message: str, span: Span, hint: str = "") -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, span, hint)


def internal_error(what: str, exc: BaseException, span: Span) -> Diagnostic:
    """A bug of ours (an exception that is not a LeafletError) met while doing `what`: said
    in one line with a pointer to report it; the traceback kept for --debug."""
    import traceback

    return Diagnostic(Severity.ERROR, "internal.error",
                      f"internal error while {what}: {type(exc).__name__}: {exc}", span,
                      "this is a bug in leafletgen: please report it with the output of --debug",
                      "".join(traceback.format_exception(exc)))


def warning(code: str, message: str, span: Span, hint: str = "") -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, span, hint)


class LeafletError(Exception):
    """A problem in the user's content (exit status 1): never shown as a traceback."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))
