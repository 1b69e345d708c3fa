"""In-process figures: one leaflet in each format against the floor and Typst, in turns.

Each round builds every side once, one after the other, and the figures are medians over
the rounds (the first round warms up and is dropped): a slow moment of the machine then
counts against both sides of a pair, and the median of the pairs' ratios is the ratio.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from statistics import median
from typing import Callable

import floor
import typstpeer
from library import SAMPLE, load_sample

SCREEN = ("a4", "a5", "quick", "large")


@dataclass
class Pair:
    """Medians of one side against another, in ms, and the median of the pairs' ratios."""

    ours: float
    other: float
    ratio: float


def in_turns(sides: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """ms of each side, built once per round in turn; the first round is dropped."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(rounds + 1):
        for name, build in sides.items():
            start = time.perf_counter()
            build()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: values[1:] for name, values in times.items()}


def pair(times: dict[str, list[float]], ours: str, other: str) -> Pair:
    return Pair(median(times[ours]), median(times[other]),
                median(a / b for a, b in zip(times[ours], times[other])))


def ours_builders() -> dict[str, Callable[[], object]]:
    from leafletgen.load import load_leaflet
    from leafletgen.produce import BuildOptions, produce

    leaflet, options = load_leaflet(SAMPLE), BuildOptions()
    return {name: (lambda name=name: produce(leaflet, name, options)) for name in SCREEN}


def per_format(rounds: int) -> dict[str, Pair]:
    """Each screen format of the sample, ours against the floor on the same format."""
    sample, ours = load_sample(), ours_builders()
    sides = {}
    for name in SCREEN:
        sides[name] = ours[name]
        sides["floor " + name] = lambda name=name: floor.build_pdf(sample, name)
    times = in_turns(sides, rounds)
    return {name: pair(times, name, "floor " + name) for name in SCREEN}


def typst_per_document(rounds: int) -> dict[str, Pair] | None:
    """Ours A4 against Typst, a fresh compiler each time (fonts loaded again) and one
    reused compiler; None without the typst package."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return None
    source = typstpeer.source(load_sample())
    sides = {"a4": ours_builders()["a4"], "fresh": lambda: typstpeer.compile_fresh(source),
             "reused": lambda: typstpeer.compile_reused(source)}
    times = in_turns(sides, rounds)
    return {kind: pair(times, "a4", kind) for kind in ("fresh", "reused")}


def tagging_cost(rounds: int) -> dict[str, Pair]:
    """Each screen format built untagged and tagged (PDF/UA-1), in turns."""
    from leafletgen.formats import FORMATS as SPECS
    from leafletgen.formats import LARGE_PRINT_SIZES
    from leafletgen.load import load_leaflet
    from leafletgen.load.theme import default_theme
    from leafletgen.produce import finishing, producer
    from leafletgen.render.finish import TAGGED
    from leafletgen.render.pdf import render

    leaflet, theme, result = load_leaflet(SAMPLE), default_theme(), {}
    for name, fmt in SPECS.items():
        tagged = fmt.finishers + finishing(fmt, False)
        if TAGGED not in tagged:
            continue
        untagged = tuple(f for f in tagged if f != TAGGED)
        page = fmt.page.scaled(LARGE_PRINT_SIZES[0]) if fmt.body_sizes else fmt.page
        sides = {kind: (lambda f=finishers, fmt=fmt, page=page:
                        render(producer(fmt)(leaflet, page, theme, None), f))
                 for kind, finishers in (("tagged", tagged), ("untagged", untagged))}
        result[name] = pair(in_turns(sides, rounds), "tagged", "untagged")
    return result


SCRIPT_EXAMPLES = SAMPLE.parent.parent / "examples" / "scripts" / "leaflets"


def scripts_cost(rounds: int) -> dict[str, float]:
    """A4 ms (best round) of the example leaflets in other scripts and of the sample."""
    from leafletgen.load import load_leaflet
    from leafletgen.produce import BuildOptions, produce

    leaflets = {path.stem: load_leaflet(path) for path in sorted(SCRIPT_EXAMPLES.glob("*.yaml"))}
    leaflets["the English sample"] = load_leaflet(SAMPLE)
    sides = {name: (lambda l=l: produce(l, "a4", BuildOptions())) for name, l in leaflets.items()}
    return {name: min(values) for name, values in in_turns(sides, rounds).items()}
