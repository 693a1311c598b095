"""``list``'s filters, the one rule for the CLI (``rejection-therapy list``) and the log screen.

``build_filter`` turns the typed filters (core.list_query.ListQuery) into the
services.attempts.Filter both faces query with: dates may be natural (yesterday, -7d, last
monday: core.dates), ``challenge`` is a challenge's number or name and narrows to its days
and channels. Bad input raises one sentence (ValidationError, NotFoundError).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core import dates
from ..core.errors import NotFoundError, ValidationError
from ..core.list_query import ListQuery
from ..core.numbers import parse_id
from ..store.models import Challenge
from .attempts import Filter


def find_challenge(session: Session, profile_id: int, ref: str) -> Challenge:
    """A challenge by its number (``3``, ``#3``) or its name (any case; the start of a name
    when only one challenge begins so)."""
    from .challenges import _get

    text = " ".join(ref.split()).removeprefix("#")
    if text.isascii() and text.isdigit():
        return _get(session, profile_id, parse_id(text, "challenge"))
    rows = list(session.scalars(select(Challenge).where(Challenge.profile_id == profile_id)
                                .order_by(Challenge.start_day.desc(), Challenge.id.desc())))
    low = text.lower()
    exact = [c for c in rows if " ".join(c.name.split()).lower() == low]
    found = exact or [c for c in rows if " ".join(c.name.split()).lower().startswith(low)]
    if not text or not found:
        raise NotFoundError(f"There is no challenge named {text[:60]!r}; see 'rejection-therapy challenge list'.")
    if len(found) > 1 and not exact:
        raise ValidationError(f"{len(found)} challenges begin with {text[:60]!r}; give its number or whole name.")
    return found[0]  # of several with the same name, the latest


def build_filter(session: Session, profile_id: int, q: ListQuery, today: date | None = None) -> Filter:
    """The Filter of ``list`` for these typed filters (checked; nothing is read but the
    profile's day and, with ``challenge``, the challenge)."""
    from . import challenge_views
    from .today import today_of

    now_day = today or today_of(session, profile_id)
    since = dates.parse_day(q.since, now_day, "start date") if q.since else None
    until = dates.parse_day(q.until, now_day, "end date") if q.until else None
    channels = None
    if q.challenge:
        c = find_challenge(session, profile_id, q.challenge)
        since = max(since, c.start_day) if since else c.start_day
        until = min(until, challenge_views.end_of(c)) if until else challenge_views.end_of(c)
        channels = challenge_views._channels(c) or None
    if since and until and since > until:
        raise ValidationError("The start date is after the end date; nothing could match.")
    return Filter(since=since, until=until, outcome=q.outcome, channel=q.channel, kind=q.kind,
                  search=q.text, target=q.target, tag=q.tag, channels=channels)
