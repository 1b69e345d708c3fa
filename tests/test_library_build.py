"""Whole-library builds: skipped/rebuilt decisions, manifest, orphans, parallel = serial."""

from __future__ import annotations

import json
import os
import re
import concurrent.futures
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

from conftest import MINIMAL, run_cli, write_leaflet
from leafletgen.formats import FORMAT_NAMES

SECOND = MINIMAL.replace("TEST-01", "TEST-02").replace("A test leaflet", "Another leaflet")


def summary(result) -> tuple[int, int, int]:
    match = re.search(r"(\d+) file\(s\) written, (\d+) unchanged, (\d+) leaflet\(s\) failed",
                      result.output)
    assert match, result.output
    return tuple(int(n) for n in match.groups())


def manifest(library) -> dict:
    return json.loads((library / "output" / "manifest.json").read_text())


def test_unchanged_library_is_skipped_and_one_edit_rebuilds_one_leaflet(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    two = write_leaflet(library, "two.yaml", SECOND)
    monkeypatch.chdir(library)
    assert summary(run_cli("build", "--format", "a4,a5")) == (4, 0, 0)
    first = (library / "output" / "TEST-01-v1.0-a4.pdf").stat().st_mtime_ns
    assert summary(run_cli("build", "--format", "a4,a5")) == (0, 4, 0)
    two.write_text(SECOND.replace("Some text.", "Some new text."), encoding="utf-8")
    result = run_cli("build", "--format", "a4,a5")
    assert summary(result) == (2, 2, 0)
    assert "wrote output/TEST-02-v1.0-a4.pdf" in result.output
    assert (library / "output" / "TEST-01-v1.0-a4.pdf").stat().st_mtime_ns == first
    assert summary(run_cli("build", "--format", "a4,a5", "--force")) == (4, 0, 0)


def test_new_format_builds_only_that_format(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    run_cli("build")
    assert summary(run_cli("build", "--format", "a4,a5")) == (1, 1, 0)


def test_changed_asset_theme_or_options_rebuild(library, monkeypatch):
    picture = library / "assets" / "pic.png"
    Image.new("RGB", (20, 10), "red").save(picture)
    write_leaflet(library, "one.yaml", MINIMAL + "      - image: {file: pic.png, alt: Red.}\n")
    monkeypatch.chdir(library)
    assert summary(run_cli("build")) == (1, 0, 0)
    Image.new("RGB", (20, 10), "blue").save(picture)
    assert summary(run_cli("build")) == (1, 0, 0)
    (library / "theme.yaml").write_text('colours:\n  heading: "#222266"\n')
    assert summary(run_cli("build")) == (1, 0, 0)
    assert summary(run_cli("build")) == (0, 1, 0)
    assert summary(run_cli("build", "--format", "large", "--large-size", "18")) == (1, 0, 0)
    assert summary(run_cli("build", "--format", "large", "--large-size", "20")) == (1, 0, 0)


def test_damaged_or_deleted_output_is_rebuilt(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    run_cli("build")
    target = library / "output" / "TEST-01-v1.0-a4.pdf"
    target.write_bytes(b"not a pdf")
    assert summary(run_cli("build")) == (1, 0, 0)
    target.unlink()
    assert summary(run_cli("build")) == (1, 0, 0)
    assert target.read_bytes().startswith(b"%PDF")


def test_manifest_lists_every_file(library, monkeypatch):
    write_leaflet(library, "one.yaml", "series: Bones\n" + MINIMAL + "quick_guide:\n  points: [One.]\n")
    monkeypatch.chdir(library)
    run_cli("build", "--format", "a4,quick")
    files = {f["file"]: f for f in manifest(library)["files"]}
    assert set(files) == {"TEST-01-v1.0-a4.pdf", "TEST-01-v1.0-quick.pdf", "series/bones-quick.pdf",
                          "index.html"}
    a4 = files["TEST-01-v1.0-a4.pdf"]
    assert (a4["id"], a4["title"], a4["version"], a4["format"], a4["pages"]) == (
        "TEST-01", "A test leaflet", "1.0", "a4", 1)
    assert (a4["published"], a4["review"], a4["source"]) == ("2026-01-10", "2027-01-10",
                                                             "leaflets/one.yaml")
    import hashlib

    data = (library / "output" / "TEST-01-v1.0-a4.pdf").read_bytes()
    assert a4["sha256"] == hashlib.sha256(data).hexdigest()
    source = (library / "leaflets" / "one.yaml").read_bytes()
    assert a4["source_sha256"] == hashlib.sha256(source).hexdigest()


def test_renamed_leaflet_leaves_orphans_until_pruned(library, monkeypatch):
    path = write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    run_cli("build")
    path.write_text(MINIMAL.replace('"1.0"', '"1.1"'), encoding="utf-8")  # version raised
    result = run_cli("build")
    assert "TEST-01-v1.0-a4.pdf: left over (use --prune to remove)" in result.output
    assert (library / "output" / "TEST-01-v1.0-a4.pdf").exists()
    path.rename(library / "leaflets" / "renamed.yaml")
    result = run_cli("build", "--prune")
    assert "TEST-01-v1.0-a4.pdf: removed" in result.output
    assert sorted(p.name for p in (library / "output").glob("*.pdf")) == ["TEST-01-v1.1-a4.pdf"]
    assert [f["source"] for f in manifest(library)["files"] if f["format"] != "catalogue"] == [
        "leaflets/renamed.yaml"]


def test_partial_build_keeps_the_rest_of_the_manifest(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    two = write_leaflet(library, "two.yaml", SECOND)
    monkeypatch.chdir(library)
    run_cli("build")
    result = run_cli("build", "leaflets/two.yaml", "--prune")
    assert "removed" not in result.output
    assert len(manifest(library)["files"]) == 3  # two leaflets and the catalogue
    assert two.exists()


class CountingPool(ProcessPoolExecutor):
    """The build's process pool, counting the jobs handed to its workers."""

    pools = submitted = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        CountingPool.pools += 1

    def submit(self, fn, /, *args, **kwargs):
        CountingPool.submitted += 1
        return super().submit(fn, *args, **kwargs)


def test_parallel_build_gives_the_same_bytes_and_survives_a_bad_leaflet(library, monkeypatch):
    from leafletgen import build as build_module

    for n in range(3):
        write_leaflet(library, f"l{n}.yaml", "series: S\n" + MINIMAL.replace(
            "TEST-01", f"TEST-1{n}") + "quick_guide:\n  points: [One point.]\n")
    write_leaflet(library, "bad.yaml", MINIMAL.replace("TEST-01", "BAD-1").replace("owner:", "ownr:"))
    monkeypatch.chdir(library)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountingPool)  # the build's
    monkeypatch.setattr(CountingPool, "pools", 0)
    monkeypatch.setattr(CountingPool, "submitted", 0)
    options = build_module.BuildOptions(formats=FORMAT_NAMES)
    reports: dict[int, list] = {1: [], 2: []}
    results = [build_module.build(  # 15 files: the pool starts only as its threshold is lowered
        [Path("leaflets")], options, Path(f"j{jobs}"), jobs=jobs, pool_threshold=2,
        progress=lambda *report, jobs=jobs: reports[jobs].append(report)) for jobs in (1, 2)]
    assert (CountingPool.pools, CountingPool.submitted) == (1, 15)  # every file, in a worker
    for result in results:
        assert (len(result.written), len(result.skipped), len(result.failures)) == (16, 0, 1)
        assert any(str(problem).startswith("leaflets/bad.yaml:6:1: error: unknown key 'ownr'")
                   for problem in result.failures["leaflets/bad.yaml"])
    reported = [[(path.relative_to(f"j{jobs}"), *rest) for path, *rest in reports[jobs]]
                for jobs in (1, 2)]
    assert reported[0] == reported[1]  # the same files reported, in the same order
    one, two = library / "j1", library / "j2"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert len([name for name in files if name.suffix == ".pdf"]) == 16
    for name in files:  # PDFs, thumbnails and the catalogue
        if name.name != "manifest.json":
            assert (one / name).read_bytes() == (two / name).read_bytes(), name
    facts = [[{k: v for k, v in f.items() if k != "mtime_ns"} for f in
              json.loads((folder / "manifest.json").read_text())["files"]] for folder in (one, two)]
    assert facts[0] == facts[1]  # the same files, hashes and pages; only file times differ


def test_a_leaflet_is_parsed_once_and_not_at_all_when_nothing_changed(library, monkeypatch):
    from leafletgen import build as build_module

    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    parsed = []
    load = build_module.load_leaflet
    monkeypatch.setattr(build_module, "load_leaflet",
                        lambda path: parsed.append(str(path)) or load(path))
    assert summary(run_cli("build", "--format", "a4,a5,large")) == (3, 0, 0)
    assert parsed == ["leaflets/one.yaml"]  # once for its three formats
    assert summary(run_cli("build", "--format", "a4,a5,large")) == (0, 3, 0)
    assert parsed == ["leaflets/one.yaml"]  # unchanged and every file fresh: not parsed
    assert summary(run_cli("build", "--format", "a4,a5,large,booklet")) == (1, 3, 0)
    assert parsed == ["leaflets/one.yaml"] * 2  # unchanged, but a new format needs it


def test_quiet_and_piped_output(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build", "--quiet").output.strip() == "1 file(s) written, 0 unchanged, 0 leaflet(s) failed"
    os.utime(library / "leaflets" / "one.yaml")
    assert "wrote" not in run_cli("build").output  # unchanged content, only a newer mtime


def test_catalogue_is_written_with_the_build_and_can_be_turned_off(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    run_cli("build", "--format", "a4,large")
    html = (library / "output" / "index.html").read_text()
    assert "A test leaflet" in html and 'href="TEST-01-v1.0-large.pdf"' in html
    assert (library / "output" / "thumbs" / "TEST-01-v1.0.png").exists()
    assert "index.html" in {f["file"] for f in manifest(library)["files"]}
    assert summary(run_cli("build", "--format", "a4,large")) == (0, 2, 0)
    (library / "output" / "thumbs" / "TEST-01-v1.0.png").unlink()
    assert "wrote output/index.html" in run_cli("build", "--format", "a4,large").output
    assert (library / "output" / "thumbs" / "TEST-01-v1.0.png").exists()
    run_cli("build", "--no-catalogue", "--out", "bare")
    assert not (library / "bare" / "index.html").exists()


def test_site_build_carries_the_site_contacts_in_every_format(library, monkeypatch):
    from conftest import page_texts

    (library / "sites").mkdir()
    (library / "sites" / "north.yaml").write_text(
        "name: North Hospital\ncontacts:\n  - name: Ward 7\n    phone: '01632 960 777'\n")
    write_leaflet(library, "one.yaml", MINIMAL + "contacts:\n  - name: Own team\n"
                  "quick_guide:\n  points: [One.]\n")
    monkeypatch.chdir(library)
    result = run_cli("build", "--site", "north", "--format", "a4,quick,booklet")
    assert result.exit_code == 0, result.output
    for fmt in ("a4", "quick", "booklet"):
        pages = page_texts(library / "output" / "north" / f"TEST-01-v1.0-{fmt}.pdf")
        text = " ".join(" ".join(pages).split())
        assert "01632 960 777" in text and "Own team" not in text, fmt
        assert all("North Hospital · A test leaflet (TEST-01)" in " ".join(p.split())
                   for p in pages), fmt
    assert "North Hospital" in (library / "output" / "north" / "index.html").read_text()
    bad = run_cli("build", "--site", "nowhere")
    assert bad.exit_code == 1 and "sites here: north" in bad.output
