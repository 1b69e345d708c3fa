"""Every rule code in src/ is in the one registry (leafletgen/rules.py), with its severity."""

from __future__ import annotations

import ast
from pathlib import Path

from leafletgen.errors import Severity
from leafletgen.lint import rules as lint_rules
from leafletgen.lint.run import CHECKS
from leafletgen.rules import RULES

SRC = Path(__file__).resolve().parent.parent / "src" / "leafletgen"

# Calls whose first argument is a rule code, and the severity they give it (None: the rule's).
CODE_CALLS = {"error": Severity.ERROR, "warning": Severity.WARNING, "fail": Severity.ERROR,
              "finding": None}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _constants(tree: ast.Module) -> dict[str, str]:
    """A module's NAME = "text" constants, for codes passed by name (CONFIG_RULE)."""
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def codes_used() -> list[tuple[str, str, Severity | None]]:
    """(where, code, severity) for every code written in a call to error/warning/fail/finding,
    as text or as a module constant."""
    used = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node) in CODE_CALLS and node.args):
                continue
            first = node.args[0]
            code = (first.value if isinstance(first, ast.Constant) else
                    constants.get(first.id) if isinstance(first, ast.Name) else None)
            if isinstance(code, str):
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                used.append((where, code, CODE_CALLS[_name(node)]))
    return used


def test_the_scan_finds_the_codes_of_every_stage():
    concerns = {code.split(".")[0] for _, code, _ in codes_used()}
    assert {"format", "theme", "site", "diff", "layout", "check", "dates"} <= concerns


def test_every_code_used_is_registered():
    unknown = [f"{where}: {code}" for where, code, _ in codes_used() if code not in RULES]
    assert unknown == []


def test_every_code_is_used_with_its_registered_severity():
    wrong = [f"{where}: {code} is a {RULES[code].severity.value} in the registry"
             for where, code, severity in codes_used()
             if code in RULES and severity is not None and RULES[code].severity is not severity]
    assert wrong == []


def test_check_lists_its_concerns_from_the_registry():
    assert tuple(CHECKS) == lint_rules.CHECKED
    listed = [rule_id for rule_id in lint_rules.RULES if rule_id != "format.*"]
    assert all(lint_rules.RULES[rule_id] is RULES[rule_id] for rule_id in listed)
    assert set(listed) == {"format.duplicate-id"} | {
        rule.id for rule in RULES.values()
        if rule.concern in lint_rules.CHECKED + lint_rules.ACROSS}
