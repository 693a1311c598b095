"""If-then plans of the daily goal and of challenges (rules in core.plans)."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import plans as rules
from ..core.days import zone
from ..core.errors import NotFoundError
from ..core.plans import Plan
from ..store.models import Challenge
from ..store.models import Plan as PlanRow
from . import settings as settings_svc


def _plan(row: PlanRow) -> Plan:
    days = tuple(int(d) for d in row.weekdays.split(",")) if row.weekdays else ()
    return Plan(row.id, row.text, rules.as_time(row.at_time), days, row.challenge_id)


def add(session: Session, profile_id: int, text: str, challenge_id: int | None = None,
        now: datetime | None = None) -> Plan:
    value = rules.check_plan_text(text)
    if challenge_id is not None:
        c = session.get(Challenge, challenge_id)
        if c is None or c.profile_id != profile_id:
            raise NotFoundError(f"There is no challenge #{challenge_id}; see 'rejection-therapy challenge list'.")
    at, days = rules.parse_moment(value)
    row = PlanRow(uuid=uuidlib.uuid4().hex, profile_id=profile_id, challenge_id=challenge_id, text=value,
                  at_time=at.strftime("%H:%M") if at else None,
                  weekdays=",".join(str(d) for d in days) or None, created_at=now or clock_now())
    session.add(row)
    session.flush()
    return _plan(row)


def add_all(session: Session, profile_id: int, texts: list[str] | tuple[str, ...], challenge_id: int | None = None,
            now: datetime | None = None) -> list[Plan]:
    """Several plans at once (``--if-then`` repeated, the challenge form): all or none."""
    return [add(session, profile_id, text, challenge_id, now) for text in texts]


def list_plans(session: Session, profile_id: int) -> list[Plan]:
    rows = session.scalars(select(PlanRow).where(PlanRow.profile_id == profile_id).order_by(PlanRow.id))
    return [_plan(r) for r in rows]


def for_review(session: Session, profile_id: int, challenge_id: int | None = None) -> list[Plan]:
    """The plans a review checks: all of them; a challenge's review, the goal's and its own."""
    return [p for p in list_plans(session, profile_id) if challenge_id is None or p.challenge_id in (None, challenge_id)]


def goal_plans(session: Session, profile_id: int) -> list[Plan]:
    """The daily goal's plans (not the challenges')."""
    return [p for p in list_plans(session, profile_id) if p.challenge_id is None]


def _row(session: Session, profile_id: int, plan_id: int) -> PlanRow:
    row = session.get(PlanRow, plan_id)
    if row is None or row.profile_id != profile_id:
        raise NotFoundError(f"There is no plan #{plan_id}; see 'rejection-therapy plans'.")
    return row


def update(session: Session, profile_id: int, plan_id: int, text: str) -> Plan:
    """Change a plan's text (the review's Adjust section, ``plans edit``); its time and days
    are read again from the new text. It stays with its goal or challenge."""
    value = rules.check_plan_text(text)
    row = _row(session, profile_id, plan_id)
    at, days = rules.parse_moment(value)
    row.text = value
    row.at_time = at.strftime("%H:%M") if at else None
    row.weekdays = ",".join(str(d) for d in days) or None
    session.flush()
    return _plan(row)


def remove(session: Session, profile_id: int, plan_id: int) -> Plan:
    row = _row(session, profile_id, plan_id)
    plan = _plan(row)
    session.delete(row)
    session.flush()
    return plan


def due(session: Session, profile_id: int, now: datetime | None = None) -> list[Plan]:
    """Plans whose moment has come now, in the profile's time zone."""
    s = settings_svc.load(session, profile_id)
    local = (now or clock_now()).astimezone(zone(s.timezone))
    return rules.due(list_plans(session, profile_id), local)


def describe(p: Plan) -> str:
    when = ""
    if p.at:
        names = "every day" if not p.weekdays else (
            "weekdays" if p.weekdays == (0, 1, 2, 3, 4) else ",".join(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[d]
                                                                      for d in p.weekdays))
        when = f" [{p.at:%H:%M}, {names}]"
    of = f" (challenge #{p.challenge_id})" if p.challenge_id else ""
    return f"#{p.id} {p.text}{when}{of}"


def review_lines(plans: list[Plan], challenge_id: int | None, commands: bool, escape: Callable[[str], str]) -> list[str]:
    """The review's "If-then plans" section: was each followed, and how to change one (the
    commands for the CLI's review; the Review screen changes them in its Adjust section)."""
    out = ["", "## If-then plans", "", "Did you follow each one? Change what did not work.", ""]
    out += [f"- [ ] {escape(describe(p))}" for p in plans]
    if commands:
        to = f" --challenge {challenge_id}" if challenge_id is not None else ""
        out += ["", "To change them:", "",
                '- new text: `rejection-therapy plans edit ID "If …, then …"`',
                "- drop one: `rejection-therapy plans remove ID`",
                f'- add one: `rejection-therapy plans add "If …, then …"{to}`']
    else:
        out += ["", "_Change, drop or add a plan in the Adjust section._"]
    return out
