"""What every check of one leaflet is given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leafletgen import model
from leafletgen.lint.config import Settings
from leafletgen.lint.text import Locator, Unit

if TYPE_CHECKING:
    from leafletgen.lint.plainenglish import Term
    from leafletgen.lint.readability import Figure
    from leafletgen.theme import Theme


@dataclass(frozen=True)
class Context:
    leaflet: model.Leaflet
    settings: Settings  # the library's, with this leaflet's overrides
    today: dt.date
    lexicon: tuple[Term, ...]  # the plain-English list of the leaflet's library
    theme: Theme | None  # the library's theme.yaml, for layout; None: the default
    locator: Locator
    units: list[Unit]  # what a reader reads, in reading order
    figures: list[Figure]  # readability of the whole, each section and the quick guide
