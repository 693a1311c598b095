"""SQL shared by the ORM services and the stdlib quick path (``store/fast.py``).

Plain strings with ``:name`` parameters: SQLAlchemy's ``text()`` and the stdlib sqlite3
module both accept them, so both paths run the very same query. Days are passed as
``YYYY-MM-DD`` strings on the quick path and as dates through SQLAlchemy.
"""

from __future__ import annotations

TYPE_CHECKING = False  # these names are needed by annotations only
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

# Attempts and no's per day over a profile's whole history (streaks, total no's survived),
# from the rollup that triggers keep (migration 0002): ~1,000 rows, not every attempt.
DAY_TOTALS = """
SELECT local_day, attempts, nos
FROM day_totals
WHERE profile_id = :profile_id AND local_day <= :day AND attempts > 0
"""

# Today's attempts, newest first (the dashboard list, outcome counts and the no run).
DAY_ATTEMPTS = """
SELECT id, created_at, channel, target, outcome, conversation, rejection_kind, notes
FROM attempts
WHERE profile_id = :profile_id AND local_day = :day
ORDER BY created_at DESC, id DESC
"""

GOALS = """
SELECT valid_from, daily_attempts, daily_nos, daily_cap, per_channel
FROM goals WHERE profile_id = :profile_id ORDER BY valid_from
"""

SETTINGS = "SELECT key, value FROM settings WHERE profile_id = :profile_id"

REST_DAYS = "SELECT day FROM rest_days WHERE profile_id = :profile_id"

WINS_OF_DAY = """
SELECT id, text, attempt_id FROM wins
WHERE profile_id = :profile_id AND local_day = :day ORDER BY created_at, id
"""

DAY_COUNT = """
SELECT COUNT(*) FROM attempts WHERE profile_id = :profile_id AND local_day = :day
"""

PROFILE_BY_NAME = "SELECT id, name FROM profiles WHERE lower(name) = lower(:name) ORDER BY id LIMIT 1"

FIRST_PROFILE = "SELECT id, name FROM profiles ORDER BY id LIMIT 1"

PROFILE_CREATED = "SELECT created_at FROM profiles WHERE id = :profile_id"

# The undo record of a log (services.undo reads it back): older records of the profile go.
UNDO_PRUNE = "DELETE FROM undo_records WHERE profile_id = :profile_id AND made_at < :before"
UNDO_INSERT = (
    "INSERT INTO undo_records (profile_id, made_at, action, attempt_ids, snapshot) "
    "VALUES (:profile_id, :made_at, 'log', :attempt_ids, NULL)"
)

# The repairable streak (core.repair): the rest budget, tokens spent by hand, how many of a
# day's attempts came by an instant (:until, naive UTC as stored).
REST_BUDGETS = "SELECT valid_from, tokens FROM rest_budgets WHERE profile_id = :profile_id ORDER BY valid_from"

REST_TOKENS = "SELECT day FROM rest_tokens WHERE profile_id = :profile_id"

DAY_COUNT_UNTIL = """
SELECT COUNT(*) FROM attempts
WHERE profile_id = :profile_id AND local_day = :day AND created_at <= :until
"""
COUNTS_UNTIL_BATCH = 100  # (day, until) pairs per statement: 200 parameters, 100 columns


def day_counts_until(n: int) -> str:
    """DAY_COUNT_UNTIL for ``n`` (day, until) pairs in one statement: one row, a count per pair
    (parameters :day0, :until0, :day1, …)."""
    counts = (f"(SELECT COUNT(*) FROM attempts WHERE profile_id = :profile_id AND local_day = :day{i} "
              f"AND created_at <= :until{i})" for i in range(n))
    return "SELECT " + ", ".join(counts)

# A profile's small tables in one round trip (the dashboard's key press reads them once):
# settings, goals, rest days, the rest budget and the rest tokens, told apart by ``part``.
# Days come back as 'YYYY-MM-DD' text on both backends; ``split_profile_rows`` sorts them out.
PROFILE_ROWS = """
SELECT 's' AS part, CAST(key AS TEXT) AS t1, value AS t2,
       CAST(NULL AS INTEGER) AS n1, CAST(NULL AS INTEGER) AS n2, CAST(NULL AS INTEGER) AS n3
FROM settings WHERE profile_id = :profile_id
UNION ALL
SELECT 'g', CAST(valid_from AS TEXT), per_channel, daily_attempts, daily_nos, daily_cap
FROM goals WHERE profile_id = :profile_id
UNION ALL
SELECT 'r', CAST(day AS TEXT), NULL, NULL, NULL, NULL FROM rest_days WHERE profile_id = :profile_id
UNION ALL
SELECT 'b', CAST(valid_from AS TEXT), NULL, tokens, NULL, NULL FROM rest_budgets WHERE profile_id = :profile_id
UNION ALL
SELECT 't', CAST(day AS TEXT), NULL, NULL, NULL, NULL FROM rest_tokens WHERE profile_id = :profile_id
"""


def split_profile_rows(rows: Iterable[Sequence[Any]]) -> dict[str, list[tuple[Any, ...]]]:
    """PROFILE_ROWS as the rows of each separate query (SETTINGS, GOALS, REST_DAYS,
    REST_BUDGETS, REST_TOKENS), keyed 's', 'g', 'r', 'b', 't'; goals and budgets by day."""
    parts: dict[str, list[tuple[Any, ...]]] = {p: [] for p in "sgrbt"}
    for part, t1, t2, n1, n2, n3 in rows:
        if part == "s":
            parts["s"].append((t1, t2))
        elif part == "g":
            parts["g"].append((t1, n1, n2, n3, t2))
        elif part == "b":
            parts["b"].append((t1, n1))
        else:
            parts[part].append((t1,))
    parts["g"].sort(key=lambda r: r[0])
    parts["b"].sort(key=lambda r: r[0])
    return parts
