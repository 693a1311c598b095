"""Housekeeping: rename or delete a challenge, end a competition early, delete a profile,
and the rule that refuses a second identical challenge on the same dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..core import competition as comp_rules
from ..core.challenge_presets import ChallengeSpec
from ..core.errors import NotFoundError, ValidationError
from ..core.text import clean_name
from ..store.models import Attempt, Challenge, Competition, Profile, Review
from .challenge_views import _channels, end_of


def check_not_duplicate(session: Session, profile_id: int, spec: ChallengeSpec, named: bool) -> None:
    """Refuse a challenge that repeats a running one (same preset, dates, name and terms):
    a typo must not start a second 100-day challenge. A new --name, or other terms (channels,
    targets, cap), makes it deliberate."""
    for c in session.scalars(select(Challenge).where(
        Challenge.profile_id == profile_id, Challenge.status == "active", Challenge.preset == spec.preset,
        Challenge.start_day == spec.start_day,
    )):
        same_end = end_of(c) == spec.start_day + timedelta(days=spec.length_days - 1)
        same_terms = (c.target_per_day == spec.target_per_day and c.target_total == spec.target_total
                      and c.daily_cap == spec.daily_cap and bool(c.effort_only) == spec.effort_only
                      and set(_channels(c)) == set(spec.channels))
        if same_end and same_terms and c.name.lower() == spec.name.lower():
            hint = "pick another name" if named else "start another with --name"
            raise ValidationError(
                f"A {c.name} already runs from {c.start_day.isoformat()} to {end_of(c).isoformat()} "
                f"(#{c.id}); {hint}."
            )


def _challenge(session: Session, profile_id: int, challenge_id: int) -> Challenge:
    c = session.get(Challenge, challenge_id)
    if c is None or c.profile_id != profile_id:
        raise NotFoundError(f"There is no challenge #{challenge_id} in this profile.")
    return c


def rename_challenge(session: Session, profile_id: int, challenge_id: int, name: str) -> Challenge:
    c = _challenge(session, profile_id, challenge_id)
    c.name = clean_name(name, "challenge name")
    session.flush()
    return c


@dataclass(frozen=True)
class DeletedChallenge:
    id: int
    name: str
    attempts_kept: int


def delete_challenge(session: Session, profile_id: int, challenge_id: int) -> DeletedChallenge:
    """Delete a challenge and its review notes; its attempts stay in the log."""
    c = _challenge(session, profile_id, challenge_id)
    linked = session.execute(select(func.count()).select_from(Attempt).where(Attempt.challenge_id == c.id)).scalar_one()
    session.execute(update(Attempt).where(Attempt.challenge_id == c.id).values(challenge_id=None))
    session.execute(delete(Review).where(Review.profile_id == profile_id, Review.period_key == f"challenge:{c.uuid}"))
    result = DeletedChallenge(c.id, c.name, linked)
    session.delete(c)
    session.flush()
    return result


def end_competition(session: Session, profile_id: int, ref: str, today: date) -> tuple[Competition, str | None]:
    """End a running competition today (or on its first day, if it has not started), with its
    winner. Only its creator or a participant may end it; on a team database only the team
    admin (store/rls.py)."""
    from ..store.models import CompetitionEntry
    from . import competitions

    competitions.require_change(session, "UPDATE", "end a competition")
    ref = (ref or "").strip()
    if ref.lstrip("#").isascii() and ref.lstrip("#").isdigit():
        row = session.get(Competition, int(ref.lstrip("#")))
        if row is None:
            raise NotFoundError(f"There is no competition #{ref.lstrip('#')}; see 'rejection-therapy compete list'.")
    else:
        row = competitions.find(session, profile_id, ref, today)
    if row.status != "running":
        raise ValidationError(f"The competition {row.name!r} has already ended.")
    members = [r for r in session.scalars(select(CompetitionEntry.profile_id)
                                          .where(CompetitionEntry.competition_id == row.id))]
    if profile_id not in members and row.created_by != profile_id:
        raise ValidationError(f"Only a participant or the creator can end {row.name!r}.")
    row.end_day = max(row.start_day, min(row.end_day, today))
    names = competitions.profile_names(session, members)
    top = comp_rules.winner(competitions.standings_of(session, row, members, names, row.end_day))
    row.status = "closed"
    row.winner_profile_id = top.profile_id if top else None
    session.flush()
    return row, (top.name if top else None)


@dataclass(frozen=True)
class ProfileFigures:
    id: int
    name: str
    attempts: int


def profile_figures(session: Session, name: str) -> ProfileFigures:
    row = session.execute(select(Profile.id, Profile.name)
                          .where(func.lower(Profile.name) == clean_name(name, "profile name").lower())).first()
    if row is None:
        raise NotFoundError(f"There is no profile named {name!r}; see 'rejection-therapy profile list'.")
    n = session.execute(select(func.count()).select_from(Attempt).where(Attempt.profile_id == row.id)).scalar_one()
    return ProfileFigures(row.id, row.name, n)


def delete_profile(session: Session, profile_id: int, now: datetime | None = None) -> None:
    """Delete a profile and everything it owns (the database cascades)."""
    from sqlalchemy import update

    from ..store.models import Win

    session.execute(update(Win).where(Win.profile_id == profile_id).values(attempt_id=None))
    session.execute(delete(Profile).where(Profile.id == profile_id))
    session.flush()
