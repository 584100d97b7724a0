"""Pending uploads: a workbook previewed on the web import page, waiting to be confirmed.

Revision ID: 0060
Revises: 0021
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0060"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("concerns", sa.JSON(), nullable=False),
        sa.Column("submit", sa.Boolean(), nullable=False),
        sa.Column("preview_batch_id", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_pending_upload_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_upload")),
    )
    with op.batch_alter_table("pending_upload", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_upload_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pending_upload_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pending_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_upload_expires_at"))
        batch_op.drop_index(batch_op.f("ix_pending_upload_organisation_id"))
    op.drop_table("pending_upload")
