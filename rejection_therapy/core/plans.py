"""If-then plans: "If it is 9:00 on a weekday, then I dial the first ten numbers."

A plan belongs to the daily goal or to a challenge. It may carry a time and weekdays, read
simply from its text ("9:00", "09:30"; "weekday(s)", "weekend", day names like "monday" or
"tue"); a plan without a time ("If someone says not now, …") is situational and is never
"due". A timed plan is due from its time for ``DUE_HOURS`` hours on its weekdays (every day
when none are named). Pure rules, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .days import WEEKDAY_NAMES
from .errors import ValidationError
from .text import clean_text

PLAN_MAX = 300
DUE_HOURS = 2
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3])[:.h]([0-5]\d)(?![\d:])")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Plan:
    id: int
    text: str
    at: time | None = None
    weekdays: tuple[int, ...] = ()
    challenge_id: int | None = None


def check_plan_text(text: object) -> str:
    value = clean_text(text if isinstance(text, str) else None, "plan", max_len=PLAN_MAX)
    if not value:
        raise ValidationError('Write the plan as "If …, then …", e.g. "If it is 9:00 on a weekday, then I call".')
    if not value.lower().startswith("if ") or "then" not in value.lower():
        raise ValidationError('An if-then plan reads "If <moment>, then <what you do>".')
    return value


def parse_moment(text: str) -> tuple[time | None, tuple[int, ...]]:
    """The time and weekdays a plan names, if any ("9:00 on a weekday" → 09:00, Mon-Fri)."""
    match = _TIME.search(text)
    at = time(int(match.group(1)), int(match.group(2))) if match else None
    days: set[int] = set()
    for word in _WORD.findall(text.lower().split("then", 1)[0]):
        if word in ("weekday", "weekdays", "workday", "workdays"):
            days.update(range(5))
        elif word in ("weekend", "weekends"):
            days.update((5, 6))
        else:
            stem = word.removesuffix("s")
            for i, name in enumerate(WEEKDAY_NAMES):
                if len(stem) >= 3 and (name == stem or (len(stem) == 3 and name.startswith(stem))):
                    days.add(i)
    return at, tuple(sorted(days))


def as_time(text: str | None) -> time | None:
    """A stored "HH:MM" (None when empty or unreadable: a bad stored value only hides the time)."""
    try:
        hh, mm = (text or "").split(":")
        return time(int(hh), int(mm))
    except ValueError:
        return None


def is_due(plan: Plan, local_now: datetime) -> bool:
    if plan.at is None:
        return False
    days = plan.weekdays or tuple(range(7))
    for back in (0, 1):  # a plan at 23:30 is still due at 00:30
        day = local_now.date() - timedelta(days=back)
        start = datetime.combine(day, plan.at, tzinfo=local_now.tzinfo)
        if day.weekday() in days and start <= local_now < start + timedelta(hours=DUE_HOURS):
            return True
    return False


def due(plans: Iterable[Plan], local_now: datetime) -> list[Plan]:
    """Plans whose moment has come, the latest-started first."""
    hits = [p for p in plans if is_due(p, local_now)]
    return sorted(hits, key=lambda p: (p.at, p.id), reverse=True)
