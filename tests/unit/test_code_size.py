"""Size limits of the house style: modules up to ~350 lines, functions up to 40 lines.

A module or function may exceed them only with a written reason, kept here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "escalation"
MODULE_LINES = 350
FUNCTION_LINES = 40

# path relative to the package (or "path:function") -> why it may be longer
REASONS: dict[str, str] = {}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations/versions" not in p.as_posix())


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_no_module_is_longer_than_the_limit_without_a_reason() -> None:
    too_long = [
        f"{_name(p)}: {n} lines"
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
        and _name(p) not in REASONS
    ]

    assert too_long == []


def test_no_function_is_longer_than_the_limit_without_a_reason() -> None:
    too_long = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            key = f"{_name(path)}:{node.name}"
            if lines > FUNCTION_LINES and key not in REASONS:
                too_long.append(f"{key}: {lines} lines")

    assert too_long == []


def _sizes() -> dict[str, int]:
    sizes = {}
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        sizes[_name(path)] = len(text.splitlines())
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                sizes[f"{_name(path)}:{node.name}"] = lines
    return sizes


def test_every_reason_still_applies() -> None:
    """A reason for something no longer too long (or gone) is stale: delete it."""
    sizes = _sizes()
    limits = {False: MODULE_LINES, True: FUNCTION_LINES}
    stale = [key for key in REASONS if sizes.get(key, 0) <= limits[":" in key]]

    assert stale == []
