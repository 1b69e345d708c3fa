"""Body-map illustrations: regions read from the SVG art, and labelled vector drawings.

The art lives in ``assets/bodymaps/<view>.svg``.  Every ``<g id="...">`` is a region; its
``data-label`` is the reader-facing name, ``data-anchor`` ("x,y x,y", SVG units) the points a
leader line may point to, ``data-tint`` how much lighter than the neutral tone it is drawn and
``data-overlay`` (an opacity) marks a region that lies over others and is only filled when
highlighted.  Regions inside a ``<g data-raise="highlighted">`` are drawn above their
neighbours when highlighted.  Adding a region means editing the SVG, not this module.

Only ``xml.etree`` is used to list regions (the loader validates with it); svglib and
reportlab.graphics are imported when a drawing is made.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Mapping, Sequence

from reportlab.lib.colors import CMYKColor, Color, HexColor

VIEWS = ("front", "back")
_SVG = "{http://www.w3.org/2000/svg}"


# ------------------------------------------------------------------ the art as data
@dataclass(frozen=True)
class Region:
    id: str
    label: str
    anchors: tuple[tuple[float, float], ...]  # SVG user units, y down
    tint: float = 0.0
    overlay: float | None = None
    raisable: bool = False
    parent: str | None = None


def _art_file(view: str):
    if view not in VIEWS:
        raise KeyError(f"unknown body-map view {view!r}; choose one of {', '.join(VIEWS)}")
    return resources.files("leafletgen") / "assets" / "bodymaps" / f"{view}.svg"


def _parse_anchor(text: str | None) -> tuple[tuple[float, float], ...]:
    points = []
    for pair in (text or "").split():
        x, y = pair.split(",")
        points.append((float(x), float(y)))
    return tuple(points)


@cache
def _meta(view: str) -> dict[str, Region]:
    """Regions of a view, in SVG order, from the SVG's ids and data attributes."""
    root = ET.fromstring(_art_file(view).read_bytes())
    found: dict[str, Region] = {}

    def walk(node, parent: Region | None, raisable: bool):
        for child in node:
            if child.tag != _SVG + "g":
                continue
            rid = child.get("id")
            here = parent
            if rid:
                tint = child.get("data-tint")
                overlay = child.get("data-overlay")
                here = found[rid] = Region(
                    id=rid,
                    label=child.get("data-label") or rid.replace("_", " ").replace(".", ": "),
                    anchors=_parse_anchor(child.get("data-anchor")),
                    tint=float(tint) if tint else (parent.tint if parent else 0.0),
                    overlay=float(overlay) if overlay else (parent.overlay if parent else None),
                    raisable=raisable,
                    parent=parent.id if parent else None,
                )
            walk(child, here, raisable or child.get("data-raise") == "highlighted")

    walk(root, None, False)
    return found


def regions(view: str) -> tuple[str, ...]:
    """Region ids of a view, in the order the SVG draws them."""
    return tuple(_meta(view))


def region_label(view: str, region: str) -> str:
    """The reader-facing name of a region, as the art names it."""
    return _meta(view)[region].label


def _highlighted(view: str, highlight: Sequence[str]) -> frozenset[str]:
    """Every region lit by ``highlight``: the named ones and everything nested inside them."""
    meta = _meta(view)
    for name in highlight:
        if name not in meta:
            raise KeyError(f"unknown body-map region {name!r} in the {view} view; "
                           f"known regions: {', '.join(meta)}")
    lit = set(highlight)
    for rid, region in meta.items():
        parent = region.parent
        while parent and rid not in lit:
            if parent in lit:
                lit.add(rid)
            parent = meta[parent].parent
    return frozenset(lit)


# ------------------------------------------------------------------ colours
_WHITE = HexColor("#FFFFFF")
_BLACK = HexColor("#000000")


@dataclass(frozen=True)
class BodyMapColours:
    highlight: Color = field(default_factory=lambda: HexColor("#B0186E"))
    neutral: Color = field(default_factory=lambda: HexColor("#D3D8DE"))
    outline: Color = field(default_factory=lambda: HexColor("#55606B"))
    text: Color = field(default_factory=lambda: HexColor("#1F2933"))


def _mix(a: Color, b: Color, t: float) -> Color:
    """``a`` moved a fraction ``t`` towards ``b``; stays CMYK when ``a`` is CMYK."""
    if isinstance(a, CMYKColor):
        bc = b.cmyk() if isinstance(b, CMYKColor) else _rgb_to_cmyk(b)
        return CMYKColor(*(x + (y - x) * t for x, y in zip(a.cmyk(), bc)))
    return Color(*(x + (y - x) * t for x, y in zip(a.rgb(), b.rgb())))


def _rgb_to_cmyk(c: Color) -> tuple[float, float, float, float]:
    r, g, b = c.rgb()
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


@dataclass(frozen=True)
class _Palette:
    """The tones one drawing uses, derived once from BodyMapColours."""

    colours: BodyMapColours
    on_stroke: Color
    on_line: Color
    off_line: Color

    @classmethod
    def of(cls, c: BodyMapColours) -> "_Palette":
        return cls(c, _mix(c.highlight, _BLACK, 0.35), _mix(c.highlight, _WHITE, 0.5),
                   _mix(c.outline, c.neutral, 0.45))

    def fill(self, region: Region, on: bool) -> Color:
        if on:
            return self.colours.highlight
        return _mix(self.colours.neutral, _WHITE, region.tint) if region.tint else self.colours.neutral
