"""The demo store: a temporary database full of realistic sample data (never the user's).

Besides four months of attempts it has what makes every screen worth a look: attempts today
(logged before now), a running challenge, two teammates and a competition with them.
"""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..config import DbLocation, resolve_db

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEMO_PROFILE = "demo"
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TEAMMATES = 2
TODAY_MIN = 3  # attempts today, whatever the hour the demo is opened


def create_demo_store(path: str | Path, days: int = 120, per_day: int = 25) -> DbLocation:
    """Create (or reuse) a SQLite file at ``path`` filled with a few months of sample data."""
    from ..store.db import Store
    from . import settings as settings_svc
    from .profiles import get_by_name
    from .sample import SampleSpec, generate

    location = resolve_db(str(Path(path)))
    store = Store.open(location)
    try:
        with store.read() as s:
            exists = get_by_name(s, DEMO_PROFILE) is not None
        if not exists:
            generate(store.write, SampleSpec(days=days, per_day=per_day, seed=2026))
            generate(store.write, SampleSpec(profiles=TEAMMATES, days=45, per_day=per_day - 5, seed=2027, rich=False))
            with store.write() as s:
                profile = get_by_name(s, DEMO_PROFILE)
                assert profile is not None
                settings_svc.update(s, profile.id, onboarded=True)
                _extras(s, profile.id)
    finally:
        store.close()
    return location


def _extras(session: Session, profile_id: int) -> None:
    """Attempts today, a running challenge and a competition with the teammates."""
    from ..clock import now as clock_now
    from ..core.attempts import AttemptInput
    from . import challenges, competitions
    from .attempts import day_count, log_attempt
    from .today import today_of

    now = clock_now()
    today = today_of(session, profile_id, now)
    have = day_count(session, profile_id, today)
    for i, outcome in enumerate(("no", "pending", "yes")[: max(0, TODAY_MIN - have)]):
        at = now - timedelta(minutes=4 + 9 * i)
        if at.astimezone(UTC).date() != now.astimezone(UTC).date():
            break  # just after midnight: nothing earlier today to log
        log_attempt(session, profile_id, AttemptInput(outcome=outcome, channel="call"), now=at)
    challenges.start_challenge(session, profile_id, "pitch-sprint", today, start=today - timedelta(days=5),
                               name="Demo pitch sprint", total=150, cap=20, effort_only=False)
    competitions.start(session, profile_id, "Most no's this month", "month", metric="nos", now=now)
