"""The silence window: a pending attempt with no answer for N days reads as silence.

Silence is never a no. A late reply can still be recorded on the attempt.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .errors import ValidationError

DEFAULT_SILENCE_DAYS = 14
OUTCOMES = ("pending", "no", "silence", "yes")
REJECTION_KINDS = ("not-now", "not-for-us", "not-a-priority", "unknown")
KIND_LABELS = {
    "not-now": "Not right now",
    "not-for-us": "Not for us",
    "not-a-priority": "Not a priority",
    "unknown": "Unknown",
}
# The same kinds in table columns (the attempt log, follow-ups): short enough to stay whole at 80
KIND_SHORT = {"not-now": "not now", "not-for-us": "not for us", "not-a-priority": "no priority",
              "unknown": "unknown"}


def check_window(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
        raise ValidationError("The silence window must be a whole number of days from 1 to 365.")
    return days


def is_silent(outcome: str, logged_at: datetime, now: datetime, window_days: int) -> bool:
    """True when the attempt should read as silence at ``now``: a pending attempt exactly
    ``window_days`` old is silent, one second younger is not. The only silence rule: the
    sweep (``services.silence.sweep``) asks it of every row."""
    if outcome == "silence":
        return True
    return outcome == "pending" and logged_at <= silence_cutoff(now, window_days)


def effective_outcome(outcome: str, logged_at: datetime, now: datetime, window_days: int) -> str:
    return "silence" if is_silent(outcome, logged_at, now, window_days) else outcome


def silence_cutoff(now: datetime, window_days: int) -> datetime:
    """Pending attempts logged at or before this instant are silent (``is_silent``)."""
    return now - timedelta(days=window_days)


def check_outcome(word: str) -> str:
    value = (word or "").strip().lower()
    if value not in OUTCOMES:
        raise ValidationError(
            f"Unknown outcome {word!r}; use one of: {', '.join(OUTCOMES)}."
        )
    return value


def check_kind(word: str | None) -> str | None:
    if word is None or word == "":
        return None
    value = word.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {"not-right-now": "not-now", "later": "not-now", "not-priority": "not-a-priority"}
    value = aliases.get(value, value)
    if value not in REJECTION_KINDS:
        raise ValidationError(
            f"Unknown rejection kind {word!r}; use one of: {', '.join(REJECTION_KINDS)}."
        )
    return value
