"""Hospital sites: each site's own contact details, put into leaflets at build time.

A site file, sites/<name>.yaml in the content library, gives the site's name, its
contacts, whether they replace the leaflet's own contacts or come before them, and an
optional logo from the library's assets/. It is validated like a leaflet: every problem
is reported at its file, line and column.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from leafletgen import model
from leafletgen.errors import LeafletError, Span, error
from leafletgen.load.paths import library_root
from leafletgen.load.leaflet import read_contact
from leafletgen.load.images import MISSING, OUTSIDE, find_asset, picture_problem
from leafletgen.load.reader import Reader, suggest
from leafletgen.load.values import shorten
from leafletgen.load.yamlnodes import compose_file, read_source

SITES_DIR = "sites"
MODES = ("replace", "before")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
# A site's name on the command line is its file name: it also names the output folder.
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Site:
    name: str  # shown in the version stamp of every page, e.g. "St Elsewhere General Hospital"
    slug: str  # the file's name without .yaml: what --site takes, and the output sub-folder
    contacts: tuple[model.Contact, ...]
    logo: str = ""  # the logo file on disk (resolved and checked under assets/), or ""
    mode: str = "replace"  # "replace": only the site's contacts; "before": site's, then leaflet's


def load_site(path: Path) -> Site:
    """Read and validate a site file; raises LeafletError with every problem at file:line:col."""
    shown = str(path)
    text = read_source(Path(path), shown, "site.file")
    r = Reader(shown, text)
    site = _read_site(r, compose_file(shown, text), Path(path))
    if r.problems or site is None:
        raise LeafletError(r.problems)
    return site


def _read_site(r: Reader, root: yaml.Node, path: Path) -> Site | None:
    f = r.fields(root, "the site file", ("name", "contacts"), ("contacts_mode", "logo"))
    if f is None:
        return None
    slug = path.stem
    if not SLUG_RE.match(slug):
        r.fail("site.file-name", f"the file name '{path.name}' cannot name a site", root,
               "rename it with lower-case letters, digits and hyphens, like st-elsewhere.yaml")
    return Site(
        name=r.text(f.get("name"), "name"),
        slug=slug,
        contacts=r.each(f.get("contacts"), "contacts", lambda n: read_contact(r, n), 1),
        logo=_read_logo(r, f.get("logo"), library_root(path, SITES_DIR) / "assets"),
        mode=_read_mode(r, f.get("contacts_mode")),
    )


def _read_mode(r: Reader, node: yaml.Node | None) -> str:
    value = r.text(node, "contacts_mode", required=False)
    if node is None or not value:
        return "replace"
    if value not in MODES:
        hint = suggest(value, MODES) or f"use {' or '.join(MODES)}"
        r.fail("site.contacts-mode", f"contacts_mode '{value}' is not known", node, hint)
        return "replace"
    return value


def _read_logo(r: Reader, node: yaml.Node | None, assets_dir: Path) -> str:
    file = r.text(node, "logo", required=False)
    if not file:
        return ""
    target, why = find_asset(assets_dir, file)
    problem = picture_problem(target) if target else ""
    if why == OUTSIDE:
        r.fail("site.logo", f"logo '{file}' is outside the assets folder", node,
               f"put the logo under {assets_dir} and give its path from there")
    elif why == MISSING:
        r.fail("site.logo", f"logo file '{file}' does not exist in {assets_dir}", node,
               "check the spelling of the path, relative to the assets folder")
    elif why or problem:
        r.fail("site.logo", f"logo '{shorten(file)}' {why or problem}", node,
               f"use a {', '.join(LOGO_SUFFIXES)} file that opens, with a short name")
    else:
        return str(target)
    return ""


def available_sites(library_root: Path) -> list[str]:
    return sorted(p.stem for p in (library_root / SITES_DIR).glob("*.yaml") if p.is_file())


def find_site(library_root: Path, name: str) -> Path:
    """sites/<name>.yaml in the library; LeafletError naming the sites there if it is missing."""
    folder = library_root / SITES_DIR
    path = folder / f"{name}.yaml"
    if SLUG_RE.match(name) and path.is_file():
        return path
    known = available_sites(library_root)
    if known:
        hint = " ".join(filter(None, [suggest(name, known), f"sites here: {', '.join(known)}"]))
    else:
        hint = f"there is no site file in {folder} yet: write one as docs/catalogue.md shows"
    raise LeafletError(error("site.unknown", f"no site '{name}' in {folder}", Span(str(path)), hint))


def apply_site(leaflet: model.Leaflet, site: Site) -> model.Leaflet:
    """The leaflet with the site's contacts in place of (or before) its own, and the site named."""
    contacts = site.contacts
    if site.mode == "before":
        seen = {_contact_key(c) for c in contacts}
        contacts += tuple(c for c in leaflet.contacts if _contact_key(c) not in seen)
    return dataclasses.replace(leaflet, contacts=contacts, site=site.name)


def _contact_key(contact: model.Contact) -> tuple[str, ...]:
    return tuple(" ".join(v.casefold().split()) for v in
                 (contact.name, contact.phone, contact.hours, contact.email))
