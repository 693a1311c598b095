"""Learning from a no: ask-why questions and follow-up suggestions (owned by the learn feature)."""

from __future__ import annotations

from datetime import date, timedelta

ASK_WHY_QUESTIONS = (
    "What was the biggest factor in your decision?",
    "What would have had to be different for this to be a yes?",
    "Is there something I could offer next time that would make it worth a look?",
    "Who else was involved in the decision?",
    "When would be a better time to talk again?",
)


def suggested_follow_up(day: date, kind: str | None, follow_up_days: int) -> date | None:
    """A 'not right now' no suggests coming back later (default in 90 days)."""
    return day + timedelta(days=follow_up_days) if kind == "not-now" else None
