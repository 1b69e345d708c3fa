"""A build is safe by construction (issue 13): the same library gives the same manifest keys
and series names from anywhere, ids are unique across the whole library, builds into one
folder take turns, and whatever goes wrong with one leaflet or one file is reported in one
line while the rest of the library, the manifest and the catalogue are still written."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli, write_leaflet
from leafletgen import build as build_module
from leafletgen.build import jobs as jobs_module
from leafletgen.build import BuildOptions, build
from leafletgen.build.lock import OutputLock
from leafletgen.formats import FORMAT_NAMES
from leafletgen.names import LOCK, MANIFEST, series_slug, series_slugs, series_target

QUICK = "quick_guide:\n  points: [One point.]\n"


def leaflet(n: int, extra: str = "") -> str:
    return extra + MINIMAL.replace("TEST-01", f"TEST-{n:02}").replace(
        "A test leaflet", f"Leaflet {n}")


def manifest(out: Path) -> dict:
    return json.loads((out / MANIFEST).read_text(encoding="utf-8"))


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# 1. Sources are keyed relative to the library root.

def test_prune_from_another_folder_keeps_every_leaflet_that_is_still_there(library, monkeypatch):
    for n in range(1, 6):
        write_leaflet(library, f"l0{n}.yaml", leaflet(n))
    monkeypatch.chdir(library)
    assert run_cli("build").exit_code == 0
    monkeypatch.chdir(library.parent)
    lib = library.name
    result = run_cli("build", f"{lib}/leaflets/l01.yaml", "--out", f"{lib}/output", "--prune")
    assert result.exit_code == 0, result.output
    assert "removed" not in result.output
    assert len(list((library / "output").glob("*.pdf"))) == 5
    sources = [f["source"] for f in manifest(library / "output")["files"] if f["source"]]
    assert sources == [f"leaflets/l0{n}.yaml" for n in range(1, 6)]
    monkeypatch.chdir(library / "leaflets")  # and from inside leaflets/: the same keys
    assert run_cli("build", "l02.yaml", "--out", "../output", "--prune").exit_code == 0
    assert len(list((library / "output").glob("*.pdf"))) == 5
    assert [s for item in manifest(library / "output")["sources"] for s in item] == sources


def test_a_leaflet_renamed_is_still_pruned_from_another_folder(library, monkeypatch):
    path = write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    run_cli("build")
    path.write_text(MINIMAL.replace('"1.0"', '"1.1"'), encoding="utf-8")
    monkeypatch.chdir(library.parent)
    result = run_cli("build", f"{library.name}/leaflets", "--out", f"{library.name}/output",
                     "--prune")
    assert f"{library.name}/output/TEST-01-v1.0-a4.pdf: removed" in result.output
    assert sorted(p.name for p in (library / "output").glob("*.pdf")) == ["TEST-01-v1.1-a4.pdf"]


def test_diagnostics_show_the_path_as_it_was_given(library, monkeypatch):
    write_leaflet(library, "bad.yaml", MINIMAL.replace("owner:", "ownr:"))
    monkeypatch.chdir(library.parent)
    result = run_cli("build", f"{library.name}/leaflets", "--out", f"{library.name}/output")
    assert f"{library.name}/leaflets/bad.yaml:6:1: error: unknown key 'ownr'" in result.output


def test_an_older_manifest_means_rebuild(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    run_cli("build")
    data = manifest(library / "output")
    data["schema"] -= 1
    (library / "output" / MANIFEST).write_text(json.dumps(data))
    assert "1 file(s) written, 0 unchanged" in run_cli("build").output


# 2. A duplicate id is looked for in the whole library.

def test_a_duplicate_id_in_a_file_not_named_is_refused(library, monkeypatch):
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    run_cli("build")
    before = digests(library / "output")
    write_leaflet(library, "b.yaml", MINIMAL.replace("A test leaflet", "Another one"))
    result = run_cli("build", "leaflets/b.yaml")
    assert result.exit_code == 1
    assert ("leaflets/b.yaml:1:5: error: id 'TEST-01' is also used by leaflets/a.yaml:1:5"
            in result.output), result.output
    assert "[format.duplicate-id]" in result.output
    after = digests(library / "output")
    assert {k: v for k, v in after.items() if k != MANIFEST} == {
        k: v for k, v in before.items() if k != MANIFEST}


def test_a_changed_file_not_named_is_read_for_its_id_only(library, monkeypatch):
    a = write_leaflet(library, "a.yaml", leaflet(1))
    write_leaflet(library, "b.yaml", leaflet(2))
    monkeypatch.chdir(library)
    run_cli("build")
    a.write_text(leaflet(2).replace("Some text.", "Changed."), encoding="utf-8")  # now TEST-02
    loaded = []
    load = build_module.load_leaflet
    monkeypatch.setattr(build_module, "load_leaflet", lambda p: loaded.append(str(p)) or load(p))
    result = run_cli("build", "leaflets/b.yaml", "--force")
    assert result.exit_code == 1
    assert "id 'TEST-02' is also used by leaflets/a.yaml:1:5" in result.output
    assert loaded == []  # a.yaml was not loaded; b.yaml was unchanged


def test_a_duplicate_id_in_the_manifest_outside_the_library_is_refused(
        library, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "elsewhere.yaml"
    elsewhere.write_text(MINIMAL, encoding="utf-8")
    write_leaflet(library, "a.yaml", MINIMAL)
    monkeypatch.chdir(library)
    assert run_cli("build", str(elsewhere)).exit_code == 0
    result = run_cli("build", "leaflets/a.yaml")
    assert result.exit_code == 1
    assert f"also used by {elsewhere}:1:5" in result.output


# 3. One build at a time into a folder.

BUILDER = """
import sys
from pathlib import Path
from leafletgen.build import BuildOptions, build

def waiting(pid):
    print(f"waiting for the build with pid {pid}", file=sys.stderr, flush=True)

result = build([Path(sys.argv[1])], BuildOptions(("a4", "quick")), Path(sys.argv[2]),
               waiting=waiting)
print(len(result.written), sorted(result.failures))
"""


def test_two_builds_into_one_folder_take_turns_and_both_are_listed(library):
    for n in range(1, 5):
        write_leaflet(library, f"l{n}.yaml", leaflet(n, "series: S\n") + QUICK)
    out = library / "output"
    logs = [library / f"build{n}.log" for n in (1, 2)]
    with OutputLock(out):  # this test holds the folder, so the two builds meet for sure
        builds = [subprocess.Popen(
            [sys.executable, "-c", BUILDER, str(library / "leaflets" / name), str(out)],
            stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
            for name, log in zip(("l1.yaml", "l2.yaml"), logs)]
        deadline = time.monotonic() + 60
        while not all("waiting" in log.read_text() for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            time.sleep(0.05)
    for process in builds:
        stdout, _ = process.communicate(timeout=120)
        assert process.returncode == 0 and stdout.split()[1] == "[]", stdout
    for log in logs:
        assert log.read_text().count(f"waiting for the build with pid {os.getpid()}") == 1
    files = {f["file"] for f in manifest(out)["files"]}
    assert {"TEST-01-v1.0-a4.pdf", "TEST-01-v1.0-quick.pdf", "TEST-02-v1.0-a4.pdf",
            "TEST-02-v1.0-quick.pdf", "index.html", "series/s-quick.pdf"} <= files
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Leaflet 1" in html and "Leaflet 2" in html
    assert not (out / LOCK).exists()


def test_the_command_says_which_build_it_waits_for(library):
    write_leaflet(library, "one.yaml", MINIMAL)
    log = library / "build.log"
    with OutputLock(library / "output"):  # held by this test: the command must wait for it
        command = subprocess.Popen([sys.executable, "-m", "leafletgen", "build", "--quiet"],
                                   cwd=library, stderr=log.open("w"), text=True)
        deadline = time.monotonic() + 60
        while "waiting" not in log.read_text():
            assert time.monotonic() < deadline and command.poll() is None, log.read_text()
            time.sleep(0.05)
        assert not (library / "output" / "TEST-01-v1.0-a4.pdf").exists()
    assert command.wait(timeout=120) == 0, log.read_text()
    assert log.read_text().splitlines()[0] == (
        f"waiting for the build with pid {os.getpid()} writing into this folder ...")
    assert (library / "output" / "TEST-01-v1.0-a4.pdf").is_file()


def test_a_build_that_waits_too_long_gives_up_in_one_line(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    told = []
    with OutputLock(Path("output")):
        result = build([Path("leaflets")], BuildOptions(), Path("output"), lock_timeout=0.2,
                       waiting=told.append)
    assert told == [os.getpid()]
    [problems] = result.failures.values()
    assert [p.code for p in problems] == ["build.locked"]
    assert str(problems[0]).startswith(f"output: error: another build (pid {os.getpid()}) is "
                                       "writing into this folder: gave up waiting after 0.2 s")
    assert "\n" not in str(problems[0])
    assert not (library / "output" / "TEST-01-v1.0-a4.pdf").exists()


# 4. Series file names.

def test_series_names_are_unique_stable_and_short():
    names = ["Breast & bowel", "Breast bowel", "Рак груди", "乳腺癌", "x" * 400,
             "Secondary breast cancer"]
    slugs = series_slugs(names)
    assert slugs == series_slugs(reversed(names))  # the same library, the same names
    assert len(set(slugs.values())) == len(names)
    assert slugs["Secondary breast cancer"] == "secondary-breast-cancer"
    assert slugs["Breast & bowel"] == "breast-bowel"  # the first in sorted order keeps it
    assert slugs["Breast bowel"].startswith("breast-bowel-")
    assert slugs["Рак груди"].startswith("series-") and len(slugs["Рак груди"]) == 15
    assert series_slug("Crème brûlée") == "creme-brulee"
    assert all(len(series_target(s).split("/")[-1].encode()) < 255 for s in slugs.values())


def test_series_that_share_a_slug_get_a_file_each_and_the_catalogue_links_both(library,
                                                                               monkeypatch):
    # Names in Cyrillic and Bengali: both slug to "series-<hash>" (the tool has their fonts).
    for n, series in enumerate(["Breast & bowel", "Breast bowel", "Рак груди",
                                "স্তন ক্যান্সার"], 1):
        write_leaflet(library, f"l{n}.yaml", leaflet(n, f"series: {series}\n") + QUICK)
    monkeypatch.chdir(library)
    result = run_cli("build", "--format", "a4,quick")
    assert result.exit_code == 0, result.output
    series = sorted(p.name for p in (library / "output" / "series").iterdir())
    assert len(series) == 4 and "breast-bowel-quick.pdf" in series
    assert "0 file(s) written, 12 unchanged" in run_cli("build", "--format", "a4,quick").output
    html = (library / "output" / "index.html").read_text(encoding="utf-8")
    for name in series:
        assert f'href="series/{name}"' in html
    anchors = re.findall(r'<section class="group" id="(series-[^"]+)"', html)
    assert len(anchors) == len(set(anchors)) == 4
    # A build of one leaflet names its series file as the whole library's build did.
    assert series[0].startswith("breast-bowel-")  # "Breast bowel": the second in order
    (library / "output" / "series" / series[0]).unlink()
    assert run_cli("build", "leaflets/l2.yaml", "--format", "a4,quick").exit_code == 0
    assert sorted(p.name for p in (library / "output" / "series").iterdir()) == series


def test_a_series_name_too_long_for_a_file_name_still_builds(library, monkeypatch):
    write_leaflet(library, "one.yaml", "series: " + "Long name " * 40 + "\n" + MINIMAL + QUICK)
    monkeypatch.chdir(library)
    result = run_cli("build", "--format", "quick")
    assert result.exit_code == 0, result.output
    [joined] = (library / "output" / "series").iterdir()
    assert len(joined.name.encode()) < 255


# 5. --format all builds what each leaflet can have.

def test_format_all_skips_a_missing_quick_guide_and_says_so(library, monkeypatch):
    write_leaflet(library, "x.yaml", leaflet(1))
    write_leaflet(library, "y.yaml", leaflet(2) + QUICK)
    monkeypatch.chdir(library)
    result = build([Path("leaflets")], BuildOptions(FORMAT_NAMES), Path("output"))
    assert result.failures == {}
    assert result.notes == ["leaflets/x.yaml: quick guide skipped: the leaflet has no quick_guide"]
    built = {p.name for p in (library / "output").glob("*.pdf")}
    assert len(built) == 2 * len(FORMAT_NAMES) - 1 and "TEST-01-v1.0-quick.pdf" not in built
    every = run_cli("build", "--format", "all", "--force")
    assert every.exit_code == 0, every.output
    assert "leaflets/x.yaml: quick guide skipped: the leaflet has no quick_guide" in every.stderr
    named = run_cli("build", "--format", "a4,quick")  # a quick guide asked for by name
    assert named.exit_code == 1
    assert "this leaflet has no quick_guide, so the quick guide format cannot" in named.output


# 6. One bad leaflet never stops the others.

def broken_produce(monkeypatch, bad_id: str, exc: Exception) -> None:
    produce = jobs_module.produce

    def fake(leaflet, *args, **kwargs):
        if leaflet.id == bad_id:
            raise exc
        return produce(leaflet, *args, **kwargs)

    monkeypatch.setattr(jobs_module, "produce", fake)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_in_one_leaflet_fails_that_leaflet_only(library, monkeypatch, jobs):
    for n in range(1, 4):
        write_leaflet(library, f"l{n}.yaml", leaflet(n, "series: S\n") + QUICK)
    monkeypatch.chdir(library)
    broken_produce(monkeypatch, "TEST-02", RuntimeError("boom"))
    monkeypatch.setitem(build_module.build.__kwdefaults__, "pool_threshold", 1)  # the pool too
    result = run_cli("build", "--format", "a4,quick", "--jobs", jobs)
    assert result.exit_code == 1
    assert ("leaflets/l2.yaml: error: internal error while building leaflets/l2.yaml as a4: "
            "RuntimeError: boom") in result.output
    assert "Traceback" not in result.output
    files = {f["file"] for f in manifest(library / "output")["files"]}
    assert {"TEST-01-v1.0-a4.pdf", "TEST-03-v1.0-quick.pdf", "series/s-quick.pdf",
            "index.html"} <= files
    assert not any(name.startswith("TEST-02") for name in files)
    assert "Leaflet 3" in (library / "output" / "index.html").read_text(encoding="utf-8")


def test_the_traceback_is_kept_for_debug(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    broken_produce(monkeypatch, "TEST-01", ValueError("a library's value error"))
    result = build([Path("leaflets")], BuildOptions(), Path("output"))
    [problem] = result.failures["leaflets/one.yaml"]
    assert problem.code == "internal.error" and "Traceback" in problem.detail


def test_a_broken_thumbnail_series_join_or_catalogue_keeps_the_manifest(library, monkeypatch):
    from leafletgen.build import index, series
    from leafletgen.catalogue import thumbs

    def fail(*args, **kwargs):
        raise ValueError("broken")

    write_leaflet(library, "one.yaml", "series: S\n" + MINIMAL + QUICK)
    monkeypatch.chdir(library)
    monkeypatch.setattr(jobs_module, "ensure_thumbnail", fail)
    monkeypatch.setattr(thumbs, "ensure_thumbnail", fail)
    monkeypatch.setattr(series, "series_pdf", fail)
    result = run_cli("build", "--format", "a4,quick")
    assert result.exit_code == 1
    assert ("output/thumbs/TEST-01-v1.0.png: error: internal error while making the thumbnail"
            in result.output)
    assert ("output/series/s-quick.pdf: error: internal error while joining the quick guides "
            "of S: ValueError: broken") in result.output
    assert "Traceback" not in result.output
    files = {f["file"] for f in manifest(library / "output")["files"]}
    assert files == {"TEST-01-v1.0-a4.pdf", "TEST-01-v1.0-quick.pdf", "index.html"}
    monkeypatch.setattr(index, "write_catalogue", fail)
    (library / "output" / "index.html").unlink()
    result = run_cli("build", "--format", "a4,quick")
    assert "output/index.html: error: internal error while writing the catalogue" in result.output
    assert "TEST-01-v1.0-a4.pdf" in {f["file"] for f in manifest(library / "output")["files"]}


# 7. File-system trouble: one line, exit 1, the good files left as they were.

def file_system_line(output: str) -> str:
    """The one line that says what the file system did: said once, however many files."""
    assert "Traceback" not in output
    [line] = [line for line in output.splitlines() if "[build.file-system]" in line]
    return line


def test_out_under_a_file_is_one_line(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    (library / "afile").write_text("not a folder")
    monkeypatch.chdir(library)
    result = run_cli("build", "--out", "afile/out")
    assert result.exit_code == 1
    assert file_system_line(result.output).startswith(
        "afile/out: error: Not a directory (part of the path is a file, not a folder")


@pytest.mark.parametrize("code, hint", [(errno.ENOSPC, "the disk is full"),
                                        (errno.EFBIG, "the file is too large for this disk"),
                                        (errno.EROFS, "the disk or folder is read-only")])
def test_a_write_that_fails_is_one_line_and_the_old_files_stay(library, monkeypatch, code, hint):
    write_leaflet(library, "one.yaml", "series: S\n" + MINIMAL + QUICK)
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "a4,quick").exit_code == 0
    before = digests(library / "output")

    def replace(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("build", "--format", "a4,quick", "--force")
    assert result.exit_code == 1
    assert file_system_line(result.output).startswith(
        f"output/TEST-01-v1.0-a4.pdf: error: {os.strerror(code)} ({hint}")
    assert digests(library / "output") == before  # the manifest too: it could not be written


def test_a_build_of_one_leaflet_keeps_the_others_in_its_series_file(library, monkeypatch):
    from conftest import page_texts

    one = write_leaflet(library, "l1.yaml", leaflet(1, "series: S\n") + QUICK)
    write_leaflet(library, "l2.yaml", leaflet(2, "series: S\n") + QUICK)
    monkeypatch.chdir(library)
    run_cli("build", "--format", "quick")
    one.write_text(one.read_text(encoding="utf-8").replace("One point.", "A new point."),
                   encoding="utf-8")
    result = run_cli("build", "leaflets/l1.yaml", "--format", "quick", "--prune")
    assert "wrote output/series/s-quick.pdf" in result.output and "removed" not in result.output
    pages = page_texts(library / "output" / "series" / "s-quick.pdf")
    assert len(pages) == 2 and "A new point." in pages[0] and "Leaflet 2" in pages[1]


def test_a_folder_that_cannot_be_written_into_is_one_line(library, monkeypatch):
    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    opened = open

    def read_only(path, *args, **kwargs):
        if str(path).endswith(LOCK):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", read_only)
    result = run_cli("build")
    assert result.exit_code == 1
    assert file_system_line(result.output).startswith(
        "output: error: Read-only file system (the disk or folder is read-only")


def test_a_file_system_without_locks_still_builds(library, monkeypatch):
    import fcntl

    def no_locks(*args):
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    write_leaflet(library, "one.yaml", MINIMAL)
    monkeypatch.chdir(library)
    monkeypatch.setattr(fcntl, "flock", no_locks)
    assert run_cli("build").exit_code == 0
    assert not (library / "output" / LOCK).exists()


def test_a_series_whose_only_leaflet_now_breaks_keeps_its_file(library, monkeypatch):
    a = write_leaflet(library, "a.yaml", leaflet(1, "series: Only\n") + QUICK)
    write_leaflet(library, "b.yaml", leaflet(2) + QUICK)
    monkeypatch.chdir(library)
    assert run_cli("build", "--format", "quick").exit_code == 0
    a.write_text("id: [not, closed\n", encoding="utf-8")  # no id can be read of it now
    result = run_cli("build", "leaflets/b.yaml", "--format", "quick", "--force")
    assert result.exit_code == 0, result.output
    assert (library / "output" / "series" / "only-quick.pdf").exists()
    assert "series/only-quick.pdf" in {f["file"] for f in manifest(library / "output")["files"]}


RUN_JOB = build_module.run_job


def crash_on_second(job, options, out_dir):
    """A worker that dies (as on a segfault) while building TEST-02."""
    if job.target.startswith("TEST-02"):
        os._exit(1)
    return RUN_JOB(job, options, out_dir)


def test_a_worker_that_dies_fails_its_jobs_and_the_manifest_is_written(library, monkeypatch):
    for n in range(1, 4):
        write_leaflet(library, f"l{n}.yaml", leaflet(n))
    monkeypatch.chdir(library)
    monkeypatch.setattr(build_module, "run_job", crash_on_second)
    result = build([Path("leaflets")], BuildOptions(), Path("output"), jobs=2, pool_threshold=1)
    assert "leaflets/l2.yaml" in result.failures
    problems = [p for ps in result.failures.values() for p in ps]
    assert {p.code for p in problems} == {"internal.error"}
    assert all("BrokenProcessPool" in str(p) for p in problems)
    assert (library / "output" / MANIFEST).exists() and (library / "output" / "index.html").exists()
