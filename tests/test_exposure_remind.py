"""Reminders that respect effort (issue 15, item 5)."""

from __future__ import annotations

import io
import sys
import types
from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core import remind as rules
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import ValidationError

MORNING = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def decide(**kw):
    base = dict(attempts=4, goal=20, cap=None, rest_today=False, local_now=MORNING)
    return rules.decide(**(base | kw))


def test_the_effort_figure_and_one_small_step():
    assert decide() == rules.Decision(True, "4 of 20 attempts; two more before lunch?")
    assert decide(attempts=19, local_now=MORNING.replace(hour=15)).text == "19 of 20 attempts; one more this afternoon?"
    assert decide(local_now=MORNING.replace(hour=20)).text.endswith("two more before the day ends?")


def test_never_after_the_cap_on_a_rest_day_or_above_the_goal():
    assert not decide(attempts=8, cap=8).remind
    assert not decide(rest_today=True).remind
    assert not decide(attempts=20).remind
    assert decide(attempts=20, if_below_goal=False).text == "20 of 20 attempts: today's goal is met."
    assert not decide(goal=0).remind


def test_at_keeps_to_the_hour_from_its_time():
    assert decide(at=time(9, 0)).remind
    assert not decide(at=time(9, 31)).remind
    assert not decide(at=time(8, 29)).remind


@pytest.mark.parametrize("bad", ["9", "24:00", "09:60", "０9:00", "9:00pm"])
def test_bad_times(bad):
    with pytest.raises(ValidationError, match="HH:MM"):
        rules.parse_at(bad)


@given(st.integers(0, 60), st.integers(0, 60), st.one_of(st.none(), st.integers(1, 60)), st.booleans(),
       st.integers(0, 23))
def test_never_a_no_count_and_never_past_cap_or_rest(attempts, goal, cap, rest, hour):
    d = decide(attempts=attempts, goal=goal, cap=cap, rest_today=rest, local_now=MORNING.replace(hour=hour))
    if rest or (cap and attempts >= cap) or goal == 0 or attempts >= goal:
        assert not d.remind
    else:
        assert d.remind and d.text.startswith(f"{attempts} of {goal} attempts")
    assert "no's" not in d.text and "rejection" not in d.text.lower()


def test_service_respects_rest_days_tokens_and_caps(ctx):
    from rejection_therapy.core.goals import Goal
    from rejection_therapy.core.settings import Settings
    from rejection_therapy.services import attempts, remind, rest, settings

    with ctx.store.write() as s:
        settings.save(s, ctx.profile_id, Settings(timezone="UTC"))
        settings.set_goal(s, ctx.profile_id, Goal(daily_attempts=5, daily_cap=6), date(2026, 11, 1))
        for _ in range(2):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"), now=MORNING)
    with ctx.store.read() as s:
        assert remind.decide(s, ctx.profile_id, now=MORNING).text == "2 of 5 attempts; two more before lunch?"
    with ctx.store.write() as s:
        settings.mark_rest_day(s, ctx.profile_id, date(2026, 11, 20))
        assert not remind.decide(s, ctx.profile_id, now=MORNING).remind
        settings.mark_rest_day(s, ctx.profile_id, date(2026, 11, 20), rest=False)
        rest.spend(s, ctx.profile_id, now=MORNING)
        assert remind.decide(s, ctx.profile_id, now=MORNING).text == "A rest day: no reminder."


def test_delivery_desktop_then_terminal_then_stdout(monkeypatch):
    from rejection_therapy.services import remind

    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = io.StringIO()
    assert remind.deliver("4 of 20 attempts\x1b[2J", out) == "stdout"
    assert out.getvalue() == "4 of 20 attempts\n"  # escape sequences never reach the terminal
    tty = Tty()
    assert remind.deliver("4 of 20 attempts", tty) == "terminal"
    assert tty.getvalue() == "\x1b]9;Rejection therapy: 4 of 20 attempts\x074 of 20 attempts\n"
    sent = []

    class Fake:
        def __init__(self, app_name):
            pass

        def send(self, title, message):
            sent.append((title, message))

    monkeypatch.setitem(sys.modules, "desktop_notifier", types.SimpleNamespace(DesktopNotifierSync=Fake))
    tty = Tty()
    assert remind.deliver("4 of 20 attempts", tty) == "desktop"
    assert sent == [("Rejection therapy", "4 of 20 attempts")] and "\x1b]9" not in tty.getvalue()


def test_remind_command(db_path, capsys, monkeypatch):
    from rejection_therapy.__main__ import main

    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("REJECTION_THERAPY_NOW", "2026-11-20T09:30:00+00:00")
    assert main(["--db", str(db_path), "goal", "--daily", "20"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "remind", "--if-below-goal", "--at", "09:00"]) == 0
    assert capsys.readouterr().out == "0 of 20 attempts; two more before lunch?\n"
    assert main(["--db", str(db_path), "remind", "--at", "11:00"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--db", str(db_path), "remind", "--at", "7pm"]) == 2
    assert "HH:MM" in capsys.readouterr().err
