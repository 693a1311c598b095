"""Streaks, rest days, the silence window, goals and caps, funnel math, text cleaning."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core import goals, silence, streaks, text
from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.funnel import Funnel
from rejection_therapy.core.settings import Settings, validate
from rejection_therapy.core.today import trailing_no_run

D0 = date(2026, 11, 2)  # a Monday


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_streak_counts_days_meeting_the_goal():
    counts = {day(0): 5, day(1): 6, day(2): 2, day(3): 5, day(4): 5}
    s = streaks.compute_streak(counts, day(4), goal_for=5)
    assert (s.current, s.longest, s.today_done) == (2, 2, True)


def test_today_unfinished_does_not_break_the_streak():
    counts = {day(0): 5, day(1): 5, day(2): 1}
    s = streaks.compute_streak(counts, day(2), goal_for=5)
    assert (s.current, s.longest, s.today_done) == (2, 2, False)


def test_rest_weekdays_neither_break_nor_extend():
    # Mon–Fri met, Sat/Sun nothing, Monday met: streak 6 with a weekend off.
    counts = {day(i): 3 for i in range(5)} | {day(7): 3}
    rest = streaks.rest_checker([5, 6])
    s = streaks.compute_streak(counts, day(7), goal_for=3, is_rest=rest)
    assert s.current == 6
    # Work on a rest day does not extend.
    counts[day(5)] = 10
    assert streaks.compute_streak(counts, day(7), goal_for=3, is_rest=rest).current == 6
    # Without rest days the weekend breaks it.
    assert streaks.compute_streak(counts, day(7), goal_for=3).current == 1


def test_single_rest_day():
    counts = {day(0): 1, day(2): 1}
    rest = streaks.rest_checker([], [day(1)])
    assert streaks.compute_streak(counts, day(2), is_rest=rest).current == 2


def test_goal_history_applies_per_day():
    counts = {day(0): 3, day(1): 3, day(2): 3}
    s = streaks.compute_streak(counts, day(3), goal_for=lambda d: 3 if d < day(2) else 5)
    assert (s.current, s.longest) == (0, 2)


def test_empty_streak():
    assert streaks.compute_streak({}, day(0)) == streaks.Streak(0, 0, False)


@given(st.dictionaries(st.integers(0, 60), st.integers(0, 8)), st.integers(1, 5))
def test_streak_bounds(raw, goal):
    counts = {day(k): v for k, v in raw.items()}
    s = streaks.compute_streak(counts, day(60), goal_for=goal)
    assert 0 <= s.current <= s.longest <= 61
    met_days = [d for d, v in counts.items() if v >= goal]
    assert s.longest <= len(met_days)


def test_longest_run():
    assert streaks.longest_run([day(0), day(1), day(2), day(4), day(5)]) == 3
    assert streaks.longest_run([]) == 0


NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_silence_window_fifteen_vs_thirteen_days():
    assert silence.is_silent("pending", NOW - timedelta(days=15), NOW, 14)
    assert not silence.is_silent("pending", NOW - timedelta(days=13), NOW, 14)
    assert not silence.is_silent("no", NOW - timedelta(days=30), NOW, 14)
    assert silence.effective_outcome("pending", NOW - timedelta(days=15), NOW, 14) == "silence"


def test_outcome_and_kind_words():
    assert silence.check_outcome(" YES ") == "yes"
    with pytest.raises(ValidationError, match="Unknown outcome"):
        silence.check_outcome("maybe")
    assert silence.check_kind("not right now") == "not-now"
    with pytest.raises(ValidationError):
        silence.check_kind("rude")


def test_funnel_worked_examples():
    f = Funnel(attempts=50, conversations=5, yeses=1, since_last_yes=12)
    assert f.attempts_per_yes == 50
    assert f.conversations_per_yes == 5
    assert f.conversation_rate == 0.1
    assert f.attempts_to_next_yes == 38
    f = Funnel(attempts=96, conversations=10, yeses=2, since_last_yes=36)
    assert f.attempts_to_next_yes == 12
    assert "a yes costs 48 attempts; 12 more to go" in f.sentence()
    assert Funnel(10, 1, 0).attempts_to_next_yes is None
    assert Funnel(100, 10, 1, since_last_yes=150).attempts_to_next_yes == 0


def test_funnel_sentence_uses_thousands_separators_and_plurals():
    # "1,297" reads the same on the dashboard, the bad-day screen and the funnel (issue 11 item 6)
    assert "a yes costs 2,594 attempts; 1,297 more to go" in Funnel(2594, 10, 1, since_last_yes=1297).sentence()
    assert Funnel(1297, 0, 0).sentence().startswith("1,297 attempts so far and no yes yet")
    assert Funnel(1, 0, 0).sentence().startswith("1 attempt so far")
    assert "a yes costs 1 attempt;" in Funnel(1, 1, 1, since_last_yes=0).sentence()


def test_caps_and_confirmation():
    assert goals.cap_state(4, 5) == "under"
    assert goals.cap_state(5, 5) == "at"
    assert goals.cap_state(6, 5) == "over"
    assert goals.cap_state(99, None) == "none"
    assert goals.needs_cap_confirmation(5, 5, False)
    assert not goals.needs_cap_confirmation(5, 5, True)
    assert not goals.needs_cap_confirmation(4, 5, False)
    assert "cap of 5" in goals.cap_message(5, 5)


def test_over_cap_week():
    today = day(10)
    counts = {today - timedelta(days=i): 9 for i in range(7)}
    assert goals.over_cap_week(counts, 8, today)
    counts[today - timedelta(days=3)] = 8
    assert not goals.over_cap_week(counts, 8, today)


@pytest.mark.parametrize(
    "goal",
    [goals.Goal(-1), goals.Goal(5, -2), goals.Goal(10, 0, 5), goals.Goal(100000), goals.Goal(5, 0, 0)],
)
def test_absurd_goals_are_refused(goal):
    with pytest.raises(ValidationError):
        goals.check_goal(goal)


def test_no_run():
    assert trailing_no_run(["no", "no", "pending", "no", "yes", "no"]) == 3
    assert trailing_no_run([]) == 0


def test_text_cleaning():
    assert text.strip_controls("a\x1b[31mred\x1b[0m\x07b") == "aredb"
    assert text.clean_text("  [bold]x[/bold]  ", "note") == "[bold]x[/bold]"
    assert text.clean_text("line1\nline2\x00", "note", multiline=True) == "line1\nline2"
    assert text.clean_text("", "note") is None
    with pytest.raises(ValidationError, match="cannot be empty"):
        text.clean_name("  \x1b[2J ", "profile name")
    with pytest.raises(ValidationError):
        text.clean_text("x" * 5000, "note")
    assert text.clean_tags(["Cold", "cold", " warm "]) == "cold,warm"


def test_settings_validation_and_fallback():
    with pytest.raises(ValidationError):
        validate(Settings(default_channel="fax"))
    with pytest.raises(ValidationError):
        validate(Settings(rest_weekdays=(0, 1, 2, 3, 4, 5, 6)))
    stored = Settings(timezone="Europe/London", day_start_hour=5).to_mapping()
    stored["day_start_hour"] = "99"  # a damaged value falls back to the default alone
    restored = Settings.from_mapping(stored)
    assert restored.timezone == "Europe/London" and restored.day_start_hour == 4
