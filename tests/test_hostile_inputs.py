"""Hostile inputs (issue 13): every bad file gives `path:LINE:COL: error: ... [rule]` from
both `leafletgen build` and `leafletgen check`, exit status 1, and never a traceback.

The corpus is generated here, small: impossible dates, broken and huge pictures, links a
PDF must not carry, bytes that are not text, numbers too long to read, an empty item, a
full-width version, a title of 2,000 words, file names that cannot name a file.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINIMAL, page_texts, run_cli

BODY_LINE = "      - Some text."  # line 10 of MINIMAL


def replace(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new)


def item(text: str) -> str:
    """MINIMAL with one more body item, at line 11."""
    return MINIMAL + f"      {text}\n"


def contact(line: str) -> str:
    """MINIMAL with one contact; `line` is at line 13."""
    return MINIMAL + f"contacts:\n  - name: Nurses\n    {line}\n"


def reading(line: str) -> str:
    """MINIMAL with one further_reading item; `line` is at line 13."""
    return MINIMAL + f"further_reading:\n  - title: Reading\n    {line}\n"


def image(file: str) -> str:
    return item(f"- image: {{file: {file}, alt: A picture of the clinic door.}}")


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


def write_assets(assets: Path) -> None:
    good = Image.new("RGB", (60, 40), "#224488")
    good.save(assets / "good.png")
    good.save(assets / "good.jpg")
    png, jpeg = (assets / "good.png").read_bytes(), (assets / "good.jpg").read_bytes()
    files = {
        "empty.png": b"",
        "truncated.png": png[: len(png) // 2],
        "truncated.jpg": jpeg[: len(jpeg) // 2],
        "words.png": b"This is not a picture.\n",
        "bomb.png": png_declaring(20_000, 20_000),
        "empty.svg": b"",
        "broken.svg": b"<svg xmlns='http://www.w3.org/2000/svg' width='10'",
        "zero.svg": b"<svg xmlns='http://www.w3.org/2000/svg' width='0' height='0'/>",
        "laughs.svg": b"<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'aaaaaaaaaa'>"
                      b"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                      b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
                      b"<text>&b;</text></svg>",
        "notes.svg": b"<html><body>not a picture</body></html>",
    }
    for name, data in files.items():
        (assets / name).write_bytes(data)


# (name, file contents, line, column or None, rule, words the message must contain)
CASES = [
    ("feb-30", replace("published: 2026-01-10", "published: 2026-02-30"), 4, 12,
     "format.date", "2026-02-30 is not a date (February 2026 has 28 days)"),
    ("month-13", replace("review: 2027-01-10", "review: 2027-13-10"), 5, 9,
     "format.date", "there is no month 13"),
    ("year-0", replace("published: 2026-01-10", "published: 0000-01-10"), 4, 12,
     "format.date", "there is no year 0"),
    ("history-feb-29", MINIMAL + 'history:\n  - version: "1.0"\n    date: 2027-02-29\n'
     "    changes: First version.\n", 13, 11, "format.date", "2027 is not a leap year"),
    ("datetime-hour-25", replace("review: 2027-01-10", "review: 2027-01-10 25:00:00"), 5, 9,
     "format.date", "is not a date"),
    ("null-paragraph", item("- ~"), 11, 9, "format.empty", "an empty paragraph"),
    ("null-list-item", item("- list: [the bones, ~]"), 11, 27, "format.empty",
     "an empty item in 'list'"),
    ("full-width-version", replace('version: "1.0"', 'version: "\uff11.\uff10"'), 3, 10,
     "format.version", "MAJOR.MINOR"),
    ("huge-order", MINIMAL + "order: " + "9" * 5000 + "\n", 11, 8, "format.range",
     "too long to be a number"),
    ("negative-order", MINIMAL + "order: -3\n", 11, 8, "format.range", "is not from 0 to"),
    ("tagged-int", MINIMAL + "order: !!int many\n", 11, 8, "format.type",
     "is not a whole number"),
    ("nul-byte", replace("Some text.", "Some\0 text."), 10, 13, "format.yaml-syntax",
     "U+0000"),
    ("esc-byte", replace("Some text.", "Some \x1b[31mtext."), 10, 14, "format.yaml-syntax",
     "U+001B"),
    ("latin-1", replace("Some text.", "Caf\xe9 text.").encode("latin-1"), 10, 12,
     "format.yaml-syntax", "not UTF-8 text (byte 0xe9)"),
    ("long-title", replace("title: A test leaflet", "title: " + "word " * 2000), 2, 8,
     "format.title-length", "more than 300"),
    ("javascript-link", replace("Some text.", "Read [this](javascript:alert(1)) now."), 10,
     21, "format.link", "'javascript:'"),
    ("file-link-folded", replace(BODY_LINE, "      - >-\n        Some text and\n"
                                 "        [a file](file:///etc/passwd)."), 12, 18,
     "format.link", "'file:'"),
    ("reading-url", MINIMAL + "further_reading:\n  - title: Reading\n"
     "    url: javascript:alert(1)\n", 13, 10, "format.link", "'javascript:' link"),
    ("mailto-headers", MINIMAL + "contacts:\n  - name: Nurses\n"
     "    email: nurses@example.org?bcc=all@example.org\n", 13, 12, "format.link",
     "cannot be a mailto: link"),
    ("email-words", contact("email: nurses at example.org"), 13, 12, "format.link",
     "the email 'nurses at example.org' is not an email address"),
    ("email-no-at", contact("email: nurses"), 13, 12, "format.link", "is not an email address"),
    ("mailto-no-at", replace("Some text.", "You can [email us](mailto:nurses-example.org)."),
     10, 28, "format.link", "'mailto:nurses-example.org' is not an email address"),
    ("tel-two-digits", replace("Some text.", "You can [call us](tel:12)."), 10, 27,
     "format.link", "'tel:12' is not a phone number: it has 2 digits"),
    ("tel-words", replace("Some text.", "You can [call us](tel:reception)."), 10, 27,
     "format.link", "is not a phone number"),
    ("link-no-scheme", replace("Some text.", "Read [our page](www.example.org)."), 10, 25,
     "format.link", "'www.example.org' does not start with https://, mailto: or tel:"),
    ("link-no-host", replace("Some text.", "Read [our page](https://example/page)."), 10, 25,
     "format.link", "has no valid site name ('example')"),
    ("link-empty-host", replace("Some text.", "Read [our page](https:///page)."), 10, 25,
     "format.link", "has no site name"),
    ("link-space", replace(BODY_LINE, "      - >-\n        Read [our page](https://example.org/a\n"
                           "        b)."), 11, 25, "format.link", "has a space in it"),
    ("link-bracket", replace("Some text.", "Read [it](https://example.org/a_(b))."), 10, 19,
     "format.link", "has '(' in it"),
    ("reading-url-no-scheme", reading("url: www.example.org/reading"), 13, 10, "format.link",
     "does not start with https://"),
    ("reading-url-no-host", reading("url: https://example/reading"), 13, 10, "format.link",
     "has no valid site name ('example')"),
    ("image-empty", image("empty.png"), 11, 23, "format.image", "is empty"),
    ("image-truncated-png", image("truncated.png"), 11, 23, "format.image",
     "is not a picture that can be read"),
    ("image-truncated-jpeg", image("truncated.jpg"), 11, 23, "format.image",
     "is not a picture that can be read"),
    ("image-not-a-picture", image("words.png"), 11, 23, "format.image", "not PNG or JPEG"),
    ("image-bomb", image("bomb.png"), 11, 23, "format.image", "too many pixels"),
    ("svg-empty", image("empty.svg"), 11, 23, "format.image", "is empty"),
    ("svg-broken", image("broken.svg"), 11, 23, "format.image", "not a valid SVG file"),
    ("svg-zero-size", image("zero.svg"), 11, 23, "format.image", "no size"),
    ("svg-entities", image("laughs.svg"), 11, 23, "format.image", "entities"),
    ("svg-not-svg", image("notes.svg"), 11, 23, "format.image", "not <svg>"),
    ("image-name-nul", image('"a\\0b.png"'), 11, 23, "format.asset-path", "NUL"),
    ("image-name-too-long", image("x" * 300 + ".png"), 11, 23, "format.asset-path",
     "304 bytes long"),
    ("image-gif", image("good.gif"), 11, 23, "format.image", "PNG, JPEG or SVG"),
    ("too-large", MINIMAL + "# " + "x" * 1_100_000 + "\n", 1, 1, "format.file-size",
     "larger than any leaflet"),
]


@pytest.fixture
def hostile(library, monkeypatch):
    write_assets(library / "assets")
    Image.new("RGB", (10, 10)).save(library / "assets" / "good.gif")
    monkeypatch.chdir(library)
    return library


def write_case(library: Path, name: str, contents: str | bytes) -> str:
    path = library / "leaflets" / f"{name}.yaml"
    data = contents if isinstance(contents, bytes) else contents.encode("utf-8")
    path.write_bytes(data)
    return f"leaflets/{name}.yaml"


def assert_located(output: str, shown: str, line: int, column: int, rule: str, words: str):
    assert "Traceback" not in output
    found = [text for text in output.splitlines()
             if text.startswith(f"{shown}:{line}:{column}: error: ") and text.endswith(f"[{rule}]")]
    assert found, output
    assert any(words in text for text in found), found


@pytest.mark.parametrize("name, contents, line, column, rule, words", CASES,
                         ids=[case[0] for case in CASES])
def test_build_and_check_refuse_it_at_its_place(hostile, name, contents, line, column, rule,
                                                words):
    shown = write_case(hostile, name, contents)
    built = run_cli("build", shown, "--out", "out", "--no-catalogue")
    assert built.exit_code == 1, built.output
    assert_located(built.output, shown, line, column, rule, words)
    assert not list((hostile / "out").glob("*.pdf"))
    checked = run_cli("check", shown)
    assert checked.exit_code == 1, checked.output
    assert_located(checked.output, shown, line, column, rule, words)


def test_a_good_picture_of_each_kind_still_builds(hostile):
    (hostile / "assets" / "good.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'>"
        "<rect width='40' height='20' fill='#224488'/></svg>")
    text = MINIMAL + "".join(f"      - image: {{file: good.{kind}, alt: The blue clinic door.}}\n"
                             for kind in ("png", "jpg", "svg"))
    shown = write_case(hostile, "pictures", text)
    result = run_cli("build", shown, "--out", "out", "--no-catalogue")
    assert result.exit_code == 0, result.output
    assert (hostile / "out" / "TEST-01-v1.0-a4.pdf").is_file()


def test_a_bad_image_and_a_bad_date_stop_only_their_own_leaflets(hostile):
    write_case(hostile, "good", MINIMAL.replace("TEST-01", "GOOD-01"))
    write_case(hostile, "bad-image", image("bomb.png").replace("TEST-01", "IMAGE-01"))
    write_case(hostile, "bad-date", replace("published: 2026-01-10", "published: 2026-02-30")
               .replace("TEST-01", "DATE-01"))
    result = run_cli("build", "--out", "out", "--format", "a4,a5")
    assert result.exit_code == 1, result.output
    assert_located(result.output, "leaflets/bad-image.yaml", 11, 23, "format.image",
                   "too many pixels")
    assert_located(result.output, "leaflets/bad-date.yaml", 4, 12, "format.date",
                   "February 2026 has 28 days")
    assert sorted(p.name for p in (hostile / "out").glob("*.pdf")) == [
        "GOOD-01-v1.0-a4.pdf", "GOOD-01-v1.0-a5.pdf"]
    # The manifest and the nurses' catalogue are written too, with the good leaflet in them.
    listed = json.loads((hostile / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {f["file"] for f in listed["files"]} == {
        "GOOD-01-v1.0-a4.pdf", "GOOD-01-v1.0-a5.pdf", "index.html"}
    assert "GOOD-01" in (hostile / "out" / "index.html").read_text(encoding="utf-8")


def test_a_broken_theme_logo_is_refused_at_its_line(hostile):
    (hostile / "theme.yaml").write_text("organisation: Northfield\nlogo: truncated.png\n")
    write_case(hostile, "good", MINIMAL)
    result = run_cli("build", "--out", "out")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "theme.yaml:2:7: error: the logo 'truncated.png' is not a picture" in result.output
    assert result.output.rstrip().endswith("[theme.logo]")


def test_a_broken_site_logo_is_refused_at_its_line(hostile):
    (hostile / "sites").mkdir()
    (hostile / "sites" / "north.yaml").write_text(
        'name: North\ncontacts:\n  - name: Ward 7\n    phone: "0123 456 7890"\nlogo: bomb.png\n')
    write_case(hostile, "good", MINIMAL)
    result = run_cli("build", "--out", "out", "--site", "north")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "north.yaml:5:7: error: logo 'bomb.png' has too many pixels" in result.output


def link_targets(pdf: Path) -> list[str]:
    """The URI of every link annotation in a PDF, in page order."""
    from pypdf import PdfReader

    return [annot.get_object()["/A"]["/URI"] for page in PdfReader(pdf).pages
            for annot in page.get("/Annots") or [] if "/A" in annot.get_object()]


def test_every_well_formed_link_still_builds_and_is_linked(hostile):
    text = (replace("Some text.", "Read [the NHS page](https://www.nhs.uk/conditions/cancer/), "
                    "[email us](mailto:name@example.org) or [ring us](tel:+441234567890).")
            + "contacts:\n  - name: Nurses\n    phone: \"0123 456 7890\"\n"
              "    email: name@example.org\n"
              "further_reading:\n  - title: Reading\n    url: https://www.nhs.uk/reading\n")
    shown = write_case(hostile, "links", text)
    result = run_cli("build", shown, "--out", "out", "--no-catalogue", "--format", "a4")
    assert result.exit_code == 0, result.output
    assert run_cli("check", shown).exit_code == 0
    assert set(link_targets(hostile / "out" / "TEST-01-v1.0-a4.pdf")) == {
        "https://www.nhs.uk/conditions/cancer/", "mailto:name@example.org",
        "tel:+441234567890", "tel:01234567890", "https://www.nhs.uk/reading"}


@pytest.mark.parametrize("phone, target", [
    ("ask at reception", None), ("0123 456 7890 ext 12", None), ("12", None),
    ("+44 (0)1234 567890", "tel:+441234567890")])
def test_a_phone_that_is_not_a_number_to_dial_prints_as_text(hostile, phone, target):
    shown = write_case(hostile, "phone", MINIMAL + f"contacts:\n  - name: Nurses\n"
                                                   f"    phone: \"{phone}\"\n")
    result = run_cli("build", shown, "--out", "out", "--no-catalogue", "--format", "a4")
    assert result.exit_code == 0, result.output  # a phone is text: check warns about its form
    pdf = hostile / "out" / "TEST-01-v1.0-a4.pdf"
    assert [t for t in link_targets(pdf) if t.startswith("tel:")] == ([target] if target else [])
    assert phone in " ".join(page_texts(pdf))
