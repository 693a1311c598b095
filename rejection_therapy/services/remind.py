"""``remind``: decide from today's summary (core.remind) and deliver the reminder.

Delivery, best first: a desktop notification when the optional ``notify`` extra
(desktop-notifier) is installed; an OSC 9 terminal notification when standard output is a
terminal; always a plain line on standard output (what cron mails and journald keeps).
"""

from __future__ import annotations

import sys
from datetime import datetime, time
from typing import TextIO

from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import remind as rules
from ..core.days import zone
from ..core.remind import Decision
from ..core.repair import TOKEN
from ..core.streaks import rest_checker
from ..core.text import strip_controls
from . import settings as settings_svc
from . import today as today_svc

TITLE = "Rejection therapy"


def decide(session: Session, profile_id: int, *, if_below_goal: bool = True, at: time | None = None,
           now: datetime | None = None) -> Decision:
    now = now or clock_now()
    s = today_svc.summary(session, profile_id, now=now)
    settings = s.settings
    rest_day = rest_checker(settings.rest_weekdays, settings_svc.rest_days(session, profile_id))(s.day)
    token_day = s.rest is not None and s.rest.marks.get(s.day) == TOKEN
    local = now.astimezone(zone(settings.timezone))
    return rules.decide(attempts=s.attempts, goal=s.goal.daily_attempts, cap=s.goal.daily_cap,
                        rest_today=rest_day or token_day, local_now=local, if_below_goal=if_below_goal, at=at)


def desktop(text: str) -> bool:
    """A desktop notification through the optional extra; False when it is not available."""
    try:
        from desktop_notifier import DesktopNotifierSync  # type: ignore[import-not-found]
    except ImportError:
        return False
    try:
        DesktopNotifierSync(app_name=TITLE).send(title=TITLE, message=text)
    except Exception:  # noqa: BLE001 - no session bus, no daemon: fall back to the terminal
        return False
    return True


def deliver(text: str, stream: TextIO | None = None) -> str:
    """Send the reminder; returns how ("desktop", "terminal" or "stdout")."""
    stream = stream or sys.stdout
    text = strip_controls(text)
    how = "stdout"
    if desktop(text):
        how = "desktop"
    elif getattr(stream, "isatty", lambda: False)():
        stream.write(f"\x1b]9;{TITLE}: {text}\x07")  # OSC 9: iTerm2, kitty, WezTerm, foot, Windows Terminal
        how = "terminal"
    stream.write(text + "\n")
    stream.flush()
    return how
