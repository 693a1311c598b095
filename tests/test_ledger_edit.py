"""Correcting the record: backdating, --count, edit, delete, undo, housekeeping (issue 13)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta

import pytest

from rejection_therapy.clock import now as clock_now
from rejection_therapy.core import dates, days
from rejection_therapy.core.errors import ValidationError

from .cli_helpers import rows, run


def today() -> date:
    return days.local_day(clock_now(), "UTC", 4)


# ---------------------------------------------------------------- core: natural dates

WED = date(2026, 11, 18)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("2026-11-03", date(2026, 11, 3)), ("today", WED), ("yesterday", WED - timedelta(1)),
    ("Tomorrow", WED + timedelta(1)), ("-3d", WED - timedelta(3)), ("+2d", WED + timedelta(2)),
    ("-2w", WED - timedelta(14)), ("3 days ago", WED - timedelta(3)), ("1 week ago", WED - timedelta(7)),
    ("friday", date(2026, 11, 13)), ("wed", WED), ("last friday", date(2026, 11, 13)),
    ("last wednesday", date(2026, 11, 11)), ("next monday", date(2026, 11, 23)),
])
def test_natural_days(text, expected):
    assert dates.parse_day(text, WED) == expected


def test_bare_weekday_looks_ahead_for_follow_ups():
    assert dates.parse_day("friday", WED, ahead=True) == date(2026, 11, 20)
    assert dates.parse_day("wed", WED, ahead=True) == WED


@pytest.mark.parametrize("text", ["2026-02-30", "someday", "fri day", "", "-3x", "2026-13-01"])
def test_bad_days_are_one_sentence(text):
    with pytest.raises(ValidationError) as err:
        dates.parse_day(text, WED)
    assert str(err.value).endswith(".")


def test_iso_text_does_not_need_the_natural_parser():
    import subprocess
    import sys

    code = ("import sys; from rejection_therapy.cli.ledger import when_of; import argparse;"
            "when_of(argparse.Namespace(date='2026-11-17', time=None));"
            "print('rejection_therapy.core.dates' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_dst_gap_time_is_refused_and_default_time_stays_in_the_day():
    with pytest.raises(ValidationError, match="does not exist"):
        dates.wall_instant(date(2026, 3, 29), time(1, 30), "Europe/London")
    # With a day starting at 23:00, noon of a date counts for the day before: the middle of the day is used.
    at = dates.default_instant(date(2026, 11, 10), "UTC", 23)
    assert days.local_day(at, "UTC", 23) == date(2026, 11, 10)


def test_future_and_too_old_are_refused():
    now = datetime(2026, 11, 18, 15, tzinfo=UTC)
    with pytest.raises(ValidationError, match="future"):
        dates.instant_for("tomorrow", "UTC", 4, now, None)
    with pytest.raises(ValidationError, match="future"):
        dates.instant_for("today 16:00", "UTC", 4, now, None)
    first = date(2026, 11, 1)
    assert dates.instant_for("2026-10-02", "UTC", 4, now, first).date() == date(2026, 10, 2)
    with pytest.raises(ValidationError, match="first day"):
        dates.instant_for("2026-10-01", "UTC", 4, now, first)
    # 01:30 on the 17th counts for the 16th with a 04:00 day start: the day rule decides.
    at = dates.instant_for("2026-11-17 01:30", "UTC", 4, now, first)
    assert days.local_day(at, "UTC", 4) == date(2026, 11, 16)


# ---------------------------------------------------------------- CLI: backdating and --count


def test_log_yesterday_both_paths(db_path, capsys, path_kind):
    run(capsys, "--db", db_path, "log", "no")  # creates the store and the profile today
    code, out, err = run(capsys, "--db", db_path, "log", "no", "--date", "yesterday", "--to", "Acme")
    y = today() - timedelta(1)
    assert (code, err) == (0, "")
    assert out == f"Logged no #2 for {y:%a} {y.isoformat()} · 1 attempt that day\n"
    code, out, err = run(capsys, "--db", db_path, "log", "yes", "--date", y.isoformat(), "--time", "09:30")
    assert code == 0, err
    got = rows(db_path, "SELECT id, local_day, created_at, updated_at FROM attempts ORDER BY id")
    assert got[1][1] == y.isoformat() and got[2][1] == y.isoformat()
    assert got[2][2].startswith(f"{y.isoformat()} 09:30:00")
    code, out, err = run(capsys, "--db", db_path, "log", "no", "--date", "-1d")  # argparse-safe
    assert code == 0 and y.isoformat() in out


@pytest.mark.parametrize("args, words", [
    (("--date", "tomorrow"), "future"),
    (("--date", "2026-02-30"), "does not exist"),
    (("--date", "whenever"), "not a date"),
    (("--time", "7pm"), "HH:MM"),
    (("--date", "-40d"), "first day"),
    (("--count", "0"), "1 to 10,000"),
    (("--count", "10001"), "1 to 10,000"),
    (("--count", "²"), "1 to 10,000"),
])
def test_bad_backdates_and_counts_change_nothing(db_path, capsys, path_kind, args, words):
    run(capsys, "--db", db_path, "log", "no")
    code, out, err = run(capsys, "--db", db_path, "log", "no", *args)
    assert code == 2 and out == "" and words in err and "\n" == err[-1] and err.count("\n") == 1
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]


def test_future_time_today_refused(db_path, capsys, path_kind):
    run(capsys, "--db", db_path, "log", "no")
    later = (clock_now() + timedelta(minutes=5)).astimezone(UTC)
    if later.date() != clock_now().date():
        pytest.skip("the pinned instant is just before midnight")
    code, _, err = run(capsys, "--db", db_path, "log", "no", "--time", f"{later:%H:%M}")
    assert code == 2 and "future" in err


def test_count_logs_in_one_go_and_undo_takes_the_batch_back(db_path, capsys, path_kind):
    run(capsys, "--db", db_path, "log", "no")
    code, out, err = run(capsys, "--db", db_path, "log", "no", "--count", "5", "--to", "Dial list")
    assert (code, err) == (0, "")
    assert out.startswith("Logged 5 × no #2–#6 · 6 attempts today")
    assert rows(db_path, "SELECT COUNT(*), COUNT(DISTINCT uuid) FROM attempts WHERE target = 'Dial list'") == [(5, 5)]
    assert rows(db_path, "SELECT attempts, nos FROM day_totals") == [(6, 6)]
    code, out, _ = run(capsys, "--db", db_path, "undo")
    assert code == 0 and "#2, #3, #4, #5, #6" in out and "removed" in out
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]


def test_backdated_attempt_fills_the_streak(db_path, capsys):
    run(capsys, "--db", db_path, "goal", "--daily", "1")
    run(capsys, "--db", db_path, "log", "no")
    _, out, _ = run(capsys, "--db", db_path, "today")
    assert "Streak         1 day" in out
    # The goal applies from today; set it from yesterday too by backdating into a day with a goal:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE goals SET valid_from = ?", ((today() - timedelta(5)).isoformat(),))
    conn.commit()
    conn.close()
    run(capsys, "--db", db_path, "log", "no", "--date", "yesterday")
    _, out, _ = run(capsys, "--db", db_path, "today")
    assert "Streak         2 days" in out


# ---------------------------------------------------------------- CLI: edit, delete, undo


def test_edit_delete_undo(db_path, capsys, path_kind):
    run(capsys, "--db", db_path, "log", "no", "--kind", "not-now", "--to", "Acme")
    code, out, err = run(capsys, "--db", db_path, "edit", "1", "--note", "forgot the pitch deck", "--said", "No budget",
                         "--to", "ACME Ltd")
    assert code == 0, err
    assert out == f"Attempt #1 updated (target, note, said); it counts for {today().isoformat()}.\n"
    got = rows(db_path, "SELECT target, notes, stated_reason, rejection_kind FROM attempts")
    assert got == [("ACME Ltd", "forgot the pitch deck", "No budget", "not-now")]
    code, out, _ = run(capsys, "--db", db_path, "edit", "1", "--outcome", "yes", "--date", "yesterday")
    y = today() - timedelta(1)
    assert code == 0 and f"counts for {y.isoformat()}; moved from {today().isoformat()}" in out
    assert rows(db_path, "SELECT outcome, rejection_kind, local_day FROM attempts") == [("yes", None, y.isoformat())]
    assert rows(db_path, "SELECT local_day, attempts FROM day_totals WHERE attempts > 0") == [(y.isoformat(), 1)]
    assert rows(db_path, "SELECT old_outcome, new_outcome FROM outcome_changes") == [("no", "yes")]
    code, out, _ = run(capsys, "--db", db_path, "edit", "1", "--note", "")
    assert rows(db_path, "SELECT notes FROM attempts") == [(None,)]

    code, out, _ = run(capsys, "--db", db_path, "delete", "1")
    assert code == 0 and "Deleted attempt #1" in out and "rejection-therapy undo" in out
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(0,)]
    code, out, _ = run(capsys, "--db", db_path, "undo")
    assert code == 0 and "attempt #1: it is back" in out
    assert rows(db_path, "SELECT id, target, outcome FROM attempts") == [(1, "ACME Ltd", "yes")]
    assert rows(db_path, "SELECT old_outcome, new_outcome FROM outcome_changes") == [("no", "yes")]
    code, out, _ = run(capsys, "--db", db_path, "undo")  # then the log itself
    assert "Undid the log of attempt #1" in out
    code, out, _ = run(capsys, "--db", db_path, "undo")
    assert code == 0 and out.startswith("Nothing to undo")


@pytest.mark.parametrize("args, code, words", [
    (("edit", "9", "--note", "x"), 3, "no attempt #9"),
    (("edit", "1"), 2, "Nothing to change"),
    (("edit", "1", "--outcome", "maybe"), 2, "outcome"),
    (("edit", "1", "--date", "tomorrow"), 2, "future"),
    (("edit", "1", "--outcome", "yes", "--kind", "not-now"), 2, "only applies to a no"),
    (("edit", "x1"), 2, "whole number"),
    (("delete", "7"), 3, "no attempt #7"),
])
def test_bad_edits_change_nothing(db_path, capsys, args, code, words):
    run(capsys, "--db", db_path, "log", "no", "--note", "kept")
    before = rows(db_path, "SELECT * FROM attempts")
    got, out, err = run(capsys, "--db", db_path, *args)
    assert got == code and words in err and out == ""
    assert rows(db_path, "SELECT * FROM attempts") == before


def test_undo_window_is_a_day(db_path, capsys, monkeypatch):
    run(capsys, "--db", db_path, "log", "no")
    later = (clock_now() + timedelta(days=1, minutes=1)).isoformat()
    monkeypatch.setenv("REJECTION_THERAPY_NOW", later)
    _, out, _ = run(capsys, "--db", db_path, "undo")
    assert out.startswith("Nothing to undo")
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]


def test_undo_across_interfaces_service(ctx):
    """A delete from one interface (service call as the app makes it) is undone by another."""
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts, undo

    with ctx.store.write() as s:
        logged = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", target="Zed"), count=3)
    assert logged.id == 3 and logged.day_count == 3
    with ctx.store.write() as s:
        attempts.delete_attempt(s, ctx.profile_id, 2)
    with ctx.store.write() as s:
        done = undo.undo_last(s, ctx.profile_id)
    assert done.action == "delete" and done.ids == (2,)
    with ctx.store.read() as s:
        assert attempts.get(s, ctx.profile_id, 2).target == "Zed"
    # The app's own undo of a log (dashboard u) does not leave a delete to "redo".
    with ctx.store.write() as s:
        attempts.undo_last_log(s, ctx.profile_id)
    with ctx.store.write() as s:
        done = undo.undo_last(s, ctx.profile_id)
    assert done.action == "log" and done.ids == (1, 2)  # #3 was taken back already
    with ctx.store.read() as s:
        assert attempts.count_attempts(s, ctx.profile_id) == 0


def test_move_keeps_time_and_refuses_the_future(ctx):
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts, ledger_edit

    with ctx.store.write() as s:
        a = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", when="yesterday 10:15"))
    y = today() - timedelta(1)
    assert a.local_day == y
    with ctx.store.write() as s:
        row = ledger_edit.move(s, ctx.profile_id, a.id, (y - timedelta(1)).isoformat())
        assert row.local_day == y - timedelta(1)
        assert ledger_edit.local_wall(row).endswith("10:15")
    with ctx.store.write() as s, pytest.raises(ValidationError):
        ledger_edit.move(s, ctx.profile_id, a.id, "+1d")


# ---------------------------------------------------------------- housekeeping


def test_challenge_duplicate_rename_delete(db_path, capsys, monkeypatch):
    code, out, _ = run(capsys, "--db", db_path, "challenge", "start", "100-day")
    assert code == 0
    code, out, err = run(capsys, "--db", db_path, "challenge", "start", "100-day")
    assert code == 2 and "already runs from" in err and "--name" in err
    code, out, err = run(capsys, "--db", db_path, "challenge", "start", "100-day", "--name", "Second go")
    assert code == 0
    code, out, _ = run(capsys, "--db", db_path, "challenge", "rename", "1", "My hundred")
    assert code == 0 and "My hundred" in out
    assert rows(db_path, "SELECT name FROM challenges ORDER BY id") == [("My hundred",), ("Second go",)]
    code, out, err = run(capsys, "--db", db_path, "challenge", "delete", "2")  # stdin is not a terminal
    assert code == 2 and "--yes" in err
    code, out, err = run(capsys, "--db", db_path, "challenge", "delete", "2", "--yes")
    assert code == 0 and "Deleted challenge #2" in out
    assert rows(db_path, "SELECT id FROM challenges") == [(1,)]
    code, _, err = run(capsys, "--db", db_path, "challenge", "rename", "5", "x")
    assert code == 3


def test_compete_end_and_profile_delete(db_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    run(capsys, "--db", db_path, "profile", "add", "Bob")
    run(capsys, "--db", db_path, "--profile", "Bob", "log", "yes")
    code, out, err = run(capsys, "--db", db_path, "compete", "start", "Race", "--period", "month")
    assert code == 0, err
    code, out, err = run(capsys, "--db", db_path, "compete", "end", "Race")
    assert code == 0 and f"ended on {today().isoformat()}" in out and "winner is" in out
    assert rows(db_path, "SELECT status, end_day FROM competitions") == [("closed", today().isoformat())]
    code, _, err = run(capsys, "--db", db_path, "compete", "end", "Race")
    assert code == 2 and "already ended" in err

    code, out, err = run(capsys, "--db", db_path, "profile", "delete", "Bob")
    assert code == 2 and "--yes" in err
    code, out, err = run(capsys, "--db", db_path, "profile", "delete", "bob", "--yes")
    assert code == 0 and "Deleted profile 'Bob'" in out
    assert rows(db_path, "SELECT name FROM profiles") == [("me",)] or len(rows(db_path, "SELECT name FROM profiles")) == 1
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]
    code, _, err = run(capsys, "--db", db_path, "profile", "delete", "Nobody", "--yes")
    assert code == 3
