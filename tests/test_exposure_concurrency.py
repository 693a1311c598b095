"""Rest tokens spent at once never overdraw the month's budget (issue 15, item 4).

Each spender is a thread with its own Store (its own connection), released together by a
barrier, on SQLite and PostgreSQL (``hammer`` from test_trust_concurrency). Every thread
spends on a different day of today's month, so only the budget can refuse it.
"""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import func, select

from rejection_therapy.core.errors import ValidationError
from rejection_therapy.services import rest
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services import today as today_svc
from rejection_therapy.store.models import RestToken

from .test_trust_concurrency import hammer

THREADS = 4
BUDGET = 2


def test_the_last_rest_token_is_spent_once(ctx, location):
    pid = ctx.profile_id
    with ctx.store.write() as s:
        settings_svc.update(s, pid, timezone="UTC", day_start_hour=0)
        rest.set_budget(s, pid, BUDGET)
        today = today_svc.today_of(s, pid)
    last = calendar.monthrange(today.year, today.month)[1]
    spots = [date(today.year, today.month, d) for d in range(1, last + 1)]
    spots = sorted(spots, key=lambda d: abs((d - today).days))[:THREADS]  # within the allowed range

    def work(s, k, i):
        return rest.spend(s, pid, spots[k]).day

    confirmed, errors = hammer(location, work, threads=THREADS, rounds=1)
    assert all(isinstance(e, ValidationError) and "No rest tokens left" in str(e) for e in errors), errors
    with ctx.store.read() as s:
        stored = s.scalar(select(func.count()).select_from(RestToken).where(RestToken.profile_id == pid))
        spent = rest.state(s, pid).spent
    assert stored == len(confirmed) == spent == BUDGET, (stored, confirmed, spent)
