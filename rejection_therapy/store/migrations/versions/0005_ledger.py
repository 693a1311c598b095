"""Undo records: the last log or delete of each profile, undoable from any interface

Revision ID: 0005_ledger
Revises: 0004_exposure

A new table only; ``attempts`` is not altered, so its day_totals triggers stay.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_ledger"
down_revision = "0004_exposure"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "undo_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("attempt_ids", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], name=op.f("fk_undo_records_profile_id_profiles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_undo_records")),
    )
    op.create_index("ix_undo_records_profile", "undo_records", ["profile_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_undo_records_profile", table_name="undo_records")
    op.drop_table("undo_records")
