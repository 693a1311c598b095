"""Turning long-pending attempts into silence (owned by the learn feature).

Silence is stored as an outcome once the window has passed, with an entry in the outcome
history (cause ``silence-window``), so every count, chart and review agrees. A late reply is
still recorded on the attempt with ``attempts.set_outcome``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.silence import silence_cutoff
from ..store.models import Attempt, OutcomeChange
from . import settings as settings_svc


def sweep(session: Session, profile_id: int, now: datetime | None = None) -> int:
    """Mark pending attempts past their channel's silence window as silence; returns how many."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    s = settings_svc.load(session, profile_id)
    oldest_cutoff = silence_cutoff(now, min([s.silence_days, *s.silence_by_channel.values()]))
    rows = session.scalars(
        select(Attempt).where(
            Attempt.profile_id == profile_id,
            Attempt.outcome == "pending",
            Attempt.created_at < oldest_cutoff.replace(tzinfo=None),
        )
    ).all()
    changed = 0
    for row in rows:
        if row.created_at < silence_cutoff(now, s.silence_window(row.channel)):
            session.add(OutcomeChange(attempt_id=row.id, changed_at=now, old_outcome="pending",
                                      new_outcome="silence", cause="silence-window"))
            row.outcome, row.outcome_at, row.updated_at = "silence", now, now
            changed += 1
    session.flush()
    return changed
