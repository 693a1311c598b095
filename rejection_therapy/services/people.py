"""People: every target asked, with the history of every touch; merging two spellings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..core.errors import NotFoundError, ValidationError
from ..core.people import Person, gather, matches, person_key
from ..core.text import SHORT, clean_text
from ..store.models import Attempt

_COLS = (Attempt.target, Attempt.local_day, Attempt.outcome, Attempt.conversation, Attempt.follow_up_on,
         Attempt.follow_up_state, Attempt.notes)
_ORDER = (Attempt.local_day, Attempt.created_at, Attempt.id)


def people(session: Session, profile_id: int, search: str | None = None) -> list[Person]:
    """Everyone asked, most recent contact first."""
    rows = session.execute(select(*_COLS).where(Attempt.profile_id == profile_id, Attempt.target.is_not(None))
                           .order_by(*_ORDER)).all()
    found = [p for p in gather(rows).values() if matches(p, search)]
    return sorted(found, key=lambda p: (p.last_contact, p.name.casefold()), reverse=True)


@dataclass(frozen=True)
class History:
    person: Person
    attempts: list[Attempt]  # oldest first


def who(session: Session, profile_id: int, name: str) -> History:
    key = person_key(name)
    if not key:
        raise ValidationError("Give a name, e.g. rejection-therapy who 'Acme Corp'.")
    rows = [r for r in session.scalars(select(Attempt).where(Attempt.profile_id == profile_id,
                                                             Attempt.target.is_not(None)).order_by(*_ORDER))
            if person_key(r.target) == key]
    if not rows:
        raise NotFoundError(f"You have not asked anyone called {name.strip()!r}; 'rejection-therapy people' lists everyone.")
    person = gather((r.target, r.local_day, r.outcome, r.conversation, r.follow_up_on, r.follow_up_state, r.notes)
                    for r in rows)[key]
    return History(person, rows)


def merge(session: Session, profile_id: int, old: str, new: str) -> int:
    """Rename every attempt to ``old`` (any spelling) as ``new``; returns how many changed."""
    new_name = clean_text(new, "name", max_len=SHORT)
    if not new_name:
        raise ValidationError("The new name cannot be empty.")
    key = person_key(old)
    ids = [i for i, t in session.execute(select(Attempt.id, Attempt.target).where(
        Attempt.profile_id == profile_id, Attempt.target.is_not(None))) if person_key(t) == key]
    if not ids:
        raise NotFoundError(f"You have not asked anyone called {old.strip()!r}.")
    for start in range(0, len(ids), 500):
        session.execute(update(Attempt).where(Attempt.id.in_(ids[start:start + 500])).values(target=new_name))
    return len(ids)
