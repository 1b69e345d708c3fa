"""Benchmark: every figure of the speed issue, each against the floor and Typst.

    python bench/run.py                          # 100 leaflets
    python bench/run.py --leaflets 1000
    python bench/run.py --leaflets 5000 --sections rebuild --memory-scaling

The floor is a bare ReportLab script (bench/floor.py) on the same content: the same text,
lists and body-map figure, the same fonts and a "Page N of M" footer, per format. Typst
(bench/typstpeer.py) is the peer, where the optional `bench` extra is installed. Every
ratio is measured in the same run, the two sides in turns, as medians. Each line names
its target from the issue and whether it is met.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path
from statistics import median

import inprocess
import library
from library import floor_script, leafletgen, timed, typst_script

SECTIONS = ("leaflet", "library", "cold", "rebuild", "extras")


def verdict(met: bool) -> str:
    return "MET" if met else "NOT MET"


def have_typst() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def cli_in_turns(sides: dict, cwd: Path, runs: int, warmup: int = 0) -> dict[str, list[float]]:
    """Seconds of each side's command (a function of the run's number), run in turns."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    for run in range(warmup + runs):
        for name, command in sides.items():
            times[name].append(timed(command(run), cwd))
            shutil.rmtree(cwd / f"out-{name}-{run}", ignore_errors=True)
    return {name: values[warmup:] for name, values in times.items()}


def ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median of the runs' a/b."""
    return median(x / y for x, y in zip(times[a], times[b]))


def report_per_leaflet(rounds: int) -> None:
    for name, p in inprocess.per_format(rounds).items():
        print(f"per leaflet {name:<5}  {p.ours:6.1f} ms = {p.ratio:.2f}x floor ({p.other:.1f} ms)"
              f" (target <= 1.3x): {verdict(p.ratio <= 1.3)}")
    typst = inprocess.typst_per_document(rounds)
    if typst is None:
        print("per leaflet a4 vs Typst: typst not installed (pip install -e '.[bench]')")
        return
    for kind, p in typst.items():
        target = ("target: beat Typst in the edit-to-PDF loop, <= 1.0x" if kind == "reused"
                  else "no target")
        met = f": {verdict(p.ratio <= 1.0)}" if kind == "reused" else ""
        print(f"per leaflet a4 vs Typst, {kind} compiler: {p.ours:.1f} ms = {p.ratio:.2f}x "
              f"Typst ({p.other:.1f} ms) ({target}){met}")


def report_library(root: Path, n: int, jobs: int, runs: int) -> None:
    files = sorted(str(p.relative_to(root)) for p in (root / "leaflets").glob("*.yaml"))
    sides = {"ours": lambda r: leafletgen("build", "--format", "a4", "--jobs", str(jobs),
                                          "--quiet", "--out", f"out-ours-{r}"),
             "floor": lambda r: floor_script("--jobs", str(jobs), "--out", f"out-floor-{r}", *files)}
    if have_typst():
        sides["typst"] = lambda r: typst_script("--jobs", str(jobs), "--out", f"out-typst-{r}",
                                                *files)
    times = cli_in_turns(sides, root, runs)
    rate = {name: n / median(values) for name, values in times.items()}
    vs_floor = ratio(times, "floor", "ours")  # our throughput over the floor's
    print(f"library {n} leaflets, a4, --jobs {jobs}, thumbnails and catalogue: "
          f"{rate['ours']:.1f} leaflets/s = {vs_floor:.2f}x floor ({rate['floor']:.1f} leaflets/s,"
          f" {jobs} processes) (target >= 0.8x): {verdict(vs_floor >= 0.8)}")
    if "typst" in rate:
        print(f"library {n} leaflets vs Typst, {jobs} processes: {ratio(times, 'typst', 'ours'):.2f}x"
              f" Typst ({rate['typst']:.1f} leaflets/s) (no target; medians of {runs} runs)")


def one_leaflet_folder(root: Path) -> Path:
    folder = root / "one"
    (folder / "leaflets").mkdir(parents=True)
    shutil.copy(library.SAMPLE, folder / "leaflets" / "one.yaml")
    return folder


def report_cold(root: Path, runs: int) -> dict[str, float]:
    folder, one = one_leaflet_folder(root), "leaflets/one.yaml"
    sides = {"ours": lambda r: leafletgen("build", one, "--format", "a4", "--quiet",
                                          "--out", f"out-ours-{r}"),
             "floor": lambda r: floor_script("--out", f"out-floor-{r}", one),
             "help": lambda r: leafletgen("--help")}
    if have_typst():
        sides["typst"] = lambda r: typst_script("--out", f"out-typst-{r}", one)
    times = cli_in_turns(sides, folder, runs, warmup=1)
    ms = {name: median(values) * 1000 for name, values in times.items()}
    cold = ratio(times, "ours", "floor")
    print(f"cold build of one leaflet, a4: {ms['ours']:.0f} ms = {cold:.2f}x cold floor script "
          f"({ms['floor']:.0f} ms) (target <= 1.3x): {verdict(cold <= 1.3)}")
    if "typst" in ms:
        print(f"cold build of one leaflet vs Typst (a fresh python + typst process): "
              f"{ratio(times, 'ours', 'typst'):.2f}x Typst ({ms['typst']:.0f} ms) (no target)")
    print(f"leafletgen --help: {ms['help']:.0f} ms (target < 150 ms): {verdict(ms['help'] < 150)}")
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaflets", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20, help="rounds of in-process timings")
    parser.add_argument("--runs", type=int, default=0,
                        help="runs of each whole-library build (default: 3, 1 past 300 leaflets)")
    parser.add_argument("--cold-runs", type=int, default=5, help="runs of each cold command")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help="comma-separated, of: " + ", ".join(SECTIONS))
    parser.add_argument("--memory-scaling", action="store_true",
                        help="also build a 100-leaflet library: peak memory at N against 100")
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    runs = args.runs or (3 if args.leaflets <= 300 else 1)
    root = Path(tempfile.mkdtemp(prefix="leafletgen-bench-"))
    try:
        print(f"{args.leaflets} leaflets, --jobs {args.jobs}, {os.cpu_count()} cores; "
              f"ratios are medians of side-by-side runs")
        if "leaflet" in sections:
            report_per_leaflet(args.repeat)
        library.synthetic_library(root, args.leaflets)
        if "library" in sections:
            report_library(root, args.leaflets, args.jobs, runs)
        cold = report_cold(root, args.cold_runs) if "cold" in sections else {}
        if "rebuild" in sections:
            import rebuilds

            rebuilds.report(root, args.leaflets, args.jobs, cold.get("typst"),
                            args.memory_scaling)
        if "extras" in sections:
            import extras

            extras.report(args.repeat)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
