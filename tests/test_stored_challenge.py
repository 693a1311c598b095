"""A challenge row whose lengths are out of range (written by hand, an old bug, another tool)
is read as the nearest length in range: every command still works and says 1,000 days."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from rejection_therapy.core.challenge_days import end_day, stored_lengths

from .cli_helpers import run


@pytest.mark.parametrize(("length", "extended", "read_as"), [
    (100, 0, (100, 0)),
    (100, None, (100, 0)),
    (990, 20, (990, 10)),
    (999_999_999_999, 5, (1000, 0)),
    (0, 0, (1, 0)),
    (-5, -3, (1, 0)),
])
def test_stored_lengths_are_read_into_range(length, extended, read_as):
    assert stored_lengths(length, extended) == read_as


def test_end_day_never_overflows():
    assert end_day(date(2026, 11, 18), 999_999_999_999, 5) == date(2029, 8, 13)
    assert end_day(date(9999, 12, 30), 100) == date(2201, 4, 9)  # the start reads as 2200-12-31


@pytest.mark.parametrize("quick", ["1", "0"])
def test_commands_work_on_a_challenge_stored_with_an_enormous_length(tmp_path, capsys, monkeypatch, quick):
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", quick)
    db = tmp_path / "rt.db"
    assert run(capsys, "--db", db, "challenge", "start", "100-day")[0] == 0
    assert run(capsys, "--db", db, "log", "no")[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE challenges SET length_days = 999999999999, extended_days = 5")
    for argv in (["challenge", "status"], ["challenge", "list"], ["challenge", "summary", "1"],
                 ["review"], ["chart", "effort"], ["chart", "calendar"], ["today"]):
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == 0, (argv, err)
        assert "999999999999" not in out and "1000000000004" not in out, argv
    assert run(capsys, "--db", db, "export")[0] == 0  # the export keeps the stored value as it is
    code, out, _ = run(capsys, "--db", db, "challenge", "status")
    assert "of 1000" in out or "of 1,000" in out
