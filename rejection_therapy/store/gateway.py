"""The SQLAlchemy adapter of the ledger (``services.ledger.LedgerGateway``) on a session:
SQLite and PostgreSQL. It runs the same SQL strings as the stdlib adapter (``store.fast``),
through ``text()``, and inserts attempts through the ORM table.

A gateway is one unit of work: the profile's small tables (settings, goals, rest days, rest
budget, rest tokens) are read in one query (``queries.PROFILE_ROWS``) the first time one of
them is asked for, and kept. Make a new gateway after changing one of them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Date, TextClause, bindparam, delete, insert, select, text
from sqlalchemy.orm import Session

from . import queries
from .ledger_queries import ACTIVE_CHALLENGES, CHANNEL_COUNTS
from .models import Attempt, Profile, UndoRecord, UtcDateTime

Row = Sequence[Any]


def _q(sql: str) -> TextClause:
    """A query whose :day parameter is a date (PostgreSQL compares it to a DATE column)."""
    return text(sql).bindparams(bindparam("day", type_=Date))


class SqlGateway:
    batch_counts = True  # each query is a round trip through SQLAlchemy (services.ledger.rest_inputs)

    def __init__(self, session: Session) -> None:
        self.session = session
        self._profile: tuple[int, dict[str, list[tuple[Any, ...]]]] | None = None

    def _part(self, profile_id: int, part: str) -> list[Row]:
        if self._profile is None or self._profile[0] != profile_id:
            rows = self.session.execute(text(queries.PROFILE_ROWS), {"profile_id": profile_id}).all()
            self._profile = (profile_id, queries.split_profile_rows(rows))
        return list(self._profile[1][part])

    def settings_rows(self, profile_id: int) -> list[Row]:
        return self._part(profile_id, "s")

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
        return self._part(profile_id, "g")

    def day_totals(self, profile_id: int, day: date) -> list[Row]:
        return list(self.session.execute(_q(queries.DAY_TOTALS), {"profile_id": profile_id, "day": day}).all())

    def day_attempts(self, profile_id: int, day: date) -> list[Row]:
        return list(self.session.execute(_q(queries.DAY_ATTEMPTS), {"profile_id": profile_id, "day": day}).all())

    def rest_days(self, profile_id: int) -> list[Row]:
        return self._part(profile_id, "r")

    def wins_of_day(self, profile_id: int, day: date) -> list[Row]:
        return list(self.session.execute(_q(queries.WINS_OF_DAY), {"profile_id": profile_id, "day": day}).all())

    def profile_created_at(self, profile_id: int) -> datetime | None:
        return self.session.execute(select(Profile.created_at).where(Profile.id == profile_id)).scalar()

    def record_undo_log(self, profile_id: int, ids: list[int], now: datetime, window: timedelta) -> None:
        self.session.execute(delete(UndoRecord).where(UndoRecord.profile_id == profile_id,
                                                      UndoRecord.made_at < now - window))
        self.session.add(UndoRecord(profile_id=profile_id, made_at=now, action="log",
                                    attempt_ids=json.dumps(ids), snapshot=None))
        self.session.flush()

    def database_path(self) -> Path | None:
        """The SQLite file (None on PostgreSQL); ``Store.write`` has made the day's copy already,
        so the ledger's call costs one stat."""
        url = self.session.get_bind().url
        return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None

    def active_challenges(self, profile_id: int) -> list[Row]:
        return list(self.session.execute(text(ACTIVE_CHALLENGES), {"profile_id": profile_id}).all())

    def channel_counts(self, profile_id: int, day: date) -> list[Row]:
        return list(self.session.execute(_q(CHANNEL_COUNTS), {"profile_id": profile_id, "day": day}).all())

    def rest_budget_rows(self, profile_id: int) -> list[Row]:
        return self._part(profile_id, "b")

    def rest_token_rows(self, profile_id: int) -> list[Row]:
        return self._part(profile_id, "t")

    def day_count_until(self, profile_id: int, day: date, until: datetime) -> int:
        q = _q(queries.DAY_COUNT_UNTIL).bindparams(bindparam("until", type_=UtcDateTime))
        return int(self.session.execute(q, {"profile_id": profile_id, "day": day, "until": until}).scalar_one())

    def day_counts_until(self, profile_id: int, asks: Sequence[tuple[date, datetime]]) -> list[int]:
        out: list[int] = []
        for at in range(0, len(asks), queries.COUNTS_UNTIL_BATCH):
            part = asks[at:at + queries.COUNTS_UNTIL_BATCH]
            q = text(queries.day_counts_until(len(part))).bindparams(
                *(bindparam(f"day{i}", type_=Date) for i in range(len(part))),
                *(bindparam(f"until{i}", type_=UtcDateTime) for i in range(len(part))))
            p: dict[str, Any] = {"profile_id": profile_id}
            for i, (day, until) in enumerate(part):
                p[f"day{i}"], p[f"until{i}"] = day, until
            out += [int(n) for n in self.session.execute(q, p).one()]
        return out
