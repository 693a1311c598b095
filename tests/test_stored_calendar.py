"""Rows stored outside the app's calendar (raw SQL, another program: a challenge starting on
9999-12-20, attempts at instants of year 1 and 9999, days of 0001-01-01) are read by one
rule (core.days ``calendar_day``, core.challenge_days ``stored_start``): every command and
every screen still works, nothing exits 70, and ``doctor`` names the rows."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from rejection_therapy.config import resolve_db
from rejection_therapy.core.challenge_days import end_day, stored_damage, stored_start
from rejection_therapy.core.days import calendar_day, local_time, no_time_rule
from rejection_therapy.tui.widgets.challenge_panel import ChallengePanel

from .cli_helpers import run
from .tui_helpers import make_test_app, settle

DAMAGE = {
    "challenge-9999": "UPDATE challenges SET start_day = '9999-12-20', length_days = 100",
    "challenge-0001": "UPDATE challenges SET start_day = '0001-01-01', length_days = 100",
    "attempts-0001": (
        "UPDATE attempts SET created_at = '0001-01-01 00:00:00.000000', local_day = '0001-01-01' WHERE id = 1;"
        "UPDATE attempts SET follow_up_on = '0001-01-01' WHERE id = 3;"
        "UPDATE wins SET local_day = '0001-01-01', created_at = '0001-01-01 00:00:00.000000';"
        "INSERT INTO rest_days VALUES (1, '0001-01-01')"
    ),
    "attempts-9999": (
        "UPDATE attempts SET created_at = '9999-12-31 23:59:59.999999', local_day = '9999-12-31',"
        " outcome_at = '9999-12-31 23:59:59.999999' WHERE id = 2;"
        "UPDATE attempts SET follow_up_on = '9999-12-31' WHERE id = 3;"
        "UPDATE wins SET local_day = '9999-12-31', created_at = '9999-12-31 23:59:59.999999';"
        "INSERT INTO rest_days VALUES (1, '9999-12-31')"
    ),
}
NAMED = {"challenge-9999": "starts on 9999-12-20", "challenge-0001": "starts on 0001-01-01",
         "attempts-0001": "1 attempt is dated outside", "attempts-9999": "1 attempt is dated outside"}
COMMANDS = (
    ["challenge", "status"], ["challenge", "list"], ["challenge", "summary", "1"], ["today"], ["list"],
    ["list", "--json"], ["list", "--challenge", "1"], ["review"], ["review", "--challenge", "1"],
    ["chart", "effort"], ["chart", "calendar"], ["chart", "hours"], ["export"], ["export", "--format", "csv"],
    ["followups"], ["waiting"], ["people"], ["remind"], ["edit", "1", "--note", "x"], ["edit", "2", "--note", "y"],
)


def damaged_store(tmp_path, capsys, case: str):
    db = tmp_path / "rt.db"
    for argv in (["settings", "timezone", "America/New_York"], ["challenge", "start", "custom", "--days", "100",
                 "--per-day", "1"], ["log", "no"], ["log", "yes"], ["log", "no", "--follow-up", "2200-01-01"],
                 ["win", "made the calls"]):
        assert run(capsys, "--db", db, *argv)[0] == 0, argv
    with sqlite3.connect(db) as conn:
        conn.executescript(DAMAGE[case])
    return db


def test_the_calendar_rule():
    assert calendar_day(date(9999, 12, 20)) == date(2200, 12, 31)
    assert calendar_day(date(1, 1, 1)) == date(1900, 1, 1)
    assert calendar_day(date(2026, 11, 18)) == date(2026, 11, 18)
    assert stored_start(date(9999, 12, 20)) == date(2200, 12, 31)
    assert end_day(date(9999, 12, 20), 100) == date(2201, 4, 9)
    assert end_day(date(9999, 12, 30), 999_999_999_999, 5) == date(2203, 9, 26)
    assert "9999-12-20" in stored_damage(date(9999, 12, 20), 100, 0)
    assert "1000" in stored_damage(date(2026, 1, 1), 5000, 0).replace(",", "")
    assert stored_damage(date(2026, 1, 1), 100, None) is None
    edge = datetime(1, 1, 1, tzinfo=UTC)
    assert local_time(edge, "America/New_York") == edge  # would fall off the calendar: UTC
    assert local_time(datetime(9999, 12, 31, 23, 59, tzinfo=UTC), "Pacific/Kiritimati").year == 9999
    assert local_time(datetime(2026, 7, 1, 12, tzinfo=UTC), "Europe/London").hour == 13
    assert local_time(datetime(2026, 7, 1, 12, tzinfo=UTC), "Not/AZone").hour == 12
    skipped = no_time_rule("America/New_York", 4)
    assert not skipped(date(9999, 12, 31)) and not skipped(date(1, 1, 1))


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_every_command_reads_a_row_outside_the_calendar(tmp_path, capsys, monkeypatch, case):
    db = damaged_store(tmp_path, capsys, case)
    for quick in ("1", "0"):
        monkeypatch.setenv("REJECTION_THERAPY_QUICK", quick)
        code, out, err = run(capsys, "--db", db, "today")
        assert code == 0, (quick, err)
    for argv in COMMANDS:
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == 0, (argv, err)
        assert "Unexpected" not in err
    code, out, err = run(capsys, "--db", db, "doctor")
    assert code == 1 and NAMED[case] in out, out
    if case == "challenge-9999":
        code, out, _ = run(capsys, "--db", db, "challenge", "list")
        assert "2200-12-31 to 2201-04-09" in out


def test_doctor_says_all_dates_are_fine_on_a_healthy_store(tmp_path, capsys):
    db = tmp_path / "rt.db"
    assert run(capsys, "--db", db, "log", "no")[0] == 0
    code, out, _ = run(capsys, "--db", db, "doctor")
    assert code == 0 and "Dates: every challenge" in out


@pytest.mark.parametrize("case", sorted(DAMAGE))
async def test_every_screen_reads_a_row_outside_the_calendar(tmp_path, capsys, case):
    db = damaged_store(tmp_path, capsys, case)
    app = make_test_app(resolve_db(str(db)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("d", "l", "j", "c", "g", "r", "f", "P", "L", "d"):
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running
            errors = [(key, n.title, n.message) for n in app._notifications if n.severity == "error"]
            assert not errors, errors
        panel = app.screen.query_one(ChallengePanel)
        shown = str(panel.render())
        assert {"challenge-9999": "not started", "challenge-0001": ""}.get(case, "day 1 of 100") in shown


def test_services_and_doctor_read_a_challenge_stored_in_year_9999_on_both_backends(ctx, location):
    from sqlalchemy import text

    from rejection_therapy.services import challenges, doctor

    with ctx.store.write() as s:
        challenges.start_challenge(s, ctx.profile_id, "100-day")
    with ctx.store.write() as s:
        s.execute(text("UPDATE challenges SET start_day = :d"), {"d": date(9999, 12, 20)})
    with ctx.store.write() as s:
        views = challenges.status(s, ctx.profile_id)
        summary = challenges.summary(s, ctx.profile_id, views[0].id)
    assert views[0].start_day == date(2200, 12, 31) and views[0].end_day == date(2201, 4, 9)
    assert summary.figures is not None
    report = doctor.check(location)
    assert any(status == "warn" and "starts on 9999-12-20" in line for status, line in report.lines), report.text()
