"""Follow-ups: list what is due, done / snooze / drop, set one on any attempt, export .ics."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days, learn
from ..core.attempts import check_follow_up
from ..core.errors import RTError, ValidationError
from ..core.silence import KIND_LABELS
from ..files import write_private_atomic
from ..store.models import Attempt
from . import attempts as attempts_svc
from . import settings as settings_svc


@dataclass(frozen=True)
class FollowUp:
    id: int
    uuid: str
    follow_up_on: date
    state: str  # open | done | dropped
    status: str  # overdue | due | upcoming
    label: str  # "due today", "3 days overdue", "in 5 days"
    local_day: date
    channel: str
    target: str | None
    outcome: str
    rejection_kind: str | None
    stated_reason: str | None
    real_reason: str | None
    notes: str | None
    lesson: str | None
    updated_at: datetime

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.rejection_kind or "", "")

    @property
    def is_due(self) -> bool:
        return self.state == "open" and self.status in ("due", "overdue")


def today_of(session: Session, profile_id: int, now: datetime | None = None) -> date:
    s = settings_svc.load(session, profile_id)
    return days.local_day(now or clock_now(), s.timezone, s.day_start_hour)


def _view(row: Attempt, today: date) -> FollowUp:
    on = row.follow_up_on
    assert on is not None
    return FollowUp(
        id=row.id, uuid=row.uuid, follow_up_on=on, state=row.follow_up_state or "open",
        status=learn.follow_up_status(on, today), label=learn.due_label(on, today),
        local_day=row.local_day, channel=row.channel, target=row.target, outcome=row.outcome,
        rejection_kind=row.rejection_kind, stated_reason=row.stated_reason,
        real_reason=row.real_reason, notes=row.notes, lesson=row.lesson, updated_at=row.updated_at,
    )


def list_followups(
    session: Session, profile_id: int, *, due_only: bool = False, include_closed: bool = False,
    today: date | None = None, now: datetime | None = None, limit: int | None = None,
) -> list[FollowUp]:
    """Follow-ups by date (oldest first). Open ones only unless ``include_closed``."""
    today = today or today_of(session, profile_id, now)
    q = select(Attempt).where(Attempt.profile_id == profile_id, Attempt.follow_up_on.is_not(None))
    if not include_closed:
        q = q.where((Attempt.follow_up_state == "open") | Attempt.follow_up_state.is_(None))
    if due_only:
        q = q.where(Attempt.follow_up_on <= today)
    q = q.order_by(Attempt.follow_up_on, Attempt.id)
    if limit is not None:
        q = q.limit(limit)
    return [_view(r, today) for r in session.scalars(q).all()]


@dataclass(frozen=True)
class DueSummary:
    """What the dashboard panel needs: the first few due follow-ups and the counts."""

    items: list[FollowUp]
    due_today: int
    overdue: int

    @property
    def total(self) -> int:
        return self.due_today + self.overdue


def due_summary(
    session: Session, profile_id: int, shown: int = 4, today: date | None = None, now: datetime | None = None,
) -> DueSummary:
    """Counts by SQL, and only ``shown`` rows loaded (cheap after every log)."""
    from sqlalchemy import case, func

    today = today or today_of(session, profile_id, now)
    open_ = (Attempt.follow_up_state == "open") | Attempt.follow_up_state.is_(None)
    where = (Attempt.profile_id == profile_id, Attempt.follow_up_on.is_not(None), Attempt.follow_up_on <= today, open_)
    overdue, total = session.execute(
        select(func.coalesce(func.sum(case((Attempt.follow_up_on < today, 1), else_=0)), 0), func.count())
        .select_from(Attempt).where(*where)
    ).one()
    items = list_followups(session, profile_id, due_only=True, today=today, limit=shown) if total else []
    return DueSummary(items, int(total) - int(overdue), int(overdue))


def due(session: Session, profile_id: int, today: date | None = None, now: datetime | None = None) -> list[FollowUp]:
    """Open follow-ups dated today or earlier (the dashboard panel)."""
    return list_followups(session, profile_id, due_only=True, today=today, now=now)


def status_counts(session: Session, profile_id: int, today: date | None = None) -> dict[str, int]:
    """Open follow-ups by status: overdue, due (today), upcoming."""
    from sqlalchemy import case, func

    today = today or today_of(session, profile_id)
    status = case((Attempt.follow_up_on < today, "overdue"), (Attempt.follow_up_on == today, "due"),
                  else_="upcoming")
    rows = session.execute(
        select(status, func.count()).where(
            Attempt.profile_id == profile_id, Attempt.follow_up_on.is_not(None),
            (Attempt.follow_up_state == "open") | Attempt.follow_up_state.is_(None),
        ).group_by(status)
    ).all()
    counts = {"overdue": 0, "due": 0, "upcoming": 0}
    counts.update({str(k): int(n) for k, n in rows})
    return counts


def get(session: Session, profile_id: int, attempt_id: int, today: date | None = None) -> FollowUp:
    row = attempts_svc.get(session, profile_id, attempt_id)
    if row.follow_up_on is None:
        raise ValidationError(f"Attempt #{attempt_id} has no follow-up.")
    return _view(row, today or today_of(session, profile_id))


def _open_row(session: Session, profile_id: int, attempt_id: int) -> Attempt:
    row = attempts_svc.get(session, profile_id, attempt_id, lock=True)
    if row.follow_up_on is None:
        raise ValidationError(f"Attempt #{attempt_id} has no follow-up.")
    return row


def _touch(row: Attempt, now: datetime | None) -> None:
    row.updated_at = (now or clock_now()).astimezone(UTC)


def _set_state(session: Session, profile_id: int, attempt_id: int, state: str, now: datetime | None) -> FollowUp:
    row = _open_row(session, profile_id, attempt_id)
    row.follow_up_state = state
    _touch(row, now)
    session.flush()
    return _view(row, today_of(session, profile_id, now))


def mark_done(session: Session, profile_id: int, attempt_id: int, now: datetime | None = None) -> FollowUp:
    return _set_state(session, profile_id, attempt_id, "done", now)


def drop(session: Session, profile_id: int, attempt_id: int, now: datetime | None = None) -> FollowUp:
    return _set_state(session, profile_id, attempt_id, "dropped", now)


def snooze(
    session: Session, profile_id: int, attempt_id: int, days_: int = learn.DEFAULT_SNOOZE_DAYS,
    now: datetime | None = None,
) -> FollowUp:
    """Move the follow-up N days past today (it stays, or becomes again, open)."""
    row = _open_row(session, profile_id, attempt_id)
    today = today_of(session, profile_id, now)
    row.follow_up_on = learn.snoozed_until(row.follow_up_on or today, today, days_)
    row.follow_up_state = "open"
    _touch(row, now)
    session.flush()
    return _view(row, today)


def set_follow_up(
    session: Session, profile_id: int, attempt_id: int, on: date | str | None, now: datetime | None = None
) -> FollowUp | None:
    """Give any attempt a follow-up date (or remove it with ``None``)."""
    row = attempts_svc.get(session, profile_id, attempt_id, lock=True)
    when = check_follow_up(on)
    row.follow_up_on = when
    row.follow_up_state = "open" if when else None
    _touch(row, now)
    session.flush()
    return _view(row, today_of(session, profile_id, now)) if when else None


# --- iCalendar export -------------------------------------------------------------------

def _description(f: FollowUp) -> str:
    parts = [f"Follow up on your {f.channel} of {f.local_day.isoformat()} (attempt #{f.id}, outcome: {f.outcome})."]
    if f.kind_label:
        parts.append(f"Kind: {f.kind_label}")
    for label, value in (("They said", f.stated_reason), ("What I think it was", f.real_reason),
                         ("Notes", f.notes), ("Lesson", f.lesson)):
        if value:
            parts.append(f"{label}: {value}")
    parts.append(f"Ask: {learn.ASK_WHY_QUESTIONS[1]}")
    return "\n".join(parts)


def build_ics(items: list[FollowUp], stamp: datetime | None = None) -> bytes:
    """One all-day VEVENT per follow-up; the UID comes from the attempt's uuid."""
    from datetime import timedelta

    from icalendar import Calendar, Event

    stamp = (stamp or clock_now()).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//rejection-therapy//follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Rejection therapy follow-ups")
    for f in items:
        ev = Event()
        ev.add("uid", learn.ics_uid(f.uuid))
        ev.add("dtstamp", stamp)
        ev.add("last-modified", f.updated_at.astimezone(UTC))
        ev.add("dtstart", f.follow_up_on)
        ev.add("dtend", f.follow_up_on + timedelta(days=1))
        ev.add("summary", f"Follow up: {f.target or f.channel}")
        ev.add("description", _description(f))
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return bytes(cal.to_ical())


def export_ics(session: Session, profile_id: int, path: str | os.PathLike[str], now: datetime | None = None) -> int:
    """Write every open follow-up to ``path`` (atomically); returns the number of events."""
    items = list_followups(session, profile_id, now=now)
    data = build_ics(items, now)
    write_user_file(path, data, "follow-ups.ics")
    return len(items)


def write_user_file(path: str | os.PathLike[str], data: bytes, example: str) -> Path:
    """Write ``data`` to a file the user named (atomically); returns the full path. A folder,
    or a file in a folder that does not exist, is a ValidationError naming ``example``."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ValidationError(f"{target} is a folder; give a file name such as {example}.")
    if not target.parent.exists():
        raise ValidationError(f"The folder {target.parent} does not exist.")
    write_file_atomic(target, data)
    return target.resolve()


def write_file_atomic(target: Path, data: bytes) -> None:
    """Write next to the target, then rename: a failed write never leaves half a file."""
    try:
        write_private_atomic(target, data, 0o600)  # 0600 as tempfile.mkstemp made it before
    except OSError as err:
        raise RTError(f"Could not write {target}: {err.strerror or err}.") from None
