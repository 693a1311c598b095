"""What the competition modules share: a competition as the app shows it, and the look-ups
(names, participants, which competition a name means) that starting, closing and the board all
need. Rules (periods, ranks, winners) live in core/competition.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import competition as rules
from ..core import days
from ..core.errors import NotFoundError, StoreError
from ..core.text import clean_name
from ..store.models import BOARD_NAMES, Competition, CompetitionEntry, Profile
from . import settings as settings_svc


@dataclass(frozen=True)
class CompetitionInfo:
    id: int
    name: str
    metric: str
    start_day: date
    end_day: date
    status: str  # running | closed (closed also when due to close but not yet stored)
    winner: str | None
    created_by: str | None
    participants: tuple[str, ...]
    is_member: bool  # the asking profile takes part
    due_to_close: bool = False  # over but still stored as running (close_due stores it)

    @property
    def metric_label(self) -> str:
        return rules.METRIC_LABELS.get(self.metric, self.metric)

    @property
    def period_label(self) -> str:
        return f"{self.start_day.isoformat()} → {self.end_day.isoformat()}"


def now_utc(now: datetime | None) -> datetime:
    return now.astimezone(UTC) if now else clock_now()


def today_for(session: Session, profile_id: int, now: datetime | None) -> tuple[date, int]:
    s = settings_svc.load(session, profile_id)
    return days.local_day(now_utc(now), s.timezone, s.day_start_hour), s.first_weekday


def profile_names(session: Session, ids: list[int] | None = None, viewer: int | None = None) -> dict[int, str]:
    """Names by profile id. Given the viewer, as the board shows them (the board_names view:
    a member who opted out reads as "a teammate" except to themself; on a team database a
    member may read no other profile row); without it, the real names from ``profiles``
    (looking people up by name: the team admin's start and close)."""
    from .lessons import display_name

    if viewer is None:
        q = select(Profile.id, Profile.name, Profile.hide_name)
        if ids is not None:
            q = q.where(Profile.id.in_(ids))
        return {r.id: r.name for r in session.execute(q)}
    v = BOARD_NAMES
    shown = select(v.c.id, v.c.name, v.c.hide_name)
    if ids is not None:
        shown = shown.where(v.c.id.in_(ids))
    return {r.id: display_name(r.name, bool(r.hide_name), r.id == viewer) for r in session.execute(shown)}


def can_change(session: Session, privilege: str = "UPDATE") -> tuple[bool, str]:
    """(may this login change competitions, its role name). On a team database only the team
    admin may (store/rls.py: members have SELECT only); SQLite and a plain PostgreSQL
    store: everyone."""
    if session.get_bind().dialect.name != "postgresql":
        return True, ""
    from sqlalchemy import text

    who, ok = session.execute(text("SELECT current_user, has_table_privilege('competitions', :p)"),
                              {"p": privilege}).one()
    return bool(ok), str(who)


def require_change(session: Session, privilege: str, doing: str) -> None:
    """A one-sentence refusal, before anything changes, naming the missing privilege."""
    ok, who = can_change(session, privilege)
    if not ok:
        raise StoreError(
            f"Only the team admin may {doing} on this team database: the role {who!r} lacks the "
            f"{privilege} privilege on the table competitions; nothing was changed."
        )


def participants(session: Session, competition_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {cid: [] for cid in competition_ids}
    if not competition_ids:
        return out
    rows = session.execute(
        select(CompetitionEntry.competition_id, CompetitionEntry.profile_id).where(
            CompetitionEntry.competition_id.in_(competition_ids)
        )
    )
    for cid, pid in rows:
        out[cid].append(pid)
    return out


def info_of(row: Competition, members: list[int], names: dict[int, str], profile_id: int, today: date) -> CompetitionInfo:
    status = row.status
    due = status == "running" and rules.is_over(today, row.end_day)
    if due:
        status = "closed"
    return CompetitionInfo(
        id=row.id,
        name=row.name,
        metric=row.metric,
        start_day=row.start_day,
        end_day=row.end_day,
        status=status,
        winner=names.get(row.winner_profile_id) if row.winner_profile_id else None,
        created_by=names.get(row.created_by) if row.created_by else None,
        participants=tuple(sorted((names.get(p, "?") for p in members), key=str.lower)),
        is_member=profile_id in members,
        due_to_close=due,
    )


def find(session: Session, profile_id: int, name: str | None, today: date) -> Competition:
    if name:
        row = session.scalars(
            select(Competition).where(func.lower(Competition.name) == clean_name(name, "competition name").lower())
        ).first()
        if row is None:
            raise NotFoundError(f"There is no competition named {name!r}; see 'rejection-therapy compete list'.")
        return row
    rows = list(session.scalars(select(Competition)))
    if not rows:
        raise NotFoundError(
            "There is no competition yet; start one with 'rejection-therapy compete start NAME --period month'."
        )
    mine = {r.competition_id for r in session.execute(
        select(CompetitionEntry.competition_id).where(CompetitionEntry.profile_id == profile_id)
    )}

    def preference(r: Competition) -> tuple[bool, bool, int, int]:
        running = r.status == "running" and not rules.is_over(today, r.end_day)
        when = r.end_day.toordinal()
        return (not running, r.id not in mine, when if running else -when, -r.id)

    return sorted(rows, key=preference)[0]
