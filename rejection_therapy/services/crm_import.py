"""Importing a CRM call log (CSV) as attempts: preview, refuse or skip bad rows, one transaction.

Each row becomes an attempt through the same rule as a live log (core.attempts.build_attempt_row):
the day is decided from the row's instant in the profile's time zone. A row with no time is
placed like a backdated attempt (core.dates.default_instant). Rows in the future are refused.
Importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import crm_csv, dates
from ..core.attempts import AttemptInput, build_attempt_row
from ..core.errors import ValidationError
from ..core.settings import Settings
from ..store.models import Attempt
from . import settings as settings_svc


@dataclass
class Plan:
    encoding: str
    total: int
    good: list[dict[str, Any]] = field(default_factory=list)  # attempt rows ready to insert
    bad: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def plan(session: Session, profile_id: int, raw: bytes, map_text: str, now: datetime | None = None) -> Plan:
    """Read and check every row; nothing is written."""
    mapping = crm_csv.parse_map(map_text)
    if "date" not in mapping.values():
        raise ValidationError("The map must say which column holds the date (e.g. Date=date).")
    text, encoding = crm_csv.decode(raw)
    _header, rows = crm_csv.read_rows(text, mapping)
    settings = settings_svc.load(session, profile_id)
    stamp = now or clock_now()
    seen: Counter[str] = Counter()
    result = Plan(encoding, len(rows))
    for row in rows:
        try:
            result.good.append(_attempt(row.values, settings, profile_id, stamp, seen))
        except ValidationError as err:
            result.bad.append((row.line, str(err).rstrip(".")))
    return result


def _attempt(values: dict[str, str], settings: Settings, profile_id: int, now: datetime, seen: Counter[str]) -> dict[str, Any]:
    outcome = crm_csv.outcome_of(values.get("outcome", ""))
    day, at = crm_csv.when_of(values)
    if at is None:
        instant = dates.default_instant(day, settings.timezone, settings.day_start_hour)
    else:
        instant = dates.wall_instant(day, at, settings.timezone)
    if instant > now:
        raise ValidationError(f"{day.isoformat()} is in the future")
    kind = values.get("kind") or None
    data = AttemptInput(
        outcome=outcome, channel=values.get("channel") or None, target=values.get("target") or None,
        segment=values.get("segment") or None, tags=values.get("tags") or None,
        kind=kind.lower() if kind and outcome == "no" else None,
        stated_reason=values.get("stated_reason") or None, real_reason=values.get("real_reason") or None,
        notes=values.get("notes") or None, lesson=values.get("lesson") or None,
        follow_up_on=values.get("follow_up_on") or None,
        conversation=(values.get("conversation") or "").strip().lower() in crm_csv.TRUE_WORDS,
    )
    key = crm_csv.row_uuid(profile_id, values, 0)
    seen[key] += 1
    return build_attempt_row(data, settings, profile_id, instant, crm_csv.row_uuid(profile_id, values, seen[key]))


@dataclass(frozen=True)
class Imported:
    added: int
    already: int
    skipped: int


def store(session: Session, p: Plan, skip_bad: bool) -> Imported:
    """Write the good rows in this transaction; refuses the whole file on a bad row unless skip_bad."""
    if p.bad and not skip_bad:
        line, reason = p.bad[0]
        more = f" (and {len(p.bad) - 1} more bad rows)" if len(p.bad) > 1 else ""
        raise ValidationError(f"Line {line}: {reason}{more}; nothing was imported. "
                              "Check it with --dry-run, or import the other rows with --skip-bad.")
    uuids = [r["uuid"] for r in p.good]
    present: set[str] = set()
    for start in range(0, len(uuids), 500):
        present |= set(session.scalars(select(Attempt.uuid).where(Attempt.uuid.in_(uuids[start:start + 500]))))
    new = [r for r in p.good if r["uuid"] not in present]
    for start in range(0, len(new), 1000):
        session.execute(insert(Attempt), new[start:start + 1000])
    return Imported(len(new), len(p.good) - len(new), len(p.bad))
