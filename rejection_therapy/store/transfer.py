"""Export and import: JSON (nested) or CSV (one row a record), both round-trip exactly.

An export holds, per profile: its settings, goals, rest days, challenges, reviews, wins, and
every attempt with every column (the UTC instant, the local day and the time zone it was
logged in) and its outcome history. Rows point at each other by ``uuid`` (never by id), so
importing into another store keeps the links. Import is a merge that only adds: profiles are
matched by name (created when missing), rows already present (same uuid, same goal day,
same setting key…) are skipped, nothing is changed or deleted. The whole file is checked
before the store is opened, and written in one transaction: a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days, silence
from ..core.errors import ValidationError
from ..core.text import LONG, SHORT, strip_controls
from ..files import open_private_atomic
from .models import (
    Attempt,
    Challenge,
    Goal,
    OutcomeChange,
    Profile,
    RestDay,
    Review,
    Setting,
    UtcDateTime,
    Win,
)
from .schema_version import HEAD

FORMAT = "rejection-therapy-export"
VERSION = 1
MAX_FILE = 2 * 1024**3

# Columns each record carries (ids and profile ids are replaced by uuid references).
SKIP = {"id", "profile_id", "challenge_id", "attempt_id", "rung_id"}  # rung_id: ladders are not exported yet


def _fields(model) -> list[tuple[str, str, bool]]:
    out = []
    for col in model.__table__.columns:
        if col.name in SKIP:
            continue
        t = col.type
        kind = ("instant" if isinstance(t, UtcDateTime) else "date" if isinstance(t, Date)
                else "bool" if isinstance(t, Boolean) else "int" if isinstance(t, Integer) else "text")
        out.append((col.name, kind, bool(col.nullable)))
    return out


ATTEMPT = _fields(Attempt) + [("challenge", "ref", True)]
CHANGE = _fields(OutcomeChange)
WIN = _fields(Win) + [("attempt", "ref", True)]
GOAL = _fields(Goal)
CHALLENGE = _fields(Challenge)
REVIEW = _fields(Review)
LISTS = {"goals": GOAL, "challenges": CHALLENGE, "reviews": REVIEW, "wins": WIN}


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


def iter_profiles(session: Session, profile_ids: list[int] | None = None):
    """One profile's data at a time (memory stays bounded by the largest profile)."""
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
        attempts, at_uuid = [], {}
        for a in _rows(session, Attempt, Attempt.profile_id == p.id):
            rec = _rec(a, ATTEMPT)
            rec["challenge"] = ch_uuid.get(a.challenge_id) if a.challenge_id else None
            rec["outcome_history"] = changes.get(a.id, [])
            at_uuid[a.id] = a.uuid
            attempts.append(rec)
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
            "wins": wins,
            "attempts": attempts,
        }


CSV_ATTEMPT_COLS = [name for name, _k, _n in ATTEMPT] + ["outcome_history"]
CSV_HEADER = ["record", "profile", *CSV_ATTEMPT_COLS, "data"]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def csv_chunks(head: dict[str, Any], profiles):
    """One row a record: attempts spread over columns (spreadsheet-friendly); the other
    records (profile with settings, goal, rest day, challenge, review, win) as JSON in 'data'."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    blank = [""] * len(CSV_ATTEMPT_COLS)
    w.writerow(["export", "", *blank, json.dumps(head)])
    for p in profiles:
        name = p["name"]
        w.writerow(["profile", name, *blank, json.dumps({"created_at": p["created_at"], "settings": p["settings"]})])
        for key, record in (("goals", "goal"), ("challenges", "challenge"), ("reviews", "review"), ("wins", "win")):
            for rec in p[key]:
                w.writerow([record, name, *blank, json.dumps(rec, ensure_ascii=False)])
        for d in p["rest_days"]:
            w.writerow(["rest_day", name, *blank, json.dumps(d)])
        for a in p["attempts"]:
            cells = [_csv_cell(a.get(c)) for c in CSV_ATTEMPT_COLS[:-1]]
            history = json.dumps(a["outcome_history"]) if a["outcome_history"] else ""
            w.writerow(["attempt", name, *cells, history, ""])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def json_chunks(head: dict[str, Any], profiles):
    """Readable JSON with one record a line (json's indent= turns off its C encoder: 3x slower)."""
    def enc(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def items(values: list) -> str:
        return "[]" if not values else "[\n  " + ",\n  ".join(enc(v) for v in values) + "\n ]"

    yield "{\n" + ",\n".join(f"{enc(k)}: {enc(v)}" for k, v in head.items()) + ',\n"profiles": ['
    sep = "\n"
    for p in profiles:
        fields = [f"{enc(k)}: {items(v) if isinstance(v, list) else enc(v)}" for k, v in p.items()]
        yield sep + "{\n " + ",\n ".join(fields) + "\n}"
        sep = ",\n"
    yield "\n]}\n"


def chunks(head: dict[str, Any], profiles, fmt: str):
    return csv_chunks(head, profiles) if fmt == "csv" else json_chunks(head, profiles)


def dumps(data: dict[str, Any], fmt: str) -> str:
    head = {k: v for k, v in data.items() if k != "profiles"}
    return "".join(chunks(head, data["profiles"], fmt))


@dataclass
class Exported:
    profiles: int = 0
    attempts: int = 0


def export(session: Session, profile_ids: list[int] | None, fmt: str, out) -> Exported:
    """Stream an export to the text stream ``out``, one profile at a time."""
    done = Exported()

    def counted():
        for p in iter_profiles(session, profile_ids):
            done.profiles += 1
            done.attempts += len(p["attempts"])
            yield p

    for piece in chunks(meta(), counted(), fmt):
        out.write(piece)
    return done


def export_file(session: Session, profile_ids: list[int] | None, fmt: str, path: str) -> Exported:
    """Write a private (0600) file, atomically (a failed export leaves no half file)."""
    try:
        with open_private_atomic(path, 0o600, newline="") as fh:
            return export(session, profile_ids, fmt, fh)
    except OSError as err:
        raise ValidationError(f"Cannot write {path}: {err.strerror or err}.") from None


# ------------------------------------------------------------------ reading and checking

_UUID = re.compile(r"^[0-9a-f]{32}$")


class _Checker:
    def __init__(self, where: str) -> None:
        self.where = where

    def bad(self, what: str) -> ValidationError:
        return ValidationError(f"The import file is not usable: {self.where}: {what}.")

    def value(self, raw: Any, name: str, kind: str, nullable: bool) -> Any:
        if raw is None or raw == "":
            if not nullable:
                raise self.bad(f"{name} is missing")
            return None
        try:
            if kind == "instant":
                value = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
                if value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)
                return value.astimezone(UTC).replace(tzinfo=None)
            if kind == "date":
                return date.fromisoformat(str(raw))
            if kind == "bool":
                if isinstance(raw, bool):
                    return raw
                if str(raw).strip().lower() in ("1", "true"):
                    return True
                if str(raw).strip().lower() in ("0", "false"):
                    return False
                raise ValueError
            if kind == "int":
                if isinstance(raw, bool) or not re.fullmatch(r"-?\d{1,12}", str(raw).strip()):
                    raise ValueError
                return int(str(raw).strip())
        except (ValueError, TypeError):
            raise self.bad(f"{name} {str(raw)[:40]!r} is not a valid {kind}") from None
        if not isinstance(raw, str):
            raise self.bad(f"{name} must be text")
        multiline = name in ("notes", "stated_reason", "real_reason", "lesson", "text",
                             "adjust_text", "abandon_reason", "value", "per_channel", "channels")
        value = strip_controls(raw, multiline=multiline)
        limit = LONG if multiline else max(SHORT, 200)
        if len(value) > limit:
            raise self.bad(f"{name} is longer than {limit} characters")
        return value

    def record(self, raw: Any, spec) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.bad("a record is not an object")
        return {name: self.value(raw.get(name), name, kind, nullable)
                for name, kind, nullable in spec if kind != "ref"}

    def uuid(self, value: Any) -> str:
        if not isinstance(value, str) or not _UUID.match(value):
            raise self.bad(f"{str(value)[:40]!r} is not a valid uuid")
        return value


@dataclass
class Parsed:
    profiles: list[dict[str, Any]] = field(default_factory=list)

    @property
    def attempts(self) -> int:
        return sum(len(p["attempts"]) for p in self.profiles)


def _check_profile(p: Any, n: int) -> dict[str, Any]:
    c = _Checker(f"profile {n}")
    if not isinstance(p, dict) or not isinstance(p.get("name"), str):
        raise c.bad("it has no name")
    from ..core.text import clean_name

    name = clean_name(p["name"], "profile name")
    c = _Checker(f"profile {name!r}")
    out: dict[str, Any] = {"name": name, "created_at": c.value(p.get("created_at"), "created_at", "instant", False)}
    settings = p.get("settings") or {}
    if not isinstance(settings, dict):
        raise c.bad("settings are not an object")
    for key, value in settings.items():
        if not isinstance(key, str) or not 0 < len(key) <= 60 or not isinstance(value, str):
            raise c.bad(f"setting {str(key)[:40]!r} is not valid")
        try:
            json.loads(value)
        except ValueError:
            raise c.bad(f"setting {key!r} is not valid JSON") from None
    out["settings"] = dict(settings)
    for key, spec in LISTS.items():
        items = p.get(key) or []
        if not isinstance(items, list):
            raise c.bad(f"{key} is not a list")
        out[key] = []
        for i, raw in enumerate(items, 1):
            ci = _Checker(f"profile {name!r}, {key[:-1]} {i}")
            rec = ci.record(raw, spec)
            if "uuid" in rec:
                ci.uuid(rec["uuid"])
            if key == "wins":
                ref = raw.get("attempt")
                rec["attempt"] = ci.uuid(ref) if ref else None
            if key == "challenges" and rec["status"] not in ("active", "completed", "abandoned"):
                raise ci.bad(f"status {rec['status']!r} is unknown")
            out[key].append(rec)
    rest = p.get("rest_days") or []
    if not isinstance(rest, list):
        raise c.bad("rest_days is not a list")
    out["rest_days"] = [c.value(d, "rest day", "date", False) for d in rest]
    attempts = p.get("attempts") or []
    if not isinstance(attempts, list):
        raise c.bad("attempts is not a list")
    out["attempts"] = []
    for i, raw in enumerate(attempts, 1):
        ci = _Checker(f"profile {name!r}, attempt {i}")
        rec = ci.record(raw, ATTEMPT)
        ci.uuid(rec["uuid"])
        if rec["outcome"] not in silence.OUTCOMES:
            raise ci.bad(f"outcome {rec['outcome']!r} is unknown")
        if rec["rejection_kind"] is not None and rec["rejection_kind"] not in silence.REJECTION_KINDS:
            raise ci.bad(f"rejection kind {rec['rejection_kind']!r} is unknown")
        if rec["discomfort"] is not None and not 1 <= rec["discomfort"] <= 5:
            raise ci.bad("discomfort must be 1 to 5")
        try:
            days.zone(rec["tz"])
        except ValidationError:
            raise ci.bad(f"time zone {rec['tz']!r} is unknown") from None
        ref = raw.get("challenge")
        rec["challenge"] = ci.uuid(ref) if ref else None
        history = raw.get("outcome_history") or []
        if isinstance(history, str):
            try:
                history = json.loads(history)
            except ValueError:
                raise ci.bad("outcome_history is not valid JSON") from None
        if not isinstance(history, list):
            raise ci.bad("outcome_history is not a list")
        rec["outcome_history"] = [ci.record(h, CHANGE) for h in history]
        out["attempts"].append(rec)
    return out


def check(data: Any) -> Parsed:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("The file is not a rejection-therapy export.")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ValidationError("The export was made by a newer version of rejection-therapy; upgrade to import it.")
    profiles = data.get("profiles")
    if not isinstance(profiles, list):
        raise ValidationError("The import file is not usable: it lists no profiles.")
    parsed = Parsed([_check_profile(p, i) for i, p in enumerate(profiles, 1)])
    names = [p["name"].lower() for p in parsed.profiles]
    if len(set(names)) != len(names):
        raise ValidationError("The import file is not usable: a profile appears twice.")
    return parsed


def from_csv(text: str) -> dict[str, Any]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != CSV_HEADER:
        raise ValidationError("The CSV file does not have the columns of a rejection-therapy export.")
    data: dict[str, Any] = {"profiles": []}
    by_name: dict[str, dict] = {}
    plural = {"goal": "goals", "challenge": "challenges", "review": "reviews", "win": "wins"}
    for line, row in enumerate(reader, 2):
        if len(row) != len(CSV_HEADER):
            raise ValidationError(f"The CSV file is not usable: line {line} has {len(row)} cells, not {len(CSV_HEADER)}.")
        record, name, payload = row[0], row[1], row[-1]
        try:
            obj = json.loads(payload) if payload else None
        except ValueError:
            raise ValidationError(f"The CSV file is not usable: line {line} holds broken JSON.") from None
        if record == "export":
            data.update(obj or {})
            continue
        if record == "profile":
            p = {"name": name, **(obj or {}), "goals": [], "challenges": [], "reviews": [], "wins": [],
                 "rest_days": [], "attempts": []}
            by_name[name] = p
            data["profiles"].append(p)
            continue
        p = by_name.get(name)
        if p is None:
            raise ValidationError(f"The CSV file is not usable: line {line} names a profile not listed before it.")
        if record in plural:
            p[plural[record]].append(obj)
        elif record == "rest_day":
            p["rest_days"].append(obj)
        elif record == "attempt":
            cells = dict(zip(CSV_ATTEMPT_COLS, row[2:-1], strict=True))
            p["attempts"].append({k: (v if v != "" else None) for k, v in cells.items()})
        else:
            raise ValidationError(f"The CSV file is not usable: line {line} has an unknown record {record[:20]!r}.")
    return data


def read_file(path: str) -> Parsed:
    """Read and check an export (JSON or CSV, told apart by content)."""
    try:
        if os.path.getsize(path) > MAX_FILE:
            raise ValidationError(f"{path} is too large to be an export.")
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise ValidationError(f"There is no file at {path}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path} is not a text file; import needs a JSON or CSV export.") from None
    except OSError as err:
        raise ValidationError(f"Cannot read {path}: {err.strerror or err}.") from None
    if text.lstrip().startswith("{"):
        try:
            raw = json.loads(text)
        except ValueError as err:
            raise ValidationError(f"{path} is not valid JSON (line {getattr(err, 'lineno', '?')}).") from None
    elif text.startswith("record,"):
        raw = from_csv(text)
    else:
        raise ValidationError(f"{path} is not a rejection-therapy export (JSON or CSV).")
    return check(raw)


# ------------------------------------------------------------------ loading


SINGULAR = {"profiles": "profile", "goals": "goal", "rest days": "rest day", "challenges": "challenge",
            "reviews": "review", "attempts": "attempt", "outcome changes": "outcome change", "wins": "win"}


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


def load(session: Session, parsed: Parsed) -> ImportResult:
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
        _load_attempts(session, pid, p, ch_ids, result)
    return result


def _load_attempts(session: Session, pid: int, p: dict, ch_ids: dict[str, int], result: ImportResult) -> None:
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
        row = {k: v for k, v in a.items() if k not in ("challenge", "outcome_history")}
        row["profile_id"] = pid
        row["challenge_id"] = ch_ids.get(a["challenge"]) if a["challenge"] else None
        rows.append(row)
        new.append(a)
    for i in range(0, len(rows), 5000):
        session.execute(insert(Attempt), rows[i:i + 5000])
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
