"""Every setting the user can change, as typed text: label, meaning, parser, display.

One table for the settings screen (tui/screens/settings.py) and ``rejection-therapy settings``
(cli/settings_cmd.py): the same words and the same validation in both. ``target`` says where a
value is stored: the profile's settings, today's goal, or today's rest-day mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import setting_text as st
from .repair import check_tokens


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str  # input | select | check
    hint: str
    target: str = "settings"  # settings | goal (the goal's attribute is ``key``) | rest (today)
    parse: Callable[[Any], Any] = lambda v: v
    show: Callable[[Any], Any] = lambda v: v  # stored value → widget value


def _cap(text: str) -> int | None:
    value = st.parse_optional_whole(text, "The daily cap must be a whole number; leave it empty for no cap.")
    return value or None  # 0 means no cap


SECTIONS: tuple[tuple[str, str, tuple[Field, ...]], ...] = (
    ("Goals", "From today on; earlier days keep the goal they had.", (
        Field("daily_attempts", "Daily attempt goal", "input", "attempts a day; 0 = no goal", "goal",
              lambda t: st.parse_whole(t, "The daily attempt goal must be a whole number (0 for no goal)."), str),
        Field("per_channel", "Goal per channel", "input", "e.g. call=40, email=10", "goal",
              lambda t: st.parse_pairs(t, "goals per channel"), st.format_pairs),
        Field("daily_nos", "Daily no goal", "input", "no's a day; 0 = none", "goal",
              lambda t: st.parse_whole(t, "The daily no goal must be a whole number (0 for none)."), str),
        Field("daily_cap", "Daily cap", "input", "burnout guard; empty = no cap", "goal",
              _cap, lambda v: "" if v is None else str(v)),
    )),
    ("Days", "Each attempt keeps the day it was logged on.", (
        Field("timezone", "Time zone", "input", "e.g. Europe/London",
              parse=lambda t: t.strip()),
        Field("day_start_hour", "Day starts at hour", "input", "0–23; default 4 (a.m.)",
              parse=lambda t: st.parse_whole(t, "The day-start hour must be a whole number from 0 to 23."), show=str),
        Field("first_weekday", "First day of the week", "select", ""),
        Field("rest_weekdays", "Rest weekdays", "input", "e.g. sat, sun",
              parse=st.parse_rest_weekdays, show=st.format_weekdays),
        Field("rest_today", "Today is a rest day", "check", "no streak lost today", target="rest"),
        Field("rest_budget", "Rest tokens a month", "input", "0–31, from today on; default 2", target="budget",
              parse=lambda t: check_tokens(t), show=str),
    )),
    ("Replies", "Silence is not a no.", (
        Field("silence_days", "Silence window (days)", "input", "then pending reads as silence",
              parse=lambda t: st.parse_whole(t, "The silence window must be a whole number of days from 1 to 365."),
              show=str),
        Field("silence_by_channel", "Silence per channel", "input", "e.g. email=21, pitch=30",
              parse=lambda t: st.parse_pairs(t, "silence windows per channel"), show=st.format_pairs),
        Field("follow_up_days", "Follow-up in (days)", "input", "after a 'not now'",
              parse=lambda t: st.parse_whole(t, "The follow-up delay must be between 1 and 730 days."), show=str),
    )),
    ("Channels", "", (
        Field("channels", "Channels", "input", "comma separated", parse=st.parse_names, show=st.format_names),
        Field("default_channel", "Default channel", "select", "what n, y and p log"),
    )),
    ("Display and care", "", (
        Field("hide_streaks", "Hide streaks", "check", "effort still counts"),
        Field("theme", "Theme", "select", "applies at once"),
        Field("bad_day_enabled", "Bad-day protocol", "check", "a pause after many no's"),
        Field("bad_day_threshold", "No's in a row", "input", "2–100, then the pause is offered",
              parse=lambda t: st.parse_whole(t, "The bad-day threshold must be between 2 and 100 no's in a row."),
              show=str),
        Field("daily_backups", "Daily backups kept", "input", "rolling copies in backups/; 0 = off",
              parse=lambda t: st.parse_whole(t, "Daily backups kept must be a whole number from 0 (off) to 365."),
              show=str),
    )),
)
FIELDS = {f.key: f for _t, _h, fields in SECTIONS for f in fields}


# ---------------------------------------------------------------- the same fields as one line of text (CLI)

_TRUE = ("yes", "on", "true", "1")
_FALSE = ("no", "off", "false", "0")


def parse_text(f: Field, text: str) -> Any:
    """A value typed on the command line, parsed as the settings screen parses it."""
    from .days import WEEKDAY_NAMES, parse_weekdays
    from .errors import ValidationError

    if f.kind == "input":
        return f.parse(text)
    if f.kind == "check":
        word = (text or "").strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise ValidationError(f"{f.label} is on or off; write on or off.")
    if f.key == "first_weekday":
        days = parse_weekdays(text)
        if len(days) != 1:
            raise ValidationError("The first day of the week is one weekday, e.g. mon or sun.")
        return days[0]
    if f.key == "theme":
        raise ValidationError("Change the theme in the app (its settings screen), where you can see it.")
    del WEEKDAY_NAMES
    return (text or "").strip().lower()  # default_channel: settings validation checks it is a channel


def show_text(f: Field, value: Any) -> str:
    """A stored value as the text ``parse_text`` reads back."""
    from .days import WEEKDAY_NAMES

    if f.kind == "check":
        return "on" if value else "off"
    if f.key == "first_weekday":
        return WEEKDAY_NAMES[value][:3] if isinstance(value, int) and 0 <= value <= 6 else str(value)
    shown = f.show(value)
    return str(shown) if shown not in (None, "") else "(none)"
