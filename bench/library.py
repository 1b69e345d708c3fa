"""The bench's synthetic library, whole processes timed, and their memory.

A library of N leaflets made from the sample (their own ids, titles and series of ten,
sentences reordered), written with libyaml so that 5,000 take seconds. A command is run
as a fresh process and timed by wall clock; `measure_memory` also follows every process
of it (the build and each of its workers, found through /proc) while it runs.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "leaflets" / "what-is-secondary-breast-cancer.yaml"
SERIES = 10  # leaflet n is in series n % SERIES, at order n // SERIES
LEAFLETGEN = str(Path(sys.executable).with_name("leafletgen"))
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_sample() -> dict:
    return yaml.load(SAMPLE.read_text(encoding="utf-8"), Loader=LOADER)


def synthetic_library(root: Path, count: int, seed: int = 1) -> list[Path]:
    """Leaflets made from the sample: their own ids, titles, series; sentences reordered."""
    rng, sample = random.Random(seed), load_sample()
    folder = root / "leaflets"
    folder.mkdir(parents=True)
    paths = []
    for n in range(count):
        sections = [dict(s, body=_varied(s["body"], rng)) for s in sample["sections"]]
        leaflet = dict(sample, id=f"BENCH-{n:04d}", title=f"{sample['title']} ({n})",
                       series=f"Series {n % SERIES}", order=n // SERIES, sections=sections)
        path = folder / f"leaflet-{n:04d}.yaml"
        path.write_text(yaml.dump(leaflet, Dumper=DUMPER, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
        paths.append(path)
    return paths


def _varied(body: list, rng: random.Random) -> list:
    out = [". ".join(rng.sample(b.split(". "), b.count(". ") + 1)) if isinstance(b, str) else b
           for b in body]
    if rng.random() < 0.2:
        rng.shuffle(out)
    return out


def edit(path: Path, n: int) -> None:
    """A real change to one leaflet's text (its summary), the n-th of its kind."""
    leaflet = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    leaflet["summary"] = f"{leaflet['summary']} Edited {n}."
    path.write_text(yaml.dump(leaflet, Dumper=DUMPER, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


def leafletgen(*args: str) -> list[str]:
    return [LEAFLETGEN, *args]


def floor_script(*args: str) -> list[str]:
    return [sys.executable, str(REPO / "bench" / "floor.py"), *args]


def typst_script(*args: str) -> list[str]:
    return [sys.executable, str(REPO / "bench" / "typstpeer.py"), *args]


def timed(command: list[str], cwd: Path) -> float:
    """Wall seconds of one fresh process; a failure stops the bench, with its output."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n"
                         f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds


@dataclass
class Memory:
    """Peaks of one command's processes, in kB."""

    seconds: float = 0.0
    hwm: dict[int, int] = field(default_factory=dict)  # each process's own peak (VmHWM)
    largest_pss_sum: int = 0  # the largest sum of the processes' PSS at one sampled moment
    largest_single: int = 0  # wait4's ru_maxrss: the largest single process, exactly

    @property
    def sum_of_peaks_mb(self) -> float:
        return sum(self.hwm.values()) / 1024

    @property
    def largest_mb(self) -> float:
        return max(self.hwm.values(), default=0) / 1024


def _status_kb(pid: int, path: str, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/{path}", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def descendants(root: int) -> list[int]:
    """root and every process under it, from the parent ids in /proc/*/stat."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def measure_memory(command: list[str], cwd: Path, interval: float = 0.02) -> Memory:
    """Run command, sampling every process of it until the build exits: each one's VmHWM
    (its own peak, which only grows, so the last sample before it exits is its peak to
    within one interval) and the sum of their PSS (shared pages counted once)."""
    memory, start = Memory(), time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        pss = 0
        for pid in descendants(process.pid):
            hwm = _status_kb(pid, "status", "VmHWM:")
            if hwm:
                memory.hwm[pid] = max(memory.hwm.get(pid, 0), hwm)
            pss += _status_kb(pid, "smaps_rollup", "Pss:") or 0
        memory.largest_pss_sum = max(memory.largest_pss_sum, pss)
        time.sleep(interval)
    memory.seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    memory.largest_single = usage.ru_maxrss  # the build or a worker it reaped, whole run
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return memory
