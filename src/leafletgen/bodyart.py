"""The body-map art as data: its views, and the regions each one has with their labels.

The art is ``assets/bodymaps/<view>.svg``: each ``<g id=...>`` is a region, described by
``data-*`` attributes (label, leader anchors, tint, overlay, raise); docs/bodymaps.md explains
them, so adding a region means editing the SVG, not the code. Read with xml.etree only, so
the loader, check and the CLI can validate and list regions without drawing anything
(layout/bodymap.py draws them).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterator, Mapping, Sequence

VIEWS = ("front", "back")
_SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]


# ------------------------------------------------------------------ the art as data
@dataclass(frozen=True)
class Region:
    id: str
    label: str
    anchors: tuple[Point, ...] = ()  # SVG units, y down
    tint: float = 0.0
    overlay: float | None = None
    raisable: bool = False
    parent: str | None = None


NO_REGION = Region("", "")


def art_file(view: str):
    if view not in VIEWS:
        raise KeyError(f"unknown body-map view {view!r}; the views are {', '.join(VIEWS)}")
    return resources.files("leafletgen") / "assets" / "bodymaps" / f"{view}.svg"


def _region(node, parent: Region | None, raisable: bool) -> Region:
    rid, get = node.get("id"), node.get
    anchors = tuple(tuple(float(v) for v in xy.split(",")) for xy in get("data-anchor", "").split())
    return Region(rid, get("data-label") or rid.replace("_", " ").replace(".", ": "), anchors,
                  float(get("data-tint") or (parent.tint if parent else 0)),
                  float(get("data-overlay")) if get("data-overlay") else None,
                  raisable, parent.id if parent else None)


@cache
def regions_of(view: str) -> dict[str, Region]:
    """The view's regions in SVG order, read from ids and data attributes."""
    found: dict[str, Region] = {}

    def walk(node, parent: Region | None, raisable: bool) -> None:
        for child in node:
            if child.tag != _SVG + "g":
                continue
            here = parent
            if child.get("id"):
                here = found[child.get("id")] = _region(child, parent, raisable)
            walk(child, here, raisable or child.get("data-raise") == "highlighted")

    walk(ET.fromstring(art_file(view).read_bytes()), None, False)
    return found


def regions(view: str) -> tuple[str, ...]:
    """Region ids of a view, in the order the SVG draws them."""
    return tuple(regions_of(view))


def region_label(view: str, region: str) -> str:
    """The reader-facing name of a region, as the art names it."""
    return regions_of(view)[region].label


def ancestors(meta: Mapping[str, Region], rid: str | None) -> Iterator[str]:
    while rid:
        yield rid
        rid = meta[rid].parent


def highlighted(view: str, highlight: Sequence[str]) -> frozenset[str]:
    """The named regions and every region nested inside them; KeyError for unknown names."""
    meta = regions_of(view)
    for name in highlight:
        if name not in meta:
            raise KeyError(f"unknown body-map region {name!r} in the {view} view; "
                           f"the regions are {', '.join(meta)}")
    wanted = set(highlight)
    return frozenset(r for r in meta if wanted.intersection(ancestors(meta, r)))
