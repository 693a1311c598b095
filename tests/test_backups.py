"""Backups that happen by themselves, backup --list, restore (issue 13, item 5)."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import timedelta

import pytest

from rejection_therapy import clock
from tests.cli_helpers import rows, run


def backups(db_path):
    folder = db_path.parent / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_first_write_of_each_day_makes_one_rolling_copy(db_path, capsys, monkeypatch, path_kind):  # noqa: F811
    run(capsys, "--db", db_path, "log", "no")
    run(capsys, "--db", db_path, "log", "no")
    today = clock.now().date()
    assert backups(db_path) == [f"rt.{today.isoformat()}.db"]
    monkeypatch.setenv("REJECTION_THERAPY_NOW", (clock.now() + timedelta(days=1)).isoformat())
    run(capsys, "--db", db_path, "log", "no")
    run(capsys, "--db", db_path, "log", "no")
    copy = db_path.parent / "backups" / f"rt.{clock.now().date().isoformat()}.db"
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone() == (2,)  # the state before the day's first write
    conn.close()
    assert len(backups(db_path)) == 2
    for _ in range(1, 10):  # nine more days: only the newest 7 are kept
        monkeypatch.setenv("REJECTION_THERAPY_NOW", (clock.now() + timedelta(days=1)).isoformat())
        run(capsys, "--db", db_path, "log", "no")
    names = backups(db_path)
    assert len(names) == 7 and names[-1] == f"rt.{clock.now().date().isoformat()}.db"


def test_setting_turns_it_off(db_path, capsys):
    run(capsys, "--db", db_path, "settings", "daily_backups", "0")
    for f in backups(db_path):
        (db_path.parent / "backups" / f).unlink()
    run(capsys, "--db", db_path, "log", "no")
    assert backups(db_path) == []
    code, _, err = run(capsys, "--db", db_path, "settings", "daily_backups", "400")
    assert code == 2 and "0 (off) to 365" in err


def test_list_and_restore(db_path, tmp_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    (db_path.parent / "backups" / f"rt.{clock.now().date().isoformat()}.db").unlink()
    run(capsys, "--db", db_path, "log", "yes")  # makes today's copy (1 attempt) first
    code, out, _ = run(capsys, "--db", db_path, "backup", "--list")
    assert code == 0 and "daily" in out and "backups/rt." in out
    daily = db_path.parent / "backups" / f"rt.{clock.now().date().isoformat()}.db"
    code, out, err = run(capsys, "--db", db_path, "restore", daily)
    assert code == 0, err
    assert "kept at" in out
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]
    kept = [p for p in (db_path.parent / "backups").iterdir() if "before-restore" in p.name]
    assert len(kept) == 1
    conn = sqlite3.connect(kept[0])
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone() == (2,)
    conn.close()


def test_restore_refuses_damaged_newer_and_foreign_files(db_path, tmp_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    code, _, err = run(capsys, "--db", db_path, "restore", text)
    assert code == 2 and "not an SQLite file" in err
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "--db", db_path, "restore", newer)
    assert code == 4 and "newer version" in err
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    code, _, err = run(capsys, "--db", db_path, "restore", damaged)
    assert code == 2 and "damaged" in err
    code, _, err = run(capsys, "--db", db_path, "restore", tmp_path / "missing.db")
    assert code == 2
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]
    assert not [p for p in (db_path.parent / "backups").iterdir() if "before-restore" in p.name]


def test_encrypted_backup_restore_export_import(db_path, tmp_path, capsys, monkeypatch):
    pytest.importorskip("pyrage")
    monkeypatch.setenv("REJECTION_THERAPY_PASSPHRASE", "correct horse")
    run(capsys, "--db", db_path, "log", "no", "--to", "Acme")
    target = tmp_path / "rt.db.age"
    code, out, err = run(capsys, "--db", db_path, "backup", "--encrypt", target)
    assert code == 0, err
    assert target.read_bytes().startswith(b"age-encryption.org/v1") and b"Acme" not in target.read_bytes()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    run(capsys, "--db", db_path, "log", "yes")
    monkeypatch.setenv("REJECTION_THERAPY_PASSPHRASE", "wrong")
    code, _, err = run(capsys, "--db", db_path, "restore", target)
    assert code == 2 and err.startswith("rejection-therapy: Wrong passphrase") and err.count("\n") == 1
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(2,)]
    monkeypatch.setenv("REJECTION_THERAPY_PASSPHRASE", "correct horse")
    code, _, err = run(capsys, "--db", db_path, "restore", target)
    assert code == 0, err
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]

    exported = tmp_path / "export.json.age"
    code, _, err = run(capsys, "--db", db_path, "export", "--encrypt", "-o", exported)
    assert code == 0, err
    assert b"Acme" not in exported.read_bytes()
    other = tmp_path / "other.db"
    code, out, err = run(capsys, "--db", other, "import", exported)
    assert code == 0, err
    assert rows(other, "SELECT target FROM attempts") == [("Acme",)]
    code, _, err = run(capsys, "--db", db_path, "export", "--encrypt")
    assert code == 2 and "-o FILE" in err
