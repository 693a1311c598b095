"""Team boards at 5M attempts, and what members may see of each other

Revision ID: 0006_team_speed
Revises: 0005_ledger

* ``board_names``: the names the board and the feed need (id, name, hide_name). On
  PostgreSQL it reads ``profiles`` with its owner's rights and gives NULL instead of the name
  of a member who opted out (except to that member), so members can be denied the
  ``profiles`` table itself (row-level security: their own row only, see store/rls.py).
* ``day_totals (profile_id, nos)`` and ``(profile_id, attempts)``: each member's best day is
  one index probe, not a scan of their ~1,000 days.
* ``rt_nth_on_day``: the board's tie-break reads one day of a member's attempts (the day
  found in the rollup, core.competition.nth_day) with its owner's rights; it replaces
  ``rt_reached_at``, which read the whole period and stays only for older app versions.

No batch operation on ``attempts``: its day_totals triggers stay.
"""

from alembic import op

revision = "0006_team_speed"
down_revision = "0005_ledger"
branch_labels = None
depends_on = None

PG_NAMES = """
CREATE VIEW board_names AS
SELECT id,
       CASE WHEN hide_name AND role_name IS DISTINCT FROM current_user
                 AND EXISTS (SELECT 1 FROM profiles m WHERE m.role_name = current_user)
            THEN NULL ELSE name END AS name,
       hide_name
FROM profiles
"""

SQLITE_NAMES = "CREATE VIEW board_names AS SELECT id, name, hide_name FROM profiles"

NTH_ON_DAY = """
CREATE FUNCTION rt_nth_on_day(p_profile integer, p_day date, p_nos boolean, p_k integer)
RETURNS timestamp LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT created_at FROM attempts
    WHERE profile_id = p_profile AND local_day = p_day AND (NOT p_nos OR outcome = 'no')
    ORDER BY created_at, id OFFSET greatest(p_k, 1) - 1 LIMIT 1
$$
"""


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.execute(PG_NAMES if pg else SQLITE_NAMES)
    op.create_index("ix_day_totals_profile_nos", "day_totals", ["profile_id", "nos"])
    op.create_index("ix_day_totals_profile_attempts", "day_totals", ["profile_id", "attempts"])
    if pg:
        op.execute(NTH_ON_DAY)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS rt_nth_on_day(integer, date, boolean, integer)")
    op.drop_index("ix_day_totals_profile_attempts", table_name="day_totals")
    op.drop_index("ix_day_totals_profile_nos", table_name="day_totals")
    op.execute("DROP VIEW IF EXISTS board_names")
