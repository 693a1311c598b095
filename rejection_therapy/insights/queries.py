"""Aggregate queries behind the charts and the review.

Every query groups in the database and returns a few hundred rows at most; the same SQL runs
on SQLite and PostgreSQL (only the UTC hour bucket differs). Rows are filtered by
``(profile_id, local_day)`` first, which the ``ix_attempts_profile_day`` index serves.

The hour of an attempt is the wall-clock hour *in the attempt's own stored time zone*: the
database groups by (tz, UTC date-hour) and Python turns each bucket into a local weekday and
hour with zoneinfo (exact for every zone whose offsets are whole hours, i.e. nearly all).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from ..core import days as days_rules
from ..core.funnel import CONVERSATION_SQL
from ..core.today import as_date


@dataclass(frozen=True)
class Filter:
    channel: str | None = None
    segment: str | None = None

    def sql(self) -> str:
        out = ""
        if self.channel:
            out += " AND channel = :channel"
        if self.segment:
            out += " AND segment = :segment"
        return out

    def params(self) -> dict:
        p: dict = {}
        if self.channel:
            p["channel"] = self.channel
        if self.segment:
            p["segment"] = self.segment
        return p


NO_FILTER = Filter()


@dataclass
class Bucket:
    """Counts of one group (a day, a channel, a kind, an hour …)."""

    key: object
    attempts: int = 0
    conversations: int = 0
    nos: int = 0
    yeses: int = 0
    silences: int = 0

    def add(self, other: Bucket) -> None:
        self.attempts += other.attempts
        self.conversations += other.conversations
        self.nos += other.nos
        self.yeses += other.yeses
        self.silences += other.silences

    @property
    def conversation_rate(self) -> float | None:
        return self.conversations / self.attempts if self.attempts else None

    @property
    def silence_rate(self) -> float | None:
        return self.silences / self.attempts if self.attempts else None


_COUNTS = f"""COUNT(*) AS attempts,
       SUM(CASE WHEN {CONVERSATION_SQL} THEN 1 ELSE 0 END) AS conversations,
       SUM(CASE WHEN outcome = 'no' THEN 1 ELSE 0 END) AS nos,
       SUM(CASE WHEN outcome = 'yes' THEN 1 ELSE 0 END) AS yeses,
       SUM(CASE WHEN outcome = 'silence' THEN 1 ELSE 0 END) AS silences"""

_RANGE = "profile_id = :profile_id AND local_day >= :start AND local_day <= :end"


def _q(sql: str):
    dates = [bindparam(n, type_=Date) for n in ("start", "end") if f":{n}" in sql]
    return text(sql).bindparams(*dates)


def _params(profile_id: int, start: date, end: date, filt: Filter) -> dict:
    return {"profile_id": profile_id, "start": start, "end": end, **filt.params()}


def _bucket(key: object, row) -> Bucket:
    return Bucket(key, int(row.attempts or 0), int(row.conversations or 0), int(row.nos or 0),
                  int(row.yeses or 0), int(row.silences or 0))


def grouped(session: Session, profile_id: int, start: date, end: date, column: str,
            filt: Filter = NO_FILTER, where: str = "") -> list[Bucket]:
    """Counts per value of ``column`` (local_day, channel, segment, rejection_kind …)."""
    if column not in {"local_day", "channel", "segment", "rejection_kind", "outcome"}:
        raise ValueError(column)
    sql = (f"SELECT {column} AS k, {_COUNTS} FROM attempts WHERE {_RANGE}{filt.sql()}{where} "
           f"GROUP BY {column}")
    rows = session.execute(_q(sql), _params(profile_id, start, end, filt)).all()
    if column == "local_day":
        return [_bucket(as_date(r.k), r) for r in rows]
    return [_bucket(r.k, r) for r in rows]


def per_day(session: Session, profile_id: int, start: date, end: date,
            filt: Filter = NO_FILTER) -> dict[date, Bucket]:
    return {b.key: b for b in grouped(session, profile_id, start, end, "local_day", filt)}


_EFFORT = "COUNT(*) AS attempts, SUM(CASE WHEN outcome = 'no' THEN 1 ELSE 0 END) AS nos"


def effort_per_day(session: Session, profile_id: int, start: date, end: date,
                   filt: Filter = NO_FILTER) -> dict[date, tuple[int, int]]:
    """(attempts, no's) per day: read from the (profile, day, outcome) index alone when
    there is no filter (no table lookups), which is what keeps a year of days fast."""
    sql = f"SELECT local_day, {_EFFORT} FROM attempts WHERE {_RANGE}{filt.sql()} GROUP BY local_day"
    return {as_date(r.local_day): (int(r.attempts or 0), int(r.nos or 0))
            for r in session.execute(_q(sql), _params(profile_id, start, end, filt))}


def totals(session: Session, profile_id: int, start: date, end: date,
           filt: Filter = NO_FILTER) -> Bucket:
    sql = f"SELECT {_COUNTS} FROM attempts WHERE {_RANGE}{filt.sql()}"
    row = session.execute(_q(sql), _params(profile_id, start, end, filt)).one()
    return _bucket("total", row)


def last_day_before(session: Session, profile_id: int, day: date) -> date | None:
    """The latest local day with an attempt before ``day`` (None when there is none)."""
    sql = "SELECT MAX(local_day) FROM attempts WHERE profile_id = :profile_id AND local_day < :start"
    found = session.execute(_q(sql), {"profile_id": profile_id, "start": day}).scalar()
    return as_date(found) if found is not None else None


def first_day(session: Session, profile_id: int) -> date | None:
    """The first local day with an attempt (None when there is none)."""
    sql = "SELECT MIN(local_day) FROM attempts WHERE profile_id = :profile_id"
    found = session.execute(_q(sql), {"profile_id": profile_id}).scalar()
    return as_date(found) if found is not None else None


def before(session: Session, profile_id: int, day: date, filt: Filter = NO_FILTER) -> tuple[int, int]:
    """(attempts, no's) logged before ``day``: the starting point of the cumulative lines
    (index-only without a filter)."""
    sql = (f"SELECT {_EFFORT} FROM attempts WHERE profile_id = :profile_id AND local_day < :start"
           f"{filt.sql()}")
    row = session.execute(_q(sql), {"profile_id": profile_id, "start": day, **filt.params()}).one()
    return int(row.attempts or 0), int(row.nos or 0)


def since_last_yes(session: Session, profile_id: int, end: date, filt: Filter = NO_FILTER) -> int:
    """Attempts made after the last yes (up to ``end``): the progress toward the next one."""
    # Newest yes first from the (profile, outcome, created_at) index, bounded by the instant
    # (day D ends by D+1 16:00 UTC in any zone with a day start up to 04:00; 18:00 for slack),
    # then the stored day itself is checked.
    sql = (f"SELECT created_at, local_day FROM attempts WHERE profile_id = :profile_id "
           f"AND outcome = 'yes' AND created_at < :before{filt.sql()} ORDER BY created_at DESC LIMIT 64")
    before_instant = datetime.combine(end + timedelta(days=1), datetime.min.time()) + timedelta(hours=18)
    rows = session.execute(_q(sql), {"profile_id": profile_id, "before": before_instant, **filt.params()}).all()
    last = next((r for r in rows if as_date(r.local_day) <= end), None)
    if last is None and len(rows) == 64:  # many yes's logged just after ``end``: slow path
        sql = (f"SELECT created_at, local_day FROM attempts WHERE profile_id = :profile_id AND outcome = 'yes'"
               f" AND local_day <= :end{filt.sql()} ORDER BY created_at DESC LIMIT 1")
        last = session.execute(_q(sql), {"profile_id": profile_id, "end": end, **filt.params()}).first()
    params = {"profile_id": profile_id, "end": end, **filt.params()}
    extra = ""
    if last is not None:
        # A later attempt can sit on an earlier local day only after a change of zone: 2 days' slack.
        extra = " AND local_day >= :start AND created_at > :last"
        params.update(start=as_date(last.local_day) - timedelta(days=2), last=last.created_at)
    sql = (f"SELECT COUNT(*) FROM attempts WHERE profile_id = :profile_id AND local_day <= :end"
           f"{extra}{filt.sql()}")
    return int(session.execute(_q(sql), params).scalar() or 0)


def _hour_bucket_sql(session: Session) -> str:
    if session.get_bind().dialect.name == "postgresql":
        return "to_char(created_at, 'YYYY-MM-DD HH24')"
    return "substr(created_at, 1, 13)"  # SQLite stores 'YYYY-MM-DD HH:MM:SS…'


def weekday_hour(session: Session, profile_id: int, start: date, end: date,
                 filt: Filter = NO_FILTER) -> dict[tuple[int, int], Bucket]:
    """Counts per (local weekday 0=Mon, local hour 0..23), each attempt in its own zone."""
    hb = _hour_bucket_sql(session)
    sql = (f"SELECT tz, {hb} AS hb, {_COUNTS} FROM attempts WHERE {_RANGE}{filt.sql()} "
           f"GROUP BY tz, {hb}")
    rows = session.execute(_q(sql), _params(profile_id, start, end, filt)).all()
    zones: dict[str, object] = {}
    acc: dict[tuple[int, int], list[int]] = {}
    for tz, bucket, attempts, conversations, nos, yeses, silences in rows:
        zone = zones.get(tz)
        if zone is None:
            try:
                zone = days_rules.zone(tz)
            except Exception:  # noqa: BLE001 - an unknown stored zone reads as UTC
                zone = UTC
            zones[tz] = zone
        b = str(bucket)  # 'YYYY-MM-DD HH' (strptime is 20x slower than slicing)
        local = datetime(int(b[0:4]), int(b[5:7]), int(b[8:10]), int(b[11:13]), tzinfo=UTC)
        if zone is not UTC:
            local = local.astimezone(zone)
        key = (local.weekday(), local.hour)
        cell = acc.get(key)
        if cell is None:
            acc[key] = [attempts or 0, conversations or 0, nos or 0, yeses or 0, silences or 0]
        else:
            cell[0] += attempts or 0
            cell[1] += conversations or 0
            cell[2] += nos or 0
            cell[3] += yeses or 0
            cell[4] += silences or 0
    return {k: Bucket(k, *(int(x) for x in v)) for k, v in acc.items()}


def merge(buckets: Iterable[Bucket], key: object) -> Bucket:
    total = Bucket(key)
    for b in buckets:
        total.add(b)
    return total


def kinds_per_day(session: Session, profile_id: int, start: date, end: date,
                  filt: Filter = NO_FILTER) -> list[tuple[date, str, int]]:
    """(local_day, rejection kind, no's) for every no in the range; kind None reads 'unknown'."""
    sql = (f"SELECT local_day, rejection_kind, COUNT(*) AS n FROM attempts WHERE {_RANGE}"
           f" AND outcome = 'no'{filt.sql()} GROUP BY local_day, rejection_kind")
    return [(as_date(r.local_day), r.rejection_kind or "unknown", int(r.n))
            for r in session.execute(_q(sql), _params(profile_id, start, end, filt))]


def stated_reasons(session: Session, profile_id: int, start: date, end: date,
                   filt: Filter = NO_FILTER) -> list[tuple[str, int]]:
    sql = (f"SELECT stated_reason, COUNT(*) AS n FROM attempts WHERE {_RANGE}"
           f" AND stated_reason IS NOT NULL{filt.sql()} GROUP BY stated_reason")
    return [(r.stated_reason, int(r.n)) for r in session.execute(_q(sql), _params(profile_id, start, end, filt))]


@dataclass(frozen=True)
class ReasonPair:
    attempt_id: int
    day: date
    channel: str
    target: str | None
    kind: str | None
    stated: str
    real: str


def reason_pairs(session: Session, profile_id: int, start: date, end: date,
                 filt: Filter = NO_FILTER) -> list[ReasonPair]:
    """Attempts with both a stated and a real reason (the caller keeps those that differ)."""
    sql = (f"SELECT id, local_day, channel, target, rejection_kind, stated_reason, real_reason "
           f"FROM attempts WHERE {_RANGE} AND stated_reason IS NOT NULL AND real_reason IS NOT NULL"
           f"{filt.sql()} ORDER BY local_day, created_at, id")
    return [ReasonPair(r.id, as_date(r.local_day), r.channel, r.target, r.rejection_kind,
                       r.stated_reason, r.real_reason)
            for r in session.execute(_q(sql), _params(profile_id, start, end, filt))]


def lessons(session: Session, profile_id: int, start: date, end: date,
            filt: Filter = NO_FILTER) -> list[tuple[date, str, str | None, str]]:
    """(day, channel, target, lesson) of every attempt with a lesson, oldest first."""
    sql = (f"SELECT local_day, channel, target, lesson FROM attempts WHERE {_RANGE}"
           f" AND lesson IS NOT NULL{filt.sql()} ORDER BY local_day, created_at, id")
    return [(as_date(r.local_day), r.channel, r.target, r.lesson)
            for r in session.execute(_q(sql), _params(profile_id, start, end, filt))]


def wins(session: Session, profile_id: int, start: date, end: date) -> list[tuple[date, str]]:
    sql = (f"SELECT local_day, text FROM wins WHERE {_RANGE} ORDER BY local_day, created_at, id")
    return [(as_date(r.local_day), r.text)
            for r in session.execute(_q(sql), {"profile_id": profile_id, "start": start, "end": end})]


def distinct_values(session: Session, profile_id: int, column: str) -> list[str]:
    """Channels or segments the profile has used (for the filter choices)."""
    if column not in {"channel", "segment"}:
        raise ValueError(column)
    sql = f"SELECT DISTINCT {column} FROM attempts WHERE profile_id = :profile_id AND {column} IS NOT NULL"
    return sorted(r[0] for r in session.execute(text(sql), {"profile_id": profile_id}))
