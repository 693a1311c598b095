"""Repairable streaks and the monthly rest budget (issue 15, item 4).

One miss must never erase months of effort:

- **Repair.** A missed day (goal not met, not a rest day) is *repaired* when, within 48 hours
  after it ended, the user logs enough extra attempts to make up its shortfall, on top of
  each make-up day's own goal. "48 hours" is real elapsed time from the instant the missed
  day ended (its day-start hour in the user's zone), so across a DST change the window ends
  one wall-clock hour earlier or later: an attempt 47 or 48 hours after counts, one 49 hours
  after does not. The missed day keeps its count: it is marked repaired, never rewritten.
  Extras are the attempts of a make-up day beyond its own goal, in time order; one extra
  repairs one missing attempt of one missed day (the earliest missed day first).
- **Rest tokens.** Each calendar month has a budget of rest tokens (default 2). A token is
  spent by hand on a day (``rest [DAY]``), or automatically on a missed day once its repair
  window has closed unrepaired, while the month's budget lasts. A token day neither breaks
  nor extends a streak, like a rest day. The budget is stored with the day it applies from
  (like goals), and a missed day is judged with the budget in force on that day, so changing
  the setting never changes past streak figures.
- While a missed day's repair window is still open it is ``open``: it does not break the
  streak yet (like today), and no token is spent on it yet.

Pure rules: the caller passes the day bounds and, only when a window ends inside a make-up
day (a DST change, or exactly at its start), how many of that day's attempts came by then.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from .days import in_calendar
from .errors import ValidationError

REPAIR_WINDOW = timedelta(hours=48)
DEFAULT_TOKENS = 2
MAX_TOKENS = 31

REPAIRED, TOKEN, OPEN = "repaired", "token", "open"

Bounds = Callable[[date], tuple[datetime, datetime]]  # [start, end) of a local day, aware UTC
CountUntil = Callable[[date, datetime], int]  # how many of a day's attempts came at or before an instant
# The same for many (day, instant) pairs at once (one query for all of them), in their order.
CountsUntil = Callable[[Sequence[tuple[date, datetime]]], Sequence[int]]


def check_tokens(value: object) -> int:
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()):
            raise ValidationError(f"The rest budget must be a whole number of days from 0 to {MAX_TOKENS}.")
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TOKENS:
        raise ValidationError(f"The rest budget must be a whole number of days from 0 to {MAX_TOKENS}.")
    return value


def month_key(day: date) -> tuple[int, int]:
    return (day.year, day.month)


class RestBudget(NamedTuple):
    """Rest tokens a month from given days on (sorted); before the first entry, the default."""

    entries: tuple[tuple[date, int], ...] = ()
    default: int = DEFAULT_TOKENS

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]]) -> "RestBudget":
        entries = []
        for valid_from, tokens in rows:
            day = valid_from if isinstance(valid_from, date) else date.fromisoformat(str(valid_from)[:10])
            entries.append((day, int(tokens)))
        return cls(tuple(sorted(entries)))

    def for_day(self, day: date) -> int:
        current = self.default
        for valid_from, tokens in self.entries:
            if valid_from > day:
                break
            current = tokens
        return current


class RepairChance(NamedTuple):
    """A missed day whose window is still open: ``needed`` more extras before ``until``."""

    day: date
    needed: int
    until: datetime


class Forgiveness(NamedTuple):
    marks: Mapping[date, str] = {}  # day -> repaired | token | open
    spent: Mapping[tuple[int, int], int] = {}  # (year, month) -> tokens spent
    budget: RestBudget = RestBudget()
    chances: tuple[RepairChance, ...] = ()

    def tokens_left(self, day: date) -> int:
        return max(0, self.budget.for_day(day) - self.spent.get(month_key(day), 0))


class RestInputs(NamedTuple):
    """What the streak needs beyond day counts: the budget, the tokens spent by hand, the
    moment now, the day bounds and (lazily) how many of a day's attempts came by an instant:
    ``count_until`` asks for one day at a time, ``counts_until`` (used first when given) for
    every day the walk needs at once (``forgive``)."""

    now: datetime
    bounds: Bounds
    budget: RestBudget = RestBudget()
    manual: frozenset[date] = frozenset()
    count_until: CountUntil | None = None
    counts_until: CountsUntil | None = None


def _extras_in_window(day: date, own: int, count: int, window_end: datetime, bounds: Bounds,
                      count_until: CountUntil | None) -> int:
    """Attempts of ``day`` beyond its own goal logged no later than ``window_end``: the day's
    first ``own`` attempts (in time order) are its own, so of the ``k`` logged by then,
    ``k - own`` are extras."""
    extra = max(0, count - own)
    if extra == 0:
        return 0
    start, end = bounds(day)
    if end <= window_end:
        return extra
    if start > window_end:
        return 0
    if count_until is None:
        return 0  # cannot tell which came in time: do not count them
    return max(0, count_until(day, window_end) - own)


def forgive(
    counts: Mapping[date, int],
    today: date,
    goal_for: Callable[[date], int],
    is_rest: Callable[[date], bool],
    rest: RestInputs,
    start: date | None = None,
    no_time: Callable[[date], bool] | None = None,
) -> Forgiveness:
    """Mark each missed day before ``today`` as repaired, open or token (or leave it missed).

    ``goal_for`` is the raw goal of a day (below 1 counts as 1, as in streaks). A day with no
    time in it (``no_time``, days.no_time_rule) is never a miss: nothing to repair, no token.

    With ``rest.counts_until`` the walk asks for the instants' counts in batches (a store
    answers ~40 of them in one query instead of ~40): it walks with 0 for each count it does not
    know yet, then asks for all of them at once; when one was not 0 it walks again with the
    answers (asking for any new ones), until a walk needed no new count. The result is the one
    ``count_until`` gives, as the last walk used only true counts.
    """
    if rest.counts_until is None:
        return _walk(counts, today, goal_for, is_rest, rest, start, no_time)
    known: dict[tuple[date, datetime], int] = {}
    asked: list[tuple[date, datetime]] = []  # by the current walk, not known yet

    def count_until(d: date, until: datetime) -> int:
        if (d, until) in known:
            return known[(d, until)]
        asked.append((d, until))
        return 0

    while True:
        asked.clear()
        result = _walk(counts, today, goal_for, is_rest, rest._replace(count_until=count_until), start, no_time)
        if not asked:
            return result
        answers = [int(n) for n in rest.counts_until(asked)]
        known.update(zip(asked, answers, strict=True))
        if not any(answers):
            return result  # the walk's 0s were the true counts


def _walk(
    counts: Mapping[date, int],
    today: date,
    goal_for: Callable[[date], int],
    is_rest: Callable[[date], bool],
    rest: RestInputs,
    start: date | None,
    no_time: Callable[[date], bool] | None,
) -> Forgiveness:
    skipped = no_time or (lambda _d: False)
    spent: dict[tuple[int, int], int] = {}
    for d in rest.manual:
        spent[month_key(d)] = spent.get(month_key(d), 0) + 1
    marks: dict[date, str] = {d: TOKEN for d in rest.manual}
    # a damaged day outside the calendar (year 1) would start a walk of 700,000 days
    days_with_data = [d for d, n in counts.items() if n > 0 and d <= today and in_calendar(d)]
    if not days_with_data:
        return Forgiveness(marks, spent, rest.budget)
    used: dict[date, int] = {}
    chances: list[RepairChance] = []

    def own_goal(d: date) -> int:
        return 0 if is_rest(d) or d in rest.manual else max(1, goal_for(d))

    day = start or min(days_with_data)
    while day < today:
        if is_rest(day) or day in rest.manual or skipped(day):
            day += timedelta(days=1)
            continue
        need = max(1, goal_for(day)) - counts.get(day, 0)
        if need > 0:
            window_end = rest.bounds(day)[1] + REPAIR_WINDOW
            m = day + timedelta(days=1)
            while need > 0 and m <= today and rest.bounds(m)[0] <= window_end:
                available = _extras_in_window(m, own_goal(m), counts.get(m, 0), window_end, rest.bounds,
                                              rest.count_until) - used.get(m, 0)
                take = max(0, min(available, need))
                used[m] = used.get(m, 0) + take
                need -= take
                m += timedelta(days=1)
            if need <= 0:
                marks[day] = REPAIRED
            elif rest.now <= window_end:
                marks[day] = OPEN
                chances.append(RepairChance(day, need, window_end))
            elif spent.get(month_key(day), 0) < rest.budget.for_day(day):
                marks[day] = TOKEN
                spent[month_key(day)] = spent.get(month_key(day), 0) + 1
        day += timedelta(days=1)
    return Forgiveness(marks, spent, rest.budget, tuple(chances))


def rest_line(f: Forgiveness, today: date) -> str:
    """"Rest 2 left this month" (the dashboard and ``today``)."""
    return f"{f.tokens_left(today)} left this month"


def attempts_to_repair(chance: RepairChance, today_goal: int, today_count: int) -> int:
    """Attempts still to log for the repair: today's own goal first, then the shortfall."""
    return max(0, max(1, today_goal) - today_count) + chance.needed


def repair_line(chance: RepairChance, today_goal: int, today_count: int, until_local: datetime) -> str:
    """What repairs an open missed day, as effort: never a count of failures."""
    more = attempts_to_repair(chance, today_goal, today_count)
    return (f"{chance.day:%a %d %b} can still be repaired: {more} more attempt"
            f"{'' if more == 1 else 's'} by {until_local:%a %H:%M} (today's goal included).")


def repair_short(chance: RepairChance, today_goal: int, today_count: int, until_local: datetime) -> str:
    """The dashboard's one-line form (fits 48 columns)."""
    more = attempts_to_repair(chance, today_goal, today_count)
    return f"Repair {chance.day:%a %d}: {more} more by {until_local:%a %H:%M}"
