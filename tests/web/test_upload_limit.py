"""The upload limit is one setting (TRACKER_IMPORT_MAX_BYTES) for the API route and the web import page.

Until November 2026 both routes refused bodies over a hard-coded 20 MiB whatever the setting said, so an
operator who raised it for a large plan still got 413 on every upload over 20 MiB.
"""

import pytest

from tests.tracker.progress_support import fingerprint
from tests.web.support import csrf_token
from tracker.settings import Settings

MIB = 1024 * 1024
pytestmark = pytest.mark.usefixtures("plan_loaded")
LIMIT = 22 * MIB  # above the old hard-coded 20 MiB
OVER_THE_OLD_LIMIT = b"PK\x03\x04" + bytes(21 * MIB)  # not a workbook: refused for what it is, not for its size


@pytest.fixture
def db_settings(db_settings: Settings) -> Settings:
    return db_settings.model_copy(update={"import_max_bytes": LIMIT})


def test_a_raised_limit_lets_larger_uploads_through_the_api_and_still_refuses_above_it(client, make_headers, engine):
    headers = make_headers("CMM", "secretariat")
    before = fingerprint(engine)
    files = {"file": ("big.xlsx", OVER_THE_OLD_LIMIT, "application/octet-stream")}
    answered = client.post("/imports?dry_run=true", files=files, headers=headers)
    assert answered.status_code in (415, 422), answered.text[:300]
    too_big = {"file": ("huge.xlsx", b"PK\x03\x04" + bytes(LIMIT + MIB), "application/octet-stream")}
    refused = client.post("/imports?dry_run=true", files=too_big, headers=headers)
    assert refused.status_code == 413
    assert fingerprint(engine) == before


def test_the_web_import_page_follows_the_same_setting(signed_in, engine):
    reporter = signed_in("reporter")
    form = {"_csrf_token": csrf_token(reporter)}
    files = {"file": ("big.xlsx", OVER_THE_OLD_LIMIT, "application/octet-stream")}
    answered = reporter.post("/import", data=form, files=files, follow_redirects=False)
    assert answered.status_code == 422
    assert "Filen kan ikke importeres" in answered.text
