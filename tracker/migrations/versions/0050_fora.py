"""Coordination fora: forums, members, followed initiatives, meetings, attendance, decisions, action items;
a new organisation kind `external` for members outside the plan.

Revision ID: 0050
Revises: 0031
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

OLD_KINDS = "kind IN ('ministry', 'agency', 'ngo', 'other')"
NEW_KINDS = "kind IN ('ministry', 'agency', 'ngo', 'other', 'external')"


def _organisation_kinds(old: str, new: str) -> None:
    """Widen (or narrow) the organisation kind CHECK constraint.

    On SQLite a constraint cannot be altered, and rebuilding the organisation table inside the migration's
    transaction would make its implicit DELETE run into every foreign key that points at it. Editing the
    stored table definition is the procedure SQLite documents for constraint changes that do not touch the
    stored rows ("Making Other Kinds Of Table Schema Changes"), followed by a schema version bump.
    """
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
        bind.exec_driver_sql("PRAGMA writable_schema=ON")
        bind.execute(
            sa.text(
                "UPDATE sqlite_master SET sql = replace(sql, :old, :new) WHERE type = 'table' AND name = 'organisation'"
            ),
            {"old": old, "new": new},
        )
        bind.exec_driver_sql(f"PRAGMA schema_version={int(version) + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema=OFF")
        return
    op.drop_constraint(op.f("ck_organisation_kind_enum"), "organisation", type_="check")
    op.create_check_constraint(op.f("ck_organisation_kind_enum"), "organisation", new)


revision = "0050"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _organisation_kinds(OLD_KINDS, NEW_KINDS)
    op.create_table(
        "forum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name_da", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("secretariat_id", sa.Integer(), nullable=True),
        sa.Column("secretariat_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("meetings_per_year", sa.Integer(), nullable=True),
        sa.Column("cadence_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("members_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("initiatives_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.CheckConstraint("scope IN ('national', 'international')", name=op.f("ck_forum_scope_enum")),
        sa.CheckConstraint(
            "meetings_per_year IS NULL OR meetings_per_year >= 1", name=op.f("ck_forum_cadence_positive")
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_forum_plan_id_plan"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["secretariat_id"], ["organisation.id"], name=op.f("fk_forum_secretariat_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forum")),
        sa.UniqueConstraint("code", name=op.f("uq_forum_code")),
    )
    with op.batch_alter_table("forum", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_forum_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_forum_secretariat_id"), ["secretariat_id"], unique=False)

    op.create_table(
        "forum_member",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_forum_member_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_forum_member_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("forum_id", "organisation_id", name=op.f("pk_forum_member")),
    )
    with op.batch_alter_table("forum_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_forum_member_organisation_id"), ["organisation_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("agenda", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("minutes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], name=op.f("fk_meeting_forum_id_forum"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_forum_id"), ["forum_id"], unique=False)

    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("progress_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("closing_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("closed_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.CheckConstraint("state <> 'done' OR closed_at IS NOT NULL", name=op.f("ck_action_item_done_is_closed")),
        sa.CheckConstraint("state IN ('open', 'in_progress', 'done')", name=op.f("ck_action_item_state_enum")),
        sa.ForeignKeyConstraint(
            ["initiative_id"], ["initiative.id"], name=op.f("fk_action_item_initiative_id_initiative")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_action_item_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["organisation.id"], name=op.f("fk_action_item_owner_id_organisation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
    )
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_item_initiative_id"), ["initiative_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_item_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_item_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"], ["initiative.id"], name=op.f("fk_decision_initiative_id_initiative")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_decision_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_initiative_id"), ["initiative_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_decision_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "forum_initiative",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_forum_initiative_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_forum_initiative_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("forum_id", "initiative_id", name=op.f("pk_forum_initiative")),
    )
    with op.batch_alter_table("forum_initiative", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_forum_initiative_initiative_id"), ["initiative_id"], unique=False)

    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_attendance_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_meeting_attendance_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("meeting_id", "organisation_id", name=op.f("pk_meeting_attendance")),
    )
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_attendance_organisation_id"), ["organisation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_organisation_id"))

    op.drop_table("meeting_attendance")
    with op.batch_alter_table("forum_initiative", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forum_initiative_initiative_id"))

    op.drop_table("forum_initiative")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_decision_initiative_id"))

    op.drop_table("decision")
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_owner_id"))
        batch_op.drop_index(batch_op.f("ix_action_item_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_action_item_initiative_id"))

    op.drop_table("action_item")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_forum_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("forum_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forum_member_organisation_id"))

    op.drop_table("forum_member")
    with op.batch_alter_table("forum", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forum_secretariat_id"))
        batch_op.drop_index(batch_op.f("ix_forum_plan_id"))

    op.drop_table("forum")
    op.execute("DELETE FROM organisation WHERE kind = 'external'")
    _organisation_kinds(NEW_KINDS, OLD_KINDS)
