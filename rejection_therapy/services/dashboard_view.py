"""What the dashboard shows, as one frozen view, and the dashboard's writes that return it.

A key press on the dashboard is one worker round trip: ``log``, ``undo``, ``edit``,
``set_outcome`` and ``add_win`` write and build the view in the same transaction, on one
gateway (``store.gateway.SqlGateway``): the profile's settings, goals and rest tables are
read once, in one query, and the challenges once (``view``). The feature panels
(challenges, follow-ups, competitions) are not part of it: the dashboard refreshes them once
after a burst of keys.

Statements per key press (tests/test_tui_statements.py counts them): the write's own, then
the profile's small tables (unless the write read them already), today's totals, today's
attempts, today's wins and the running challenges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from ..core.attempts import AttemptInput
from ..core.today import TodaySummary
from ..store.gateway import SqlGateway
from . import attempts, challenges, ledger, wins


@dataclass(frozen=True)
class DashboardView:
    summary: TodaySummary
    cap: int | None  # today's burnout cap (goal and running challenges)
    effort_only: bool  # a running challenge hides replies


@dataclass(frozen=True)
class Changed:
    """A write from the dashboard: the attempt it touched (if any) and the view after it."""

    attempt_id: int | None
    view: DashboardView


def view(session: Session, profile_id: int, now: datetime | None = None,
         gw: SqlGateway | None = None) -> DashboardView:
    """``gw``: the write's gateway, whose profile rows are read already."""
    summary = ledger.today(gw or SqlGateway(session), profile_id, now)
    running = challenges.active_on(session, profile_id, summary.day)  # the one challenges read
    return DashboardView(
        summary,
        challenges.effective_cap(session, profile_id, summary.day, summary.goal.daily_cap, running),
        challenges.effort_only_active(session, profile_id, summary.day, running),
    )


def log(session: Session, profile_id: int, data: AttemptInput, now: datetime | None = None) -> Changed:
    gw = SqlGateway(session)
    attempt_id = attempts.write_attempt(gw, profile_id, data, now)
    return Changed(attempt_id, view(session, profile_id, now, gw))


def undo(session: Session, profile_id: int, attempt_id: int, now: datetime | None = None) -> Changed:
    """Take back a log of this session (u on the dashboard); not recorded as a delete for ``undo``."""
    attempts.take_back_log(session, profile_id, attempt_id)
    return Changed(attempt_id, view(session, profile_id, now))


def edit(session: Session, profile_id: int, attempt_id: int, data: AttemptInput,
         now: datetime | None = None) -> Changed:
    gw = SqlGateway(session)
    attempts.edit(session, profile_id, attempt_id, data, now, settings=ledger.settings_of(gw, profile_id))
    return Changed(attempt_id, view(session, profile_id, now, gw))


def set_outcome(session: Session, profile_id: int, attempt_id: int, outcome: str,
                now: datetime | None = None) -> Changed:
    attempts.set_outcome(session, profile_id, attempt_id, outcome, now=now)
    return Changed(attempt_id, view(session, profile_id, now))


def add_win(session: Session, profile_id: int, text: str, attempt_id: int | None = None,
            now: datetime | None = None) -> Changed:
    gw = SqlGateway(session)
    wins.add_win(session, profile_id, text, attempt_id, now, settings=ledger.settings_of(gw, profile_id))
    return Changed(attempt_id, view(session, profile_id, now, gw))
