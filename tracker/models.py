"""Every table of the application, imported in one place so metadata (and migrations) see them all.

Add a module to TABLE_MODULES when it gains tables.
"""

from sqlmodel import SQLModel

from actionplan import models as plan_tables
from actionplan import progress as progress_tables
from tracker.audit import models as audit_tables
from tracker.auth import models as auth_tables

TABLE_MODULES = [plan_tables, progress_tables, audit_tables, auth_tables]
metadata = SQLModel.metadata
