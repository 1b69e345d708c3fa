"""The pipeline runs one way: the import graph of src/ has no cycle, no module imports
from a later stage, and format names are written in one place (formats.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "leafletgen"

# Stages in pipeline order; a module may import its own stage or an earlier one.
STAGES = (
    ("base", ("__init__", "errors", "model", "inline", "theme", "scripts", "direction", "canvastext", "fonts",
              "messages",
              "formats", "names",
              "files", "paper", "bodyart", "document", "rules")),
    ("load", ("load",)),
    ("layout", ("layout",)),
    ("render", ("render",)),
    ("produce", ("produce",)),
    ("manifest", ("manifest",)),
    ("catalogue", ("catalogue",)),
    ("build", ("build",)),
    ("check and diff", ("lint", "diff")),
    ("cli", ("cli", "__main__")),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every leafletgen module this file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:  # "from package import module" imports the module; "import name", the package
            base = node.module or ""
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                     for alias in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("leafletgen."):
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in SRC.rglob("*.py")}
    modules = set(files)
    return {name: imports_of(path, modules) - {name} for name, path in files.items()}


def stage_of(module: str) -> int:
    first = module.split(".")[1] if "." in module else "__init__"
    for rank, (_, names) in enumerate(STAGES):
        if first in names:
            return rank
    raise AssertionError(f"{module} is in no stage of STAGES: add it where it belongs")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_no_module_imports_from_a_later_stage():
    edges = graph()
    upward = [f"{module} ({STAGES[stage_of(module)][0]}) imports {target} "
              f"({STAGES[stage_of(target)][0]})"
              for module, targets in sorted(edges.items()) for target in sorted(targets)
              if stage_of(target) > stage_of(module)]
    assert upward == []


def test_the_checker_sees_a_cycle_and_an_upward_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert stage_of("leafletgen.cli.build") > stage_of("leafletgen.layout.story")
    edges = graph()  # imports are resolved to modules, lazy ones inside functions too
    assert {"leafletgen.formats", "leafletgen.render.pdf", "leafletgen.load.theme"} <= \
        edges["leafletgen.produce"]


FORMAT_LIST = re.compile(r"""["'](a4|a5|quick|large|booklet)["']\s*,\s*["'](a4|a5|quick|large|booklet)["']""")


def test_format_names_are_listed_only_in_the_registry():
    """No second hand-written list of format names: every other place derives from FORMATS."""
    lists = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in SRC.rglob("*.py") if path.name != "formats.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FORMAT_LIST.search(line)]
    assert lists == []
