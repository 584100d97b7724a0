"""`reports/` depends on `actionplan/` only: the tracker calls the reports, never the reverse."""

import ast
from pathlib import Path

import reports

ROOT = Path(reports.__file__).parent


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_reports_never_imports_the_tracker():
    offenders = {
        f"{path.relative_to(ROOT.parent)}: {module}"
        for path in ROOT.rglob("*.py")
        for module in imported_modules(path)
        if module == "tracker" or module.startswith("tracker.")
    }
    assert not offenders


def test_the_scan_sees_the_package():
    assert {"actionplan.progress", "polars"} <= imported_modules(ROOT / "queries.py")
