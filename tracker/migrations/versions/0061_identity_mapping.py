"""OpenID Connect sign-in: the secretariat's mapping from claims to organisation and role.

Revision ID: 0061
Revises: 0060
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0061"
down_revision = "0060"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identity_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_value", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("role_value", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('reporter', 'secretariat', 'viewer')", name=op.f("ck_identity_mapping_role_enum")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_identity_mapping_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_mapping")),
    )
    with op.batch_alter_table("identity_mapping", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_mapping_organisation_value"), ["organisation_value"], unique=False)
        batch_op.create_index(batch_op.f("ix_identity_mapping_organisation_id"), ["organisation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("identity_mapping", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_mapping_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_identity_mapping_organisation_value"))
    op.drop_table("identity_mapping")
