"""Row-level security for team mode on PostgreSQL: the roles, grants and policies.

Every table of the schema is in exactly one list below. Adding a table to the app means
adding ONE line here; a table that is in no list still gets row-level security switched on
with no policy for members (they cannot read or write it) and ``team init`` names it, so a
forgotten table is closed, never open.

Members are login roles in the group role ``<prefix>_member``; a member's rows are those
whose profile is bound to ``current_user`` (``profiles.role_name``). The team-admin role
``<prefix>_admin`` may read and write everything (the table owner, who ran ``team init``,
bypasses the policies anyway). Statements here are plain SQL built from fixed table names and
quoted identifiers; nothing from a user is interpolated unquoted.
"""

from __future__ import annotations

# Tables with a profile_id column: a member reads and writes only rows of their own profile.
# Listed before they exist is fine.
OWN_TABLES = (
    "attempts",
    "wins",
    "settings",
    "goals",
    "rest_days",
    "reviews",
    "challenges",
    "ladder_rungs",
    "plans",
    "people",
    "touches",
    "repairs",
    "rest_budgets",
    "rest_tokens",
    "undo_records",
)

# Tables without a profile_id that belong to a row of an OWN table: (table, column, parent).
CHILD_TABLES = (
    ("outcome_changes", "attempt_id", "attempts"),
)

# Everyone reads; nobody but the owner writes (the day_totals trigger runs as its owner).
BOARD_TABLES = ("day_totals", "alembic_version")

# Everyone reads; only the team admin starts, ends and closes competitions (a member who
# could would be able to enter the whole team in a race nobody asked for, or end one early).
ADMIN_TABLES = ("competitions", "competition_entries")

# Everyone reads; a member inserts, changes and withdraws only their own rows.
FEED_TABLES = ("shared_lessons",)

# A member reads and changes only their own row (rename, hide the name); the names the board
# and the feed need come through the view below. Invites insert rows.
PROFILE_TABLE = "profiles"

# Views everyone reads: board_names (migration 0006) runs with its owner's rights and gives
# id, name (NULL for a member who opted out, except to themself) and hide_name, nothing else.
VIEWS = ("board_names",)

# Functions that run with their owner's rights, which members may call.
FUNCTIONS = (
    "rt_reached_at(integer, date, date, boolean, integer)",
    "rt_nth_on_day(integer, date, boolean, integer)",
    "rt_attempts_totals()",
)

MINE = "(SELECT p.id FROM profiles p WHERE p.role_name = current_user)"


def quote(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def group_roles(prefix: str) -> tuple[str, str]:
    """(member group role, team-admin role) for a team prefix."""
    return f"{prefix}_member", f"{prefix}_admin"


def classified() -> set[str]:
    return (set(OWN_TABLES) | {t for t, _c, _p in CHILD_TABLES} | set(BOARD_TABLES)
            | set(ADMIN_TABLES) | set(FEED_TABLES) | {PROFILE_TABLE})


def policy_statements(tables: set[str], sequences: list[str], prefix: str, database: str,
                      views: set[str] | None = None, functions: set[str] | None = None) -> list[str]:
    """Everything ``team init`` runs after the migrations, idempotent (policies are dropped
    and created again), for the tables, views and functions that exist (by default: all the
    views and functions above)."""
    member, admin = (quote(r) for r in group_roles(prefix))
    out = [
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {member}, {admin}",
        f"GRANT USAGE ON SCHEMA public TO {member}, {admin}",
    ]

    def table(name: str, grants: str, policies: list[tuple[str, str, str | None]]) -> None:
        t = quote(name)
        out.append(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        out.append(f"REVOKE ALL ON {t} FROM PUBLIC, {member}")
        out.append(f"GRANT ALL ON {t} TO {admin}")
        if grants:
            out.append(f"GRANT {grants} ON {t} TO {member}")
        out.append(f"DROP POLICY IF EXISTS rt_admin ON {t}")
        out.append(f"CREATE POLICY rt_admin ON {t} TO {admin} USING (true) WITH CHECK (true)")
        for suffix in ("all", "select", "insert", "update", "delete"):
            out.append(f"DROP POLICY IF EXISTS rt_member_{suffix} ON {t}")
        for command, using, check in policies:
            sql = f"CREATE POLICY rt_member_{command.lower()} ON {t} FOR {command} TO {member}"
            if using is not None:
                sql += f" USING ({using})"
            if check is not None:
                sql += f" WITH CHECK ({check})"
            out.append(sql)

    rw = "SELECT, INSERT, UPDATE, DELETE"
    for name in OWN_TABLES:
        if name in tables:
            own = f"profile_id = {MINE}"
            table(name, rw, [("ALL", own, own)])
    for name, column, parent in CHILD_TABLES:
        if name in tables:
            # The parent's own policy filters the sub-select: only the member's parents.
            own = f"{column} IN (SELECT id FROM {quote(parent)})"
            table(name, rw, [("ALL", own, own)])
    for name in BOARD_TABLES:
        if name in tables:
            table(name, "SELECT", [("SELECT", "true", None)])
    for name in ADMIN_TABLES:
        if name in tables:
            table(name, "SELECT", [("SELECT", "true", None)])
    for name in FEED_TABLES:
        if name in tables:
            own = f"profile_id = {MINE}"
            table(name, rw, [("SELECT", "true", None), ("INSERT", None, own),
                             ("UPDATE", own, own), ("DELETE", own, None)])
    if PROFILE_TABLE in tables:
        own = "role_name = current_user"
        table(PROFILE_TABLE, "SELECT, UPDATE (name, hide_name)",
              [("SELECT", own, None), ("UPDATE", own, own)])
    for name in sorted(tables - classified()):
        # Closed by default: not in any list above, so members get nothing.
        table(name, "", [])
    for seq in sequences:
        out.append(f"GRANT USAGE, SELECT ON SEQUENCE {quote(seq)} TO {member}, {admin}")
    for view in sorted(set(VIEWS) if views is None else views & set(VIEWS)):
        out.append(f"REVOKE ALL ON {quote(view)} FROM PUBLIC")
        out.append(f"GRANT SELECT ON {quote(view)} TO {member}, {admin}")
    for fn in FUNCTIONS if functions is None else [f for f in FUNCTIONS if f.split("(")[0] in functions]:
        out.append(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
        out.append(f"GRANT EXECUTE ON FUNCTION {fn} TO {member}, {admin}")
    return out


def unlisted(tables: set[str]) -> list[str]:
    """Tables no list above names (members cannot use them until one does)."""
    return sorted(tables - classified())
