"""outbox: mails the SMTP server refused for good

Revision ID: 0030
Revises: 0010
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0030"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refused_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("refused_at")
