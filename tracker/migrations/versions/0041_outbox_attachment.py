"""outbox_attachment: files sent with an outbox mail (the briefing's PDF)

Revision ID: 0041
Revises: 0040
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["outbox_message.id"],
            name=op.f("fk_outbox_attachment_message_id_outbox_message"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_attachment")),
    )
    with op.batch_alter_table("outbox_attachment") as batch:
        batch.create_index(batch.f("ix_outbox_attachment_message_id"), ["message_id"], unique=False)


def downgrade() -> None:
    op.drop_table("outbox_attachment")
