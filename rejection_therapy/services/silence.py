"""Silence: pending attempts past their window, the waiting list, late replies (learn feature).

Silence is stored as an outcome once the window has passed, with an entry in the outcome
history (cause ``silence-window``), so every count, chart and review agrees, and it is never
a no. A late reply is recorded on the original attempt (same id, history kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core.errors import ValidationError
from ..core.silence import check_outcome, is_silent, silence_cutoff
from ..store.models import Attempt, OutcomeChange
from . import settings as settings_svc

REPLY_OUTCOMES = ("yes", "no")


def _utc(now: datetime | None) -> datetime:
    return (now or clock_now()).astimezone(UTC)


def _aware(instant: datetime) -> datetime:
    """Stored instants are UTC; SQLite gives them back naive."""
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def sweep(session: Session, profile_id: int, now: datetime | None = None) -> int:
    """Mark pending attempts past their channel's silence window as silence; returns how many.

    The rule is ``core.silence.is_silent`` (exactly N days old is silent); the query only
    narrows the rows to those past the shortest window.
    """
    now = _utc(now)
    s = settings_svc.load(session, profile_id)
    oldest_cutoff = silence_cutoff(now, min([s.silence_days, *s.silence_by_channel.values()]))
    rows = session.scalars(
        select(Attempt).where(
            Attempt.profile_id == profile_id,
            Attempt.outcome == "pending",
            Attempt.created_at <= oldest_cutoff,
        )
        # Locked and read afresh: a reply committed meanwhile takes the row out of the sweep
        # (PostgreSQL re-checks the WHERE of a locked row), so the history stays a chain.
        .order_by(Attempt.id)  # one lock order for every sweep: no deadlock between two
        .with_for_update(**settings_svc.ROW_LOCK).execution_options(populate_existing=True)
    ).all()
    changed = 0
    for row in rows:
        if is_silent(row.outcome, _aware(row.created_at), now, s.silence_window(row.channel)):
            session.add(OutcomeChange(attempt_id=row.id, changed_at=now, old_outcome="pending",
                                      new_outcome="silence", cause="silence-window"))
            row.outcome, row.outcome_at, row.updated_at = "silence", now, now
            changed += 1
    session.flush()
    return changed


@dataclass(frozen=True)
class Waiting:
    """A pending attempt: how long it has waited and how long until it reads as silence."""

    id: int
    created_at: datetime
    local_day: date
    channel: str
    target: str | None
    notes: str | None
    age_days: int
    window_days: int
    days_left: int  # until silence (0: silent at the next sweep)
    outcome: str = "pending"  # or "silence" (listed so a late reply can still be logged)


def _waiting_view(r: Attempt, now: datetime, window: int) -> Waiting:
    created = _aware(r.created_at)
    age = max(0, (now - created).days)
    left = 0 if r.outcome == "silence" else max(0, window - age)
    return Waiting(r.id, created, r.local_day, r.channel, r.target, r.notes, age, window, left, r.outcome)


def waiting(
    session: Session, profile_id: int, now: datetime | None = None, limit: int = 500,
    *, include_silent: int = 0,
) -> list[Waiting]:
    """Pending attempts, oldest first, with their age in days.

    ``include_silent=N`` adds the N most recent silent attempts after them (newest first), so a
    reply that comes after the window can still be logged from the same list.
    """
    now = _utc(now)
    s = settings_svc.load(session, profile_id)
    rows = session.scalars(
        select(Attempt)
        .where(Attempt.profile_id == profile_id, Attempt.outcome == "pending")
        .order_by(Attempt.created_at, Attempt.id)
        .limit(limit)
    ).all()
    out = [_waiting_view(r, now, s.silence_window(r.channel)) for r in rows]
    if include_silent > 0:
        silent = session.scalars(
            select(Attempt)
            .where(Attempt.profile_id == profile_id, Attempt.outcome == "silence")
            .order_by(Attempt.created_at.desc(), Attempt.id.desc())
            .limit(include_silent)
        ).all()
        out += [_waiting_view(r, now, s.silence_window(r.channel)) for r in silent]
    return out


def record_reply(
    session: Session, profile_id: int, attempt_id: int, outcome: str, now: datetime | None = None
) -> Attempt:
    """A reply arrived (even after the silence window): store it on the original attempt."""
    from . import attempts

    outcome = check_outcome(outcome)
    if outcome not in REPLY_OUTCOMES:
        raise ValidationError("A reply is either yes or no.")
    return attempts.set_outcome(session, profile_id, attempt_id, outcome, now)
