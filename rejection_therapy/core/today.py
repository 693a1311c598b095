"""Today's summary, composed from plain rows: shared by the service and the quick path."""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from . import goals as goals_rules
from .days import no_time_rule
from .funnel import is_conversation
from .goals import Goal
from .goals import (
    GoalHistory as GoalHistory,  # moved to core.goals (on the log path); kept here for callers
)
from .goals import as_date as as_date
from .repair import Forgiveness, RestInputs, forgive
from .settings import Settings
from .streaks import Streak, compute_streak, rest_checker


def as_instant(value: Any) -> datetime:
    """A stored instant (naive UTC datetime or its text) as an aware UTC datetime."""
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


class AttemptLine(NamedTuple):
    id: int
    created_at: datetime
    channel: str
    target: str | None
    outcome: str
    conversation: bool
    kind: str | None
    notes: str | None


class TodaySummary(NamedTuple):
    day: date
    attempts: int
    nos: int
    yeses: int
    silences: int
    pending: int
    conversations: int
    goal: Goal
    streak: Streak | None  # None when streaks are hidden
    cap_state: str
    cap_message: str | None
    over_cap_week: bool
    no_run: int  # consecutive no's at the end of today
    total_nos: int  # all the no's survived so far
    last_attempts: tuple[AttemptLine, ...]
    wins: tuple[str, ...]
    settings: Settings = Settings()
    extras: dict[str, Any] = {}  # one shared default: never changed in place
    rest: Forgiveness | None = None  # repaired days and rest tokens (core.repair)

    @property
    def progress(self) -> float:
        return goals_rules.progress(self.attempts, self.goal.daily_attempts)


def trailing_no_run(outcomes_newest_first: Iterable[str]) -> int:
    """Consecutive no's at the end of the day; a yes ends the run, pending/silence are skipped."""
    run = 0
    for outcome in outcomes_newest_first:
        if outcome == "no":
            run += 1
        elif outcome == "yes":
            break
    return run


def compose(
    day: date,
    settings: Settings,
    goals: GoalHistory,
    day_totals: Iterable[Sequence[Any]],
    day_attempts: Iterable[Sequence[Any]],
    rest_days: Iterable[Any],
    wins: Iterable[Sequence[Any]],
    last_n: int = 8,
    rest: RestInputs | None = None,
) -> TodaySummary:
    counts: dict[date, int] = {}
    total_nos = 0
    for d, attempts, nos in day_totals:
        counts[as_date(d)] = int(attempts)
        total_nos += int(nos or 0)
    lines = [
        AttemptLine(int(r[0]), as_instant(r[1]), r[2], r[3], r[4], bool(r[5]), r[6], r[7]) for r in day_attempts
    ]
    by_outcome = {o: 0 for o in ("no", "yes", "silence", "pending")}
    for line in lines:
        by_outcome[line.outcome] = by_outcome.get(line.outcome, 0) + 1
    goal = goals.for_day(day)
    streak = None
    goal_for = lambda d: goals.for_day(d).daily_attempts  # noqa: E731
    is_rest = rest_checker(settings.rest_weekdays, (as_date(r) for r in rest_days))
    no_time = no_time_rule(settings.timezone, settings.day_start_hour)
    forgiven = forgive(counts, day, goal_for, is_rest, rest, no_time=no_time) if rest is not None else None
    if not settings.hide_streaks:
        streak = compute_streak(counts, day, goal_for=goal_for, is_rest=is_rest, no_time=no_time,
                                marks=forgiven.marks if forgiven else None)
    n = len(lines)
    return TodaySummary(
        day=day,
        attempts=n,
        nos=by_outcome["no"],
        yeses=by_outcome["yes"],
        silences=by_outcome["silence"],
        pending=by_outcome["pending"],
        conversations=sum(1 for line in lines if is_conversation(line.outcome, line.conversation)),
        goal=goal,
        streak=streak,
        cap_state=goals_rules.cap_state(n, goal.daily_cap),
        cap_message=goals_rules.cap_message(n, goal.daily_cap),
        over_cap_week=goals_rules.over_cap_week(counts, goal.daily_cap, day),
        no_run=trailing_no_run(line.outcome for line in lines),
        total_nos=total_nos,
        last_attempts=tuple(lines[:last_n]),
        wins=tuple(str(w[1]) for w in wins),
        settings=settings,
        rest=forgiven,
    )
