"""Rest tokens and the rest budget (rules in core.repair)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import repair
from ..core.errors import ValidationError
from ..core.today import TodaySummary
from ..store.models import RestBudget as BudgetRow
from ..store.models import RestToken
from . import settings as settings_svc
from . import today as today_svc

AHEAD_DAYS = 31  # a token may be planned up to a month ahead
BACK_DAYS = 62  # … or spent on a day up to two months back


@dataclass(frozen=True)
class RestState:
    day: date
    left: int
    budget: int
    spent: int
    marks: dict[date, str]


def _forgiveness(s: TodaySummary) -> repair.Forgiveness:
    """The summary's repairs and tokens (services.ledger.today always computes them)."""
    if s.rest is None:
        raise AssertionError("today's summary came without its rest tokens")
    return s.rest


def state(session: Session, profile_id: int, now: datetime | None = None) -> RestState:
    s = today_svc.summary(session, profile_id, now=now)
    f = _forgiveness(s)
    budget = f.budget.for_day(s.day)
    return RestState(s.day, f.tokens_left(s.day), budget, f.spent.get(repair.month_key(s.day), 0), dict(f.marks))


def spend(session: Session, profile_id: int, day: date | None = None, now: datetime | None = None) -> RestState:
    """Spend a rest token on ``day`` (default today); refuses when its month has none left.

    The profile's row is locked first (FOR NO KEY UPDATE on PostgreSQL): two processes
    spending the month's last token at once would otherwise both read "1 left" and both
    succeed. The second waits, then reads the first one's token and is refused."""
    now = now or clock_now()
    settings_svc.lock_profile(session, profile_id)
    f = today_svc.summary(session, profile_id, now=now)
    today = f.day
    day = day or today
    if not today - timedelta(days=BACK_DAYS) <= day <= today + timedelta(days=AHEAD_DAYS):
        raise ValidationError(f"A rest token can go on a day from {BACK_DAYS} days back to {AHEAD_DAYS} days ahead.")
    rest = _forgiveness(f)
    mark = rest.marks.get(day)
    if mark == repair.TOKEN:
        raise ValidationError(f"{day.isoformat()} is already a rest day (a token was spent on it).")
    if mark == repair.REPAIRED or (day < today and _met(session, profile_id, day)):
        raise ValidationError(f"{day.isoformat()} met its goal; it needs no rest token.")
    budget = rest.budget.for_day(day)
    if rest.spent.get(repair.month_key(day), 0) >= budget:
        raise ValidationError(f"No rest tokens left for {day:%B %Y}: the budget is {budget} a month "
                              "(rest --budget N changes it from today on).")
    session.add(RestToken(profile_id=profile_id, day=day, created_at=now))
    session.flush()
    return state(session, profile_id, now)


def _met(session: Session, profile_id: int, day: date) -> bool:
    from ..store.models import DayTotal

    count = session.scalar(select(DayTotal.attempts).where(DayTotal.profile_id == profile_id,
                                                            DayTotal.local_day == day)) or 0
    goal = settings_svc.current_goal(session, profile_id, day).daily_attempts
    return count >= max(1, goal)


def set_budget(session: Session, profile_id: int, tokens: int | str, now: datetime | None = None) -> int:
    """Tokens a month from today on; earlier days keep the budget they had."""
    tokens = repair.check_tokens(tokens)
    settings_svc.lock_profile(session, profile_id)  # serialised with spend() (see there)
    day = today_svc.today_of(session, profile_id, now)
    row = session.get(BudgetRow, (profile_id, day))
    if row is None:
        session.add(BudgetRow(profile_id=profile_id, valid_from=day, tokens=tokens))
    else:
        row.tokens = tokens
    session.flush()
    return tokens


def budget_on(session: Session, profile_id: int, day: date) -> int:
    """The rest budget in force on ``day`` (the settings screen shows today's)."""
    rows = session.execute(select(BudgetRow.valid_from, BudgetRow.tokens).where(BudgetRow.profile_id == profile_id)).all()
    return repair.RestBudget.from_rows(rows).for_day(day)
