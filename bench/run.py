"""Benchmark: whole-library builds, per-format cost, memory, and the floor and peers.

    python bench/run.py                 # 100 leaflets
    python bench/run.py --leaflets 1000 --jobs 2

It generates a synthetic library from the sample leaflet with varied text, times the
CLI (full build, no-change rebuild, one-changed-leaflet rebuild), the in-process cost of
each format, and, on the same text with the same font, a bare ReportLab script (the
floor) and, where the optional `bench` extra is installed, Typst and WeasyPrint.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from leafletgen.formats import FORMAT_NAMES as FORMATS

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "leaflets" / "what-is-secondary-breast-cancer.yaml"


def synthetic_library(root: Path, count: int, seed: int = 1) -> list[Path]:
    """Leaflets made from the sample: their own ids, titles, series; sentences reordered."""
    rng = random.Random(seed)
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    folder = root / "leaflets"
    folder.mkdir(parents=True)
    paths = []
    for n in range(count):
        leaflet = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
        leaflet.update(id=f"BENCH-{n:04d}", title=f"{sample['title']} ({n})",
                       series=f"Series {n % 10}", order=n // 10)
        for section in leaflet["sections"]:
            section["body"] = [_vary(block, rng) for block in section["body"]]
            rng.shuffle(section["body"]) if rng.random() < 0.2 else None
        path = folder / f"leaflet-{n:04d}.yaml"
        path.write_text(yaml.safe_dump(leaflet, sort_keys=False, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def _vary(block, rng: random.Random):
    if not isinstance(block, str):
        return block
    sentences = block.split(". ")
    rng.shuffle(sentences)
    return ". ".join(sentences)


def timed_cli(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "leafletgen", *args], cwd=cwd, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def per_format_ms(repeat: int) -> dict[str, float]:
    from leafletgen.load import load_leaflet
    from leafletgen.produce import BuildOptions, produce

    leaflet, options, result = load_leaflet(SAMPLE), BuildOptions(), {}
    for name in FORMATS:
        produce(leaflet, name, options)  # warm: fonts, art, caches
        start = time.perf_counter()
        for _ in range(repeat):
            produce(leaflet, name, options)
        result[name] = (time.perf_counter() - start) / repeat * 1000
    start = time.perf_counter()
    for _ in range(repeat):
        load_leaflet(SAMPLE)
    result["load"] = (time.perf_counter() - start) / repeat * 1000
    return result


def tagging_cost(repeat: int) -> dict[str, tuple[float, float, float]]:
    """Each screen format built untagged and tagged (PDF/UA-1), in turns: (untagged ms,
    tagged ms, tagged/untagged), the medians over the pairs, so that a slow moment of the
    machine counts against both of a pair and not against one side only."""
    from statistics import median

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
        pairs = []
        for _ in range(repeat * 2 + 1):
            times = []
            for finishers in (untagged, tagged):
                start = time.perf_counter()
                render(producer(fmt)(leaflet, page, theme, None), finishers)
                times.append(time.perf_counter() - start)
            pairs.append(times)
        pairs = pairs[1:]  # the first pair warms up
        result[name] = (median(u for u, _ in pairs) * 1000, median(t for _, t in pairs) * 1000,
                        median(t / u for u, t in pairs))
    return result


SCRIPT_EXAMPLES = REPO / "examples" / "scripts" / "leaflets"


def scripts_cost(repeat: int) -> dict[str, float]:
    """A4 ms of the example leaflets in other scripts, of Polish and Welsh (the same short
    leaflet: the difference is the cost of fallback fonts and shaping), and of the sample."""
    from leafletgen.load import load_leaflet
    from leafletgen.produce import BuildOptions, produce

    leaflets = {path.stem: load_leaflet(path) for path in sorted(SCRIPT_EXAMPLES.glob("*.yaml"))}
    leaflets["the English sample"] = load_leaflet(SAMPLE)
    times: dict[str, list[float]] = {name: [] for name in leaflets}
    for _ in range(repeat + 1):  # in turns, the first round to warm up
        for name, leaflet in leaflets.items():
            start = time.perf_counter()
            produce(leaflet, "a4", BuildOptions())
            times[name].append(time.perf_counter() - start)
    return {name: min(values[1:]) * 1000 for name, values in times.items()}


def sample_text() -> list[tuple[str, str]]:
    """(kind, text) of the sample in reading order, for the floor and the peers."""
    from leafletgen.inline import plain
    from leafletgen.load import load_leaflet

    leaflet = load_leaflet(SAMPLE)
    out = [("title", plain(leaflet.title)), ("p", plain(leaflet.summary))]
    for section in leaflet.sections:
        out.append(("h", plain(section.heading)))
        for block in section.body:
            for item in getattr(block, "items", ()) or [getattr(block, "text", "")]:
                if item:
                    out.append(("li" if hasattr(block, "items") else "p", plain(item)))
    return out


def floor_ms(repeat: int) -> float:
    """A bare ReportLab script: the same text, the same font, A4, no stamps or art."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from leafletgen.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    styles = {"title": ParagraphStyle("t", fontName=BOLD, fontSize=26, leading=30),
              "h": ParagraphStyle("h", fontName=BOLD, fontSize=16, leading=20, spaceBefore=14),
              "p": ParagraphStyle("p", fontName=REGULAR, fontSize=12, leading=17, spaceAfter=7),
              "li": ParagraphStyle("l", fontName=REGULAR, fontSize=12, leading=17, leftIndent=18)}
    text = sample_text()

    def one() -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=REGULAR, invariant=1)
        doc.build([Paragraph(t.replace("&", "&amp;").replace("<", "&lt;"), styles[k])
                   for k, t in text])
        return buffer.getvalue()

    one()
    start = time.perf_counter()
    for _ in range(repeat):
        one()
    return (time.perf_counter() - start) / repeat * 1000


def typst_ms(repeat: int) -> float | None:
    try:
        import typst
    except ImportError:
        return None
    from leafletgen.fonts import font_dir

    def escape(t: str) -> str:
        return "".join("\\" + c if c in "#*_`$<>@[]\\/=-+~\"" else c for c in t)

    lines = ['#set page(paper: "a4", margin: (x: 20mm, top: 18mm, bottom: 22mm))',
             '#set text(font: "Noto Sans", size: 12pt)']
    for kind, t in sample_text():
        lines.append({"title": "#text(size: 26pt, weight: \"bold\")[" + escape(t) + "]",
                      "h": "== " + escape(t), "li": "- " + escape(t)}.get(kind, escape(t)))
        lines.append("")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "leaflet.typ"
        source.write_text("\n".join(lines), encoding="utf-8")
        with __import__("importlib.resources").resources.as_file(font_dir()) as fonts:
            typst.compile(str(source), font_paths=[str(fonts)])
            start = time.perf_counter()
            for _ in range(repeat):
                typst.compile(str(source), font_paths=[str(fonts)])
    return (time.perf_counter() - start) / repeat * 1000


def weasyprint_ms(repeat: int) -> float | None:
    try:
        import weasyprint
    except (ImportError, OSError):
        return None
    from html import escape

    from leafletgen.fonts import font_dir

    tags = {"title": "h1", "h": "h2", "p": "p", "li": "li"}
    body = "".join(f"<{tags[k]}>{escape(t)}</{tags[k]}>" for k, t in sample_text())
    with __import__("importlib.resources").resources.as_file(font_dir()) as fonts:
        css = (f"@font-face {{ font-family: N; src: url('file://{fonts}/NotoSans-Regular.ttf'); }}"
               "@page { size: A4; margin: 18mm 20mm 22mm } body { font: 12pt/1.42 N }")
        html = f"<html><style>{css}</style><body>{body}</body></html>"
        weasyprint.HTML(string=html).write_pdf()
        start = time.perf_counter()
        for _ in range(repeat):
            weasyprint.HTML(string=html).write_pdf()
    return (time.perf_counter() - start) / repeat * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaflets", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=20, help="repeats for in-process timings")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="leafletgen-bench-"))
    try:
        paths = synthetic_library(root, args.leaflets)
        build = ("build", "--format", ",".join(FORMATS), "--jobs", str(args.jobs), "--quiet")
        full = timed_cli(*build, cwd=root)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        unchanged = timed_cli(*build, cwd=root)
        paths[0].write_text(paths[0].read_text() + "\n# edited\n", encoding="utf-8")
        one_changed = timed_cli(*build, cwd=root)
        alone = timed_cli("build", str(paths[0].relative_to(root)), "--format", ",".join(FORMATS),
                          "--jobs", "1", "--quiet", "--out", "alone", cwd=root)
        outputs = args.leaflets * len(FORMATS)
        print(f"library: {args.leaflets} leaflets x {len(FORMATS)} formats = {outputs} PDFs, "
              f"--jobs {args.jobs}, {os.cpu_count()} cores")
        print(f"full build          {full:8.2f} s   {outputs / full:7.1f} leaflet-formats/s")
        print(f"no-change rebuild   {unchanged:8.2f} s")
        print(f"one-changed rebuild {one_changed:8.2f} s   (that leaflet alone, cold: {alone:.2f} s)")
        print(f"peak memory         {peak_mb:8.1f} MB (largest process)")
        formats = per_format_ms(args.repeat)
        print("per leaflet, in-process: " + ", ".join(f"{k} {v:.1f} ms" for k, v in formats.items()))
        for name, (plain, tagged, ratio) in tagging_cost(args.repeat).items():
            print(f"tagging {name:<6} untagged {plain:6.1f} ms, tagged PDF/UA-1 {tagged:6.1f} ms "
                  f"(medians): +{(ratio - 1) * 100:4.1f}% (median of the pairs' ratios)")
        by_script = scripts_cost(args.repeat)
        latin, sample = by_script["welsh"], by_script.pop("the English sample")
        print(f"scripts, A4 of a short example leaflet (the English sample: {sample:.1f} ms): "
              + ", ".join(f"{name} {ms:.1f} ms = {ms / latin:.2f}x Welsh, {ms / sample:.2f}x the "
                          "sample" for name, ms in by_script.items()))
        floor = floor_ms(args.repeat)
        print(f"floor: bare ReportLab, same text and font, A4: {floor:.1f} ms/leaflet; "
              f"ours A4 {formats['a4']:.1f} ms = {formats['a4'] / floor:.2f}x")
        for name, measure in (("typst", typst_ms), ("weasyprint", weasyprint_ms)):
            ms = measure(args.repeat)
            if ms is None:
                print(f"{name}: not installed (pip install '.[bench]')")
                continue
            per_second = 1000 / ms * (os.cpu_count() or 1)
            print(f"{name}: {ms:.1f} ms/document in-process = {per_second:.1f} documents/s on "
                  f"{os.cpu_count()} cores; ours {outputs / full:.1f} leaflet-formats/s whole CLI")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
