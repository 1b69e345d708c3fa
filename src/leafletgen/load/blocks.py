"""Body blocks: paragraphs, lists, steps, notes, body maps and images."""

from __future__ import annotations

from pathlib import Path

import yaml

from leafletgen import bodyart as bodymap_art
from leafletgen import model
from leafletgen.load.images import MISSING, OUTSIDE, find_asset, picture_problem
from leafletgen.load.reader import NULL, Reader, describe, suggest
from leafletgen.load.values import shorten

BLOCK_KINDS = ("list", "steps", "note", "bodymap", "image")


def read_block(r: Reader, node: yaml.Node, assets_dir: Path) -> list[model.Block]:
    """One item of a section's body; a string may hold several blank-line separated paragraphs."""
    if isinstance(node, yaml.ScalarNode):
        return [model.Paragraph(t, r.span(node)) for t in _paragraphs(r, node)]
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        r.fail("format.type", f"a body item must be text or one of {', '.join(BLOCK_KINDS)}, "
               f"not {describe(node)}", node, "see docs/format.md for the block kinds")
        return []
    key_node, value = node.value[0]
    kind = str(key_node.value)
    span = r.span(node)
    if kind == "list":
        return [model.BulletList(r.texts(value, "list"), span)]
    if kind == "steps":
        return [model.Steps(r.texts(value, "steps"), span)]
    if kind == "note":
        return [model.Note(r.text(value, "note"), span)]
    if kind == "bodymap":
        block = read_bodymap(r, value)
        return [block] if block else []
    if kind == "image":
        block = _read_image(r, value, assets_dir)
        return [block] if block else []
    hint = suggest(kind, BLOCK_KINDS) or f"the block kinds are {', '.join(BLOCK_KINDS)}"
    r.fail("format.unknown-key", f"unknown block kind '{kind}'", key_node, hint)
    return []


def _paragraphs(r: Reader, node: yaml.ScalarNode) -> list[str]:
    # "- ~" and "- null" are YAML's nothing, not the text "~".
    raw = "" if node.tag == NULL else str(node.value).replace("\r\n", "\n")
    parts = [" ".join(p.split()) for p in raw.split("\n\n")]
    parts = [p for p in parts if p]
    if not parts:
        r.fail("format.empty", "an empty paragraph", node, "remove the empty '- ' line")
    r.check_links(node)
    return parts


def read_bodymap(r: Reader, node: yaml.Node) -> model.BodyMap | None:
    f = r.fields(node, "bodymap", ("view", "highlight", "alt"), ("labels", "caption"))
    if f is None:
        return None
    view = r.text(f.get("view"), "view")
    if view and view not in bodymap_art.VIEWS:
        hint = suggest(view, bodymap_art.VIEWS) or f"use one of {', '.join(bodymap_art.VIEWS)}"
        r.fail("format.bodymap-view", f"unknown body-map view '{view}'", f["view"], hint)
        view = ""
    highlight = _regions(r, view, r.items(f.get("highlight"), "highlight"))
    labels = _labels(r, view, f.get("labels"))
    alt = r.text(f.get("alt"), "alt")
    caption = r.text(f.get("caption"), "caption", required=False)
    return model.BodyMap(view, highlight, alt, labels, caption, r.span(node))


def _check_region(r: Reader, view: str, node: yaml.Node) -> str:
    name = r.text(node, "region")
    known = bodymap_art.regions(view) if view else ()
    if view and name and name not in known:
        hint = suggest(name, known) or ""
        valid = f"valid {view} regions: {', '.join(known)}"
        r.fail("format.bodymap-region", f"unknown body-map region '{name}' for the {view} view",
               node, f"{hint} {valid}".strip())
        return ""
    return name


def _regions(r: Reader, view: str, nodes: list[yaml.Node]) -> tuple[str, ...]:
    names = (_check_region(r, view, n) for n in nodes)
    return tuple(dict.fromkeys(n for n in names if n))


def _labels(r: Reader, view: str, node: yaml.Node | None) -> dict[str, str]:
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        r.fail("format.type", f"'labels' must map region names to text, not {describe(node)}",
               node, "write one 'region: Label text' per line")
        return {}
    labels = {}
    for key_node, value_node in node.value:
        region = _check_region(r, view, key_node)
        text = r.text(value_node, f"labels.{key_node.value}")
        if region and text:
            labels[region] = text
    return labels


def _read_image(r: Reader, node: yaml.Node, assets_dir: Path) -> model.Image | None:
    f = r.fields(node, "image", ("file", "alt"), ("caption",))
    if f is None:
        return None
    file = r.text(f.get("file"), "file")
    alt = r.text(f.get("alt"), "alt")
    caption = r.text(f.get("caption"), "caption", required=False)
    path = _asset_path(r, f["file"], file, assets_dir) if file else None
    if path is None:
        return None
    return model.Image(file, alt, caption, r.span(node), str(path))


def _asset_path(r: Reader, node: yaml.Node, file: str, assets_dir: Path) -> Path | None:
    target, why = find_asset(assets_dir, file)
    if why == OUTSIDE:
        r.fail("format.asset-path", f"image '{file}' is outside the assets folder", node,
               f"put the file under {assets_dir} and give its path from there")
    elif why == MISSING:
        r.fail("format.asset-path", f"image file '{file}' does not exist in {assets_dir}", node,
               "check the spelling of the path, relative to the assets folder")
    elif why:
        r.fail("format.asset-path", f"image '{shorten(file)}' {why}", node,
               "rename the file with a short name, and give its path from the assets folder")
    else:
        problem = picture_problem(target)
        if not problem:
            return target
        r.fail("format.image", f"image '{file}' {problem}", node,
               "export the picture again as PNG, JPEG or SVG, and check that it opens")
    return None
