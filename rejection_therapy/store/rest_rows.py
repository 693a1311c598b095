"""Rows the repairable streak needs (core.repair), for both the ORM and the stdlib path.

``rest_inputs(execute, profile_id, now, settings)`` takes an ``execute(sql, params) -> rows``
callable, so the services (SQLAlchemy) and ``store.fast`` (sqlite3) run the same SQL. No
SQLAlchemy import here: the quick ``today`` uses it. A day's instants are read lazily, only
when a repair window ends inside a make-up day (a DST change).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

REST_BUDGETS = "SELECT valid_from, tokens FROM rest_budgets WHERE profile_id = :profile_id ORDER BY valid_from"
REST_TOKENS = "SELECT day FROM rest_tokens WHERE profile_id = :profile_id"
DAY_INSTANTS = """
SELECT created_at FROM attempts
WHERE profile_id = :profile_id AND local_day = :day ORDER BY created_at
"""

Execute = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]


def rest_inputs(execute: Execute, profile_id: int, now: datetime, settings) -> Any:
    from ..core import days
    from ..core.repair import RestBudget, RestInputs
    from ..core.today import as_date, as_instant

    pid = {"profile_id": profile_id}

    def bounds(d: date) -> tuple[datetime, datetime]:
        return days.day_bounds(d, settings.timezone, settings.day_start_hour)

    def instants_of(d: date) -> list[datetime]:
        return [as_instant(r[0]) for r in execute(DAY_INSTANTS, {"profile_id": profile_id, "day": d})]

    return RestInputs(
        now=now,
        bounds=bounds,
        budget=RestBudget.from_rows(execute(REST_BUDGETS, pid)),
        manual=frozenset(as_date(r[0]) for r in execute(REST_TOKENS, pid)),
        instants_of=instants_of,
    )
