"""Figures of earlier issues, kept: the cost of PDF/UA tagging per screen format, and the
A4 cost of the example leaflets in other scripts against a Welsh one of the same length."""

from __future__ import annotations

import inprocess


def report(rounds: int) -> None:
    for name, p in inprocess.tagging_cost(rounds).items():
        print(f"tagging {name:<6} untagged {p.other:6.1f} ms, tagged PDF/UA-1 {p.ours:6.1f} ms "
              f"(medians): +{(p.ratio - 1) * 100:4.1f}% (median of the pairs' ratios)")
    by_script = inprocess.scripts_cost(rounds)
    latin, sample = by_script["welsh"], by_script.pop("the English sample")
    print(f"scripts, A4 of a short example leaflet (the English sample: {sample:.1f} ms): "
          + ", ".join(f"{name} {ms:.1f} ms = {ms / latin:.2f}x Welsh, {ms / sample:.2f}x the "
                      "sample" for name, ms in by_script.items()))
