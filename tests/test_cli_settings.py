"""``rejection-therapy settings``: list every setting; change one with the settings screen's
validation (issue 13, item 12)."""

from __future__ import annotations

import sqlite3

import pytest

from rejection_therapy.core.setting_fields import FIELDS
from tests.cli_helpers import run


def stored(db, key):
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def test_lists_every_field_of_the_settings_screen(db_path, capsys):
    code, out, err = run(capsys, "--db", db_path, "settings")
    assert (code, err) == (0, "")
    for key, f in FIELDS.items():
        assert f"  {key} " in out and f.label in out
    assert "Goals" in out and "burnout guard" in out


@pytest.mark.parametrize("key, value, shown, column, raw", [
    ("timezone", "Europe/Paris", "Europe/Paris", "timezone", '"Europe/Paris"'),
    ("day-start-hour", "6", "6", "day_start_hour", "6"),
    ("hide_streaks", "on", "on", "hide_streaks", "true"),
    ("first_weekday", "sunday", "sun", "first_weekday", "6"),
    ("silence_by_channel", "email=21", "email=21", "silence_by_channel", '{"email": 21}'),
    ("rest_weekdays", "sat, sun", "sat, sun", "rest_weekdays", "[5, 6]"),
])
def test_set_one(db_path, capsys, key, value, shown, column, raw):
    code, out, err = run(capsys, "--db", db_path, "settings", key, value)
    assert (code, err) == (0, "") and out.endswith(f" is now {shown}.\n")
    assert stored(db_path, column) == raw


def test_goal_settings_apply_from_today(db_path, capsys):
    run(capsys, "--db", db_path, "settings", "daily_attempts", "12")
    _, out, _ = run(capsys, "--db", db_path, "goal")
    assert "12 attempts a day" in out


@pytest.mark.parametrize("key, value, words", [
    ("timezone", "Mars/Base", "Unknown time zone"),
    ("day_start_hour", "25", "0 to 23"),
    ("day_start_hour", "²", "0 to 23"),
    ("default_channel", "fax", "not in the list"),
    ("hide_streaks", "maybe", "on or off"),
    ("bogus", "1", "no setting 'bogus'"),
    ("silence_days", "0", "silence"),
    ("channels", "", "at least one channel"),
    ("theme", "nord", "in the app"),
])
def test_bad_values_change_nothing(db_path, capsys, key, value, words):
    run(capsys, "--db", db_path, "settings")
    conn = sqlite3.connect(db_path)
    before = conn.execute("SELECT * FROM settings ORDER BY key").fetchall()
    conn.close()
    code, out, err = run(capsys, "--db", db_path, "settings", key, value)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT * FROM settings ORDER BY key").fetchall() == before
    conn.close()


def test_key_without_value(db_path, capsys):
    code, _, err = run(capsys, "--db", db_path, "settings", "timezone")
    assert code == 2 and "Give the new value" in err
