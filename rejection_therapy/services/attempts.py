"""Attempts: log, change the outcome, edit, delete with undo, read and list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import calibration, silence
from ..core.attempts import AttemptInput, clean_fields, naive_utc
from ..core.errors import NotFoundError, ValidationError
from ..core.settings import Settings
from ..store.gateway import SqlGateway
from ..store.models import Attempt, OutcomeChange, Win
from . import ledger
from . import settings as settings_svc
from .settings import ROW_LOCK

EDITABLE = (
    "channel", "target", "segment", "tags", "discomfort", "conversation", "rejection_kind",
    "stated_reason", "real_reason", "notes", "follow_up_on", "lesson", "challenge_id",
    "guess_pct", "dread", "sting", "rung_id",
)
COLUMNS = [c.name for c in Attempt.__table__.columns]


Logged = ledger.Logged  # id, local_day, day_count (after this one), goal (of that day)


def _now(now: datetime | None) -> datetime:
    return now.astimezone(UTC) if now else clock_now()


def log_attempt(
    session: Session, profile_id: int, data: AttemptInput, now: datetime | None = None, count: int = 1,
) -> Logged:
    """The ledger's log (``services.ledger.log``) through the SQLAlchemy adapter: one attempt,
    or ``count`` alike in this transaction; ``data.when`` backdates them; recorded for ``undo``.
    A linked ladder rung is checked first (its discomfort is the attempt's unless given)."""
    return ledger.log(SqlGateway(session), profile_id, _with_rung(session, profile_id, data), _now(now), count=count)


def _with_rung(session: Session, profile_id: int, data: AttemptInput) -> AttemptInput:
    """Check the ladder rung an attempt links to; its discomfort is the rung's unless given."""
    if data.rung_id is None:
        return data
    from . import ladder

    rung = ladder.check_rung(session, profile_id, data.rung_id)
    if rung is None or data.discomfort not in (None, ""):  # type: ignore[comparison-overlap]  # argv gives text
        return data
    return data._replace(discomfort=rung.discomfort)


def write_attempt(gw: SqlGateway, profile_id: int, data: AttemptInput, now: datetime | None = None) -> int:
    """``log_attempt`` without the day's count, on the caller's gateway (the dashboard reads
    today's summary next on the same one): the new id."""
    return ledger.write(gw, profile_id, _with_rung(gw.session, profile_id, data), _now(now))[0]


def take_back_log(session: Session, profile_id: int, attempt_id: int) -> None:
    """Remove an attempt logged in this session (the dashboard's u) and its undo record, in
    two statements: the foreign keys drop its outcome changes and unlink its wins, and no
    snapshot is kept (``delete_attempt`` keeps one for a delete that can be undone)."""
    from . import undo

    gone = session.execute(delete(Attempt).where(Attempt.id == attempt_id, Attempt.profile_id == profile_id)
                           .execution_options(synchronize_session=False))
    if not gone.rowcount:  # type: ignore[attr-defined]  # a CursorResult
        raise NotFoundError(f"There is no attempt #{attempt_id} in this profile.")
    undo.forget_log(session, profile_id, attempt_id)


def day_count(session: Session, profile_id: int, day: date) -> int:
    return SqlGateway(session).day_count(profile_id, day)


def get(session: Session, profile_id: int, attempt_id: int, *, lock: bool = False) -> Attempt:
    """The attempt, or NotFoundError. ``lock=True`` for a read that is written back: the row
    is read afresh and locked until the transaction ends (SELECT … FOR UPDATE on PostgreSQL;
    SQLite write transactions are already exclusive), so concurrent changes never get lost."""
    if lock:
        row = session.get(Attempt, attempt_id, with_for_update=ROW_LOCK, populate_existing=True)
    else:
        row = session.get(Attempt, attempt_id)
    if row is None or row.profile_id != profile_id:
        raise NotFoundError(f"There is no attempt #{attempt_id} in this profile.")
    return row


def as_dict(row: Attempt) -> dict[str, Any]:
    return {c: getattr(row, c) for c in COLUMNS}


def set_outcome(
    session: Session, profile_id: int, attempt_id: int, outcome: str,
    now: datetime | None = None, cause: str = "user", sting: int | str | None = None,
) -> Attempt:
    """Change the outcome; the attempt keeps its moment and its day, and the change is kept.

    ``sting`` (1-5, how bad a no felt) is noted with it; a yes or pending clears it."""
    outcome = silence.check_outcome(outcome)
    felt = calibration.check_sting(sting)
    calibration.check_sting_outcome(felt, outcome)
    row = get(session, profile_id, attempt_id, lock=True)
    if felt is not None:
        row.sting = felt
    elif outcome not in calibration.STING_OUTCOMES:
        row.sting = None
    _change_outcome(session, row, outcome, now, cause)
    session.flush()
    return row


def _change_outcome(session: Session, row: Attempt, outcome: str, now: datetime | None, cause: str) -> None:
    """The new outcome on the loaded row, and the change kept (written at the next flush)."""
    if row.outcome == outcome:
        return
    stamp = _now(now)
    session.add(OutcomeChange(attempt_id=row.id, changed_at=stamp, old_outcome=row.outcome,
                              new_outcome=outcome, cause=cause))
    row.outcome = outcome
    row.outcome_at = stamp if outcome != "pending" else None
    if outcome != "no":
        row.rejection_kind = None
    row.updated_at = stamp


def edit(session: Session, profile_id: int, attempt_id: int, data: AttemptInput, now: datetime | None = None,
         settings: Settings | None = None) -> Attempt:
    """Replace the editable fields (and the outcome, recorded in the history). ``settings``:
    the profile's, when the caller read them already (the dashboard's view)."""
    row = get(session, profile_id, attempt_id, lock=True)
    if data.rung_id is not None and data.rung_id != row.rung_id:
        data = _with_rung(session, profile_id, data)
    values = clean_fields(data, settings or settings_svc.load(session, profile_id))
    if values["outcome"] != row.outcome:
        _change_outcome(session, row, values["outcome"], now, "user")  # checked by clean_fields
    old_follow_up = row.follow_up_on
    for key in EDITABLE:
        setattr(row, key, values[key])
    if row.follow_up_on and (not row.follow_up_state or row.follow_up_on != old_follow_up):
        row.follow_up_state = "open"  # a new date reopens a done or dropped follow-up
    if not row.follow_up_on:
        row.follow_up_state = None
    row.updated_at = _now(now)
    session.flush()
    return row


def update_fields(session: Session, profile_id: int, attempt_id: int, **changes: Any) -> Attempt:
    """Change a few fields (e.g. the why-panel), validated like a full edit."""
    row = get(session, profile_id, attempt_id, lock=True)
    current = to_input(row)
    for key in changes:
        if key not in AttemptInput._fields:
            raise ValueError(f"unknown attempt field {key}")
    return edit(session, profile_id, attempt_id, current._replace(**changes))


def to_input(row: Attempt) -> AttemptInput:
    return AttemptInput(
        outcome=row.outcome, channel=row.channel, target=row.target, segment=row.segment,
        tags=row.tags, discomfort=row.discomfort, conversation=row.conversation,
        kind=row.rejection_kind, stated_reason=row.stated_reason, real_reason=row.real_reason,
        notes=row.notes, follow_up_on=row.follow_up_on, lesson=row.lesson,
        challenge_id=row.challenge_id, guess_pct=row.guess_pct, dread=row.dread, sting=row.sting,
        rung_id=row.rung_id,
    )


def delete_attempt(session: Session, profile_id: int, attempt_id: int, record: bool = True) -> dict[str, Any]:
    """Delete and return a snapshot that ``restore`` puts back exactly (undo).

    ``record``: keep it for ``undo`` from any interface; False when the delete is itself an
    undo of a log (then the log's undo record goes)."""
    from . import undo

    row = get(session, profile_id, attempt_id)
    snapshot = as_dict(row)
    snapshot["_changes"] = [
        {"changed_at": c.changed_at, "old_outcome": c.old_outcome, "new_outcome": c.new_outcome, "cause": c.cause}
        for c in row.changes
    ]
    snapshot["_wins"] = list(session.scalars(select(Win.id).where(Win.attempt_id == attempt_id)))
    session.execute(delete(Attempt).where(Attempt.id == attempt_id))
    session.expunge(row)
    if record:
        undo.record_delete(session, profile_id, [snapshot])
    else:
        undo.forget(session, profile_id, attempt_id, "log")
    return snapshot


def restore(session: Session, snapshot: dict[str, Any]) -> int:
    values = {k: v for k, v in snapshot.items() if not k.startswith("_")}
    if session.get(Attempt, values["id"]) is not None:
        raise ValidationError("That attempt is already back.")
    session.execute(insert(Attempt).values(**values))
    for change in snapshot.get("_changes", []):
        session.add(OutcomeChange(attempt_id=values["id"], **change))
    if snapshot.get("_wins"):  # wins that pointed at it (the delete set their link to NULL)
        session.execute(update(Win).where(Win.id.in_(snapshot["_wins"]), Win.attempt_id.is_(None))
                        .values(attempt_id=values["id"]))
    session.flush()
    from . import undo

    undo.forget(session, values["profile_id"], values["id"], "delete")
    return int(values["id"])


def undo_last_log(session: Session, profile_id: int, since: datetime | None = None) -> dict[str, Any] | None:
    """Delete the most recently logged attempt of the profile (optionally only if newer than since)."""
    query = select(Attempt.id).where(Attempt.profile_id == profile_id)
    if since is not None:
        query = query.where(Attempt.created_at >= naive_utc(since))
    last = session.execute(query.order_by(Attempt.id.desc()).limit(1)).scalar()
    return delete_attempt(session, profile_id, last, record=False) if last else None


@dataclass
class Filter:
    since: date | None = None
    until: date | None = None
    outcome: str | None = None
    channel: str | None = None
    kind: str | None = None
    search: str | None = None
    target: str | None = None  # part of the target, any case
    tag: str | None = None  # one whole tag
    channels: tuple[str, ...] | None = None  # any of these (a challenge's channels)


def _like(text: str) -> str:
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filtered(profile_id: int, f: Filter) -> Select[*tuple[Any, ...]]:
    q = select(Attempt).where(Attempt.profile_id == profile_id)
    if f.since:
        q = q.where(Attempt.local_day >= f.since)
    if f.until:
        q = q.where(Attempt.local_day <= f.until)
    if f.since and f.until and f.since > f.until:
        raise ValidationError("The start date is after the end date.")
    if f.outcome:
        q = q.where(Attempt.outcome == silence.check_outcome(f.outcome))
    if f.channel:
        q = q.where(Attempt.channel == f.channel.strip().lower())
    if f.kind:
        q = q.where(Attempt.rejection_kind == silence.check_kind(f.kind))
    if f.target and f.target.strip():
        q = q.where(Attempt.target.ilike(_like(" ".join(f.target.split())), escape="\\"))
    if f.tag and f.tag.strip():
        tag = f.tag.strip().lower()
        e = _like(tag)[1:-1]  # escaped; tags are stored "a,b,c"
        q = q.where(or_(Attempt.tags == tag, *(Attempt.tags.like(p, escape="\\")
                                               for p in (f"{e},%", f"%,{e}", f"%,{e},%"))))
    if f.channels:
        q = q.where(Attempt.channel.in_(f.channels))
    if f.search and f.search.strip():
        pattern = "%" + f.search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cols = (Attempt.target, Attempt.segment, Attempt.notes, Attempt.stated_reason,
                Attempt.real_reason, Attempt.tags, Attempt.lesson)
        q = q.where(or_(*(c.ilike(pattern, escape="\\") for c in cols)))
    return q


Cursor = tuple[date, datetime, int]  # (local_day, created_at, id) of the last row seen
NEWEST_FIRST = (Attempt.local_day.desc(), Attempt.created_at.desc(), Attempt.id.desc())


def newest_first(q: Select[*tuple[Any, ...]], after: Cursor | None = None) -> Select[*tuple[Any, ...]]:
    """Order newest first by (day, instant, id) and continue after ``after``.

    Ordering by the stored day first lets the (profile_id, local_day, outcome) index serve
    the order and stop after one page; ordering by the instant alone sorts every row.
    """
    if after is not None:
        day, at, last_id = after
        q = q.where(Attempt.local_day <= day, or_(  # the first bound lets the index seek
            Attempt.local_day < day,
            and_(Attempt.local_day == day,
                 or_(Attempt.created_at < at, and_(Attempt.created_at == at, Attempt.id < last_id))),
        ))
    return q.order_by(*NEWEST_FIRST)


def list_attempts(
    session: Session, profile_id: int, f: Filter | None = None, *, limit: int = 200,
    after: Cursor | None = None,
) -> list[Attempt]:
    """Newest first, one page at a time (pass the last row's (local_day, created_at, id))."""
    q = newest_first(_filtered(profile_id, f or Filter()), after)
    return list(session.scalars(q.limit(limit)))


def count_attempts(session: Session, profile_id: int, f: Filter | None = None) -> int:
    sub = _filtered(profile_id, f or Filter()).with_only_columns(Attempt.id).subquery()
    return session.execute(select(func.count()).select_from(sub)).scalar_one()
