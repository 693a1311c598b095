"""Per-day totals kept by triggers (streaks, lifetime no's, team boards at 5M attempts)

Revision ID: 0002_day_totals
Revises: 0001_initial

The triggers live in the database, so every writer keeps the totals right. NOTE for later
migrations: an Alembic batch operation on ``attempts`` recreates the table on SQLite and
drops its triggers; such a migration must create them again (``create_triggers`` below).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_day_totals"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER trg_attempts_totals_insert AFTER INSERT ON attempts BEGIN
        INSERT INTO day_totals (profile_id, local_day, attempts, nos)
        VALUES (NEW.profile_id, NEW.local_day, 1, NEW.outcome = 'no')
        ON CONFLICT (profile_id, local_day) DO UPDATE
        SET attempts = attempts + 1, nos = nos + (NEW.outcome = 'no');
    END
    """,
    """
    CREATE TRIGGER trg_attempts_totals_delete AFTER DELETE ON attempts BEGIN
        UPDATE day_totals SET attempts = attempts - 1, nos = nos - (OLD.outcome = 'no')
        WHERE profile_id = OLD.profile_id AND local_day = OLD.local_day;
    END
    """,
    """
    CREATE TRIGGER trg_attempts_totals_update
    AFTER UPDATE OF outcome, local_day, profile_id ON attempts BEGIN
        UPDATE day_totals SET attempts = attempts - 1, nos = nos - (OLD.outcome = 'no')
        WHERE profile_id = OLD.profile_id AND local_day = OLD.local_day;
        INSERT INTO day_totals (profile_id, local_day, attempts, nos)
        VALUES (NEW.profile_id, NEW.local_day, 1, NEW.outcome = 'no')
        ON CONFLICT (profile_id, local_day) DO UPDATE
        SET attempts = attempts + 1, nos = nos + (NEW.outcome = 'no');
    END
    """,
]

POSTGRES_TRIGGERS = [
    """
    CREATE FUNCTION rt_attempts_totals() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE day_totals
            SET attempts = attempts - 1,
                nos = nos - (CASE WHEN OLD.outcome = 'no' THEN 1 ELSE 0 END)
            WHERE profile_id = OLD.profile_id AND local_day = OLD.local_day;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO day_totals (profile_id, local_day, attempts, nos)
            VALUES (NEW.profile_id, NEW.local_day, 1, CASE WHEN NEW.outcome = 'no' THEN 1 ELSE 0 END)
            ON CONFLICT (profile_id, local_day) DO UPDATE
            SET attempts = day_totals.attempts + 1, nos = day_totals.nos + EXCLUDED.nos;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER trg_attempts_totals
    AFTER INSERT OR DELETE OR UPDATE OF outcome, local_day, profile_id ON attempts
    FOR EACH ROW EXECUTE FUNCTION rt_attempts_totals()
    """,
]


def create_triggers() -> None:
    statements = POSTGRES_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "day_totals",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("nos", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], name=op.f("fk_day_totals_profile_id_profiles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("profile_id", "local_day", name=op.f("pk_day_totals")),
    )
    op.execute(
        "INSERT INTO day_totals (profile_id, local_day, attempts, nos) "
        "SELECT profile_id, local_day, COUNT(*), SUM(CASE WHEN outcome = 'no' THEN 1 ELSE 0 END) "
        "FROM attempts GROUP BY profile_id, local_day"
    )
    create_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_attempts_totals ON attempts")
        op.execute("DROP FUNCTION IF EXISTS rt_attempts_totals()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_attempts_totals_{name}")
    op.drop_table("day_totals")
