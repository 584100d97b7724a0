"""progress_report.confidence: the reporter's delivery confidence (high, medium, low)

Revision ID: 0040
Revises: 0050
"""

from alembic import op

revision = "0040"
down_revision = "0050"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain SQL: SQLite and PostgreSQL both add a column with its CHECK constraint in one statement.
    op.execute(
        "ALTER TABLE progress_report ADD COLUMN confidence VARCHAR(8) "
        "CONSTRAINT ck_progress_report_confidence_enum "
        "CHECK (confidence IS NULL OR confidence IN ('high', 'medium', 'low'))"
    )


def downgrade() -> None:
    with op.batch_alter_table("progress_report") as batch:
        batch.drop_column("confidence")
