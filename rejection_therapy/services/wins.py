"""The small-wins journal."""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days
from ..core.errors import NotFoundError
from ..core.settings import Settings
from ..core.text import clean_text
from ..store.models import Attempt, Win
from . import settings as settings_svc

WIN_MAX = 1000
KEEP = object()  # edit_win: leave the attempt link as it is


@dataclass(frozen=True)
class WinView:
    id: int
    local_day: date
    created_at: datetime
    text: str
    attempt_id: int | None


def _view(w: Win) -> WinView:
    return WinView(w.id, w.local_day, w.created_at, w.text, w.attempt_id)


def _check_attempt(session: Session, profile_id: int, attempt_id: int | None) -> int | None:
    if attempt_id is None:
        return None
    a = session.get(Attempt, attempt_id)
    if a is None or a.profile_id != profile_id:
        raise NotFoundError(f"There is no attempt #{attempt_id} to link this win to.")
    return attempt_id


def add_win(
    session: Session, profile_id: int, text: str, attempt_id: int | None = None, now: datetime | None = None,
    settings: Settings | None = None,
) -> WinView:
    """``settings``: the profile's, when the caller read them already (the dashboard's view)."""
    cleaned = clean_text(text, "win", max_len=WIN_MAX, multiline=True, required=True)
    now = (now or clock_now()).astimezone(UTC)
    s = settings or settings_svc.load(session, profile_id)
    local_day = days.local_day(now, s.timezone, s.day_start_hour)
    linked = _check_attempt(session, profile_id, attempt_id)
    values = dict(
        uuid=uuidlib.uuid4().hex, profile_id=profile_id, created_at=now,
        local_day=local_day, text=cleaned, attempt_id=linked,
    )
    new_id = session.execute(insert(Win).values(**values).returning(Win.id)).scalar_one()
    return WinView(new_id, local_day, now, str(cleaned), linked)


def _get(session: Session, profile_id: int, win_id: int) -> Win:
    w = session.get(Win, win_id)
    if w is None or w.profile_id != profile_id:
        raise NotFoundError(f"There is no win #{win_id}.")
    return w


def edit_win(session: Session, profile_id: int, win_id: int, text: str, attempt_id: int | None | object = KEEP) -> WinView:
    """Change the text; ``attempt_id`` links (an id), unlinks (None) or keeps (default)."""
    w = _get(session, profile_id, win_id)
    w.text = str(clean_text(text, "win", max_len=WIN_MAX, multiline=True, required=True))
    if attempt_id is not KEEP:
        w.attempt_id = _check_attempt(session, profile_id, attempt_id)  # type: ignore[arg-type]
    session.flush()
    return _view(w)


def delete_win(session: Session, profile_id: int, win_id: int) -> dict[str, Any]:
    w = _get(session, profile_id, win_id)
    snapshot = {c.name: getattr(w, c.name) for c in Win.__table__.columns}
    session.execute(delete(Win).where(Win.id == win_id))
    session.expunge(w)
    return snapshot


def restore_win(session: Session, snapshot: dict[str, Any]) -> int:
    session.execute(insert(Win).values(**snapshot))
    return int(snapshot["id"])


def list_wins(
    session: Session, profile_id: int, since: date | None = None, until: date | None = None, limit: int = 500
) -> list[WinView]:
    q = select(Win).where(Win.profile_id == profile_id)
    if since:
        q = q.where(Win.local_day >= since)
    if until:
        q = q.where(Win.local_day <= until)
    return [_view(w) for w in session.scalars(q.order_by(Win.created_at.desc(), Win.id.desc()).limit(limit))]
