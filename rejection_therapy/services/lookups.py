"""Small read-only look-ups the faces and the other services share: a challenge by its
number, uuid or name, the period a challenge covers, the effort-only notice, the latest
challenges, whether a profile has logged anything, the channels and segments in use.

They live here (not in ``insights``, which never calls up into services, and not in the
TUI or CLI, which never query the store themselves)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.challenge_days import end_day, stored_start
from ..core.errors import NotFoundError
from ..insights import queries as insight_queries
from ..insights.data import Period
from ..store.models import Attempt, Challenge
from . import challenges as challenges_svc


def find_challenge(session: Session, profile_id: int, ref: str | int) -> Challenge:
    """A challenge of the profile by its number (``3``, ``#3``), the start of its uuid, or its
    name (any case; the start of a name when only one challenge's name begins so; of several
    with one name, the latest). ``review``, ``chart``, ``list`` and the log screen use this."""
    from ..core.errors import ValidationError

    ref_text = " ".join(str(ref).split()).lstrip("#")  # "#3" as the challenge commands print it
    stmt = select(Challenge).where(Challenge.profile_id == profile_id)
    if ref_text.isascii() and ref_text.isdigit():  # "²" is a digit to isdigit(), not to int()
        number = int(ref_text)
        found = session.scalars(stmt.where(Challenge.id == number)).first() if number < 2**63 else None
        if found is None:
            raise NotFoundError(f"There is no challenge #{ref_text}; see 'rejection-therapy challenge list'.")
        return found
    rows = list(session.scalars(stmt.order_by(Challenge.start_day.desc(), Challenge.id.desc()))) if ref_text else []
    low = ref_text.lower()
    by_uuid = [c for c in rows if c.uuid.startswith(low)]
    if len(by_uuid) == 1:
        return by_uuid[0]
    exact = [c for c in rows if " ".join(c.name.split()).lower() == low]
    named = exact or [c for c in rows if " ".join(c.name.split()).lower().startswith(low)]
    if len(named) > 1 and not exact:
        raise ValidationError(f"{len(named)} challenges begin with {ref_text[:60]!r}; give its number or whole name.")
    if not named:
        raise NotFoundError(f"There is no challenge {ref_text[:60]!r}; see 'rejection-therapy challenge list'.")
    return named[0]


def challenge_period(ch: Challenge, today: date | None = None) -> Period:
    """The days a challenge covers: to its last day (extensions included), to the day it was
    abandoned, and for a running challenge no further than ``today``."""
    start, end = stored_start(ch.start_day), end_day(ch.start_day, ch.length_days, ch.extended_days or 0)
    if ch.ended_on and ch.ended_on < end:
        end = ch.ended_on
    if today is not None and ch.status == "active":
        end = max(start, min(end, today))
    return Period(start, end, f"challenge “{ch.name}”")


def effort_only_notice(session: Session, profile_id: int, today: date, where: str = "charts") -> str | None:
    """Why outcomes are hidden while an effort-only challenge runs (None when none runs).

    ``where``: "charts" (the chart that is hidden) or "review" (the sections left out)."""
    names = [c.name for c in challenges_svc.active_on(session, profile_id, today) if c.effort_only]
    if not names:
        return None
    if where == "review":
        return ("A challenge in effort-only mode is running: replies, reasons and rates are left out "
                "of this review until it ends.")
    return (f"Hidden while “{names[0]}” runs in effort-only mode: it counts what you send, "
            "not the replies. Outcome charts come back when it ends.")


def latest_challenges(session: Session, profile_id: int, limit: int = 20) -> list[tuple[int, str, date]]:
    """(id, name, start day) of the profile's challenges, the latest first."""
    rows = session.execute(
        select(Challenge.id, Challenge.name, Challenge.start_day)
        .where(Challenge.profile_id == profile_id)
        .order_by(Challenge.start_day.desc(), Challenge.id.desc())
        .limit(limit)
    ).all()
    return [(int(i), str(n), d) for i, n, d in rows]


def has_attempts(session: Session, profile_id: int) -> bool:
    return session.execute(
        select(Attempt.id).where(Attempt.profile_id == profile_id).limit(1)
    ).first() is not None


def chart_choices(session: Session, profile_id: int) -> tuple[list[str], list[str]]:
    """The channels and segments the profile has used (the charts' filters)."""
    return (insight_queries.distinct_values(session, profile_id, "channel"),
            insight_queries.distinct_values(session, profile_id, "segment"))
