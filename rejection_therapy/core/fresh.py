"""Fresh starts and the last stretch (issue 15, item 6).

A fresh start is offered on a Monday, on the 1st of a month and on day 1 of a challenge:
last week's effort and one plan for this week. Near the end of a goal or a challenge the app
says what is left ("3 to go"), never a countdown of failures. Pure rules, no I/O.
"""

from __future__ import annotations

import math
from datetime import date

STRETCH_SHARE = 0.15  # "near the end": the last 15 % (at least the last 3), past halfway


def fresh_start_reason(today: date, challenge_day_one: str | None = None) -> str | None:
    """Why today is a fresh start, or None."""
    if challenge_day_one:
        return f"Day 1 of {challenge_day_one}"
    if today.day == 1:
        return f"A new month: {today:%B}"
    if today.weekday() == 0:
        return "A new week"
    return None


def near_the_end(done: int, target: int) -> bool:
    """The last 15 % (at least the last 3), once more than half is done."""
    left = target - done
    return target > 0 and 2 * done > target and 0 < left <= max(3, math.ceil(target * STRETCH_SHARE))


def to_go(done: int, target: int, what: str = "") -> str | None:
    """'3 to go' (with ``what``: '3 to go today') near the end, else None."""
    if not near_the_end(done, target):
        return None
    return f"{target - done:,} to go{' ' + what if what else ''}"


def last_week_line(attempts: int, active_days: int) -> str:
    if attempts == 0:
        return "Last week was quiet; this week starts at one attempt."
    return f"Last week: {attempts:,} attempt{'s' if attempts != 1 else ''} on {active_days} day{'s' if active_days != 1 else ''}."
