"""Turning what the user typed into an attempt row: one rule for every path that writes one.

Both the ORM service and the stdlib quick-log path call ``build_attempt_row``; a test checks
that they store identical rows.
"""

import os
from datetime import date, datetime
from typing import Any, NamedTuple

from . import calibration_checks as calibration
from . import days, silence
from .errors import ValidationError
from .learn import suggested_follow_up
from .numbers import is_int_text
from .settings import Settings
from .text import LONG, SHORT, clean_tags, clean_text


class AttemptInput(NamedTuple):
    outcome: str = "no"
    channel: str | None = None
    target: str | None = None
    segment: str | None = None
    tags: list[str] | str | None = None
    discomfort: int | None = None
    conversation: bool = False
    kind: str | None = None
    stated_reason: str | None = None
    real_reason: str | None = None
    notes: str | None = None
    follow_up_on: date | str | None = None
    lesson: str | None = None
    challenge_id: int | None = None
    guess_pct: int | str | None = None  # expected chance of a yes, 0-100 (core.calibration)
    dread: int | str | None = None  # how bad a no would feel, 1-5
    sting: int | str | None = None  # how bad it actually felt, 1-5
    rung_id: int | None = None  # the comfort-ladder rung this attempt climbs
    when: str | None = None  # backdating: 'yesterday', '2026-11-17 09:30' (None = now / unchanged)
    extra: dict[str, Any] = {}  # one shared default: never changed in place


MAX_COUNT = 10_000


def uuid4_hex() -> str:
    """A random (version 4) UUID as 32 hex digits: ``uuid.uuid4().hex`` without importing
    ``uuid``, which imports ``platform`` (~4 ms of every quick ``log``)."""
    value = int.from_bytes(os.urandom(16), "big")
    value = (value & ~(0xC000 << 48) | (0x8000 << 48)) & ~(0xF000 << 64) | (4 << 76)
    return f"{value:032x}"


def check_count(value: int | str | None) -> int:
    """How many alike attempts one ``log`` writes: 1 to 10,000 (ASCII digits only)."""
    if value is None:
        return 1
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 7) or not 1 <= int(text) <= MAX_COUNT:
        raise ValidationError(f"The count must be a whole number from 1 to {MAX_COUNT:,}, not {value!r}.")
    return int(text)


def check_discomfort(value: object) -> int | None:
    if value is None or value == "":
        return None
    if is_int_text(value):
        value = int(str(value).strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError("Discomfort is a whole number from 1 (easy) to 5 (terrifying).")
    return value


def check_channel(value: str | None, settings: Settings) -> str:
    channel = clean_text(value, "channel", max_len=SHORT) or settings.default_channel
    return channel.lower()


def check_follow_up(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return days.parse_date(value, "follow-up date") if isinstance(value, str) else value


def clean_fields(data: AttemptInput, settings: Settings) -> dict[str, Any]:
    """Validated, cleaned values of the user-editable fields (used by log and edit)."""
    outcome = silence.check_outcome(data.outcome)
    kind = silence.check_kind(data.kind)
    if kind is not None and outcome != "no":
        raise ValidationError("A rejection kind only applies to a no.")
    sting = calibration.check_sting(data.sting)
    if outcome not in calibration.STING_OUTCOMES:
        sting = None  # a sting belongs to a no (or a silence); a yes or pending drops it
    return {
        "outcome": outcome,
        "channel": check_channel(data.channel, settings),
        "target": clean_text(data.target, "target", max_len=SHORT),
        "segment": clean_text(data.segment, "segment", max_len=SHORT),
        "tags": clean_tags(data.tags),
        "discomfort": check_discomfort(data.discomfort),
        "conversation": bool(data.conversation),
        "rejection_kind": kind,
        "stated_reason": clean_text(data.stated_reason, "stated reason", max_len=LONG, multiline=True),
        "real_reason": clean_text(data.real_reason, "real reason", max_len=LONG, multiline=True),
        "notes": clean_text(data.notes, "note", max_len=LONG, multiline=True),
        "follow_up_on": check_follow_up(data.follow_up_on),
        "lesson": clean_text(data.lesson, "lesson", max_len=LONG, multiline=True),
        "challenge_id": data.challenge_id,
        "guess_pct": calibration.check_guess(data.guess_pct),
        "dread": calibration.check_dread(data.dread),
        "sting": sting,
        "rung_id": data.rung_id,
    }


def naive_utc(instant: datetime) -> datetime:
    """Instants are stored as naive UTC (portable across SQLite and PostgreSQL)."""
    return days.as_utc(instant).replace(tzinfo=None)


def build_attempt_row(
    data: AttemptInput,
    settings: Settings,
    profile_id: int,
    now: datetime,
    uuid: str | None = None,
) -> dict[str, Any]:
    """All column values of a new attempt (everything but the id)."""
    now = days.as_utc(now)
    values = clean_fields(data, settings)
    stamp = naive_utc(now)
    day = days.local_day(now, settings.timezone, settings.day_start_hour)
    if values["follow_up_on"] is None:
        values["follow_up_on"] = suggested_follow_up(day, values["rejection_kind"], settings.follow_up_days)
    values.update(
        profile_id=profile_id,
        uuid=uuid or uuid4_hex(),
        created_at=stamp,
        local_day=day,
        tz=settings.timezone,
        outcome_at=stamp if values["outcome"] != "pending" else None,
        updated_at=stamp,
        follow_up_state="open" if values["follow_up_on"] else None,
    )
    return values
