"""The board of a competition: standings from the per-day totals, personal bests, a member's
rank on the dashboard, the recently closed ones, and the board as text for the CLI.

    with ctx.store.read() as s:
        b = competition_board.board(s, ctx.profile_id)    # also competitions.board

The board reads the per-day totals kept by triggers (day_totals: counts per participant and
day, which give both the totals and the trends). Only people whose counts are tied get a
second query, on the attempts, for the instant of their Nth counted attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core import competition as rules
from ..store.models import BOARD_NAMES, Attempt, Competition, CompetitionEntry, DayTotal
from .competition_base import CompetitionInfo, find, info_of, profile_names, today_for


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


def _best_of(metric: str) -> Any:
    """Each member's best day ever for the metric (a correlated max over the per-day totals:
    one index probe a member, migration 0006, whatever the length of their history)."""
    column = DayTotal.nos if metric == "nos" else DayTotal.attempts
    return select(func.max(column)).where(DayTotal.profile_id == BOARD_NAMES.c.id).scalar_subquery()


def personal_bests(session: Session, members: list[int], metric: str) -> dict[int, int]:
    """Each member's best day ever for the metric, from the per-day totals (one query)."""
    if not members:
        return {}
    v = BOARD_NAMES
    rows = session.execute(select(v.c.id, _best_of(metric)).where(v.c.id.in_(members)))
    return {pid: int(n or 0) for pid, n in rows}


def _entries(session: Session, row: Competition, viewer: int,
             bests: bool = True) -> tuple[list[int], dict[int, str], dict[int, int]]:
    """(participants, names as the viewer sees them, personal bests) in one round trip; the
    winner's and creator's names too when they are not participants (rare: one more)."""
    from .lessons import display_name

    v = BOARD_NAMES
    columns = [v.c.id, v.c.name, v.c.hide_name] + ([_best_of(row.metric)] if bests else [])
    q = (select(*columns).join(CompetitionEntry, CompetitionEntry.profile_id == v.c.id)
         .where(CompetitionEntry.competition_id == row.id))
    members: list[int] = []
    names: dict[int, str] = {}
    best: dict[int, int] = {}
    for r in session.execute(q):
        members.append(r[0])
        names[r[0]] = display_name(r[1], bool(r[2]), r[0] == viewer)
        if bests:
            best[r[0]] = int(r[3] or 0)
    others = [p for p in (row.winner_profile_id, row.created_by) if p and p not in names]
    if others:
        names.update(profile_names(session, others, viewer))
    return members, names, best


def _counts_per_day(session: Session, row: Competition, members: list[int], last: date) -> dict[int, dict[date, int]]:
    """Counts per participant and day, from the per-day totals that the database triggers keep
    (migration 0002): ~30 rows a person for a month, whatever the size of the log."""
    column = DayTotal.nos if row.metric == "nos" else DayTotal.attempts
    # Joined to the entries (one parameter, not one a participant) and run on the session's
    # connection: plain rows, without the ORM's per-row work (~1,500 rows at 50 members).
    q = (select(DayTotal.profile_id, DayTotal.local_day, column)
         .join(CompetitionEntry, (CompetitionEntry.profile_id == DayTotal.profile_id)
               & (CompetitionEntry.competition_id == row.id))
         .where(DayTotal.local_day >= row.start_day, DayTotal.local_day <= last, column > 0))
    out: dict[int, dict[date, int]] = {pid: {} for pid in members}
    for pid, day, n in session.connection().execute(q).all():
        if isinstance(day, str):  # defensive: a driver that hands days back as text
            day = date.fromisoformat(day[:10])
        if pid in out:
            out[pid][day] = int(n)
    return out


def reached_at(session: Session, wanted: dict[int, tuple[date, int]], nos: bool) -> dict[int, datetime]:
    """The instant of each profile's Kth counted attempt on a day ({profile: (day, K)}, see
    rules.nth_day): one round trip on PostgreSQL, one small query a profile on SQLite."""
    if not wanted:
        return {}
    out: dict[int, datetime] = {}
    if session.get_bind().dialect.name == "postgresql":
        # Through a function that runs with its owner's rights (migration 0006): with
        # row-level security on, a member cannot read a teammate's attempts, only this instant.
        from sqlalchemy import text

        pids = list(wanted)
        params: dict[str, object] = {"nos": nos}
        calls = []
        for i, pid in enumerate(pids):
            calls.append(f"rt_nth_on_day(:p{i}, :d{i}, :nos, :k{i})")
            params.update({f"p{i}": pid, f"d{i}": wanted[pid][0], f"k{i}": wanted[pid][1]})
        row = session.execute(text("SELECT " + ", ".join(calls)), params).one()
        return {pid: at.replace(tzinfo=UTC) for pid, at in zip(pids, row, strict=True) if at is not None}
    for pid, (day, k) in wanted.items():
        q = select(Attempt.created_at).where(Attempt.profile_id == pid, Attempt.local_day == day)
        if nos:
            q = q.where(Attempt.outcome == "no")
        at = session.execute(q.order_by(Attempt.created_at, Attempt.id).offset(k - 1).limit(1)).scalar()
        if at is not None:
            out[pid] = at
    return out


def standings_of(session: Session, row: Competition, members: list[int], names: dict[int, str], today: date) -> list[rules.Standing]:
    last = min(today, row.end_day)
    per_day = _counts_per_day(session, row, members, row.end_day)
    counts = {pid: sum(per_day[pid].values()) for pid in members}
    wanted = {}
    for pid, n in rules.tied_counts(counts).items():
        where = rules.nth_day(per_day[pid], n)  # from the rollup: one day of attempts to read
        if where is not None:
            wanted[pid] = where
    reached = reached_at(session, wanted, row.metric == "nos")
    trends = {pid: rules.compress(rules.daily_series(per_day[pid], row.start_day, last)) for pid in members}
    member_names = {pid: names.get(pid, f"#{pid}") for pid in members}
    return rules.rank(member_names, counts, reached, trends)


def board(session: Session, profile_id: int, name: str | None = None, now: datetime | None = None) -> Board:
    """The leaderboard of a competition (default: the running one the profile is in)."""
    today, _ = today_for(session, profile_id, now)
    row = find(session, profile_id, name, today)
    members, names, bests = _entries(session, row, profile_id)
    standings = standings_of(session, row, members, names, today)
    info = info_of(row, members, names, profile_id, today)
    due = row.status == "running" and rules.is_over(today, row.end_day)
    if due:  # show the winner it will be closed with
        top = rules.winner(standings)
        info = CompetitionInfo(**{**info.__dict__, "winner": top.name if top else None})
    me = next((s for s in standings if s.profile_id == profile_id), None)
    return Board(info, standings, today, rules.days_left(today, row.end_day), due, me, bests)


def panel(session: Session, profile_id: int, within_days: int = 3,
          now: datetime | None = None) -> tuple[list[MyRank], list[CompetitionInfo]]:
    """The dashboard's competition panel in one read: the profile's place in each running
    competition it takes part in, and those that ended in the last few days with their
    winner (computed when not stored yet: reading never needs a write)."""
    from datetime import timedelta

    today, _ = today_for(session, profile_id, now)
    rows = list(session.scalars(
        select(Competition)
        .join(CompetitionEntry, CompetitionEntry.competition_id == Competition.id)
        .where(CompetitionEntry.profile_id == profile_id,
               Competition.end_day >= today - timedelta(days=within_days),
               Competition.start_day <= today)
        .order_by(Competition.end_day, Competition.id)
    ))
    running, closed = [], []
    for row in rows:
        if row.end_day >= today and row.status == "running":
            running.append(_my_rank(session, row, profile_id, today))
        elif row.end_day < today:
            closed.append(_closed(session, row, profile_id, today))
    closed.sort(key=lambda c: (c.end_day, c.id), reverse=True)
    return running, closed


def _my_rank(session: Session, row: Competition, profile_id: int, today: date) -> MyRank:
    members, names, _ = _entries(session, row, profile_id, bests=False)
    standings = standings_of(session, row, members, names, today)
    me = next(s for s in standings if s.profile_id == profile_id)
    return MyRank(
        competition=info_of(row, members, names, profile_id, today),
        rank=me.rank,
        count=me.count,
        gap=me.gap,
        participants=len(standings),
        leader=standings[0].name if standings and standings[0].count > 0 else None,
        days_left=rules.days_left(today, row.end_day),
    )


def _closed(session: Session, row: Competition, profile_id: int, today: date) -> CompetitionInfo:
    members, names, _ = _entries(session, row, profile_id, bests=False)
    info = info_of(row, members, names, profile_id, today)
    if info.due_to_close:
        top = rules.winner(standings_of(session, row, members, names, today))
        info = CompetitionInfo(**{**info.__dict__, "winner": top.name if top else None})
    return info


def my_ranks(session: Session, profile_id: int, now: datetime | None = None) -> list[MyRank]:
    """The profile's place in each running competition it takes part in (see panel)."""
    return panel(session, profile_id, 0, now)[0]


def recently_closed(session: Session, profile_id: int, within_days: int = 3,
                    now: datetime | None = None) -> list[CompetitionInfo]:
    """Competitions the profile was in that ended in the last few days (see panel)."""
    return panel(session, profile_id, within_days, now)[1]


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
