"""Realistic sample data: the demo store and the benchmark stores share this generator.

Mostly no's and silence, few yes's; more attempts on weekdays and in working hours; reasons,
kinds, notes, wins and follow-ups sprinkled in. Bulk inserts (``session.execute(insert, rows)``
runs ~80k rows/s; the ORM's add_all ~11k/s).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert, text
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days as days_rules
from ..core.goals import Goal
from ..core.settings import Settings
from ..store.models import Attempt, Profile, Win
from . import settings as settings_svc

NAMES = ["Acme Corp", "Birch & Co", "Cobalt Labs", "Dune Media", "Elm Street Dental", "Fjord Foods",
         "Granite Bank", "Harbor Freight", "Iris Design", "Juniper Tech", "Kestrel Logistics",
         "Lumen Health", "Maple Schools", "Nimbus Cloud", "Orchid Spa", "Pine Legal"]
SEGMENTS = ["smb", "mid-market", "enterprise", "agency", "nonprofit"]
STATED = ["No budget this quarter", "We already have a vendor", "Send me an email",
          "Not interested", "Bad timing, call back next year", "Too expensive",
          "Need to ask my boss", "We built it in-house"]
REAL = ["Didn't see the value yet", "I pitched too early", "Wrong person to ask",
        "They were busy; I rambled", "Price anchoring was off"]
LESSONS = ["Lead with the question, not the pitch", "Ask who else decides",
           "Shorter opener works better", "Mornings get more conversations"]
WINS = ["Made all my calls", "Good conversation even without a sale", "Asked for feedback and got it",
        "Survived a hard day", "Tried a new opener", "Booked a follow-up meeting"]
KIND_WEIGHTS = [("not-now", 35), ("not-for-us", 25), ("not-a-priority", 25), ("unknown", 15)]


@dataclass
class SampleSpec:
    profiles: int = 1
    days: int = 90
    per_day: int = 30  # average attempts per working day
    end_day: date | None = None
    seed: int = 7
    tz: str = "UTC"
    rich: bool = True  # reasons, notes, tags, wins (off for the biggest benchmark store)


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


def generate(session_factory: Callable[[], AbstractContextManager[Session]], spec: SampleSpec, progress: Callable[[int], None] | None = None) -> int:
    """Fill the store; returns the number of attempts written. ``session_factory`` is
    ``store.write`` (a context manager yielding a session)."""
    end = spec.end_day or clock_now().date()
    start = end - timedelta(days=spec.days - 1)
    channels = ["call", "email", "pitch", "dm", "in-person"]
    outcome_mix = [("no", 46), ("silence", 30), ("pending", 8), ("yes", 6), ("no-conv", 10)]
    total = 0
    with session_factory() as s:
        existing = s.execute(text("SELECT COUNT(*) FROM profiles")).scalar_one()
        profile_ids = []
        for i in range(spec.profiles):
            name = f"member-{existing + i + 1:02d}" if spec.profiles > 1 else "demo"
            pid = s.execute(insert(Profile).values(name=name, created_at=clock_now()).returning(Profile.id)).scalar_one()
            profile_ids.append(pid)
            settings_svc.save(s, pid, Settings(timezone=spec.tz, onboarded=True, rest_weekdays=(5, 6)))
            settings_svc.set_goal(s, pid, Goal(daily_attempts=max(1, spec.per_day - 5), daily_nos=spec.per_day // 3,
                                               daily_cap=spec.per_day * 2), start)
    rng = random.Random(f"{spec.seed}-{profile_ids[0]}")
    batch: list[dict[str, Any]] = []
    wins: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal batch, wins
        if not batch and not wins:
            return
        with session_factory() as s:
            if batch:
                s.execute(insert(cast(Table, Attempt.__table__)), batch)
            if wins:
                s.execute(insert(cast(Table, Win.__table__)), wins)
        batch, wins = [], []

    now = clock_now()
    for pid in profile_ids:
        skill = rng.uniform(0.6, 1.4)
        for day in days_rules.days_in(start, end):
            weekend = day.weekday() >= 5
            mean = spec.per_day * (0.15 if weekend else 1.0) * skill
            n = max(0, int(rng.gauss(mean, mean * 0.25))) if mean > 0 else 0
            if rng.random() < 0.04:
                n = 0  # a missed day now and then
            for _ in range(n):
                hour = min(20, max(7, int(rng.gauss(12, 2.8))))
                local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)))
                instant = local.replace(tzinfo=days_rules.zone(spec.tz)).astimezone(UTC)
                if instant > now:
                    continue  # today's sample ends now: nothing logged in the future
                choice = _pick(rng, outcome_mix)
                conversation = choice in ("yes", "no-conv") or (choice == "no" and rng.random() < 0.15)
                outcome = "no" if choice == "no-conv" else choice
                if outcome in ("pending", "silence"):  # silence only once the window has passed
                    outcome = "silence" if now - instant > timedelta(days=14) else "pending"
                row = {
                    "uuid": uuid.UUID(int=rng.getrandbits(128)).hex,
                    "profile_id": pid, "created_at": instant.replace(tzinfo=None),
                    "local_day": day, "tz": spec.tz, "channel": rng.choice(channels),
                    "target": rng.choice(NAMES) if spec.rich else None,
                    "segment": rng.choice(SEGMENTS), "tags": None,
                    "discomfort": rng.randint(1, 5) if spec.rich and rng.random() < 0.4 else None,
                    "outcome": outcome,
                    "outcome_at": None if outcome == "pending" else instant.replace(tzinfo=None),
                    "conversation": conversation,
                    "rejection_kind": _pick(rng, KIND_WEIGHTS) if outcome == "no" else None,
                    "stated_reason": None, "real_reason": None, "notes": None,
                    "follow_up_on": None, "follow_up_state": None, "lesson": None,
                    "challenge_id": None, "updated_at": instant.replace(tzinfo=None),
                }
                if spec.rich and outcome == "no" and rng.random() < 0.5:
                    row["stated_reason"] = rng.choice(STATED)
                    if rng.random() < 0.5:
                        row["real_reason"] = rng.choice(REAL)
                    if row["rejection_kind"] == "not-now" and rng.random() < 0.5:
                        row["follow_up_on"] = day + timedelta(days=90)
                        row["follow_up_state"] = "open"
                if spec.rich and rng.random() < 0.03:
                    row["lesson"] = rng.choice(LESSONS)
                batch.append(row)
                total += 1
            win_at = datetime.combine(day, time(18, 0)).replace(tzinfo=days_rules.zone(spec.tz))
            if spec.rich and n and rng.random() < 0.35 and win_at <= now:  # no win from the future
                wins.append({"uuid": uuid.UUID(int=rng.getrandbits(128)).hex, "profile_id": pid,
                             "created_at": datetime.combine(day, time(18, 0)),
                             "local_day": day, "text": rng.choice(WINS), "attempt_id": None})
            if len(batch) >= 20000:
                flush()
                if progress:
                    progress(total)
    flush()
    return total
