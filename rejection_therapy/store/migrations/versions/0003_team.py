"""Team mode: profiles bound to database roles, opt-out of names, shared lessons

Revision ID: 0003_team
Revises: 0002_day_totals

``profiles.role_name`` binds a profile to the PostgreSQL login role of a member (``team
invite``); row-level security (``store/rls.py``, applied by ``team init``) lets that role read
and write only its own rows. ``profiles.hide_name`` shows a member as "a teammate" on boards
and in the feed. ``shared_lessons`` holds the lessons of no's a member chose to share: kind,
channel, lesson and day only (never the target or the notes).

On PostgreSQL, ``rt_reached_at`` answers the board's tie-break (the instant of a member's Nth
counted attempt) without letting the caller read anyone's attempts, and the day-totals
trigger runs with its owner's rights, so members can keep the rollup right without being
allowed to write it. No batch operation on ``attempts`` here: its triggers stay.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_team"
down_revision = "0002_day_totals"
branch_labels = None
depends_on = None

REACHED_AT = """
CREATE FUNCTION rt_reached_at(p_profile integer, p_first date, p_last date, p_nos boolean, p_n integer)
RETURNS timestamp LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT created_at FROM attempts
    WHERE profile_id = p_profile AND local_day >= p_first AND local_day <= p_last
      AND (NOT p_nos OR outcome = 'no')
    ORDER BY created_at, id OFFSET p_n - 1 LIMIT 1
$$
"""


def upgrade() -> None:
    op.add_column("profiles", sa.Column("role_name", sa.String(length=63), nullable=True))
    op.add_column("profiles", sa.Column("hide_name", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.create_index("uq_profiles_role_name", "profiles", ["role_name"], unique=True)
    op.create_table(
        "shared_lessons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("channel", sa.String(length=120), nullable=False),
        sa.Column("lesson", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("shared_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"],
                                name=op.f("fk_shared_lessons_profile_id_profiles"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"],
                                name=op.f("fk_shared_lessons_attempt_id_attempts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_lessons")),
        sa.UniqueConstraint("uuid", name=op.f("uq_shared_lessons_uuid")),
        sa.UniqueConstraint("attempt_id", name=op.f("uq_shared_lessons_attempt_id")),
    )
    op.create_index("ix_shared_lessons_shared_at", "shared_lessons", ["shared_at"])
    op.create_index("ix_shared_lessons_profile_id", "shared_lessons", ["profile_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(REACHED_AT)
        op.execute("ALTER FUNCTION rt_attempts_totals() SECURITY DEFINER "
                    "SET search_path = pg_catalog, public")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS rt_reached_at(integer, date, date, boolean, integer)")
        op.execute("ALTER FUNCTION rt_attempts_totals() SECURITY INVOKER")
    op.drop_table("shared_lessons")
    op.drop_index("uq_profiles_role_name", table_name="profiles")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("hide_name")
        batch.drop_column("role_name")
