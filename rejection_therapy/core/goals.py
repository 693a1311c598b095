"""Goals and the burnout guard (daily cap)."""

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from .errors import ValidationError
from .numbers import is_int_text

MAX_DAILY = 1000


class Goal(NamedTuple):
    daily_attempts: int = 0
    daily_nos: int = 0
    daily_cap: int | None = None
    per_channel: Mapping[str, int] = {}  # one shared default: never changed in place


NO_GOAL = Goal()  # before the first goal (a record cannot change, so one serves every caller)


def check_count(value: object, what: str, *, minimum: int = 0, maximum: int = MAX_DAILY) -> int:
    if is_int_text(value):
        value = int(str(value).strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"The {what} must be a whole number.")
    if value < minimum:
        raise ValidationError(f"The {what} cannot be below {minimum}.")
    if value > maximum:
        raise ValidationError(f"The {what} of {value} is more than anyone can do in a day; use at most {maximum}.")
    return value


def check_goal(goal: Goal) -> Goal:
    check_count(goal.daily_attempts, "daily attempt goal")
    check_count(goal.daily_nos, "daily no goal")
    if goal.daily_cap is not None:
        check_count(goal.daily_cap, "daily cap", minimum=1)
        if goal.daily_cap < goal.daily_attempts:
            raise ValidationError(
                f"The daily cap ({goal.daily_cap}) is below the daily goal ({goal.daily_attempts}); "
                "raise the cap or lower the goal."
            )
    for channel, n in goal.per_channel.items():
        check_count(n, f"daily goal for {channel}")
    return goal


def progress(done: int, target: int) -> float:
    """Fraction of the target done, 0..1 (1 when there is no target and something was done)."""
    if target <= 0:
        return 1.0 if done > 0 else 0.0
    return min(1.0, done / target)


CapState = str  # "none" | "under" | "at" | "over"


def cap_state(count: int, cap: int | None) -> CapState:
    if not cap:
        return "none"
    if count < cap:
        return "under"
    if count == cap:
        return "at"
    return "over"


def needs_cap_confirmation(count_before: int, cap: int | None, confirmed_today: bool) -> bool:
    """Logging one more attempt needs a confirmation once a day, when the cap is reached."""
    return bool(cap) and count_before >= cap and not confirmed_today  # type: ignore[operator]


def cap_message(count: int, cap: int | None) -> str | None:
    state = cap_state(count, cap)
    if state == "at":
        return f"You reached today's cap of {cap}. That is a full day's work: consider stopping here."
    if state == "over":
        return f"You are {count - cap} past today's cap of {cap}. Rest is part of the practice."  # type: ignore[operator]
    return None


def over_cap_week(counts: Mapping[date, int], cap: int | None, today: date) -> bool:
    """True when each of the last 7 days (today included) went above the cap."""
    if not cap:
        return False
    return all(counts.get(today - timedelta(days=i), 0) > cap for i in range(7))


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class GoalHistory(NamedTuple):
    """Goals in force from given days on (sorted by day)."""

    entries: tuple[tuple[date, Goal], ...] = ()

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]]) -> "GoalHistory":
        entries = []
        for valid_from, attempts, nos, cap, per_channel in rows:
            try:
                channels = json.loads(per_channel) if per_channel else {}
            except ValueError:
                channels = {}
            entries.append((as_date(valid_from), Goal(attempts or 0, nos or 0, cap, channels)))
        return cls(tuple(sorted(entries, key=lambda e: e[0])))

    def for_day(self, day: date) -> Goal:
        current = NO_GOAL  # asked for every day of a streak: no new record each time
        for valid_from, goal in self.entries:
            if valid_from > day:
                break
            current = goal
        return current
