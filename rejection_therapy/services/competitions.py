"""Competitions: the "no" counter race between profiles.

    with ctx.store.write() as s:
        competitions.start(s, ctx.profile_id, "November", period="month")
    with ctx.store.write() as s:          # closes finished competitions (cheap when none)
        competitions.close_due(s, ctx.profile_id)
    with ctx.store.read() as s:
        board = competitions.board(s, ctx.profile_id)

The board reads the per-day totals kept by triggers (day_totals: counts per participant and
day, which give both the totals and the trends). Only people whose counts are tied get a
second query, on the attempts, for the instant of their Nth counted attempt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import competition as rules
from ..core import days
from ..core.errors import NotFoundError, ValidationError
from ..core.text import clean_name
from ..store.models import Attempt, Competition, CompetitionEntry, DayTotal, Profile
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


@dataclass(frozen=True)
class Board:
    competition: CompetitionInfo
    standings: list[rules.Standing]
    today: date
    days_left: int
    due_to_close: bool  # over, but not yet stored as closed (call close_due in a write)
    me: rules.Standing | None
    # Each participant's personal best: their most no's (or attempts) in one day, ever.
    bests: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MyRank:
    competition: CompetitionInfo
    rank: int
    count: int
    gap: int
    participants: int
    leader: str | None
    days_left: int


def _now(now: datetime | None) -> datetime:
    return now.astimezone(UTC) if now else clock_now()


def _today(session: Session, profile_id: int, now: datetime | None) -> tuple[date, int]:
    s = settings_svc.load(session, profile_id)
    return days.local_day(_now(now), s.timezone, s.day_start_hour), s.first_weekday


def _names(session: Session, ids: list[int] | None = None, viewer: int | None = None) -> dict[int, str]:
    """Names by profile id. Given the viewer, a member who opted out reads as "a teammate"
    (except to themself); without it, the real names (for looking people up by name)."""
    from .lessons import display_name

    q = select(Profile.id, Profile.name, Profile.hide_name)
    if ids is not None:
        q = q.where(Profile.id.in_(ids))
    return {r.id: r.name if viewer is None else display_name(r.name, bool(r.hide_name), r.id == viewer)
            for r in session.execute(q)}


def personal_bests(session: Session, members: list[int], metric: str) -> dict[int, int]:
    """Each member's best day ever for the metric, from the per-day totals (one query)."""
    if not members:
        return {}
    column = DayTotal.nos if metric == "nos" else DayTotal.attempts
    rows = session.execute(
        select(DayTotal.profile_id, func.max(column)).where(DayTotal.profile_id.in_(members))
        .group_by(DayTotal.profile_id)
    )
    return {pid: int(best or 0) for pid, best in rows}


def _participants(session: Session, competition_ids: list[int]) -> dict[int, list[int]]:
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


def _info(row: Competition, members: list[int], names: dict[int, str], profile_id: int, today: date) -> CompetitionInfo:
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


def start(
    session: Session,
    profile_id: int,
    name: str,
    period: str | None = "month",
    *,
    start_day: date | str | None = None,
    end_day: date | str | None = None,
    metric: str | None = "nos",
    with_names: list[str] | str | None = None,
    now: datetime | None = None,
) -> CompetitionInfo:
    """Start a competition; participants default to every profile."""
    name = clean_name(name, "competition name")
    metric = rules.check_metric(metric)
    today, first_weekday = _today(session, profile_id, now)
    first, last = rules.period_days(period, today, first_weekday=first_weekday, start=start_day, end=end_day)
    if rules.is_over(today, last):
        raise ValidationError("That period is already over; pick dates that include today or later.")
    taken = session.execute(
        select(Competition.id).where(func.lower(Competition.name) == name.lower())
    ).first()
    if taken:
        raise ValidationError(f"A competition named {name!r} already exists; pick another name.")
    everyone = _names(session)
    if with_names:
        if isinstance(with_names, str):
            with_names = with_names.split(",")
        by_lower = {n.lower(): pid for pid, n in everyone.items()}
        members: list[int] = []
        for raw in with_names:
            wanted = (raw or "").strip()
            if not wanted:
                continue
            pid = by_lower.get(wanted.lower())
            if pid is None:
                raise NotFoundError(
                    f"There is no profile named {wanted!r}; see 'rejection-therapy profile list'."
                )
            if pid not in members:
                members.append(pid)
    else:
        members = list(everyone)
    if len(members) < 1:
        raise ValidationError("A competition needs at least one participant.")
    # ON CONFLICT DO NOTHING: two members starting the same name at once get one competition
    # and one plain sentence, never a unique-constraint error.
    insert: Any
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        insert = pg_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        insert = sqlite_insert
    new_id = session.execute(
        insert(Competition).values(
            uuid=uuid.uuid4().hex, name=name, metric=metric, start_day=first, end_day=last,
            status="running", created_by=profile_id, created_at=_now(now),
        ).on_conflict_do_nothing(index_elements=["name"]).returning(Competition.id)
    ).scalar()
    if new_id is None:
        raise ValidationError(f"A competition named {name!r} already exists; pick another name.")
    row = session.get(Competition, new_id)
    assert row is not None
    session.add_all(CompetitionEntry(competition_id=row.id, profile_id=pid) for pid in members)
    session.flush()
    return _info(row, members, _names(session, viewer=profile_id), profile_id, today)


def list_competitions(session: Session, profile_id: int, now: datetime | None = None) -> list[CompetitionInfo]:
    """Running competitions first (ending soonest first), then the history (newest first)."""
    today, _ = _today(session, profile_id, now)
    rows = list(session.scalars(select(Competition)))
    members = _participants(session, [r.id for r in rows])
    names = _names(session, viewer=profile_id)
    infos = [_info(r, members[r.id], names, profile_id, today) for r in rows]
    running = sorted((i for i in infos if i.status == "running"), key=lambda i: (i.end_day, i.id))
    history = sorted((i for i in infos if i.status != "running"), key=lambda i: (i.end_day, i.id), reverse=True)
    return running + history


def _find(session: Session, profile_id: int, name: str | None, today: date) -> Competition:
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


def _counts_per_day(session: Session, row: Competition, members: list[int], last: date) -> dict[int, dict[date, int]]:
    """Counts per participant and day, from the per-day totals that the database triggers keep
    (migration 0002): ~30 rows a person for a month, whatever the size of the log."""
    column = DayTotal.nos if row.metric == "nos" else DayTotal.attempts
    q = select(DayTotal.profile_id, DayTotal.local_day, column).where(
        DayTotal.profile_id.in_(members),
        DayTotal.local_day >= row.start_day,
        DayTotal.local_day <= last,
        column > 0,
    )
    out: dict[int, dict[date, int]] = {pid: {} for pid in members}
    for pid, day, n in session.execute(q):
        if isinstance(day, str):  # defensive: a driver that hands days back as text
            day = date.fromisoformat(day[:10])
        out[pid][day] = int(n)
    return out


def reached_at(session: Session, row: Competition, profile_id: int, n: int, last: date) -> datetime | None:
    """The instant of the profile's Nth counted attempt in the competition."""
    if n <= 0:
        return None
    if session.get_bind().dialect.name == "postgresql":
        # Through a function that runs with its owner's rights (migration 0003): with
        # row-level security on, a member cannot read a teammate's attempts, only this instant.
        from sqlalchemy import text

        at = session.execute(text("SELECT rt_reached_at(:p, :f, :l, :nos, :n)"), {
            "p": profile_id, "f": row.start_day, "l": last, "nos": row.metric == "nos", "n": n,
        }).scalar()
        return at.replace(tzinfo=UTC) if at is not None else None
    q = select(Attempt.created_at).where(
        Attempt.profile_id == profile_id,
        Attempt.local_day >= row.start_day,
        Attempt.local_day <= last,
    )
    if row.metric == "nos":
        q = q.where(Attempt.outcome == "no")
    return session.execute(q.order_by(Attempt.created_at, Attempt.id).offset(n - 1).limit(1)).scalar()


def _standings(session: Session, row: Competition, members: list[int], names: dict[int, str], today: date) -> list[rules.Standing]:
    last = min(today, row.end_day)
    per_day = _counts_per_day(session, row, members, row.end_day)
    counts = {pid: sum(per_day[pid].values()) for pid in members}
    reached = {}
    for pid, n in rules.tied_counts(counts).items():
        at = reached_at(session, row, pid, n, row.end_day)
        if at is not None:
            reached[pid] = at
    trends = {pid: rules.compress(rules.daily_series(per_day[pid], row.start_day, last)) for pid in members}
    member_names = {pid: names.get(pid, f"#{pid}") for pid in members}
    return rules.rank(member_names, counts, reached, trends)


def board(session: Session, profile_id: int, name: str | None = None, now: datetime | None = None) -> Board:
    """The leaderboard of a competition (default: the running one the profile is in)."""
    today, _ = _today(session, profile_id, now)
    row = _find(session, profile_id, name, today)
    members = _participants(session, [row.id])[row.id]
    names = _names(session, members + [p for p in (row.winner_profile_id, row.created_by) if p], profile_id)
    standings = _standings(session, row, members, names, today)
    info = _info(row, members, names, profile_id, today)
    due = row.status == "running" and rules.is_over(today, row.end_day)
    if due:  # show the winner it will be closed with
        top = rules.winner(standings)
        info = CompetitionInfo(**{**info.__dict__, "winner": top.name if top else None})
    me = next((s for s in standings if s.profile_id == profile_id), None)
    bests = personal_bests(session, members, row.metric)
    return Board(info, standings, today, rules.days_left(today, row.end_day), due, me, bests)


def close_due(session: Session, profile_id: int, now: datetime | None = None) -> list[CompetitionInfo]:
    """Close every running competition whose period is over, with its winner (lazily, on read).

    Cheap when nothing is due: one query. Safe when two members close at once (the row is
    locked on PostgreSQL, and SQLite writes are serialised by BEGIN IMMEDIATE).
    """
    today, _ = _today(session, profile_id, now)
    q = select(Competition).where(Competition.status == "running", Competition.end_day < today)
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    due = list(session.scalars(q))
    closed = []
    for row in due:
        members = _participants(session, [row.id])[row.id]
        names = _names(session, members, profile_id)
        top = rules.winner(_standings(session, row, members, names, today))
        row.status = "closed"
        row.winner_profile_id = top.profile_id if top else None
        session.flush()
        closed.append(_info(row, members, _names(session, viewer=profile_id), profile_id, today))
    return closed


def my_ranks(session: Session, profile_id: int, now: datetime | None = None) -> list[MyRank]:
    """The profile's place in each running competition it takes part in (dashboard panel)."""
    today, _ = _today(session, profile_id, now)
    rows = list(
        session.scalars(
            select(Competition)
            .join(CompetitionEntry, CompetitionEntry.competition_id == Competition.id)
            .where(
                CompetitionEntry.profile_id == profile_id,
                Competition.status == "running",
                Competition.end_day >= today,
                Competition.start_day <= today,
            )
            .order_by(Competition.end_day, Competition.id)
        )
    )
    if not rows:
        return []
    members = _participants(session, [r.id for r in rows])
    names = _names(session, viewer=profile_id)
    out = []
    for row in rows:
        standings = _standings(session, row, members[row.id], names, today)
        me = next(s for s in standings if s.profile_id == profile_id)
        out.append(
            MyRank(
                competition=_info(row, members[row.id], names, profile_id, today),
                rank=me.rank,
                count=me.count,
                gap=me.gap,
                participants=len(standings),
                leader=standings[0].name if standings and standings[0].count > 0 else None,
                days_left=rules.days_left(today, row.end_day),
            )
        )
    return out


def recently_closed(session: Session, profile_id: int, within_days: int = 3,
                    now: datetime | None = None) -> list[CompetitionInfo]:
    """Competitions the profile was in that ended in the last few days, with their winner
    (computed when not stored yet: reading never needs a write)."""
    from datetime import timedelta

    today, _ = _today(session, profile_id, now)
    rows = list(
        session.scalars(
            select(Competition)
            .join(CompetitionEntry, CompetitionEntry.competition_id == Competition.id)
            .where(
                CompetitionEntry.profile_id == profile_id,
                Competition.end_day < today,
                Competition.end_day >= today - timedelta(days=within_days),
            )
            .order_by(Competition.end_day.desc(), Competition.id.desc())
        )
    )
    out = []
    names = _names(session, viewer=profile_id)
    for row in rows:
        members = _participants(session, [row.id])[row.id]
        info = _info(row, members, names, profile_id, today)
        if info.due_to_close:
            top = rules.winner(_standings(session, row, members, names, today))
            info = CompetitionInfo(**{**info.__dict__, "winner": top.name if top else None})
        out.append(info)
    return out


def format_board(b: Board) -> list[str]:
    """Plain text lines for the CLI (names are cleaned user text: no control characters)."""
    from ..core.text import strip_controls

    c = b.competition
    lines = [
        f"{strip_controls(c.name)}: most {c.metric_label}, {c.period_label}"
        + (f" ({b.days_left} day{'s' if b.days_left != 1 else ''} left)" if c.status == "running" else ""),
    ]
    if c.status == "closed":
        lines.append(f"Closed. Winner: {strip_controls(c.winner) if c.winner else 'nobody (no clear leader)'}")
    width = max([len(strip_controls(s.name)) for s in b.standings] + [4])
    place_w = max([len(rules.place_label(s.rank)) for s in b.standings] + [5])
    lines.append(f"{'place':<{place_w}}  {'name':<{width}}  {'count':>6}  {'gap':>5}  {'best day':>8}  trend")
    for s in b.standings:
        gap = "-" if s.gap == 0 else f"-{s.gap}"
        first = ""
        if s.reached_at is not None:
            first = f"  (reached {s.count} at {s.reached_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
        marker = " *" if b.me and s.profile_id == b.me.profile_id else ""
        best = str(b.bests.get(s.profile_id, 0))
        lines.append(f"{rules.place_label(s.rank):<{place_w}}  {strip_controls(s.name):<{width}}  {s.count:>6}  "
                     f"{gap:>5}  {best:>8}  {s.spark}{first}{marker}")
    return lines
