"""What an export holds: the format name and version, and the columns of each record.

Shared by the export (store.transfer), the CSV form (store.transfer_csv) and the import check
(store.transfer_check). Ids and profile ids are replaced by uuid references.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, Integer

from .models import (
    Attempt,
    Challenge,
    Goal,
    LadderRung,
    OutcomeChange,
    Plan,
    RestBudget,
    RestToken,
    Review,
    UtcDateTime,
    Win,
)

FORMAT = "rejection-therapy-export"
# 1: first format. 2: adds the comfort ladder (and each attempt's "rung"), if-then plans,
# the rest budgets and the rest tokens. A version-1 file imports as before (the new lists
# are simply absent, and so is the CSV "rung" column).
VERSION = 2
MAX_FILE = 2 * 1024**3

# Columns each record carries (ids and profile ids are replaced by uuid references).
SKIP = {"id", "profile_id", "challenge_id", "attempt_id", "rung_id"}


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


ATTEMPT = _fields(Attempt) + [("challenge", "ref", True), ("rung", "ref", True)]
CHANGE = _fields(OutcomeChange)
WIN = _fields(Win) + [("attempt", "ref", True)]
GOAL = _fields(Goal)
CHALLENGE = _fields(Challenge)
REVIEW = _fields(Review)
LISTS = {"goals": GOAL, "challenges": CHALLENGE, "reviews": REVIEW, "wins": WIN}
# Version 2 (store.transfer_more): profile key -> (CSV record name, columns).
RUNG = _fields(LadderRung)
PLAN = _fields(Plan) + [("challenge", "ref", True)]
REST_BUDGET = _fields(RestBudget)
REST_TOKEN = _fields(RestToken)
MORE = {"ladder": ("rung", RUNG), "plans": ("plan", PLAN), "rest_budgets": ("rest_budget", REST_BUDGET),
        "rest_tokens": ("rest_token", REST_TOKEN)}
