"""Flows are plain modules: no Kivy anywhere in kiosk/flows, so every decision tests without a window."""
from __future__ import annotations

import ast
from pathlib import Path

FLOWS = Path(__file__).resolve().parents[2] / "kiosk" / "flows"


def kivy_imports(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
        lines += [node.lineno for name in names if name == "kivy" or name.startswith("kivy.")]
    return lines


def test_no_flow_imports_kivy():
    found = {p.name: lines for p in sorted(FLOWS.glob("*.py")) if (lines := kivy_imports(p))}
    assert found == {}


def test_the_check_finds_a_kivy_import(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("def later():\n    from kivy.clock import Clock\n", encoding="utf-8")
    assert kivy_imports(planted) == [2]
