"""Library rebuilds and memory: the whole build of a4 and quick guides (the sample
library's formats, series files included), a no-change rebuild, a one-change rebuild
against that leaflet's own formats built alone, peak memory of all the build's
processes, and the sizes of manifest.json and index.html."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from statistics import median

import library
from library import Memory, edit, leafletgen, measure_memory, timed

FORMATS = "a4,quick"
RUNS = 3


def verdict(met: bool) -> str:
    return "MET" if met else "NOT MET"


def build_command(jobs: int) -> list[str]:
    return leafletgen("build", "--format", FORMATS, "--jobs", str(jobs), "--quiet", "--out", "out")


def own_formats_s(root: Path, path: Path) -> float:
    """That leaflet's own outputs built alone, in process (best of RUNS, fonts and art
    warm): its a4 and quick guide, and its series file joined from the series' guides."""
    from leafletgen.load import load_leaflet
    from leafletgen.produce import BuildOptions, produce, series_pdf

    leaflet = load_leaflet(path)
    n = int(path.stem.rsplit("-", 1)[1]) % library.SERIES
    guides = [p for p in sorted((root / "out").glob("BENCH-*-quick.pdf"))
              if int(p.name.split("-")[1]) % library.SERIES == n]
    best = float("inf")
    for _ in range(RUNS + 1):
        start = time.perf_counter()
        produce(leaflet, "a4", BuildOptions())
        produce(leaflet, "quick", BuildOptions())
        series_pdf(leaflet.series, [g.read_bytes() for g in guides])
        best = min(best, time.perf_counter() - start)
    return best


def memory_line(what: str, m: Memory) -> str:
    peaks = sorted(m.hwm.values(), reverse=True)
    return (f"peak memory, whole build, {what}: {m.sum_of_peaks_mb:.0f} MB = the sum of each "
            f"process's own peak ({len(peaks)} processes: "
            + " + ".join(f"{kb / 1024:.0f}" for kb in peaks)
            + f" MB; VmHWM read from /proc every 50 ms while it runs); at one moment at most "
            f"{m.largest_pss_sum / 1024:.0f} MB (sum of PSS, shared pages once); largest single "
            f"process {m.largest_single / 1024:.0f} MB (wait4)")


def full_build(root: Path, n: int, jobs: int) -> Memory:
    memory = measure_memory(build_command(jobs), root, interval=0.05)
    print(f"full build, {n} leaflets, {FORMATS}, --jobs {jobs}: {memory.seconds:.2f} s "
          f"(memory sampled meanwhile)")
    print(memory_line(f"{n} leaflets", memory))
    return memory


def report_rebuilds(root: Path, n: int, jobs: int, typst_cold_ms: float | None) -> None:
    unchanged = median(timed(build_command(jobs), root) for _ in range(RUNS))
    print(f"no-change rebuild, {n} leaflets: {unchanged:.2f} s (target < 1 s at 5,000): "
          f"{verdict(unchanged < 1)}{'' if n == 5000 else f' (at {n})'}")
    path, changed = root / "leaflets" / "leaflet-0000.yaml", []
    for k in range(RUNS):
        edit(path, k)
        changed.append(timed(build_command(jobs), root))
    own, one = own_formats_s(root, path), median(changed)
    print(f"one-change rebuild, {n} leaflets: {one:.2f} s = {one - own:.2f} s + that leaflet's "
          f"own a4, quick and series file alone ({own * 1000:.0f} ms in process) "
          f"(target <= 0.5 s + its own at 1,000): {verdict(one - own <= 0.5)}"
          f"{'' if n == 1000 else f' (at {n})'}")
    if typst_cold_ms:
        print(f"one-change rebuild vs Typst compiling that one leaflet cold: "
              f"{one * 1000 / typst_cold_ms:.2f}x Typst ({typst_cold_ms:.0f} ms) "
              f"(target: beat Typst in incremental rebuilds, <= 1.0x): "
              f"{verdict(one * 1000 <= typst_cold_ms)}")
    sizes = {name: (root / "out" / name).stat().st_size / 1e6
             for name in ("manifest.json", "index.html")}
    print(f"manifest.json {sizes['manifest.json']:.2f} MB, index.html {sizes['index.html']:.2f} "
          f"MB at {n} leaflets (target: not growing by every leaflet's full text; "
          f"{sizes['manifest.json'] * 1e6 / n / 1024:.1f} + {sizes['index.html'] * 1e6 / n / 1024:.1f}"
          " kB per leaflet)")


def memory_scaling(n: int, jobs: int, at_n: Memory) -> None:
    small = Path(tempfile.mkdtemp(prefix="leafletgen-bench-100-"))
    try:
        library.synthetic_library(small, 100)
        at_100 = measure_memory(build_command(jobs), small, interval=0.05)
    finally:
        shutil.rmtree(small, ignore_errors=True)
    print(memory_line("100 leaflets", at_100))
    scale = at_n.sum_of_peaks_mb / at_100.sum_of_peaks_mb
    pss = at_n.largest_pss_sum / at_100.largest_pss_sum
    print(f"peak memory {n} vs 100 leaflets: {scale:.2f}x (sum of peaks), {pss:.2f}x (PSS) "
          f"(target <= 1.3x at 5,000): {verdict(scale <= 1.3)}{'' if n == 5000 else f' (at {n})'}")


def report(root: Path, n: int, jobs: int, typst_cold_ms: float | None, scaling: bool) -> None:
    at_n = full_build(root, n, jobs)
    report_rebuilds(root, n, jobs, typst_cold_ms)
    if scaling:
        memory_scaling(n, jobs, at_n)
