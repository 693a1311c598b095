"""Each running challenge in one line for ``today`` and the dashboard: "Day 12 of 100 · today's ask done".

The rule is the ledger's (``services.ledger.challenge_lines``), shared with the quick path."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..store.gateway import SqlGateway
from . import ledger


def lines(session: Session, profile_id: int, today: date) -> list[str]:
    return ledger.challenge_lines(SqlGateway(session), profile_id, today)
