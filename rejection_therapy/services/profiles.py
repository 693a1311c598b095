"""Profiles: who is logging. One by default, created on first use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..config import DbLocation, default_profile_name, wanted_profile
from ..core.errors import NotFoundError
from ..core.text import clean_name
from ..store.models import Profile


@dataclass(frozen=True)
class ProfileInfo:
    id: int
    name: str


def get_by_name(session: Session, name: str) -> ProfileInfo | None:
    row = session.execute(
        select(Profile.id, Profile.name).where(func.lower(Profile.name) == name.lower())
    ).first()
    return ProfileInfo(row.id, row.name) if row else None


def create(session: Session, name: str) -> ProfileInfo:
    from ..core.errors import ValidationError

    name = clean_name(name, "profile name")
    if get_by_name(session, name):
        raise ValidationError(f"A profile named {name!r} already exists.")
    profile = Profile(name=name, created_at=datetime.now(UTC))
    session.add(profile)
    session.flush()
    return ProfileInfo(profile.id, profile.name)


def list_profiles(session: Session) -> list[ProfileInfo]:
    return [ProfileInfo(r.id, r.name) for r in session.execute(select(Profile.id, Profile.name).order_by(Profile.id))]


def resolve(session: Session, location: DbLocation, explicit: str | None = None) -> ProfileInfo:
    """The profile to act as: --profile, $REJECTION_THERAPY_PROFILE, the remembered one,
    else the first profile, else a new one named after the user. Asking for a profile that
    does not exist is an error (a typo must not split someone's log in two)."""
    wanted = wanted_profile(explicit, location)
    if wanted:
        found = get_by_name(session, wanted)
        if found:
            return found
        raise NotFoundError(
            f"There is no profile named {wanted!r}; create it with "
            f"'rejection-therapy profile add {wanted}' or see 'rejection-therapy profile list'."
        )
    first = session.execute(select(Profile.id, Profile.name).order_by(Profile.id).limit(1)).first()
    if first:
        return ProfileInfo(first.id, first.name)
    return create(session, default_profile_name())
