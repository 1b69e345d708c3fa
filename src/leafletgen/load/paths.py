"""Where a file's content library is: the folder that holds leaflets/, sites/ and assets/."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

LEAFLETS_DIR = "leaflets"


def library_root(path: Path, holder: str = LEAFLETS_DIR) -> Path:
    """The content library a file belongs to (it holds leaflets/, sites/ and assets/): the
    parent of the nearest folder above the file named `holder` (leaflets for a leaflet,
    sites for a site file), or else the file's own folder. Links are not resolved: a
    leaflet belongs to the library it is found in, not to where its link points."""
    return Path(library_folder(PurePath(os.path.abspath(path)), holder))


def library_folder(path: PurePath, holder: str = LEAFLETS_DIR) -> PurePath:
    """library_root of a path as written, not resolved (e.g. a path inside a git revision)."""
    for parent in path.parents:
        if parent.name == holder:
            return parent.parent
    return path.parent
