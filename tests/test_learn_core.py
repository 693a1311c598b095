"""Pure learn rules: the silence window, follow-up dates, the feedback text, ask-why."""

from datetime import UTC, date, datetime, timedelta

import pytest

from rejection_therapy.core import learn, silence
from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.settings import DEFAULT_FEEDBACK_TEMPLATE, Settings
from rejection_therapy.core.today import GoalHistory, compose, trailing_no_run

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(("age", "silent"), [(15, True), (14, True), (13, False), (0, False)])
def test_pending_reads_as_silence_after_the_window(age, silent):
    logged = NOW - timedelta(days=age)
    assert silence.is_silent("pending", logged, NOW, 14) is silent
    assert silence.effective_outcome("pending", logged, NOW, 14) == ("silence" if silent else "pending")


def test_answered_attempts_never_turn_into_silence():
    old = NOW - timedelta(days=400)
    assert silence.effective_outcome("no", old, NOW, 14) == "no"
    assert silence.effective_outcome("yes", old, NOW, 14) == "yes"


def test_per_channel_windows():
    s = Settings(silence_days=14, silence_by_channel={"email": 5, "proposal": 30})
    assert s.silence_window("email") == 5 and s.silence_window("proposal") == 30
    assert s.silence_window("call") == 14 and s.silence_window(None) == 14
    six_days = NOW - timedelta(days=6)
    assert silence.is_silent("pending", six_days, NOW, s.silence_window("email"))
    assert not silence.is_silent("pending", six_days, NOW, s.silence_window("call"))
    twenty = NOW - timedelta(days=20)
    assert not silence.is_silent("pending", twenty, NOW, s.silence_window("proposal"))


def _line(i, outcome):
    return (i, NOW - timedelta(minutes=i), "call", None, outcome, False, None, None)


def test_silence_is_not_in_the_no_counter():
    # newest first: two silences sit between no's; they neither count nor break the run
    lines = [_line(1, "no"), _line(2, "silence"), _line(3, "no"), _line(4, "silence"), _line(5, "pending")]
    summary = compose(TODAY, Settings(timezone="UTC"), GoalHistory(), [(TODAY, 5, 2)], lines, [], [])
    assert summary.nos == 2 and summary.silences == 2 and summary.pending == 1
    assert summary.no_run == 2
    assert summary.total_nos == 2
    assert trailing_no_run(["silence", "silence"]) == 0
    assert trailing_no_run(["no", "yes", "no"]) == 1


def test_not_now_suggests_a_follow_up():
    assert learn.suggested_follow_up(TODAY, "not-now", 90) == TODAY + timedelta(days=90)
    assert learn.suggested_follow_up(TODAY, "not-for-us", 90) is None
    assert learn.suggested_follow_up(TODAY, None, 90) is None


def test_follow_up_status_and_labels():
    assert learn.follow_up_status(TODAY - timedelta(days=1), TODAY) == "overdue"
    assert learn.follow_up_status(TODAY, TODAY) == "due"
    assert learn.follow_up_status(TODAY + timedelta(days=1), TODAY) == "upcoming"
    assert learn.due_label(TODAY, TODAY) == "due today"
    assert learn.due_label(TODAY - timedelta(days=3), TODAY) == "3 days overdue"
    assert learn.due_label(TODAY + timedelta(days=1), TODAY) == "in 1 day"
    assert learn.is_due(TODAY, "open", TODAY) and learn.is_due(TODAY, None, TODAY)
    assert not learn.is_due(TODAY, "done", TODAY) and not learn.is_due(TODAY + timedelta(days=1), "open", TODAY)


def test_snooze_moves_past_today_or_past_a_later_date():
    assert learn.snoozed_until(TODAY - timedelta(days=10), TODAY, 7) == TODAY + timedelta(days=7)
    assert learn.snoozed_until(TODAY + timedelta(days=3), TODAY, 7) == TODAY + timedelta(days=10)
    for bad in (0, -1, 366, True, "x"):
        with pytest.raises(ValidationError):
            learn.snoozed_until(TODAY, TODAY, bad)


def test_feedback_is_filled_and_plain():
    text = learn.render_feedback(DEFAULT_FEEDBACK_TEMPLATE, "Dana at Northwind", "dm")
    assert "Dana at Northwind" in text
    assert "message" in text  # "dm" reads as a message
    assert "{" not in text and "[" not in text and "**" not in text and "<" not in text


def test_feedback_keeps_user_text_literal_and_never_formats_objects():
    text = learn.render_feedback("Hi {name} {name.__class__} {0} {", "[bold]Evil[/]\x1b[31m", "email")
    assert "[bold]Evil[/]" in text  # stays exactly as typed, not interpreted
    assert "\x1b" not in text
    assert "{name.__class__} {0} {" in text
    assert learn.render_feedback("Hi {name}", None, None).startswith("Hi there")


def test_template_checks():
    with pytest.raises(ValidationError):
        learn.check_template("   \n ")
    with pytest.raises(ValidationError):
        learn.check_template("x" * 5000)
    assert learn.check_template("Hi {name}\x07") == "Hi {name}\n"


def test_ics_uid_is_stable():
    assert learn.ics_uid("abc") == "abc@rejection-therapy" == learn.ics_uid("abc")


def test_ask_why_text_lists_every_question():
    text = learn.ask_why_text("Acme")
    assert text.startswith("Questions to ask Acme:")
    assert all(q in text for q in learn.ASK_WHY_QUESTIONS)
    assert len(learn.ASK_WHY_QUESTIONS) >= 3


def test_group_by_kind_for_the_bad_day_review():
    from types import SimpleNamespace as L

    lines = [L(outcome="no", kind="not-now"), L(outcome="no", kind=None), L(outcome="silence", kind=None),
             L(outcome="no", kind="not-now"), L(outcome="yes", kind=None), L(outcome="no", kind="not-for-us")]
    groups = learn.group_by_kind(lines)
    assert [(label, len(items)) for label, items in groups] == [
        ("Not right now", 2), ("Not for us", 1), ("No, kind not noted", 1), ("Silence", 1), ("Yes", 1)]
