"""Organisations from public notice lists, which give no credit code: matched by normalised name."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_notice_lists"
down_revision = "0005_target_definitions"
branch_labels = None
depends_on = None


def _fill_name_keys() -> None:
    from dcmm.tracker.names import name_key

    connection = op.get_bind()
    organisation = sa.table("organisation", sa.column("id", sa.Integer), sa.column("name", sa.String),
                            sa.column("name_key", sa.String))  # fmt: skip
    keys = [{"b_id": org_id, "v_key": name_key(name)} for org_id, name in connection.execute(
        sa.select(organisation.c.id, organisation.c.name))]  # fmt: skip
    if keys:
        statement = sa.update(organisation).where(organisation.c.id == sa.bindparam("b_id"))
        connection.execute(statement.values(name_key=sa.bindparam("v_key")), keys)


def upgrade() -> None:
    op.add_column("organisation", sa.Column("name_key", sa.String(200), nullable=True))
    _fill_name_keys()
    with op.batch_alter_table("organisation") as batch:
        batch.alter_column("credit_code", existing_type=sa.String(18), nullable=True)
        batch.alter_column("name_key", existing_type=sa.String(200), nullable=False)
        batch.create_index("ix_organisation_name_key", ["name_key", "province"])
    with op.batch_alter_table("certificate") as batch:
        batch.add_column(sa.Column("issued_on_notice", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "name_review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province", sa.String(2), nullable=False),
        sa.Column("credit_code", sa.String(18), nullable=True),
        sa.Column("level", sa.SmallInteger(), nullable=True),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("candidates", sa.Text(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(10), nullable=True),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisation.id"), nullable=True),
        sa.UniqueConstraint("fingerprint"),
    )
    op.create_index("ix_name_review_resolved_at", "name_review", ["resolved_at"])


def downgrade() -> None:
    op.drop_index("ix_name_review_resolved_at", table_name="name_review")
    op.drop_table("name_review")
    with op.batch_alter_table("certificate") as batch:
        batch.drop_column("issued_on_notice")
    # Organisations known by name only cannot be kept without a credit code: downgrading drops them.
    connection = op.get_bind()
    nameless = "SELECT id FROM organisation WHERE credit_code IS NULL"
    connection.exec_driver_sql(f"DELETE FROM self_assessment WHERE organisation_id IN ({nameless})")
    connection.exec_driver_sql(f"DELETE FROM certificate WHERE organisation_id IN ({nameless})")
    connection.exec_driver_sql("DELETE FROM organisation WHERE credit_code IS NULL")
    with op.batch_alter_table("organisation") as batch:
        batch.drop_index("ix_organisation_name_key")
        batch.alter_column("credit_code", existing_type=sa.String(18), nullable=False)
        batch.drop_column("name_key")
