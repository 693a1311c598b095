"""Onboarding paths: what each starting point sets (goals and a few settings). Pure.

The numbers are starting points, not rules: every one of them can be changed in Settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .goals import Goal, check_count, check_goal


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    blurb: str
    goal: Goal
    settings: dict[str, Any] = field(default_factory=dict)  # Settings fields to change
    challenge: str | None = None  # a challenge preset the path can start on the same day

    def summary(self) -> str:
        """One line saying what the path sets, e.g. '60 attempts a day · 20 no's · cap 100'."""
        return describe_goal(self.goal)


def describe_goal(goal: Goal) -> str:
    parts = [f"{goal.daily_attempts} attempt{'s' if goal.daily_attempts != 1 else ''} a day"]
    if goal.daily_nos:
        parts.append(f"{goal.daily_nos} no's")
    parts.append(f"cap {goal.daily_cap}" if goal.daily_cap else "no cap")
    return " · ".join(parts)


SALES_QUOTA = Preset(
    key="sales",
    title="Sales call quota",
    blurb="Count every dial; each no brings the next yes closer.",
    goal=Goal(daily_attempts=60, daily_nos=20, daily_cap=100),
    settings={"default_channel": "call", "bad_day_threshold": 10},
)
PITCH_SPRINT = Preset(
    key="sprint",
    title="Quarterly pitch sprint",
    blurb="A few pitches a day for two weeks, capped against burnout.",
    goal=Goal(daily_attempts=3, daily_nos=0, daily_cap=6),
    settings={"default_channel": "pitch", "silence_days": 14},
)
HUNDRED_DAYS = Preset(
    key="100-day",
    title="100-day rejection challenge",
    blurb="One ask a day that risks a no. A day counts when the ask was made.",
    goal=Goal(daily_attempts=1, daily_nos=0, daily_cap=None),
    settings={"default_channel": "in-person"},
    challenge="100-day",
)

PRESETS: tuple[Preset, ...] = (SALES_QUOTA, PITCH_SPRINT, HUNDRED_DAYS)
BY_KEY = {p.key: p for p in PRESETS}


def _optional_count(value: object, what: str, minimum: int = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check_count(value, what, minimum=minimum)


def custom(daily_attempts: object, daily_nos: object = None, daily_cap: object = None) -> Preset:
    """The custom path: the user types the numbers (text or int); empty no goal is 0, empty cap none."""
    attempts = _optional_count(daily_attempts, "daily attempt goal")
    if attempts is None:
        attempts = 0
    nos = _optional_count(daily_nos, "daily no goal") or 0
    cap = _optional_count(daily_cap, "daily cap", minimum=1)
    goal = check_goal(Goal(daily_attempts=attempts, daily_nos=nos, daily_cap=cap))
    return Preset("custom", "Custom", "Your own numbers.", goal)


def get(key: str) -> Preset:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown preset {key!r}") from None
