"""The app's one clock: every "now" and "today" comes from here.

``REJECTION_THERAPY_NOW`` (an ISO 8601 instant with an offset, e.g.
``2026-03-01T09:30:00+00:00``) pins it. The test suite pins it for every test, so no test
reads the wall clock; a user never needs it. Stdlib only: the quick CLI path imports it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .core.errors import ValidationError

ENV = "REJECTION_THERAPY_NOW"


def now() -> datetime:
    """The current instant, aware, in UTC (the pinned one when the environment sets it)."""
    pinned = os.environ.get(ENV)
    if not pinned:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(pinned)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise ValidationError(
            f"{ENV} must be an ISO instant with an offset, like 2026-03-01T09:30:00+00:00."
        )
    return value.astimezone(UTC)
