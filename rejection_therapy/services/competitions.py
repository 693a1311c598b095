"""Competitions: the "no" counter race between profiles (starting, listing, closing).

    with ctx.store.write() as s:
        competitions.start(s, ctx.profile_id, "November", period="month")
    with ctx.store.write() as s:          # closes finished competitions (cheap when none)
        competitions.close_due(s, ctx.profile_id)
    with ctx.store.read() as s:
        board = competitions.board(s, ctx.profile_id)

The board and its queries are in competition_board.py, the shared look-ups in
competition_base.py; both are re-exported here, so callers import this module only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core import competition as rules
from ..core.errors import NotFoundError, ValidationError
from ..core.text import clean_name
from ..store.models import Competition, CompetitionEntry
from .competition_base import (
    CompetitionInfo,
    can_change,
    find,
    info_of,
    now_utc,
    participants,
    profile_names,
    require_change,
    today_for,
)
from .competition_board import (
    Board,
    MyRank,
    board,
    format_board,
    my_ranks,
    panel,
    personal_bests,
    reached_at,
    recently_closed,
    standings_of,
)

__all__ = [
    "Board", "CompetitionInfo", "MyRank", "board", "can_change", "close_due", "find", "format_board",
    "list_competitions", "my_ranks", "panel", "personal_bests", "profile_names", "reached_at",
    "recently_closed", "require_change", "standings_of", "start",
]


def start(
    session: Session,
    profile_id: int,
    name: str,
    period: str | None = "month",
    *,
    start_day: date | str | None = None,
    end_day: date | str | None = None,
    metric: str | None = "nos",
    with_names: list[str] | str | None = None,
    now: datetime | None = None,
) -> CompetitionInfo:
    """Start a competition; participants default to every profile. On a team database only
    the team admin may (the database refuses members; this says so first, in one sentence)."""
    require_change(session, "INSERT", "start a competition")
    name = clean_name(name, "competition name")
    metric = rules.check_metric(metric)
    today, first_weekday = today_for(session, profile_id, now)
    first, last = rules.period_days(period, today, first_weekday=first_weekday, start=start_day, end=end_day)
    if rules.is_over(today, last):
        raise ValidationError("That period is already over; pick dates that include today or later.")
    taken = session.execute(
        select(Competition.id).where(func.lower(Competition.name) == name.lower())
    ).first()
    if taken:
        raise ValidationError(f"A competition named {name!r} already exists; pick another name.")
    everyone = profile_names(session)
    if with_names:
        if isinstance(with_names, str):
            with_names = with_names.split(",")
        by_lower = {n.lower(): pid for pid, n in everyone.items()}
        members: list[int] = []
        for raw in with_names:
            wanted = (raw or "").strip()
            if not wanted:
                continue
            pid = by_lower.get(wanted.lower())
            if pid is None:
                raise NotFoundError(
                    f"There is no profile named {wanted!r}; see 'rejection-therapy profile list'."
                )
            if pid not in members:
                members.append(pid)
    else:
        members = list(everyone)
    if len(members) < 1:
        raise ValidationError("A competition needs at least one participant.")
    # ON CONFLICT DO NOTHING: two members starting the same name at once get one competition
    # and one plain sentence, never a unique-constraint error.
    insert: Any
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        insert = pg_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        insert = sqlite_insert
    new_id = session.execute(
        insert(Competition).values(
            uuid=uuid.uuid4().hex, name=name, metric=metric, start_day=first, end_day=last,
            status="running", created_by=profile_id, created_at=now_utc(now),
        ).on_conflict_do_nothing(index_elements=["name"]).returning(Competition.id)
    ).scalar()
    if new_id is None:
        raise ValidationError(f"A competition named {name!r} already exists; pick another name.")
    row = session.get(Competition, new_id)
    assert row is not None
    session.add_all(CompetitionEntry(competition_id=row.id, profile_id=pid) for pid in members)
    session.flush()
    return info_of(row, members, profile_names(session, viewer=profile_id), profile_id, today)


def list_competitions(session: Session, profile_id: int, now: datetime | None = None) -> list[CompetitionInfo]:
    """Running competitions first (ending soonest first), then the history (newest first)."""
    today, _ = today_for(session, profile_id, now)
    rows = list(session.scalars(select(Competition)))
    members = participants(session, [r.id for r in rows])
    names = profile_names(session, viewer=profile_id)
    infos = [info_of(r, members[r.id], names, profile_id, today) for r in rows]
    running = sorted((i for i in infos if i.status == "running"), key=lambda i: (i.end_day, i.id))
    history = sorted((i for i in infos if i.status != "running"), key=lambda i: (i.end_day, i.id), reverse=True)
    return running + history


def close_due(session: Session, profile_id: int, now: datetime | None = None) -> list[CompetitionInfo]:
    """Close every running competition whose period is over, with its winner (lazily, on read).

    Cheap when nothing is due: one query. Safe when two members close at once (the row is
    locked on PostgreSQL, and SQLite writes are serialised by BEGIN IMMEDIATE).
    """
    if not can_change(session)[0]:
        return []  # a team member: the board shows it closed anyway; the admin's app stores it
    today, _ = today_for(session, profile_id, now)
    q = select(Competition).where(Competition.status == "running", Competition.end_day < today)
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    due = list(session.scalars(q))
    closed = []
    for row in due:
        members = participants(session, [row.id])[row.id]
        names = profile_names(session, members, profile_id)
        top = rules.winner(standings_of(session, row, members, names, today))
        row.status = "closed"
        row.winner_profile_id = top.profile_id if top else None
        session.flush()
        closed.append(info_of(row, members, profile_names(session, viewer=profile_id), profile_id, today))
    return closed
