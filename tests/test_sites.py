"""Site contact files: validation at file:line, apply_site, and real PDFs built for a site."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import MINIMAL, REPO, write_leaflet
from leafletgen.produce import BuildOptions, produce
from leafletgen.errors import LeafletError
from leafletgen.load import load_leaflet
from leafletgen.model import Contact
from leafletgen.load.sites import Site, apply_site, find_site, load_site

SITE = """\
name: Northfield General Hospital
contacts:
  - name: Ward 7 nurses
    phone: "01632 960 777"
    hours: Any time
    email: ward7@example.org
"""
LEAFLET_CONTACT = """
contacts:
  - name: Central booking team
    phone: "0123 000 1111"
"""
QUICK = """
quick_guide:
  points:
    - Call the ward if you are worried.
"""
SENTENCE = "This sentence is here to fill the page with plain words for the reader. "


def write_site(library: Path, text: str, name: str = "northfield") -> Path:
    path = library / "sites" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(LeafletError) as caught:
        load_site(path)
    return [str(d) for d in caught.value.diagnostics]


def test_a_site_file_loads(library):
    (library / "assets" / "logos").mkdir()
    Image.new("RGB", (40, 20), "navy").save(library / "assets" / "logos" / "northfield.png")
    site = load_site(write_site(library, SITE + "contacts_mode: before\nlogo: logos/northfield.png\n"))
    assert site.name == "Northfield General Hospital"
    assert site.slug == "northfield"
    assert site.mode == "before"
    assert site.logo == str((library / "assets" / "logos" / "northfield.png").resolve())
    [contact] = site.contacts
    assert (contact.name, contact.phone, contact.hours, contact.email) == (
        "Ward 7 nurses", "01632 960 777", "Any time", "ward7@example.org")
    assert contact.span.line == 3


def test_mode_defaults_to_replace_and_the_sample_site_loads():
    site = load_site(find_site(REPO, "example-general"))
    assert site.mode == "replace" and site.slug == "example-general"
    assert site.name and site.contacts and all(c.phone for c in site.contacts)


def test_every_problem_is_reported_at_its_line_with_a_hint(library):
    path = write_site(library, """\
        nmae: Northfield
        contacts:
          - name: Ward 7
            phnoe: "01632 960 777"
        contacts_mode: befor
        logo: logos/missing.png
        """)
    found = problems(path)
    assert f"{path}:1:1: error: unknown key 'nmae' in the site file (did you mean 'name'?) " \
           "[format.unknown-key]" in found
    assert any(f"{path}:1:1: error: the site file needs the field 'name'" in p for p in found)
    assert any(p.startswith(f"{path}:4:5: error: unknown key 'phnoe' in a contact")
               and "did you mean 'phone'?" in p for p in found)
    assert any(p.startswith(f"{path}:5:16: error: contacts_mode 'befor'")
               and "did you mean 'before'?" in p and p.endswith("[site.contacts-mode]") for p in found)
    assert any(p.startswith(f"{path}:6:7: error: logo file 'logos/missing.png' does not exist")
               and p.endswith("[site.logo]") for p in found)


@pytest.mark.parametrize("text, expected", [
    ("name: X\ncontacts: []\n", ":2:11: error: 'contacts' needs at least 1 item(s)"),
    ("name: X\ncontacts:\n  - phone: '1'\n", ":3:5: error: a contact needs the field 'name'"),
    ("name: X\nname: Y\ncontacts:\n  - name: A\n", ":2:1: error: key 'name' appears twice"),
    ("name: X\ncontacts:\n  - name: A\nlogo: ../../etc/passwd\n", ":4:7: error: logo '../../etc/passwd' is outside"),
    ("name: X\ncontacts:\n  - name: A\n  name: B\n", ":4:3: error: this is not valid YAML"),
    ("- name: X\n", ":1:1: error: the site file must be a mapping of fields, not a list"),
    ("", ":1:1: error: the file is empty"),
])
def test_site_file_mistakes(library, text, expected):
    path = write_site(library, text)
    assert any(p.startswith(f"{path}{expected}") for p in problems(path)), problems(path)


def test_a_logo_must_be_a_picture(library):
    (library / "assets" / "notes.txt").write_text("not a picture")
    path = write_site(library, SITE + "logo: notes.txt\n")
    assert any(":7:7: error: logo 'notes.txt' is not a picture" in p for p in problems(path))


def test_a_file_name_that_cannot_name_an_output_folder_is_refused(library):
    path = write_site(library, SITE, name="North Field")
    assert any("cannot name a site" in p and "[site.file-name]" in p for p in problems(path))


def test_find_site_lists_the_sites_there(library):
    write_site(library, SITE, "northfield")
    write_site(library, SITE, "southgate")
    assert find_site(library, "southgate") == library / "sites" / "southgate.yaml"
    for name, hint in (("northfeld", "did you mean 'northfield'?"), ("../leaflets/x", "sites here")):
        with pytest.raises(LeafletError) as caught:
            find_site(library, name)
        [diagnostic] = caught.value.diagnostics
        assert diagnostic.code == "site.unknown"
        assert hint in diagnostic.hint and "northfield, southgate" in diagnostic.hint


def test_find_site_without_a_sites_folder(library):
    with pytest.raises(LeafletError, match="there is no site file in .*sites yet"):
        find_site(library, "northfield")


def leaflet_with_contacts(library: Path, extra: str = ""):
    return load_leaflet(write_leaflet(library, "t.yaml", MINIMAL + LEAFLET_CONTACT + extra))


def test_apply_site_replaces_the_contacts_and_names_the_site(library):
    leaflet = leaflet_with_contacts(library)
    site = load_site(write_site(library, SITE))
    applied = apply_site(leaflet, site)
    assert [c.name for c in applied.contacts] == ["Ward 7 nurses"]
    assert applied.site == "Northfield General Hospital"
    assert applied.sections == leaflet.sections and applied.id == leaflet.id
    assert [c.name for c in leaflet.contacts] == ["Central booking team"]  # the original is unchanged
    assert leaflet.site == ""


def test_apply_site_before_keeps_the_leaflets_contacts_after_without_repeats(library):
    leaflet = leaflet_with_contacts(library)
    own = leaflet.contacts[0]
    site = Site("Northfield", "northfield", (ward_contact(), own), mode="before")
    applied = apply_site(leaflet, site)
    assert [c.name for c in applied.contacts] == ["Ward 7 nurses", "Central booking team"]
    site_only = Site("Northfield", "northfield", (ward_contact(),), mode="before")
    assert [c.name for c in apply_site(leaflet, site_only).contacts] == [
        "Ward 7 nurses", "Central booking team"]


def ward_contact() -> Contact:
    return Contact("Ward 7 nurses", "01632 960 777")


def pdf_pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_a_site_build_prints_the_site_contacts_and_names_the_site_on_every_page(library):
    long_text = "\n".join(f"  - heading: Part {n}\n    body:\n      - {SENTENCE * 30}" for n in range(4))
    leaflet = load_leaflet(write_leaflet(library, "t.yaml", MINIMAL + long_text + "\n" + LEAFLET_CONTACT))
    applied = apply_site(leaflet, load_site(write_site(library, SITE)))
    pages = pdf_pages(produce(applied, "a4", BuildOptions()).data)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "Northfield General Hospital \u00b7 A test leaflet (TEST-01)" in text, number
    everything = " ".join(pages)
    assert "01632 960 777" in everything and "Ward 7 nurses" in everything
    assert "0123 000 1111" not in everything and "Central booking team" not in everything


@pytest.mark.parametrize("format_name", ["a5", "quick", "large", "booklet"])
def test_every_format_carries_the_site(library, format_name):
    leaflet = leaflet_with_contacts(library, QUICK)
    applied = apply_site(leaflet, load_site(write_site(library, SITE + "contacts_mode: before\n")))
    pages = pdf_pages(produce(applied, format_name, BuildOptions()).data)
    everything = " ".join(pages)
    assert "01632 960 777" in everything  # the site's number
    assert "0123 000 1111" in everything  # and, with contacts_mode before, the leaflet's own
    assert everything.index("01632 960 777") < everything.index("0123 000 1111")
    assert all("Northfield General Hospital" in text for text in pages)
