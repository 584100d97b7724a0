"""Two indexes that a unique constraint already gives: progress_report(initiative_id) is the leading column of
uq_progress_report_initiative_period, indicator_value(report_id) of uq_indicator_value_key.

Every new report wrote a page of each (SQLite's WAL, PostgreSQL's); the queries that used them search the
unique constraint's index the same way (EXPLAIN, tests/benchmarks/README.md, submission, 1 December).

Revision ID: 0062
Revises: 0061
"""

from alembic import op

revision = "0062"
down_revision = "0061"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_report_initiative_id"))
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_value_report_id"))


def downgrade() -> None:
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_value_report_id"), ["report_id"], unique=False)
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_report_initiative_id"), ["initiative_id"], unique=False)
