"""The SQLAlchemy adapter of the ledger (``services.ledger.LedgerGateway``) on a session:
SQLite and PostgreSQL. It runs the same SQL strings as the stdlib adapter (``store.fast``),
through ``text()``, and inserts attempts through the ORM table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, TextClause, bindparam, insert, text
from sqlalchemy.orm import Session

from . import queries
from .models import Attempt

Row = Sequence[Any]


def _q(sql: str) -> TextClause:
    """A query whose :day parameter is a date (PostgreSQL compares it to a DATE column)."""
    return text(sql).bindparams(bindparam("day", type_=Date))


class SqlGateway:
    def __init__(self, session: Session) -> None:
        self.session = session

    def settings_rows(self, profile_id: int) -> list[Row]:
        return list(self.session.execute(text(queries.SETTINGS), {"profile_id": profile_id}).all())

    def find_profile(self, name: str | None) -> tuple[int, str] | None:
        if name:
            row = self.session.execute(text(queries.PROFILE_BY_NAME), {"name": name}).first()
        else:
            row = self.session.execute(text(queries.FIRST_PROFILE)).first()
        return None if row is None else (int(row[0]), str(row[1]))

    def insert_attempt(self, row: dict[str, Any]) -> int:
        return int(self.session.execute(insert(Attempt).values(**row).returning(Attempt.id)).scalar_one())

    def day_count(self, profile_id: int, day: date) -> int:
        return int(self.session.execute(_q(queries.DAY_COUNT), {"profile_id": profile_id, "day": day}).scalar_one())

    def goal_rows(self, profile_id: int) -> list[Row]:
        return list(self.session.execute(text(queries.GOALS), {"profile_id": profile_id}).all())

    def day_totals(self, profile_id: int, day: date) -> list[Row]:
        return list(self.session.execute(_q(queries.DAY_TOTALS), {"profile_id": profile_id, "day": day}).all())

    def day_attempts(self, profile_id: int, day: date) -> list[Row]:
        return list(self.session.execute(_q(queries.DAY_ATTEMPTS), {"profile_id": profile_id, "day": day}).all())

    def rest_days(self, profile_id: int) -> list[Row]:
        return list(self.session.execute(text(queries.REST_DAYS), {"profile_id": profile_id}).all())

    def wins_of_day(self, profile_id: int, day: date) -> list[Row]:
        return list(self.session.execute(_q(queries.WINS_OF_DAY), {"profile_id": profile_id, "day": day}).all())
