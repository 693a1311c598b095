"""A profile's settings: defaults, validation, and the mapping stored in the database."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from . import days, silence
from .errors import ValidationError
from .text import clean_name

DEFAULT_CHANNELS = ("call", "email", "pitch", "proposal", "dm", "in-person")
DEFAULT_FEEDBACK_TEMPLATE = (
    "Hi {name},\n\n"
    "Thank you for considering my {channel}. I take it this is not something you want to "
    "go ahead with, and that is completely fine.\n\n"
    "So that I can do better next time, would you share what made the difference in your "
    "decision? One line is plenty, and there is no wrong answer.\n\n"
    "Thank you,\n"
)


@dataclass(frozen=True)
class Settings:
    timezone: str = "UTC"
    day_start_hour: int = days.DEFAULT_DAY_START_HOUR
    first_weekday: int = 0
    silence_days: int = silence.DEFAULT_SILENCE_DAYS
    silence_by_channel: dict[str, int] = field(default_factory=dict)
    rest_weekdays: tuple[int, ...] = ()
    default_channel: str = "call"
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    hide_streaks: bool = False
    theme: str = "textual-dark"
    bad_day_enabled: bool = True
    bad_day_threshold: int = 10
    daily_backups: int = 7  # rolling daily copies kept (store.rolling); 0 = off
    follow_up_days: int = 90
    feedback_template: str = DEFAULT_FEEDBACK_TEMPLATE
    onboarded: bool = False

    def silence_window(self, channel: str | None) -> int:
        return self.silence_by_channel.get(channel or "", self.silence_days)

    def to_mapping(self) -> dict[str, str]:
        """Values as JSON text, keyed by field name (what the settings table stores)."""
        return {k: json.dumps(v) for k, v in asdict(self).items()}

    @classmethod
    def from_mapping(cls, stored: dict[str, str]) -> Settings:
        """Build from stored JSON text; unknown keys and unreadable values fall back to defaults."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in stored.items():
            if key not in known:
                continue
            try:
                values[key] = json.loads(raw)
            except (TypeError, ValueError):
                continue
        for key in ("rest_weekdays", "channels"):
            if key in values and isinstance(values[key], list):
                values[key] = tuple(values[key])
        try:
            return validate(cls(**values))
        except (ValidationError, TypeError):
            # One bad stored value must not make the app unusable: drop values one by one.
            good = cls()
            for key, value in values.items():
                try:
                    good = validate(replace(good, **{key: value}))
                except (ValidationError, TypeError):
                    continue
            return good


def validate(s: Settings) -> Settings:
    """Check every field; raise ValidationError with a sentence about the first bad one."""
    days.zone(s.timezone)
    days.check_day_start_hour(s.day_start_hour)
    if isinstance(s.first_weekday, bool) or s.first_weekday not in range(7):
        raise ValidationError("The first day of the week must be 0 (Monday) to 6 (Sunday).")
    silence.check_window(s.silence_days)
    for channel, n in s.silence_by_channel.items():
        clean_name(channel, "channel name")
        silence.check_window(n)
    for d in s.rest_weekdays:
        if isinstance(d, bool) or d not in range(7):
            raise ValidationError("Rest weekdays are numbered 0 (Monday) to 6 (Sunday).")
    if len(s.rest_weekdays) == 7:
        raise ValidationError("Every day cannot be a rest day; keep at least one working day.")
    if not s.channels:
        raise ValidationError("Keep at least one channel.")
    cleaned = tuple(clean_name(c, "channel name").lower() for c in s.channels)
    if len(set(cleaned)) != len(cleaned):
        raise ValidationError("Each channel can appear only once.")
    if clean_name(s.default_channel, "default channel").lower() not in cleaned:
        raise ValidationError(f"The default channel {s.default_channel!r} is not in the list of channels.")
    if isinstance(s.bad_day_threshold, bool) or not 2 <= int(s.bad_day_threshold) <= 100:
        raise ValidationError("The bad-day threshold must be between 2 and 100 no's in a row.")
    if isinstance(s.follow_up_days, bool) or not 1 <= int(s.follow_up_days) <= 730:
        raise ValidationError("The follow-up delay must be between 1 and 730 days.")
    if isinstance(s.daily_backups, bool) or not isinstance(s.daily_backups, int) or not 0 <= s.daily_backups <= 365:
        raise ValidationError("Daily backups kept must be a whole number from 0 (off) to 365.")
    if not isinstance(s.feedback_template, str) or not s.feedback_template.strip():
        raise ValidationError("The feedback template cannot be empty.")
    return s
