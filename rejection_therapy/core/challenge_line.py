"""The one-line state of a running challenge: "Day 12 of 100 · today's ask done".

Used by ``today`` (both the quick path and the full path) and the dashboard's challenge panel,
so the words and the "done" rule live here once. Pure: the callers bring the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .challenge_days import end_day, stored_lengths, stored_start


def ask_status(today_count: int, per_day: int | None, rest_today: bool = False) -> str:
    """Today's part: done or not, against the per-day target (one ask when there is none)."""
    if rest_today and today_count == 0:
        return "rest day"
    need = per_day or 1
    if need == 1:
        return "today's ask done" if today_count >= 1 else "today's ask not done yet"
    if today_count >= need:
        return f"today's {need} done"
    return f"today {today_count} of {need}"


@dataclass(frozen=True)
class ChallengeRow:
    """What a headline needs of a stored challenge (columns of ``challenges``)."""

    id: int
    name: str
    start_day: date
    length_days: int
    extended_days: int
    target_per_day: int | None
    channels: str | None
    rest_weekdays: str | None

    @property
    def end_day(self) -> date:
        return end_day(self.start_day, self.length_days, self.extended_days)


def headline(c: ChallengeRow, today: date, counts_by_channel: Mapping[str, int]) -> str | None:
    """"Name: Day 12 of 100 · today's ask done", or None when it does not run today."""
    start = stored_start(c.start_day)  # a damaged row reads in the calendar
    if not start <= today <= c.end_day:
        return None
    channels = [x for x in (c.channels or "").split(",") if x]
    count = sum(n for ch, n in counts_by_channel.items() if not channels or ch in channels)
    rest = str(today.weekday()) in (c.rest_weekdays or "").split(",")
    length = sum(stored_lengths(c.length_days, c.extended_days))  # a damaged row reads in range
    day = (today - start).days + 1
    return f"{c.name}: Day {day} of {length} · {ask_status(count, c.target_per_day, rest)}"


def headlines(rows: Iterable[Sequence[Any]], today: date, counts_by_channel: Mapping[str, int]) -> list[str]:
    """Headlines of the running challenges from rows of ACTIVE_CHALLENGES (see store.ledger_queries)."""
    out = []
    for r in rows:
        start = r[2] if isinstance(r[2], date) else date.fromisoformat(r[2])
        line = headline(ChallengeRow(r[0], r[1], start, r[3], r[4] or 0, *r[5:]), today, counts_by_channel)
        if line:
            out.append(line)
    return out
