"""What an export holds: the format name and version, and the columns of each record.

Shared by the export (store.transfer), the CSV form (store.transfer_csv) and the import check
(store.transfer_check). Ids and profile ids are replaced by uuid references.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, Integer

from .models import Attempt, Challenge, Goal, OutcomeChange, Review, UtcDateTime, Win

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


