"""Import batches record the organisations whose reports they concern, and what they did not read.

Revision ID: 0021
Revises: 0020
"""


import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.add_column(sa.Column("concerns", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch.add_column(sa.Column("warnings", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    # Batches uploaded by a reporter concern that reporter's organisation; older secretariat uploads stay
    # visible to the secretariat only (which organisations they touched was not recorded).
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT b.id, o.code FROM import_batch b JOIN api_token t ON b.actor = 'token:' || t.id "
            "JOIN organisation o ON o.id = t.organisation_id WHERE t.role = 'reporter'"
        )
    ).all()
    for batch_id, code in rows:
        bind.execute(
            sa.text("UPDATE import_batch SET concerns = :concerns WHERE id = :id").bindparams(
                sa.bindparam("concerns", type_=sa.JSON())
            ),
            {"concerns": [code], "id": batch_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("warnings")
        batch.drop_column("concerns")
