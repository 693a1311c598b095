"""The ledger commands end to end, on both the quick path and the full path."""

from __future__ import annotations

import json
import sqlite3

from rejection_therapy.store.schema_version import HEAD

from .cli_helpers import rows, run


def test_log_prints_id_and_count(db_path, capsys, path_kind):
    code, out, err = run(capsys, "--db", db_path, "log", "no", "--to", "Acme", "--channel", "Email")
    assert (code, err) == (0, "")
    assert out == "Logged no #1 · 1 attempt today\n"
    code, out, err = run(capsys, "log", "yes", "--db", db_path, "--conversation", "--tag", "Warm",
                         "--tag", "warm", "--tag", "q4", "--discomfort", "3", "--lesson", "Ask early")
    assert out == "Logged yes #2 · 2 attempts today\n"
    got = rows(db_path, "SELECT channel, target, outcome, conversation, tags, discomfort, lesson FROM attempts ORDER BY id")
    assert got[0][:3] == ("email", "Acme", "no")
    assert got[1][2:] == ("yes", 1, "warm,q4", 3, "Ask early")


def test_log_no_with_reasons_and_follow_up(db_path, capsys, path_kind):
    code, out, _ = run(capsys, "--db", db_path, "log", "no", "--kind", "not-now", "--said", "No budget",
                       "--really", "Pitched too early", "--follow-up", "2027-01-15", "--note", "line1\nline2",
                       "--segment", "SMB")
    assert code == 0
    r = rows(db_path, "SELECT rejection_kind, stated_reason, real_reason, follow_up_on, follow_up_state, notes, segment FROM attempts")
    assert r == [("not-now", "No budget", "Pitched too early", "2027-01-15", "open", "line1\nline2", "SMB")]


def test_goal_and_cap_show_in_log_and_today(db_path, capsys, path_kind):
    run(capsys, "--db", db_path, "log", "pending")
    code, out, _ = run(capsys, "--db", db_path, "goal", "--daily", "2", "--no-goal", "1", "--cap", "2",
                       "--channel", "call", "2")
    assert code == 0 and "2 attempts a day, 1 no's a day, cap 2, call 2" in out
    _, out, _ = run(capsys, "--db", db_path, "log", "no")
    assert out.startswith("Logged no #2 · 2 attempts today (goal 2)\nYou reached today's cap of 2.")
    _, out, _ = run(capsys, "--db", db_path, "log", "no")
    assert "You are 1 past today's cap of 2." in out
    code, out, _ = run(capsys, "--db", db_path, "today")
    assert code == 0
    assert "Attempts       3 of 2 (100%)" in out
    assert "No's           2 of 1 · 2 survived in all" in out
    assert "Pending        1" in out
    assert "Conversations  " in out and "Talks" not in out  # one word everywhere (issue 11)
    assert "Streak         1 day" in out
    assert "Cap            3 of 2" in out
    _, out, _ = run(capsys, "--db", db_path, "goal")
    assert out.startswith("Current goal: 2 attempts a day")
    _, out, _ = run(capsys, "--db", db_path, "goal", "--cap", "0")
    assert "no cap" in out


def test_outcome_keeps_the_day_and_records_history(db_path, capsys):
    run(capsys, "--db", db_path, "log", "pending")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE attempts SET local_day = '2026-01-05'")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "--db", db_path, "outcome", "1", "yes")
    assert code == 0, err
    assert out == "Attempt #1 is now yes; it still counts for 2026-01-05.\n"
    assert rows(db_path, "SELECT local_day, outcome FROM attempts") == [("2026-01-05", "yes")]
    assert rows(db_path, "SELECT old_outcome, new_outcome, cause FROM outcome_changes") == [("pending", "yes", "user")]
    code, out, err = run(capsys, "--db", db_path, "outcome", "#1", "silence")
    assert code == 0 and "silence" in out


def test_win_and_today_lists_it(db_path, capsys, path_kind):
    run(capsys, "--db", db_path, "log", "no")
    code, out, _ = run(capsys, "--db", db_path, "win", "Made all my calls", "--attempt", "1")
    assert code == 0 and out.startswith("Win #1 saved for ")
    assert rows(db_path, "SELECT text, attempt_id FROM wins") == [("Made all my calls", 1)]
    _, out, _ = run(capsys, "--db", db_path, "today")
    assert "Wins\n  · Made all my calls" in out


def test_hidden_streak_is_not_shown(db_path, capsys, path_kind):
    run(capsys, "--db", db_path, "log", "no")
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO settings (profile_id, key, value) VALUES (1, 'hide_streaks', 'true')")
    conn.commit()
    conn.close()
    _, out, _ = run(capsys, "--db", db_path, "today")
    assert "Streak" not in out and "Attempts       1" in out


def test_list_filters(db_path, capsys):
    for args in (["no", "--channel", "call"], ["yes", "--channel", "email", "--to", "Birch"], ["no", "--channel", "email"]):
        run(capsys, "--db", db_path, "log", *args)
    _, out, _ = run(capsys, "--db", db_path, "list")
    assert [line.split()[0] for line in out.splitlines()] == ["ID", "#3", "#2", "#1"]  # a header first
    _, out, _ = run(capsys, "--db", db_path, "list", "--channel", "email", "--outcome", "no")
    assert [line.split()[0] for line in out.splitlines()] == ["ID", "#3"]
    _, out, _ = run(capsys, "--db", db_path, "list", "--limit", "1")
    assert len(out.splitlines()) == 2
    _, out, _ = run(capsys, "--db", db_path, "list", "--until", "2000-01-01")
    assert out == "No attempts match.\n"


def test_list_has_fixed_columns_and_cuts_long_targets(db_path, capsys):
    """Issue 11: a 22-character target ran into the kind column; longer ones shifted every column."""
    for target in ("Acme", "A target of 22 chars..", "Neighbour with a very long name indeed, Esq."):
        run(capsys, "--db", db_path, "log", "no", "--channel", "call", "--to", target)
    _, out, _ = run(capsys, "--db", db_path, "list")
    header, *rows = out.splitlines()
    assert header.split() == ["ID", "Day", "Time", "Channel", "Outcome", "Conv", "Target", "Kind", "Note"]
    column = header.index("Target")
    starts = sorted(row[column:column + 9] for row in rows)
    assert starts == ["A target ", "Acme", "Neighbour"]  # every target starts in its column
    assert all(len(row) <= header.index("Kind") for row in rows)  # no target runs into the kind
    assert "Neighbour with a ve…" in out and "Esq." not in out


def test_profiles_are_respected(db_path, capsys, monkeypatch, path_kind):
    run(capsys, "--db", db_path, "log", "no")  # creates the default profile
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('Sam', '2026-01-01 00:00:00.000000')")
    conn.commit()
    conn.close()
    _, out, _ = run(capsys, "--db", db_path, "--profile", "sam", "log", "no")
    assert out == "Logged no #2 · 1 attempt today\n"
    monkeypatch.setenv("REJECTION_THERAPY_PROFILE", "SAM")
    _, out, _ = run(capsys, "--db", db_path, "log", "yes")
    assert out == "Logged yes #3 · 2 attempts today\n"
    assert rows(db_path, "SELECT profile_id FROM attempts ORDER BY id") == [(1,), (2,), (2,)]
    code, _, err = run(capsys, "--db", db_path, "--profile", "nobody", "log", "no")
    assert code != 0 and "no profile named 'nobody'" in err


def test_env_db_is_used(db_path, capsys, monkeypatch):
    monkeypatch.setenv("REJECTION_THERAPY_DB", str(db_path))
    code, out, _ = run(capsys, "log", "no")
    assert code == 0 and db_path.exists()
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]


def test_backup_and_doctor(db_path, tmp_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    dest = tmp_path / "copy.db"
    code, out, _ = run(capsys, "--db", db_path, "backup", dest)
    assert code == 0 and str(dest) in out
    assert (dest.stat().st_mode & 0o777) == 0o600
    assert rows(dest, "SELECT COUNT(*) FROM attempts") == [(1,)]
    code, _, err = run(capsys, "--db", db_path, "backup", dest)
    assert code != 0 and "already exists" in err
    code, out, _ = run(capsys, "--db", db_path, "doctor")
    assert code == 0, out
    assert "quick_check passed" in out and f"{HEAD} (current" in out and "attempts 1" in out
    assert str(db_path) in out
    code, out, _ = run(capsys, "--db", db_path, "doctor", "--full")
    assert code == 0 and "integrity_check passed" in out


def test_backup_default_name_next_to_the_db(db_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    code, out, _ = run(capsys, "--db", db_path, "backup")
    assert code == 0
    made = [p for p in db_path.parent.iterdir() if ".backup-" in p.name]
    assert len(made) == 1 and (made[0].stat().st_mode & 0o777) == 0o600


def test_doctor_flags_open_permissions(db_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    db_path.chmod(0o644)
    code, out, _ = run(capsys, "--db", db_path, "doctor")
    assert code == 1 and "readable by others" in out


def test_doctor_on_missing_file_does_not_create_it(tmp_path, capsys):
    target = tmp_path / "none.db"
    code, out, _ = run(capsys, "--db", target, "doctor")
    assert code == 0 and "no database yet" in out
    assert not target.exists()


def test_backup_on_postgres_points_to_pg_dump(capsys):
    code, _, err = run(capsys, "--db", "postgresql://u:secret@localhost/x", "backup")
    assert code != 0 and "pg_dump" in err and "secret" not in err


def test_export_stdout_is_json(db_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    code, out, _ = run(capsys, "--db", db_path, "export")
    data = json.loads(out)
    assert code == 0 and len(data["profiles"][0]["attempts"]) == 1
