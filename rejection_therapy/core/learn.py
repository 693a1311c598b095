"""Learning from a no: ask-why questions, follow-up rules and the feedback request text.

Pure rules, no I/O (owned by the learn feature).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from .errors import ValidationError
from .numbers import is_int_text
from .text import strip_controls

TYPE_CHECKING = False  # these names are needed by annotations only
if TYPE_CHECKING:
    from typing import Any

ASK_WHY_QUESTIONS = (
    "What was the biggest factor in your decision?",
    "What would have had to be different for this to be a yes?",
    "Is there something I could offer next time that would make it worth a look?",
    "Who else was involved in the decision?",
    "When would be a better time to talk again?",
)

FOLLOW_UP_STATES = ("open", "done", "dropped")
DEFAULT_SNOOZE_DAYS = 7
ICS_UID_DOMAIN = "rejection-therapy"

# How a channel reads inside a sentence ("my email", "my message").
CHANNEL_NOUNS = {
    "call": "call",
    "email": "email",
    "pitch": "pitch",
    "proposal": "proposal",
    "dm": "message",
    "in-person": "conversation",
}
PLACEHOLDERS = ("name", "channel", "date")
_PLACEHOLDER = r"\{(name|channel|date|signature)\}"  # compiled on first use (start-up of the quick log and today, issue 12)


def suggested_follow_up(day: date, kind: str | None, follow_up_days: int) -> date | None:
    """A 'not right now' no suggests coming back later (default in 90 days)."""
    return day + timedelta(days=follow_up_days) if kind == "not-now" else None


def follow_up_status(on: date, today: date) -> str:
    """``overdue`` (before today), ``due`` (today) or ``upcoming``."""
    if on < today:
        return "overdue"
    return "due" if on == today else "upcoming"


def is_due(on: date | None, state: str | None, today: date) -> bool:
    """An open follow-up dated today or earlier."""
    return on is not None and (state or "open") == "open" and on <= today


def check_snooze_days(days: object) -> int:
    if is_int_text(days):
        days = int(str(days).strip())
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
        raise ValidationError("Snooze for a whole number of days from 1 to 365.")
    return days


def snoozed_until(current: date, today: date, days: int) -> date:
    """Snoozing moves the follow-up N days past today (or past its date if that is later)."""
    return max(current, today) + timedelta(days=check_snooze_days(days))


def due_label(on: date, today: date) -> str:
    """A short human phrase: 'due today', '3 days overdue', 'in 5 days'."""
    delta = (on - today).days
    if delta == 0:
        return "due today"
    if delta < 0:
        n = -delta
        return f"{n} day{'s' if n != 1 else ''} overdue"
    return f"in {delta} day{'s' if delta != 1 else ''}"


def age_label(days: int) -> str:
    if days <= 0:
        return "today"
    return f"{days} day{'s' if days != 1 else ''}"


def ics_uid(attempt_uuid: str) -> str:
    """Stable per attempt, so re-exporting updates the calendar instead of duplicating."""
    return f"{attempt_uuid}@{ICS_UID_DOMAIN}"


def channel_noun(channel: str | None) -> str:
    value = (channel or "").strip().lower()
    return CHANNEL_NOUNS.get(value, value or "message")


def check_template(text: object) -> str:
    if not isinstance(text, str):
        raise ValidationError("The feedback template must be text.")
    cleaned = strip_controls(text, multiline=True).strip("\n")
    if not cleaned.strip():
        raise ValidationError("The feedback template cannot be empty.")
    if len(cleaned) > 4000:
        raise ValidationError("Keep the feedback template under 4,000 characters.")
    return cleaned + "\n"


def render_feedback(template: str, name: str | None, channel: str | None, day: date | None = None,
                    signature: str = "") -> str:
    """Fill ``{name}``, ``{channel}``, ``{date}`` and ``{signature}``; everything else stays
    exactly as typed. A signature the template has no place for goes on the last line.

    Not ``str.format``: a stray brace or ``{name.__class__}`` in a user's template must
    neither crash nor reach into objects. The result is plain text (no markup added).
    """
    values = {
        "name": strip_controls((name or "").strip()) or "there",
        "channel": channel_noun(channel),
        "date": day.isoformat() if day else "",
        "signature": strip_controls((signature or "").strip()),
    }
    template = strip_controls(template, multiline=True)
    text = re.sub(_PLACEHOLDER, lambda m: values[m.group(1)], template)
    if values["signature"] and "{signature}" not in template:
        text = text.rstrip() + "\n" + values["signature"]
    return text.rstrip() + "\n"


def group_by_kind(lines: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Today's attempts for the bad-day review: no's by rejection kind, then the rest.

    ``lines`` are objects with ``outcome`` and ``kind`` (e.g. ``core.today.AttemptLine``).
    Returns ``[(label, [line, ...]), ...]`` with empty groups left out, in a fixed order.
    """
    from .silence import KIND_LABELS, REJECTION_KINDS

    order = [*(KIND_LABELS[k] for k in REJECTION_KINDS), "No, kind not noted", "Silence", "Waiting for a reply", "Yes"]
    groups: dict[str, list[Any]] = {label: [] for label in order}
    for line in lines:
        if line.outcome == "no":
            label = KIND_LABELS.get(line.kind or "", "No, kind not noted")
        else:
            label = {"silence": "Silence", "pending": "Waiting for a reply", "yes": "Yes"}.get(line.outcome, "Yes")
        groups[label].append(line)
    return [(label, items) for label, items in groups.items() if items]


def ask_why_text(target: str | None = None) -> str:
    """The questions as one plain block, ready to copy."""
    head = f"Questions to ask {strip_controls(target)}:" if target else "Questions to ask:"
    return "\n".join([head, *(f"- {q}" for q in ASK_WHY_QUESTIONS)]) + "\n"
