"""Export and import: JSON (nested) or CSV (one row a record), both round-trip exactly.

An export holds, per profile: its settings, goals, rest days, challenges, reviews, comfort
ladder, if-then plans, rest budgets and tokens (store.transfer_more), wins, and every
attempt with every column (the UTC instant, the local day and the time zone it was logged
in, its rung) and its outcome history. Rows point at each other by ``uuid`` (never by id), so
importing into another store keeps the links. Import is a merge that only adds: profiles are
matched by name (created when missing), rows already present (same uuid, same goal day,
same setting key…) are skipped, nothing is changed or deleted. The whole file is checked
before the store is opened, and written in one transaction: a bad file changes nothing.

This module writes exports and loads checked data; the format is in transfer_spec, the CSV
form in transfer_csv, reading and checking a file in transfer_check (re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core.errors import ValidationError
from ..core.progress import Progress, Steps
from ..files import open_private_atomic
from . import transfer_more
from .models import (
    Attempt,
    Challenge,
    Goal,
    OutcomeChange,
    Profile,
    RestDay,
    Review,
    Setting,
    Win,
)
from .schema_version import HEAD
from .transfer_check import Parsed, check, read_file  # noqa: F401 - the import side, re-exported
from .transfer_csv import CSV_ATTEMPT_COLS, CSV_HEADER, csv_chunks, from_csv  # noqa: F401
from .transfer_json import json_chunks
from .transfer_spec import (  # noqa: F401 - the format, re-exported
    ATTEMPT,
    CHALLENGE,
    CHANGE,
    FORMAT,
    GOAL,
    LISTS,
    MAX_FILE,
    REVIEW,
    SKIP,
    VERSION,
    WIN,
)

# ------------------------------------------------------------------ export


def _out(value: Any, kind: str) -> Any:
    """A stored value (driver-raw: text on SQLite, datetime on PostgreSQL) as export text."""
    if value is None:
        return None
    if kind == "instant":
        if isinstance(value, str):
            if len(value) == 26 and value[10] == " ":  # SQLAlchemy's SQLite text: naive UTC
                return f"{value[:10]}T{value[11:]}+00:00"
            value = datetime.fromisoformat(value)
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if kind == "date":
        return value if isinstance(value, str) and len(value) == 10 else (
            date.fromisoformat(value) if isinstance(value, str) else value).isoformat()
    if kind == "bool":
        return bool(value)
    return value


def _rec(row, spec) -> dict[str, Any]:
    return {name: _out(getattr(row, name), kind) for name, kind, _ in spec if kind != "ref"}


def _rows(session: Session, model, *where, order=None):
    """Plain rows (Core, not ORM objects: ~5x faster on big stores), types still processed."""
    table = model.__table__
    # type_coerce to plain types: skips SQLAlchemy's per-value result processing (the slow
    # part of a big export); _out reads the driver's raw values on every backend.
    cols = [type_coerce(c, Integer if isinstance(c.type, Boolean | Integer) else String).label(c.name)
            for c in table.c]
    q = select(*cols).where(*where).order_by(order if order is not None else table.c.id)
    return session.execute(q)


def meta() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "schema": HEAD,
            "exported_at": clock_now().isoformat(timespec="seconds")}


def collect(session: Session, profile_ids: list[int] | None = None) -> dict[str, Any]:
    """Everything of the given profiles (all when None) as plain JSON-ready data."""
    return {**meta(), "profiles": list(iter_profiles(session, profile_ids))}


def iter_profiles(session: Session, profile_ids: list[int] | None = None, steps: Steps | None = None):
    """One profile's data at a time (memory stays bounded by the largest profile); each
    attempt read is a step of ``steps``."""
    q = select(Profile.__table__).order_by(Profile.id)
    if profile_ids is not None:
        q = q.where(Profile.id.in_(profile_ids))
    for p in session.execute(q).all():
        challenges = _rows(session, Challenge, Challenge.profile_id == p.id).all()
        ch_uuid = {c.id: c.uuid for c in challenges}
        changes: dict[int, list] = {}
        ch_q = (select(OutcomeChange.__table__).join(Attempt.__table__)
                .where(Attempt.profile_id == p.id).order_by(OutcomeChange.id))
        for c in session.execute(ch_q):
            changes.setdefault(c.attempt_id, []).append(_rec(c, CHANGE))
        more, rung_uuid = transfer_more.collect(session, p.id, ch_uuid, _rows, _rec)
        attempts, at_uuid = [], {}
        for a in _rows(session, Attempt, Attempt.profile_id == p.id):
            rec = _rec(a, ATTEMPT)
            rec["challenge"] = ch_uuid.get(a.challenge_id) if a.challenge_id else None
            rec["rung"] = rung_uuid.get(a.rung_id) if a.rung_id else None
            rec["outcome_history"] = changes.get(a.id, [])
            at_uuid[a.id] = a.uuid
            attempts.append(rec)
            if steps is not None:
                steps.step()
        wins = []
        for w in _rows(session, Win, Win.profile_id == p.id):
            rec = _rec(w, WIN)
            rec["attempt"] = at_uuid.get(w.attempt_id) if w.attempt_id else None
            wins.append(rec)
        yield {
            "name": p.name,
            "created_at": _out(p.created_at, "instant"),
            "settings": {k: v for k, v in session.execute(
                select(Setting.key, Setting.value).where(Setting.profile_id == p.id).order_by(Setting.key))},
            "goals": [_rec(g, GOAL) for g in _rows(session, Goal, Goal.profile_id == p.id, order=Goal.valid_from)],
            "rest_days": [d.isoformat() for d in session.scalars(
                select(RestDay.day).where(RestDay.profile_id == p.id).order_by(RestDay.day))],
            "challenges": [_rec(c, CHALLENGE) for c in challenges],
            "reviews": [_rec(r, REVIEW) for r in _rows(session, Review, Review.profile_id == p.id,
                                                       order=Review.period_key)],
            **more,
            "wins": wins,
            "attempts": attempts,
        }


def chunks(head: dict[str, Any], profiles, fmt: str, written=None):
    """The export text in pieces; ``written(n)`` hears each slice of attempts encoded."""
    return (csv_chunks if fmt == "csv" else json_chunks)(head, profiles, written)


def dumps(data: dict[str, Any], fmt: str) -> str:
    head = {k: v for k, v in data.items() if k != "profiles"}
    return "".join(chunks(head, data["profiles"], fmt))


@dataclass
class Exported:
    profiles: int = 0
    attempts: int = 0


def export(session: Session, profile_ids: list[int] | None, fmt: str, out, progress: Progress | None = None) -> Exported:
    """Stream an export to the text stream ``out``, one profile at a time. ``progress(done,
    total)`` counts each attempt twice: once read, once written (total: twice the attempts)."""
    done = Exported()
    steps = None
    if progress is not None:
        q = select(func.count()).select_from(Attempt)
        if profile_ids is not None:
            q = q.where(Attempt.profile_id.in_(profile_ids))
        steps = Steps(progress, 2 * int(session.execute(q).scalar_one()))

    def counted():
        for p in iter_profiles(session, profile_ids, steps):
            done.profiles += 1
            done.attempts += len(p["attempts"])
            yield p

    for piece in chunks(meta(), counted(), fmt, steps.step if steps else None):
        out.write(piece)
    if steps is not None:
        steps.finish()
    return done


def export_file(session: Session, profile_ids: list[int] | None, fmt: str, path: str,
                progress: Progress | None = None) -> Exported:
    """Write a private (0600) file, atomically (a failed or cancelled export leaves no file)."""
    try:
        with open_private_atomic(path, 0o600, newline="") as fh:
            return export(session, profile_ids, fmt, fh, progress)
    except OSError as err:
        raise ValidationError(f"Cannot write {path}: {err.strerror or err}.") from None


# ------------------------------------------------------------------ loading


SINGULAR = {"profiles": "profile", "goals": "goal", "rest days": "rest day", "challenges": "challenge",
            "reviews": "review", "attempts": "attempt", "outcome changes": "outcome change", "wins": "win",
            "ladder rungs": "ladder rung", "plans": "plan", "rest budgets": "rest budget", "rest tokens": "rest token"}


@dataclass
class ImportResult:
    added: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    def sentence(self) -> str:
        parts = [f"{n:,} {k if n != 1 else SINGULAR.get(k, k)}" for k, n in self.added.items() if n]
        added = ", ".join(parts) if parts else "nothing new"
        skip = f"; {self.skipped:,} already there were skipped" if self.skipped else ""
        return f"Imported {added}{skip}."

    def bump(self, key: str, n: int = 1) -> None:
        self.added[key] = self.added.get(key, 0) + n


def _existing(session: Session, column, values: list[str]) -> dict[str, int]:
    """uuid → id of the rows that already exist (looked up in chunks)."""
    table = column.table
    found: dict[str, int] = {}
    for i in range(0, len(values), 500):
        chunk = values[i:i + 500]
        for uuid, id_ in session.execute(select(column, table.c.id).where(column.in_(chunk))):
            found[uuid] = id_
    return found


def load(session: Session, parsed: Parsed, steps: Steps | None = None) -> ImportResult:
    """Add what is new; each attempt stored (or skipped as already there) is a step."""
    result = ImportResult()
    for p in parsed.profiles:
        pid = session.execute(select(Profile.id).where(func.lower(Profile.name) == p["name"].lower())).scalar()
        if pid is None:
            pid = session.execute(insert(Profile).values(name=p["name"], created_at=p["created_at"])
                                  .returning(Profile.id)).scalar_one()
            result.bump("profiles")
        have = set(session.scalars(select(Setting.key).where(Setting.profile_id == pid)))
        new_settings = [{"profile_id": pid, "key": k, "value": v} for k, v in p["settings"].items() if k not in have]
        if new_settings:
            session.execute(insert(Setting), new_settings)
            result.bump("settings", len(new_settings))
        have_days = set(session.scalars(select(Goal.valid_from).where(Goal.profile_id == pid)))
        for g in p["goals"]:
            if g["valid_from"] in have_days:
                result.skipped += 1
                continue
            session.execute(insert(Goal).values(profile_id=pid, **g))
            have_days.add(g["valid_from"])
            result.bump("goals")
        have_rest = set(session.scalars(select(RestDay.day).where(RestDay.profile_id == pid)))
        for d in p["rest_days"]:
            if d not in have_rest:
                session.execute(insert(RestDay).values(profile_id=pid, day=d))
                have_rest.add(d)
                result.bump("rest days")
        ch_ids = _existing(session, Challenge.uuid, [c["uuid"] for c in p["challenges"]])
        for c in p["challenges"]:
            if c["uuid"] in ch_ids:
                result.skipped += 1
                continue
            ch_ids[c["uuid"]] = session.execute(
                insert(Challenge).values(profile_id=pid, **c).returning(Challenge.id)).scalar_one()
            result.bump("challenges")
        have_reviews = set(session.scalars(select(Review.period_key).where(Review.profile_id == pid)))
        for r in p["reviews"]:
            if r["period_key"] in have_reviews:
                result.skipped += 1
                continue
            session.execute(insert(Review).values(profile_id=pid, **r))
            have_reviews.add(r["period_key"])
            result.bump("reviews")
        rung_ids = transfer_more.load(session, pid, p, ch_ids, result)
        _load_attempts(session, pid, p, ch_ids, rung_ids, result, steps)
    return result


def _load_attempts(session: Session, pid: int, p: dict, ch_ids: dict[str, int], rung_ids: dict[str, int],
                   result: ImportResult, steps: Steps | None = None) -> None:
    uuids = [a["uuid"] for a in p["attempts"]]
    at_ids = _existing(session, Attempt.uuid, uuids)
    missing_refs = {a["challenge"] for a in p["attempts"] if a["challenge"] and a["challenge"] not in ch_ids}
    ch_ids.update(_existing(session, Challenge.uuid, sorted(missing_refs)))
    rows, new = [], []
    seen: set[str] = set()
    for a in p["attempts"]:
        if a["uuid"] in at_ids or a["uuid"] in seen:
            result.skipped += 1
            continue
        seen.add(a["uuid"])
        row = {k: v for k, v in a.items() if k not in ("challenge", "rung", "outcome_history")}
        row["profile_id"] = pid
        row["challenge_id"] = ch_ids.get(a["challenge"]) if a["challenge"] else None
        row["rung_id"] = rung_ids[a["rung"]] if a.get("rung") else None
        rows.append(row)
        new.append(a)
    if steps is not None:
        steps.step(len(p["attempts"]) - len(rows))  # already there
    size = 5000 if steps is None else 1000  # smaller batches when a bar follows them
    for i in range(0, len(rows), size):
        session.execute(insert(Attempt), rows[i:i + size])
        if steps is not None:
            steps.step(len(rows[i:i + size]))
    result.bump("attempts", len(rows))
    if new:
        at_ids.update(_existing(session, Attempt.uuid, [a["uuid"] for a in new]))
        changes = [{"attempt_id": at_ids[a["uuid"]], **h} for a in new for h in a["outcome_history"]]
        for i in range(0, len(changes), 5000):
            session.execute(insert(OutcomeChange), changes[i:i + 5000])
        result.bump("outcome changes", len(changes))
    win_refs = [w["attempt"] for w in p["wins"] if w["attempt"] and w["attempt"] not in at_ids]
    at_ids.update(_existing(session, Attempt.uuid, win_refs))
    have_wins = _existing(session, Win.uuid, [w["uuid"] for w in p["wins"]])
    for w in p["wins"]:
        if w["uuid"] in have_wins:
            result.skipped += 1
            continue
        values = {k: v for k, v in w.items() if k != "attempt"}
        values["attempt_id"] = at_ids.get(w["attempt"]) if w["attempt"] else None
        session.execute(insert(Win).values(profile_id=pid, **values))
        have_wins[w["uuid"]] = 0
        result.bump("wins")
