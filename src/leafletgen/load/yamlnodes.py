"""Read YAML into position-carrying nodes, safely.

We compose nodes (not Python objects) so that every value keeps its line and
column. Only the safe resolver is used; duplicate keys and alias bombs are refused.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from leafletgen.errors import Diagnostic, LeafletError, Span, error
from leafletgen.files import open_regular

# libyaml's composer is about 18 times faster and keeps the same marks.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A leaflet is a few hundred values; this bounds how many more aliases may add.
MAX_EXPANDED_NODES = 20_000

# A leaflet is a few kB, its theme or site file less: a larger file is a mistake.
MAX_FILE_BYTES = 1_000_000


def span_of(path: str, node: yaml.Node) -> Span:
    mark = node.start_mark
    return Span(path, mark.line + 1, mark.column + 1)


def position(text: str, offset: int) -> tuple[int, int]:
    """The line and column (from 1) of a character of the text."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def read_source(path: Path, shown: str, code: str) -> str:
    """A file's text; LeafletError(code) if it cannot be read, is too large to be a
    leaflet, theme or site file, or is not UTF-8 (at the first byte that is not)."""
    try:
        with open_regular(path) as source:  # a FIFO in a file's place must not hang us
            data = source.read(MAX_FILE_BYTES + 1)
        size = len(data)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = getattr(exc, "strerror", None) or str(exc)
        raise LeafletError(error(code, f"cannot read the file: {reason}", Span(shown))) from None
    if size > MAX_FILE_BYTES:
        size = Path(path).stat().st_size
        raise LeafletError(error("format.file-size", f"the file is {size / 1e6:.1f} MB, larger than "
                                 f"any leaflet ({MAX_FILE_BYTES // 1_000_000} MB at most)",
                                 Span(shown, 1, 1), "check that this is the file you meant"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise LeafletError(error(code, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                                 Span(shown, line, column), "save it as UTF-8")) from None


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
    except yaml.reader.ReaderError as exc:  # a control character: NUL, ESC...
        raise LeafletError(_bad_character(path, text, exc)) from None
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


def _bad_character(path: str, text: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    # libyaml gives a byte offset, PyYAML a character offset: find the character itself,
    # whose first occurrence is where reading stopped.
    character = exc.character if isinstance(exc.character, int) else ord(exc.character)
    offset = text.find(chr(character))
    line, column = position(text, offset) if offset >= 0 else (1, 1)
    return error("format.yaml-syntax", f"the control character U+{character:04X} is not allowed "
                 "in a YAML file", Span(path, line, column),
                 "delete it: it is invisible in most editors, so retype the text around here")


def _check_expansion(path: str, root: yaml.Node) -> list[Diagnostic]:
    """Refuse recursive aliases, and aliases that add more than MAX_EXPANDED_NODES values
    to the ones written out (a long file is not an alias bomb)."""
    sizes = _expanded_sizes(root)
    if sizes is None:
        return [error("format.alias", "an alias refers to itself", span_of(path, root),
                      "remove the recursive '&anchor' / '*alias' pair")]
    if sizes[id(root)] - len(sizes) > MAX_EXPANDED_NODES:
        return [error("format.alias",
                      f"aliases expand this document past {MAX_EXPANDED_NODES} values",
                      span_of(path, root), "write the content out instead of using '*alias'")]
    return []


def _expanded_sizes(root: yaml.Node) -> dict[int, int] | None:
    """Each node's size with aliases written out (capped), by id; None for a cycle.
    Iterative: YAML nests up to 1,000 deep, as deep as Python's recursion limit."""
    cap = 10 * (MAX_EXPANDED_NODES + MAX_FILE_BYTES)
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # the ancestors of the node being visited
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = min(cap, 1 + sum(sizes[id(child)] for child in _children(node)))
        elif key in open_nodes:
            return None
        elif key not in sizes:
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return sizes


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
