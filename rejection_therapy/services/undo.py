"""One persistent undo for every interface: the last log or delete of a profile, within a day.

Every log (CLI, quick path, TUI) and every delete writes a small ``undo_records`` row in the
same transaction; ``undo_last`` takes the newest one back. Records older than UNDO_WINDOW are
dropped as new ones are written. The quick path writes its row with the same JSON text
(``services.ledger.log`` through either gateway), so ``undo`` after a quick ``log`` works too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..store.models import UndoRecord
from .ledger import UNDO_WINDOW


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"__dt__": value.isoformat()}
    if isinstance(value, date):
        return {"__d__": value.isoformat()}
    raise TypeError(type(value).__name__)


def _decode(obj: dict[str, Any]) -> Any:
    if "__dt__" in obj:
        return datetime.fromisoformat(obj["__dt__"])
    if "__d__" in obj:
        return date.fromisoformat(obj["__d__"])
    return obj


def _write(session: Session, profile_id: int, action: str, ids: list[int], snapshot: Any, now: datetime | None) -> None:
    stamp = now or clock_now()
    session.execute(delete(UndoRecord).where(UndoRecord.profile_id == profile_id,
                                             UndoRecord.made_at < stamp - UNDO_WINDOW))
    session.add(UndoRecord(profile_id=profile_id, made_at=stamp, action=action, attempt_ids=json.dumps(ids),
                           snapshot=None if snapshot is None else json.dumps(snapshot, default=_encode)))
    session.flush()


def record_log(session: Session, profile_id: int, ids: list[int], now: datetime | None = None) -> None:
    _write(session, profile_id, "log", ids, None, now)


def record_delete(session: Session, profile_id: int, snapshots: list[dict[str, Any]], now: datetime | None = None) -> None:
    _write(session, profile_id, "delete", [s["id"] for s in snapshots], snapshots, now)


def forget(session: Session, profile_id: int, attempt_id: int, action: str) -> None:
    """An attempt's delete (or log) was taken back another way (the app's own undo keys):
    the records of that action go, so ``undo`` does not take it back twice."""
    for rec in session.scalars(select(UndoRecord).where(UndoRecord.profile_id == profile_id,
                                                        UndoRecord.action == action)):
        ids = json.loads(rec.attempt_ids)
        if attempt_id not in ids:
            continue
        ids.remove(attempt_id)
        if not ids:
            session.delete(rec)
        elif rec.snapshot is None:
            rec.attempt_ids = json.dumps(ids)
        else:
            rec.attempt_ids = json.dumps(ids)
            rec.snapshot = json.dumps([x for x in json.loads(rec.snapshot) if x.get("id") != attempt_id])
    session.flush()


def forget_log(session: Session, profile_id: int, attempt_id: int) -> None:
    """``forget`` for a log of this one attempt alone (the dashboard logs one at a time), in
    one statement."""
    session.execute(delete(UndoRecord).where(UndoRecord.profile_id == profile_id, UndoRecord.action == "log",
                                             UndoRecord.attempt_ids == json.dumps([attempt_id])))


@dataclass(frozen=True)
class Undone:
    action: str  # "log" (the attempts were removed) or "delete" (they are back)
    ids: tuple[int, ...]
    made_at: datetime

    def sentence(self) -> str:
        which = ", ".join(f"#{i}" for i in self.ids)
        many = len(self.ids) > 1
        if self.action == "log":
            return f"Undid the log of attempt{'s' if many else ''} {which}: {'they are' if many else 'it is'} removed."
        return f"Undid the delete of attempt{'s' if many else ''} {which}: {'they are' if many else 'it is'} back."


def undo_last(session: Session, profile_id: int, now: datetime | None = None) -> Undone | None:
    """Take back the newest log or delete of the profile made within the last day."""
    from . import attempts

    stamp = now or clock_now()
    rec = session.scalars(
        select(UndoRecord).where(UndoRecord.profile_id == profile_id, UndoRecord.made_at >= stamp - UNDO_WINDOW)
        .order_by(UndoRecord.id.desc()).limit(1)
    ).first()
    if rec is None:
        return None
    ids = json.loads(rec.attempt_ids)
    action, made_at = rec.action, rec.made_at
    session.delete(rec)
    session.flush()
    if action == "log":
        from ..store.models import Attempt

        present = set(session.scalars(select(Attempt.id).where(Attempt.profile_id == profile_id, Attempt.id.in_(ids))))
        for attempt_id in ids:
            if attempt_id in present:
                attempts.delete_attempt(session, profile_id, attempt_id, record=False)
    else:
        for snap in json.loads(rec.snapshot or "[]", object_hook=_decode):
            attempts.restore(session, snap)
    return Undone(action, tuple(ids), made_at)
