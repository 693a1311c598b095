"""Shared lessons: the lesson of a no, shared with the team without the name.

    with ctx.store.write() as s:
        lessons.share(s, ctx.profile_id, attempt_id)        # off by default: only on request
    with ctx.store.read() as s:
        feed = lessons.feed(s, ctx.profile_id)               # newest first
    with ctx.store.write() as s:
        lessons.withdraw(s, ctx.profile_id, attempt_id)

A shared lesson copies the kind, the channel, the day and the lesson text (the attempt's
lesson, else the real reason, else the stated reason) into ``shared_lessons``. The target and
the notes are never copied, and the target's name is taken out of the text if it appears
there ("share the lesson, not the name"). Works the same on SQLite (profiles on one machine)
and on a team's PostgreSQL (row-level security: everyone reads, each writes their own).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core.errors import NotFoundError, ValidationError
from ..core.text import strip_controls
from ..store.models import BOARD_NAMES, Attempt, Profile, SharedLesson

TEAMMATE = "a teammate"
MAX_LESSON = 500
FEED_LIMIT = 200


@dataclass(frozen=True)
class FeedItem:
    id: int
    who: str
    mine: bool
    kind: str | None
    channel: str
    lesson: str
    day: date
    shared_at: datetime


def display_name(name: str | None, hidden: bool, mine: bool) -> str:
    """How a member appears to others: their name, or "a teammate" when they opted out (on a
    team database the board_names view already gives no name then)."""
    return TEAMMATE if (hidden and not mine) or name is None else name


def without_name(lesson: str, target: str | None) -> str:
    """The lesson with the target's name (and each word of it longer than 2 letters) taken out."""
    out = lesson
    if target and target.strip():
        names = [target.strip()] + [w for w in re.split(r"\W+", target) if len(w) > 2]
        for name in names:
            out = re.sub(re.escape(name), "(them)", out, flags=re.IGNORECASE)
    return out


def _own_no(session: Session, profile_id: int, attempt_id: int) -> Attempt:
    row = session.get(Attempt, attempt_id)
    if row is None or row.profile_id != profile_id:
        raise NotFoundError(f"There is no attempt #{attempt_id} of yours.")
    return row


def share(session: Session, profile_id: int, attempt_id: int, lesson: str | None = None,
          now: datetime | None = None) -> FeedItem:
    """Share the lesson of one of your no's (again: replaces the text shared before)."""
    a = _own_no(session, profile_id, attempt_id)
    if a.outcome != "no":
        raise ValidationError(f"Attempt #{attempt_id} is not a no; only a no's lesson can be shared.")
    raw = lesson if lesson is not None else (a.lesson or a.real_reason or a.stated_reason or "")
    text = strip_controls(" ".join(raw.split()))[:MAX_LESSON]
    text = without_name(text, a.target)
    if not text.strip():
        raise ValidationError(
            f"The no #{attempt_id} has no lesson to share yet; write one (what you learned) first."
        )
    at = (now or clock_now()).astimezone(UTC)
    row = session.scalars(select(SharedLesson).where(SharedLesson.attempt_id == attempt_id)).first()
    if row is None:
        row = SharedLesson(uuid=uuid.uuid4().hex, profile_id=profile_id, attempt_id=attempt_id)
        session.add(row)
    row.kind, row.channel, row.lesson, row.day, row.shared_at = (
        a.rejection_kind, a.channel, text, a.local_day, at)
    session.flush()
    name = session.execute(select(Profile.name).where(Profile.id == profile_id)).scalar_one()
    return FeedItem(row.id, name, True, row.kind, row.channel, row.lesson, row.day, at)


def withdraw(session: Session, profile_id: int, attempt_id: int) -> bool:
    """Take back the lesson of one of your no's; False when it was not shared."""
    done = session.execute(delete(SharedLesson).where(
        SharedLesson.attempt_id == attempt_id, SharedLesson.profile_id == profile_id))
    return bool(getattr(done, "rowcount", 0))


def withdraw_item(session: Session, profile_id: int, lesson_id: int) -> bool:
    """Take back a shared lesson by its feed id (only your own)."""
    done = session.execute(delete(SharedLesson).where(
        SharedLesson.id == lesson_id, SharedLesson.profile_id == profile_id))
    return bool(getattr(done, "rowcount", 0))


def is_shared(session: Session, profile_id: int, attempt_id: int) -> bool:
    return session.execute(select(SharedLesson.id).where(
        SharedLesson.attempt_id == attempt_id, SharedLesson.profile_id == profile_id)).first() is not None


def feed(session: Session, profile_id: int, limit: int = FEED_LIMIT) -> list[FeedItem]:
    """The team's shared lessons, newest first, with who shared them (or "a teammate")."""
    rows = session.execute(
        select(SharedLesson.id, SharedLesson.profile_id, SharedLesson.kind, SharedLesson.channel,
               SharedLesson.lesson, SharedLesson.day, SharedLesson.shared_at, BOARD_NAMES.c.name,
               BOARD_NAMES.c.hide_name)
        .join(BOARD_NAMES, BOARD_NAMES.c.id == SharedLesson.profile_id)
        .order_by(SharedLesson.shared_at.desc(), SharedLesson.id.desc())
        .limit(limit)
    )
    return [
        FeedItem(r.id, display_name(r.name, bool(r.hide_name), r.profile_id == profile_id),
                 r.profile_id == profile_id, r.kind, r.channel, r.lesson, r.day, r.shared_at)
        for r in rows
    ]


def format_feed(items: list[FeedItem]) -> list[str]:
    """Plain lines for the CLI (texts are cleaned: no control characters)."""
    from ..core.silence import KIND_LABELS

    if not items:
        return ["No shared lessons yet. Share one of your no's: rejection-therapy team share ATTEMPT_ID"]
    out = []
    for i in items:
        kind = KIND_LABELS.get(i.kind or "", i.kind or "no kind given")
        out.append(f"{i.day.isoformat()}  {strip_controls(i.who)} · {kind} · {strip_controls(i.channel)}")
        out.append(f"    {strip_controls(i.lesson)}")
    return out
