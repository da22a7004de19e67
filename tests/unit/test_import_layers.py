"""The house rule, read from the source: imports run one way.

screens → flows → services → devices / platform → configuration and leaf helpers. Every import
counts: at module level, inside a function, or only for type checking. A module may import its
own package and anything on a lower layer; nothing on a lower layer imports a higher one, two
packages on the same layer do not import each other, and the simulators are imported only by the
composition root (kiosk/parts.py) and the command line.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"

# Lowest first. One entry per top-level package or module of kiosk/.
LAYERS: dict[str, float] = {
    # configuration and leaf helpers any layer may import (a few lean on the plainest ones)
    "paths": 0, "masking": 0, "threads": 0, "memory": 0, "databases": 0, "config": 0.1, "logs": 0.1, "i18n": 0.1,
    "notify": 0,      # systemd's notification protocol
    "counters": 0,    # Prometheus counters of events, incremented where they happen (drivers included)
    # drivers and the platform's contract and client: only configuration and leaf helpers below them
    "devices": 1, "platform": 1,
    # services (ratings, documents, diagnostics, parts as the app sees them); the simulators
    "services": 2, "sim": 2,
    "session": 3,
    "flows": 4,
    "screens": 5,
    "ui": 6,          # the app's mixins, fonts, start-up helpers
    "parts": 7,       # composition root of the parts: decides real or simulated
    "app": 8,         # composition root of the app
    "testing": 9,     # the headless harness and tour helpers
    "cli": 10, "__main__": 11,
}
SIM_IMPORTERS = {"parts", "cli"}


def module_name(path: Path) -> str:
    parts = path.relative_to(KIOSK.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in the file that names a kiosk module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from kiosk import parts` imports the module kiosk.parts
            found += [(node.lineno, f"{target}.{a.name}") for a in node.names if target == "kiosk"]
    return [(line, t) for line, t in found if t == "kiosk" or t.startswith("kiosk.")]


def top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations() -> list[str]:
    found = []
    pairs: set[tuple[str, str]] = set()
    for path in sorted(KIOSK.rglob("*.py")):
        source = top(module_name(path))
        for line, target in imported_modules(path):
            dest = top(target)
            if not dest or dest == source:
                continue
            where = f"{path.relative_to(KIOSK.parent)}:{line} imports {target}"
            if source not in LAYERS or dest not in LAYERS:
                found.append(f"{where}: layer of kiosk.{source if source not in LAYERS else dest} not declared")
                continue
            pairs.add((source, dest))
            if LAYERS[dest] > LAYERS[source]:
                found.append(f"{where}: {source} (layer {LAYERS[source]}) imports upwards")
            elif LAYERS[dest] == LAYERS[source]:
                found.append(f"{where}: {source} and {dest} are on one layer")
            if dest == "sim" and source not in SIM_IMPORTERS:
                found.append(f"{where}: only the composition root and the command line start simulators")
    found += [f"kiosk.{a} and kiosk.{b} import each other" for a, b in pairs if (b, a) in pairs and a < b]
    return found


def test_imports_run_one_way():
    assert violations() == []


def test_devices_and_platform_import_only_configuration_and_leaf_helpers():
    for path in [*KIOSK.joinpath("devices").rglob("*.py"), *KIOSK.joinpath("platform").rglob("*.py")]:
        for line, target in imported_modules(path):
            dest = top(target)
            assert dest == top(module_name(path)) or LAYERS.get(dest, 1) < 1, \
                f"{path.relative_to(KIOSK.parent)}:{line} imports {target}"


@pytest.mark.parametrize("source, expected", [
    ("from ...app import KioskApp\n", "imports upwards"),
    ("from kiosk.sim.printer_sim import start_virtual_printer\n", "only the composition root"),
    ("def later():\n    from ...screens import home\n", "imports upwards"),
    ("if False:\n    from kiosk.platform import client\n", "on one layer"),
])
def test_the_walk_catches_an_upward_import(tmp_path, monkeypatch, source, expected):
    """The checker itself: a planted bad import in a copy of the tree is found."""
    import shutil
    copy = tmp_path / "kiosk"
    shutil.copytree(KIOSK, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "devices" / "idcard" / "planted.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["KIOSK"]), "KIOSK", copy)
    assert any(expected in v and "planted.py" in v for v in violations()), violations()
