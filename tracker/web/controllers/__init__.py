"""One thin controller per area; add a new area's controllers to CONTROLLERS."""

from tracker.web.controllers.admin import AdminController
from tracker.web.controllers.auth import SignInController
from tracker.web.controllers.common import CommonController
from tracker.web.controllers.fora import ActionItemPagesController, ForaPagesController
from tracker.web.controllers.imports import ImportPagesController
from tracker.web.controllers.oidc import IdentityMappingController, OidcSignInController
from tracker.web.controllers.overview import OverviewController
from tracker.web.controllers.reporting import ReportingController
from tracker.web.controllers.review import ReviewController

CONTROLLERS = [
    CommonController,
    SignInController,
    OidcSignInController,
    ReportingController,
    ReviewController,
    ForaPagesController,
    ActionItemPagesController,
    OverviewController,
    AdminController,
    IdentityMappingController,
]
# Pages that take workbooks: mounted with the upload body limit (TRACKER_IMPORT_MAX_BYTES), tracker/web/setup.py.
UPLOAD_CONTROLLERS = [ImportPagesController]
