"""Load a theme file (theme.yaml) into a Theme, with diagnostics at its lines like leaflets."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from reportlab.lib import colors

from leafletgen import scripts
from leafletgen.errors import LeafletError, Span, error
from leafletgen.load.paths import library_root
from leafletgen.load.images import MISSING, OUTSIDE, find_asset, picture_problem
from leafletgen.load.reader import INVALID, Reader, describe, suggest
from leafletgen.load.values import shorten
from leafletgen.load.yamlnodes import compose_file, read_source
from leafletgen.theme import FACES, COLOUR_ROLES, LOGO_POSITIONS, Theme, contrast_problems, with_defaults

HEX_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
TOP = ("organisation", "logo", "colours", "font", "fallback_fonts", "type", "cover", "footer")


def theme_assets(path: Path) -> Path:
    """Paths in a theme are under the library's assets/: beside theme.yaml, or beside themes/."""
    return library_root(path, "themes") / "assets"


def find_theme(name: str | None, root: Path) -> Path | None:
    """A theme file named on the command line, themes/NAME.yaml, or the library's theme.yaml."""
    if name is None:
        candidate = root / "theme.yaml"
        return candidate if candidate.is_file() else None
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        candidates = [path]
    else:
        candidates = [root / "themes" / f"{name}.yaml"]
    if not candidates[0].is_file():
        known = sorted(p.stem for p in (root / "themes").glob("*.yaml"))
        raise LeafletError(error("theme.file", f"no theme '{name}' (looked for {candidates[0]})",
                                 Span(str(candidates[0])),
                                 f"themes here: {', '.join(known)}" if known else
                                 "put the theme in themes/NAME.yaml or give its path"))
    return candidates[0]


@cache
def default_theme() -> Theme:
    with resources.as_file(resources.files("leafletgen") / "assets" / "themes" / "default.yaml") as path:
        return _load(Path(path), None, "default")


def load_theme(path: Path) -> Theme:
    """A library's theme; colours it does not set come from the default theme."""
    return _load(path, default_theme(), path.stem)


def _load(path: Path, base: Theme | None, name: str) -> Theme:
    shown = str(path)
    text = read_source(path, shown, "theme.file")
    r = Reader(shown, text)
    root = compose_file(shown, text)
    f = r.fields(root, "the theme", (), TOP) or {}
    assets = theme_assets(path)
    theme = Theme(
        name=name, organisation=r.text(f.get("organisation"), "organisation", required=False),
        footer=r.text(f.get("footer"), "footer", required=False), source=shown,
        logo=_logo(r, f.get("logo"), assets),
        font_files=_font(r, f.get("font"), assets),
        fallback_fonts=_fallback_fonts(r, f.get("fallback_fonts"), assets),
        **_colours(r, f.get("colours")),
        **_type(r, f.get("type")), **_cover(r, f.get("cover")),
    )
    if base is not None:
        theme = with_defaults(theme, base)
    for role, message in contrast_problems(theme) if not r.problems else []:
        node = _colour_node(f.get("colours"), role) or root
        r.fail("theme.contrast", message, node, "choose a darker text colour or a lighter background")
    if r.problems:
        raise LeafletError(r.problems)
    return theme


def _colours(r: Reader, node: yaml.Node | None) -> dict:
    rgb, cmyk = {}, {}
    if node is None:
        return {"colours": rgb, "cmyk": cmyk}
    f = r.fields(node, "colours", (), tuple(COLOUR_ROLES)) or {}
    for role, value in f.items():
        if isinstance(value, yaml.MappingNode):
            parts = r.fields(value, f"colours.{role}", ("rgb",), ("cmyk",)) or {}
            rgb[role] = _hex(r, parts.get("rgb"), role)
            if "cmyk" in parts:
                cmyk[role] = _cmyk(r, parts["cmyk"], role)
        else:
            rgb[role] = _hex(r, value, role)
    return {"colours": {k: v for k, v in rgb.items() if v}, "cmyk": cmyk}


def _colour_node(node: yaml.Node | None, role: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == role:
                return value
    return None


def _hex(r: Reader, node: yaml.Node | None, role: str) -> colors.Color | None:
    value = r.text(node, role)
    if value and not HEX_RE.match(value):
        r.fail("theme.colour", f"colour '{role}' must be written like \"#00707F\", not '{value}'",
               node, "six hexadecimal digits after #, in quotes")
        return None
    return colors.HexColor(value) if value else None


def _cmyk(r: Reader, node: yaml.Node, role: str) -> colors.CMYKColor | None:
    values = [r.scalar(n) if isinstance(n, yaml.ScalarNode) else None for n in r.items(node, "cmyk")]
    if INVALID in values:
        return None
    if len(values) != 4 or not all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in values):
        r.fail("theme.colour", f"'{role}' cmyk must be four percentages, like [100, 0, 30, 20]",
               node, "cyan, magenta, yellow and black, each from 0 to 100")
        return None
    return colors.CMYKColor(*(v / 100 for v in values))


def _number(r: Reader, node: yaml.Node | None, field: str, low: float, high: float) -> float | None:
    if node is None:
        return None
    value = r.scalar(node, field) if isinstance(node, yaml.ScalarNode) else None
    if value is INVALID:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        r.fail("format.type", f"'{field}' must be a number from {low} to {high}, not {describe(node)} "
               f"{getattr(node, 'value', '')!r}", node,
               "larger type keeps leaflets readable; smaller would break clear-print minimums")
        return None
    return float(value)


def _type(r: Reader, node: yaml.Node | None) -> dict:
    f = r.fields(node, "type", (), ("scale", "headings")) or {} if node is not None else {}
    scale = _number(r, f.get("scale"), "scale", 1.0, 1.3)
    headings = _number(r, f.get("headings"), "headings", 0.8, 1.5)
    return {"type_scale": scale or 1.0, "heading_scale": headings or 1.0}


def _cover(r: Reader, node: yaml.Node | None) -> dict:
    f = r.fields(node, "cover", (), ("logo_position", "title_size", "band")) or {} \
        if node is not None else {}
    position = r.text(f.get("logo_position"), "logo_position", required=False) or "right"
    if position not in LOGO_POSITIONS:
        hint = suggest(position, LOGO_POSITIONS) or f"use one of {', '.join(LOGO_POSITIONS)}"
        r.fail("theme.cover", f"unknown logo_position '{position}'", f["logo_position"], hint)
    band = f.get("band")
    band_value = r.scalar(band, "band") if isinstance(band, yaml.ScalarNode) else True
    if band_value is INVALID:
        band_value = True
    elif not isinstance(band_value, bool):
        r.fail("format.type", "'band' must be true or false", band)
        band_value = True
    return {"logo_position": position, "band": band_value,
            "title_size": _number(r, f.get("title_size"), "title_size", 18, 40) or 0.0}


def _asset(r: Reader, node: yaml.Node | None, assets: Path, suffixes: tuple[str, ...]) -> str:
    name = r.text(node, "file", required=False)
    if not name:
        return ""
    target, why = find_asset(assets, name)
    if target is None:
        where = f"is not in {assets}" if why in (OUTSIDE, MISSING) else why
        r.fail("theme.asset-path", f"file '{shorten(name)}' {where}", node,
               "give a path relative to the library's assets folder")
        return ""
    if target.suffix.lower() not in suffixes:
        r.fail("theme.asset-path", f"'{name}' should be one of {', '.join(suffixes)}", node)
        return ""
    return str(target)


def _logo(r: Reader, node: yaml.Node | None, assets: Path) -> str:
    path = _asset(r, node, assets, (".svg", ".png", ".jpg", ".jpeg"))
    problem = picture_problem(Path(path)) if path else ""
    if problem:
        r.fail("theme.logo", f"the logo '{node.value}' {problem}", node,
               "export the logo again as SVG or PNG, and check that it opens")
        return ""
    return path


def _font(r: Reader, node: yaml.Node | None, assets: Path) -> tuple[str, ...]:
    if node is None:
        return ()
    f = r.fields(node, "font", FACES, ()) or {}
    files = []
    for face in FACES:
        path = _font_file(r, f.get(face), assets) if face in f else ""
        files.append(path)
    return tuple(files) if all(files) else ()


def _fallback_fonts(r: Reader, node: yaml.Node | None, assets: Path) -> tuple[str, ...]:
    """TrueType files for the characters that neither the theme's font nor the fonts
    shipped with the tool have (docs/scripts.md), tried in order."""
    files = [_font_file(r, item, assets) for item in r.items(node, "fallback_fonts")]
    return tuple(path for path in files if path)


def _font_file(r: Reader, node: yaml.Node, assets: Path) -> str:
    if isinstance(node, yaml.ScalarNode) and str(node.value).lower().endswith(".otf"):
        r.fail("theme.font-format", f"'{node.value}' is an OpenType/CFF font, which ReportLab "
               "cannot embed", node, "use the TrueType (.ttf) files of the family")
        return ""
    path = _asset(r, node, assets, (".ttf",))
    if path and Path(path).read_bytes()[:4] not in (b"\x00\x01\x00\x00", b"true"):
        r.fail("theme.font-format", f"'{node.value}' is not a TrueType font (it may have CFF "
               "outlines, which ReportLab cannot embed)", node, "use TrueType (.ttf) files")
        return ""
    return path


@cache
def fallback_cover(root: Path) -> frozenset[int]:
    """The characters the fallback fonts of the library's theme (theme.yaml) can draw; none
    when it has no theme or one that cannot be read (the build reports that itself)."""
    try:
        found = find_theme(None, root)
        theme = load_theme(found) if found else None
    except LeafletError:
        return frozenset()
    files = theme.fallback_fonts if theme else ()
    return frozenset().union(*(scripts.file_cover(path) for path in files))
