"""Modules use each other's public names only: a leading underscore means "not for other modules"."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("actionplan", "reports", "tracker")


def private_names(source: str) -> set[str]:
    """`module.name` for each private name imported from another module (absolute imports)."""
    return {
        f"{node.module}.{alias.name}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    }


def test_no_module_imports_another_modules_private_names():
    found = {
        f"{path.relative_to(ROOT).as_posix()}: {name}"
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        for name in private_names(path.read_text(encoding="utf-8"))
    }
    assert found == set()


def test_the_scan_sees_private_imports_also_inside_functions():
    source = "from reports import gc_paused\n\ndef f():\n    from reports.render_pdf import FONT, _table\n"
    assert private_names(source) == {"reports.render_pdf._table"}
