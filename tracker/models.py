"""Every table of the application, imported in one place so metadata (and migrations) see them all.

Add a module to TABLE_MODULES when it gains tables.
"""

from sqlmodel import SQLModel

from actionplan import fora as fora_tables
from actionplan import models as plan_tables
from actionplan import progress as progress_tables
from tracker.audit import models as audit_tables
from tracker.auth import models as auth_tables
from tracker.imports import models as import_tables
from tracker.issued import models as report_tables
from tracker.jobs import models as job_tables
from tracker.mail import models as mail_tables
from tracker.progress import models as progress_service_tables
from tracker.users import models as user_tables

TABLE_MODULES = [
    plan_tables,
    progress_tables,
    audit_tables,
    auth_tables,
    progress_service_tables,
    report_tables,
    job_tables,
    mail_tables,
    import_tables,
    user_tables,
    fora_tables,
]
metadata = SQLModel.metadata
