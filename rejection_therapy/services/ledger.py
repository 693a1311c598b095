"""One ledger, two adapters: logging an attempt and today's summary, written once.

Both use cases run against a small gateway (``LedgerGateway``): the profile's settings
rows, finding a profile, inserting an attempt, the day's count, the goal rows and the rows
today's summary is made of. Two adapters implement it:

- ``store.gateway.SqlGateway`` over a SQLAlchemy session (SQLite and PostgreSQL): what the
  services, the full CLI and the TUI use;
- ``store.fast.StdlibGateway`` over a stdlib ``sqlite3`` connection: the quick path of
  ``log`` and ``today`` on a current SQLite store, without importing SQLAlchemy.

The steps (settings and their default zone, the row rule, the count, the goal of the day,
the summary) are here only; the adapters only run SQL (the same strings, ``store.queries``).
Nothing heavy is imported at module level: the quick path imports this module.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ..clock import now as clock_now
from ..config import DbLocation, wanted_profile
from ..core import days
from ..core.goals import Goal, GoalHistory
from ..core.settings import Settings
from ..store.fast import Fallback, StdlibGateway

# Nothing here imports core.today or core.repair at run time: ``log`` needs neither, and
# ``today`` imports them where it uses them (tests/test_quick_imports.py).
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path
    from typing import Any, Protocol

    from ..core.attempts import AttemptInput
    from ..core.repair import RestInputs
    from ..core.today import TodaySummary

    Row = Sequence[Any]

    class LedgerGateway(Protocol):
        """What the ledger needs from a store (each adapter runs the SQL of ``store.queries``)."""

        batch_counts: bool  # whether the repairable streak asks for its instants' counts in one query
        def settings_rows(self, profile_id: int) -> Iterable[Row]: ...
        def find_profile(self, name: str | None) -> tuple[int, str] | None: ...
        def insert_attempt(self, row: dict[str, Any]) -> int: ...
        def day_count(self, profile_id: int, day: date) -> int: ...
        def goal_rows(self, profile_id: int) -> Iterable[Row]: ...
        def day_totals(self, profile_id: int, day: date) -> Iterable[Row]: ...
        def day_attempts(self, profile_id: int, day: date) -> Iterable[Row]: ...
        def rest_days(self, profile_id: int) -> Iterable[Any]: ...
        def wins_of_day(self, profile_id: int, day: date) -> Iterable[Row]: ...
        def profile_created_at(self, profile_id: int) -> datetime | None: ...
        def record_undo_log(self, profile_id: int, ids: list[int], now: datetime, window: timedelta) -> None: ...
        def database_path(self) -> Path | None: ...
        def active_challenges(self, profile_id: int) -> Iterable[Row]: ...
        def channel_counts(self, profile_id: int, day: date) -> Iterable[Row]: ...
        def rest_budget_rows(self, profile_id: int) -> Iterable[Row]: ...
        def rest_token_rows(self, profile_id: int) -> Iterable[Row]: ...
        def day_count_until(self, profile_id: int, day: date, until: datetime) -> int: ...
        def day_counts_until(self, profile_id: int, asks: Sequence[tuple[date, datetime]]) -> list[int]: ...


__all__ = ["DashboardFigures", "Fallback", "Logged", "StdlibGateway", "challenge_lines",
           "dashboard", "log", "open_quick",
           "rest_inputs", "settings_of", "today", "write"]

UNDO_WINDOW = timedelta(days=1)  # how long ``undo`` can take a log or a delete back (services.undo)


def settings_from_rows(rows: Iterable[Row]) -> Settings:
    """A profile's settings from its stored (key, JSON text) rows; with no stored time zone,
    the machine's."""
    stored = {str(k): v for k, v in rows}
    if "timezone" not in stored:
        stored["timezone"] = json.dumps(days.system_zone_name())
    return Settings.from_mapping(stored)


def settings_of(gw: LedgerGateway, profile_id: int) -> Settings:
    return settings_from_rows(gw.settings_rows(profile_id))


class Logged(NamedTuple):
    id: int
    local_day: date
    day_count: int  # attempts on that day after this one
    goal: Goal = Goal()  # the goal in force on that day


def log(gw: LedgerGateway, profile_id: int, data: AttemptInput, now: datetime | None = None,
        uuid: str | None = None, count: int = 1) -> Logged:
    """Validate and store one attempt, or ``count`` alike (ValidationError before anything is
    written); ``data.when`` backdates them. The first write of a day leaves a rolling copy of
    a SQLite store first, and every log is recorded for ``undo`` (services.undo).

    Returns the last id, its day and that day's count."""
    last, day = write(gw, profile_id, data, now, uuid, count)
    goal = GoalHistory.from_rows(gw.goal_rows(profile_id)).for_day(day)
    return Logged(last, day, gw.day_count(profile_id, day), goal)


def write(gw: LedgerGateway, profile_id: int, data: AttemptInput, now: datetime | None = None,
          uuid: str | None = None, count: int = 1) -> tuple[int, date]:
    """The writing steps of ``log`` (the attempts and their undo record): the last id and its
    day. A caller that reads today's summary next (the dashboard) needs no day count."""
    from ..core.attempts import build_attempt_row, check_count  # not on today's path (uuid, learn)
    from ..store.rolling import ensure_daily

    n = check_count(count)
    settings = settings_of(gw, profile_id)
    stamp = now or clock_now()
    instant = backdated(gw, profile_id, data.when, settings, stamp) if data.when else stamp
    rows = [build_attempt_row(data, settings, profile_id, instant, uuid if n == 1 else None) for _ in range(n)]
    ensure_daily(gw.database_path(), stamp)  # one stat once the day's copy exists
    ids = [gw.insert_attempt(row) for row in rows]
    gw.record_undo_log(profile_id, ids, stamp, UNDO_WINDOW)
    return ids[-1], rows[-1]["local_day"]


def first_day(gw: LedgerGateway, profile_id: int, settings: Settings) -> date | None:
    """The profile's first day: the local day it was created (imports keep the original).

    Not the oldest attempt: backdated attempts would then push the limit back each time."""
    created = gw.profile_created_at(profile_id)
    return days.local_day(created, settings.timezone, settings.day_start_hour) if created else None


def backdated(gw: LedgerGateway, profile_id: int, when: str, settings: Settings, now: datetime) -> datetime:
    """The instant of an attempt typed as ``when`` ('yesterday 09:30'), by core.dates' rule."""
    from ..core import dates

    return dates.instant_for(when, settings.timezone, settings.day_start_hour, now,
                             first_day(gw, profile_id, settings))


def challenge_lines(gw: LedgerGateway, profile_id: int, day: date) -> list[str]:
    """Each running challenge in one line ("Day 12 of 100 · today's ask done")."""
    rows = [tuple(r) for r in gw.active_challenges(profile_id)]
    if not rows:
        return []
    # imported only with a challenge running (start-up of the quick today)
    from ..core.challenge_line import headlines

    counts: dict[str, int] = {r[0]: int(r[1]) for r in gw.channel_counts(profile_id, day)}
    return headlines(rows, day, counts)


class DashboardFigures(NamedTuple):
    """The dashboard's first figures (as ``services.dashboard_view.DashboardView``): today's
    summary, the burnout cap of the day and whether a running challenge hides replies."""

    summary: TodaySummary
    cap: int | None
    effort_only: bool


def dashboard(gw: LedgerGateway, profile_id: int, now: datetime | None = None) -> DashboardFigures:
    """Today's summary, cap and effort-only mode, by the rules of ``core.challenge_line``."""
    from ..core import challenge_line

    summary = today(gw, profile_id, now)
    running = challenge_line.running_on(challenge_line.challenge_rows(gw.active_challenges(profile_id)),
                                        summary.day)
    return DashboardFigures(summary, challenge_line.effective_cap(summary.goal.daily_cap, running),
                            challenge_line.effort_only(running))


def today(gw: LedgerGateway, profile_id: int, now: datetime | None = None,
          day: date | None = None) -> TodaySummary:
    """Today's summary (or ``day``'s): counts, goal, streak (repairs and rest tokens), cap,
    no run, wins."""
    from ..core.today import compose

    s = settings_of(gw, profile_id)
    now = now or clock_now()
    day = day or days.local_day(now, s.timezone, s.day_start_hour)
    return compose(
        day,
        s,
        GoalHistory.from_rows(gw.goal_rows(profile_id)),
        gw.day_totals(profile_id, day),
        gw.day_attempts(profile_id, day),
        [r[0] for r in gw.rest_days(profile_id)],
        gw.wins_of_day(profile_id, day),
        rest=rest_inputs(gw, profile_id, now, s),
    )


def rest_inputs(gw: LedgerGateway, profile_id: int, now: datetime, settings: Settings) -> RestInputs:
    """What the repairable streak needs beyond day counts (core.repair): the rest budget, the
    tokens spent by hand, the day bounds and, read lazily, how many of a day's attempts came
    by an instant (only when a repair window ends inside a make-up day or at its start)."""
    from ..core.goals import as_date
    from ..core.repair import RestBudget, RestInputs

    def count_until(d: date, until: datetime) -> int:
        return gw.day_count_until(profile_id, d, until)

    def counts_until(asks: Sequence[tuple[date, datetime]]) -> list[int]:
        return gw.day_counts_until(profile_id, asks)

    return RestInputs(
        now=now,
        bounds=days.bounds_rule(settings.timezone, settings.day_start_hour),
        budget=RestBudget.from_rows(gw.rest_budget_rows(profile_id)),
        manual=frozenset(as_date(r[0]) for r in gw.rest_token_rows(profile_id)),
        count_until=count_until,
        # One query for the walk's ~40 counts (core.repair.forgive) where a query costs a round
        # trip (SQLAlchemy: 15 ms -> 3.5 ms on PostgreSQL, 10 -> 4.7 on SQLite); the stdlib
        # adapter's queries cost only their scan, and a batch can cost the rule a second walk.
        counts_until=counts_until if gw.batch_counts else None,
    )


def open_quick(location: DbLocation, explicit_profile: str | None) -> tuple[StdlibGateway, int]:
    """The stdlib adapter on a current SQLite store and the profile to log as, or Fallback
    (no file yet, another schema revision, a profile that would have to be created …)."""
    gw = StdlibGateway.open(location)
    try:
        found = gw.find_profile(wanted_profile(explicit_profile, location))
        if found is None:
            raise Fallback("no such profile yet")
    except BaseException:
        gw.close()
        raise
    return gw, found[0]
