"""An installed tracker (a wheel, not this checkout) has every page template, static file and data file.

The package-data globs once matched `web/templates/*/*.html` only, so a wheel lacked the pages two folders
down (`pages/overview/...`): the web interface would answer 500 on a non-editable install.
"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_FOLDERS = {
    "tracker": ["web/templates", "web/static", "migrations"],
    "reports": ["templates"],
    "actionplan": ["data"],
}


def test_every_data_file_is_matched_by_the_package_data_globs():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for package, folders in DATA_FOLDERS.items():
        base = ROOT / package
        shipped = {path for pattern in globs[package] for path in base.glob(pattern) if path.is_file()}
        present = {
            path
            for folder in folders
            for path in (base / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        }
        assert present - shipped == set(), package
