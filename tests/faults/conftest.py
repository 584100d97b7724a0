"""Fixtures the fault-injection tests share."""

from pathlib import Path

import pytest

from tests.faults.support import invalid_progress_workbook


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 50,000-row invalid progress template (1.6 MB), written once per module."""
    return invalid_progress_workbook(tmp_path_factory.mktemp("big") / "reden-50000.xlsx")
