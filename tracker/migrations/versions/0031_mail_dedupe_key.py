"""mail: the notices each mail carries (one digest per recipient and run)

Revision ID: 0031
Revises: 0030
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_dedupe_key",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox_message.id"], name=op.f("fk_mail_dedupe_key_outbox_id_outbox_message")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_mail_dedupe_key")),
    )
    with op.batch_alter_table("mail_dedupe_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_dedupe_key_outbox_id"), ["outbox_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mail_dedupe_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_dedupe_key_outbox_id"))
    op.drop_table("mail_dedupe_key")
