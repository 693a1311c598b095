"""Correcting the record: backdating, editing a few fields, moving an attempt to another day,
deleting with a printed way back, bulk logging.

Both faces call these: the CLI (``edit``, ``delete``, ``log --date/--count``) and the TUI
(the attempt form's date field, the log screen's move).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import dates, days
from ..core.attempts import MAX_COUNT, check_count  # noqa: F401 - re-exported
from ..core.errors import ValidationError
from ..core.settings import Settings
from ..store.gateway import SqlGateway
from ..store.models import Attempt
from . import ledger
from . import settings as settings_svc


def first_day(session: Session, profile_id: int, settings: Settings) -> date | None:
    """The profile's first day (the rule is ``services.ledger.first_day``)."""
    return ledger.first_day(SqlGateway(session), profile_id, settings)


def instant_of(session: Session, profile_id: int, when: str | None, settings: Settings, now: datetime) -> datetime:
    """The instant of a new attempt: ``now``, or the backdated one typed as ``when``."""
    if not when:
        return now
    return ledger.backdated(SqlGateway(session), profile_id, when, settings, now)


def local_wall(row: Attempt) -> str:
    """The attempt's moment as 'YYYY-MM-DD HH:MM' in the zone it was logged in."""
    local = days.local_time(row.created_at, row.tz)
    return f"{local:%Y-%m-%d %H:%M}"


def move(session: Session, profile_id: int, attempt_id: int, when: str, now: datetime | None = None) -> Attempt:
    """Move an attempt to another moment (and so maybe another day).

    A date alone keeps the attempt's wall-clock time; the day rule then decides its day from
    the new instant, in the zone the attempt was logged in (the zone in force then)."""
    from . import attempts

    stamp = now or clock_now()
    row = attempts.get(session, profile_id, attempt_id)
    settings = settings_svc.load(session, profile_id)
    tz = row.tz
    try:
        days.zone(tz)
    except ValidationError:
        tz = settings.timezone
    day_text, time_text = dates.split_when(when)
    if time_text is None:
        today = days.local_day(stamp, tz, settings.day_start_hour)
        day = dates.parse_day(day_text, today, "date")
        local = days.local_time(row.created_at, tz)
        if local.hour < settings.day_start_hour:  # 01:30 belongs to the evening before: keep it so
            day += timedelta(days=1)
        when = f"{day.isoformat()} {time(local.hour, local.minute):%H:%M}"
    first = first_day(session, profile_id, settings)
    first = min(first, row.local_day) if first else row.local_day  # an imported old attempt can move near its day
    instant = dates.instant_for(when, tz, settings.day_start_hour, stamp, first)
    row.created_at = instant
    row.local_day = days.local_day(instant, tz, settings.day_start_hour)
    row.tz = tz
    if row.outcome_at is not None and row.outcome_at < instant:
        row.outcome_at = instant
    row.updated_at = stamp
    session.flush()
    return row


FIELDS = {  # CLI option → AttemptInput field
    "outcome": "outcome", "target": "target", "note": "notes", "kind": "kind", "said": "stated_reason",
    "really": "real_reason", "channel": "channel", "segment": "segment", "lesson": "lesson",
    "follow_up": "follow_up_on", "discomfort": "discomfort",
}


@dataclass(frozen=True)
class Edited:
    id: int
    local_day: date
    changed: tuple[str, ...]
    moved_from: date | None


def edit_fields(
    session: Session, profile_id: int, attempt_id: int, changes: dict[str, Any], when: str | None = None,
    now: datetime | None = None,
) -> Edited:
    """Change only the given fields (empty text clears one); ``when`` moves the attempt."""
    from . import attempts

    if not changes and not when:
        raise ValidationError("Nothing to change; give at least one option such as --note or --date.")
    row = attempts.get(session, profile_id, attempt_id)
    before = row.local_day
    current = attempts.to_input(row)
    values: dict[str, Any] = {FIELDS[k]: (None if v == "" else v) for k, v in changes.items()}
    if "outcome" in values and values["outcome"] != "no" and "kind" not in values:
        values["kind"] = None  # a kind only applies to a no
    if values:
        attempts.edit(session, profile_id, attempt_id, current._replace(**values), now)
    if when:
        row = move(session, profile_id, attempt_id, when, now)
    return Edited(row.id, row.local_day, tuple(changes) + (("date",) if when else ()),
                  before if row.local_day != before else None)


@dataclass(frozen=True)
class Deleted:
    id: int
    local_day: date
    what: str


def delete(session: Session, profile_id: int, attempt_id: int) -> Deleted:
    from . import attempts

    snap = attempts.delete_attempt(session, profile_id, attempt_id)
    what = " · ".join(str(x) for x in (snap.get("outcome"), snap.get("channel"), snap.get("target")) if x)
    return Deleted(attempt_id, snap["local_day"], what)
