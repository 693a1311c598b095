"""Exposure practice: guess/dread/sting and a ladder rung on attempts, the comfort ladder,
if-then plans, rest-token budgets and spent rest tokens

Revision ID: 0004_exposure
Revises: 0003_team

The new attempt columns are added with plain ``ALTER TABLE ... ADD COLUMN`` (no batch
operation), so SQLite keeps the day_totals triggers of 0002; ``upgrade`` still re-creates
them if a backend dropped them, so a later batch change cannot lose them unnoticed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_exposure"
down_revision = "0003_team"
branch_labels = None
depends_on = None

ATTEMPT_COLUMNS = ("guess_pct", "dread", "sting", "rung_id")


def _ensure_day_total_triggers() -> None:
    """Re-create the day_totals triggers when they are missing (see 0002)."""
    import importlib

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        present = bind.execute(sa.text(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'trg_attempts_totals'")).scalar()
    else:
        present = bind.execute(sa.text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg_attempts_totals_%'")).scalar()
    if not present:
        day_totals = importlib.import_module(
            "rejection_therapy.store.migrations.versions.0002_day_totals")
        if bind.dialect.name == "postgresql":
            op.execute("DROP FUNCTION IF EXISTS rt_attempts_totals()")
        day_totals.create_triggers()


def upgrade() -> None:
    for name in ATTEMPT_COLUMNS:
        op.add_column("attempts", sa.Column(name, sa.Integer(), nullable=True))
    op.create_table(
        "ladder_rungs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("discomfort", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], name=op.f("fk_ladder_rungs_profile_id_profiles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ladder_rungs")),
        sa.UniqueConstraint("uuid", name=op.f("uq_ladder_rungs_uuid")),
    )
    op.create_index(op.f("ix_ladder_rungs_profile_id"), "ladder_rungs", ["profile_id"], unique=False)
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at_time", sa.String(length=5), nullable=True),
        sa.Column("weekdays", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], name=op.f("fk_plans_profile_id_profiles"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"], name=op.f("fk_plans_challenge_id_challenges"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("uuid", name=op.f("uq_plans_uuid")),
    )
    op.create_index(op.f("ix_plans_profile_id"), "plans", ["profile_id"], unique=False)
    op.create_table(
        "rest_budgets",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], name=op.f("fk_rest_budgets_profile_id_profiles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("profile_id", "valid_from", name=op.f("pk_rest_budgets")),
    )
    op.create_table(
        "rest_tokens",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], name=op.f("fk_rest_tokens_profile_id_profiles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("profile_id", "day", name=op.f("pk_rest_tokens")),
    )
    _ensure_day_total_triggers()


def downgrade() -> None:
    op.drop_table("rest_tokens")
    op.drop_table("rest_budgets")
    op.drop_index(op.f("ix_plans_profile_id"), table_name="plans")
    op.drop_table("plans")
    op.drop_index(op.f("ix_ladder_rungs_profile_id"), table_name="ladder_rungs")
    op.drop_table("ladder_rungs")
    with op.batch_alter_table("attempts") as batch:
        for name in reversed(ATTEMPT_COLUMNS):
            batch.drop_column(name)
    _ensure_day_total_triggers()
