"""Read YAML into position-carrying nodes, safely.

We compose nodes (not Python objects) so that every value keeps its line and
column. Only the safe resolver is used; duplicate keys and alias bombs are refused.
"""

from __future__ import annotations

import yaml

from leafletgen.errors import Diagnostic, LeafletError, Span, error

# libyaml's composer is about 18 times faster and keeps the same marks.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A leaflet is a few hundred nodes; this bounds what aliases may expand to.
MAX_EXPANDED_NODES = 20_000


def span_of(path: str, node: yaml.Node) -> Span:
    mark = node.start_mark
    return Span(path, mark.line + 1, mark.column + 1)


def compose_file(path: str, text: str) -> yaml.Node:
    """Compose one YAML document, raising LeafletError for any problem."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(path, mark.line + 1, mark.column + 1) if mark else Span(path)
        message = f"this is not valid YAML: {exc.problem or exc.context}"
        raise LeafletError(error("format.yaml-syntax", message, span,
                                 "check the indentation and quoting near this line")) from None
    except yaml.YAMLError as exc:  # e.g. a second document
        raise LeafletError(error("format.yaml-syntax", f"this is not valid YAML: {exc}",
                                 Span(path, 1, 1))) from None
    if node is None:
        raise LeafletError(error("format.empty", "the file is empty", Span(path, 1, 1),
                                 "start from the example in docs/format.md"))
    problems = _check_expansion(path, node) or _check_nodes(path, node)
    if problems:
        raise LeafletError(problems)
    return node


def _check_expansion(path: str, root: yaml.Node) -> list[Diagnostic]:
    """Refuse recursive aliases and documents that aliases expand past the bound."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise RecursionError
        active.add(key)
        total = 1 + sum(size(child) for child in _children(node))
        active.discard(key)
        sizes[key] = min(total, MAX_EXPANDED_NODES + 1)
        return sizes[key]

    try:
        total = size(root)
    except RecursionError:
        return [error("format.alias", "an alias refers to itself", span_of(path, root),
                      "remove the recursive '&anchor' / '*alias' pair")]
    if total > MAX_EXPANDED_NODES:
        return [error("format.alias",
                      f"aliases expand this document past {MAX_EXPANDED_NODES} values",
                      span_of(path, root), "write the content out instead of using '*alias'")]
    return []


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


SAFE_TAGS = {f"tag:yaml.org,2002:{name}" for name in
             ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def _check_nodes(path: str, root: yaml.Node) -> list[Diagnostic]:
    """Duplicate keys, and tags such as !!python/object that a leaflet never needs."""
    problems: list[Diagnostic] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if node.tag not in SAFE_TAGS:
            problems.append(error("format.yaml-syntax", f"the YAML tag '{node.tag}' is not allowed",
                                  span_of(path, node), "remove the '!' tag; write plain text"))
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key_node, _ in node.value:
                key = str(key_node.value)
                if key in first_line:
                    problems.append(error(
                        "format.duplicate-key", f"key '{key}' appears twice in this mapping",
                        span_of(path, key_node),
                        f"it was first given at line {first_line[key]}; keep one of them"))
                else:
                    first_line[key] = key_node.start_mark.line + 1
        stack.extend(_children(node))
    return sorted(problems, key=lambda d: (d.span.line, d.span.column))
