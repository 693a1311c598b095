"""The one-line state of a running challenge: "Day 12 of 100 · today's ask done".

Used by ``today`` (both the quick path and the full path) and the dashboard's challenge panel,
so the words and the "done" rule live here once. Pure: the callers bring the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from .challenge_days import end_day, stored_lengths, stored_start

TYPE_CHECKING = False  # these names are needed by annotations only
if TYPE_CHECKING:
    from typing import Any, Protocol


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


class ChallengeRow(NamedTuple):
    """What a headline needs of a stored challenge (columns of ``challenges``)."""

    id: int
    name: str
    start_day: date
    length_days: int
    extended_days: int
    target_per_day: int | None
    channels: str | None
    rest_weekdays: str | None
    daily_cap: int | None = None
    effort_only: bool = False

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


def challenge_rows(rows: Iterable[Sequence[Any]]) -> list[ChallengeRow]:
    """Rows of ACTIVE_CHALLENGES (see store.ledger_queries) as ChallengeRows."""
    out = []
    for r in rows:
        start = r[2] if isinstance(r[2], date) else date.fromisoformat(r[2])
        extra = (r[8], bool(r[9])) if len(r) > 9 else ()
        out.append(ChallengeRow(r[0], r[1], start, r[3], r[4] or 0, *r[5:8], *extra))
    return out


def headlines(rows: Iterable[Sequence[Any]], today: date, counts_by_channel: Mapping[str, int]) -> list[str]:
    """Headlines of the running challenges from rows of ACTIVE_CHALLENGES (see store.ledger_queries)."""
    out = []
    for c in challenge_rows(rows):
        line = headline(c, today, counts_by_channel)
        if line:
            out.append(line)
    return out


if TYPE_CHECKING:
    class CapSource(Protocol):
        """What the cap rule reads of a running challenge (a ChallengeRow or a stored Challenge)."""

        @property
        def daily_cap(self) -> int | None: ...
        @property
        def channels(self) -> str | None: ...
        @property
        def effort_only(self) -> bool: ...


def running_on(rows: Iterable[ChallengeRow], today: date) -> list[ChallengeRow]:
    """The challenges that run on ``today`` (start to last day, extensions included)."""
    return [c for c in rows if c.start_day <= today <= c.end_day]


def effective_cap(goal_cap: int | None, running: Iterable[CapSource]) -> int | None:
    """Today's burnout cap for all attempts: the lowest of the goal's cap and the caps of
    running challenges that count every channel. A challenge limited to some channels (a
    pitch sprint) caps only those; its panel says when that cap is reached."""
    caps = [c.daily_cap for c in running if c.daily_cap and not c.channels]
    if goal_cap:
        caps.append(goal_cap)
    return min(caps) if caps else None


def effort_only(running: Iterable[CapSource]) -> bool:
    """True while a running challenge asks to hide replies (effort-only mode)."""
    return any(c.effort_only for c in running)
