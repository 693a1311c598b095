"""``list``'s filters, the one rule for the CLI (``rejection-therapy list``) and the log screen.

``build_filter`` turns the typed filters (core.list_query.ListQuery) into the
services.attempts.Filter both faces query with: dates may be natural (yesterday, -7d, last
monday: core.dates); ``challenge`` is a challenge's number, uuid or name
(services.lookups.find_challenge) and narrows to its days and channels. Bad input raises one
sentence (ValidationError, NotFoundError).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..core import dates
from ..core.errors import ValidationError
from ..core.list_query import ListQuery
from .attempts import Filter
from .lookups import find_challenge


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
        since = max(since, challenge_views.start_of(c)) if since else challenge_views.start_of(c)
        until = min(until, challenge_views.end_of(c)) if until else challenge_views.end_of(c)
        channels = challenge_views._channels(c) or None
    if since and until and since > until:
        raise ValidationError("The start date is after the end date; nothing could match.")
    return Filter(since=since, until=until, outcome=q.outcome, channel=q.channel, kind=q.kind,
                  search=q.text, target=q.target, tag=q.tag, channels=channels)
