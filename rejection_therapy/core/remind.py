"""Reminders that respect effort (issue 15, item 5): whether to remind, and what to say.

Never after the cap, never on a rest day (a rest weekday, a day marked as rest, a rest-token
day), and with ``if_below_goal`` only while today's attempts are below the goal. The text is
the effort figure and one small next step ("4 of 20 attempts; two more before lunch?"),
never the count of no's. Pure rules, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .errors import ValidationError

WINDOW = timedelta(hours=1)  # with --at 09:00, a timer that fires between 09:00 and 09:59 reminds
NUMBERS = ("no", "one", "two", "three")


def parse_at(text: str | None) -> time | None:
    if text is None:
        return None
    match = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*", text)
    if not match or not text.strip().isascii():
        raise ValidationError(f"The time {text!r} is not HH:MM (24-hour clock), e.g. 09:30.")
    return time(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class Decision:
    remind: bool
    text: str  # what to say (or why not, for the log line)


def _until(hour: int) -> str:
    if hour < 12:
        return "before lunch"
    if hour < 17:
        return "this afternoon"
    return "before the day ends"


def decide(*, attempts: int, goal: int, cap: int | None, rest_today: bool, local_now: datetime,
           if_below_goal: bool = True, at: time | None = None) -> Decision:
    if at is not None:
        start = local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
        if not start <= local_now < start + WINDOW:
            return Decision(False, f"Not {at:%H:%M} yet (or more than an hour past it); no reminder.")
    if rest_today:
        return Decision(False, "A rest day: no reminder.")
    if cap and attempts >= cap:
        return Decision(False, "Today's cap is reached: no reminder. Rest is part of the practice.")
    if goal <= 0:
        if if_below_goal:
            return Decision(False, "No daily goal set: nothing to be below.")
        return Decision(True, f"{attempts} attempt{'s' if attempts != 1 else ''} today; one more?")
    if attempts >= goal:
        if if_below_goal:
            return Decision(False, f"{attempts} of {goal} attempts: today's goal is met.")
        return Decision(True, f"{attempts} of {goal} attempts: today's goal is met.")
    step = min(goal - attempts, 2)
    return Decision(True, f"{attempts} of {goal} attempts; {NUMBERS[step]} more {_until(local_now.hour)}?")
