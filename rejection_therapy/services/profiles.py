"""Profiles: who is logging. One by default, created on first use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
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


def bound_profile(session: Session) -> ProfileInfo | None:
    """On PostgreSQL, the profile bound to the login role (team mode), if any."""
    row = session.execute(
        select(Profile.id, Profile.name).where(Profile.role_name == func.current_user())
    ).first()
    return ProfileInfo(row.id, row.name) if row else None


def create(session: Session, name: str) -> ProfileInfo:
    from ..core.errors import ValidationError

    name = clean_name(name, "profile name")
    existing = get_by_name(session, name)
    if existing:
        raise ValidationError(f"A profile named {existing.name!r} already exists.")
    profile = Profile(name=name, created_at=clock_now())
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
    if not location.is_sqlite:
        bound = bound_profile(session)
        if bound is not None:
            # A team member's login (team invite): it logs as its own profile, nobody else's.
            if wanted and wanted.strip().lower() != bound.name.lower():
                from ..core.errors import ValidationError

                raise ValidationError(
                    f"This login belongs to {bound.name!r}; it cannot log as {wanted.strip()!r}."
                )
            return bound
    if wanted:
        found = get_by_name(session, wanted)
        if found:
            return found
        raise NotFoundError(
            f"There is no profile named {wanted!r}; create it with "
            f"'rejection-therapy profile add {wanted}' or see 'rejection-therapy profile list'."
        )
    if not location.is_sqlite:
        # A shared team store: a member who has not picked a profile yet gets the one named
        # after their login when there is one (never someone else's by accident of order).
        own = get_by_name(session, default_profile_name())
        if own:
            return own
    first = session.execute(select(Profile.id, Profile.name).order_by(Profile.id).limit(1)).first()
    if first:
        return ProfileInfo(first.id, first.name)
    return create(session, default_profile_name())


@dataclass(frozen=True)
class ProfileStats:
    id: int
    name: str
    attempts: int
    nos: int
    last_day: object  # date | None


def get(session: Session, profile_id: int) -> ProfileInfo:
    row = session.execute(select(Profile.id, Profile.name).where(Profile.id == profile_id)).first()
    if row is None:
        raise NotFoundError(f"There is no profile #{profile_id}.")
    return ProfileInfo(row.id, row.name)


def count(session: Session) -> int:
    """How many profiles the store has (through board_names: on a team database a member
    reads only their own row of ``profiles``)."""
    from ..store.models import BOARD_NAMES

    return session.execute(select(func.count()).select_from(BOARD_NAMES)).scalar_one()


def is_team(session: Session) -> bool:
    """More than one profile: only then do screens show who is logging."""
    return count(session) > 1


def rename(session: Session, profile_id: int, new_name: str) -> ProfileInfo:
    """Rename a profile; names stay unique regardless of case (a case-only change is fine)."""
    from ..core.errors import ValidationError

    current = get(session, profile_id)
    new_name = clean_name(new_name, "profile name")
    other = get_by_name(session, new_name)
    if other and other.id != profile_id:
        raise ValidationError(f"A profile named {other.name!r} already exists.")
    if new_name != current.name:
        row = session.get(Profile, profile_id)
        if row is None:
            raise NotFoundError(f"There is no profile #{profile_id}.")
        row.name = new_name
        session.flush()
    return ProfileInfo(profile_id, new_name)


def require(session: Session, name: str) -> ProfileInfo:
    """The profile called ``name`` (any case), or a NotFoundError that says what to do."""
    found = get_by_name(session, clean_name(name, "profile name"))
    if found is None:
        raise NotFoundError(
            f"There is no profile named {name.strip()!r}; see 'rejection-therapy profile list'."
        )
    return found


def list_with_stats(session: Session, since: object = None) -> list[ProfileStats]:
    """Every profile with its attempts and no's since a day (default: the last 30 days) and
    its last active day, from the per-day totals (day_totals): fast on big stores, and on a
    team database with row-level security everyone's totals stay readable (their attempts
    do not)."""
    from datetime import timedelta

    from ..store.models import DayTotal

    since = since or (clock_now().date() - timedelta(days=30))
    totals = {
        r.profile_id: r
        for r in session.execute(
            select(
                DayTotal.profile_id,
                func.sum(DayTotal.attempts).label("attempts"),
                func.sum(DayTotal.nos).label("nos"),
                func.max(DayTotal.local_day).label("last_day"),
            ).where(DayTotal.local_day >= since, DayTotal.attempts > 0).group_by(DayTotal.profile_id)
        )
    }
    from ..store.models import BOARD_NAMES
    from .lessons import display_name

    me = bound_profile(session) if session.get_bind().dialect.name == "postgresql" else None
    out = []
    v = BOARD_NAMES
    for p in session.execute(select(v.c.id, v.c.name, v.c.hide_name).order_by(v.c.id)):
        r = totals.get(p.id)
        last = r.last_day if r else None
        if isinstance(last, str):  # defensive: a driver that hands days back as text
            from datetime import date

            last = date.fromisoformat(last[:10])
        # Names as the board shows them to a team member; everyone's on one machine.
        name = display_name(p.name, bool(p.hide_name) and me is not None, me is not None and p.id == me.id)
        out.append(ProfileStats(p.id, name, int(r.attempts or 0) if r else 0,
                                int(r.nos or 0) if r else 0, last))
    return out


def set_name_hidden(session: Session, profile_id: int, hidden: bool) -> None:
    """Opt out of (or back into) appearing by name on boards and in the team feed."""
    row = session.get(Profile, profile_id)
    if row is None:
        raise NotFoundError(f"There is no profile #{profile_id}.")
    row.hide_name = hidden
    session.flush()
