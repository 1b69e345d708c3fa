"""What a content library gives every command: its root, its house style and a site.

build, check and diff all find these the same way, from a leaflet file or folder.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from leafletgen.load.paths import library_root
from leafletgen.load.sites import Site, find_site, load_site
from leafletgen.load.theme import default_theme, find_theme, load_theme
from leafletgen.theme import Theme


@dataclass(frozen=True)
class LibraryContext:
    root: Path  # the folder holding leaflets/
    theme: Theme | None  # None: the built-in theme
    site: Site | None  # None: no site asked for


def library_context(path: Path, theme_name: str | None = None,
                    site_name: str | None = None) -> LibraryContext:
    """The library of a leaflet file or folder, with the theme and site named (a theme name
    or file; None for the library's theme.yaml, if any). A site's logo takes the place of
    the theme's. Raises LeafletError for a theme or site that is missing or broken."""
    root = library_root(path / "x" if path.is_dir() else path)
    theme_file = find_theme(theme_name, root)
    theme = load_theme(theme_file) if theme_file else None
    site = load_site(find_site(root, site_name)) if site_name else None
    if site is not None and site.logo:
        theme = _with_logo(theme or default_theme(), site.logo)
    return LibraryContext(root, theme, site)


def _with_logo(theme: Theme, logo: str) -> Theme:
    position = theme.logo_position if theme.logo_position != "none" else "right"
    return dataclasses.replace(theme, logo=logo, logo_position=position)
