"""Files we promise not to touch, migrations that fail for an outside reason, paths that do
not exist, backups of damaged files, and folders made private whatever the umask."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from rejection_therapy.__main__ import main
from rejection_therapy.config import ensure_private_dir
from rejection_therapy.store import migrate, sqlite_file


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Unexpected error" not in err and "Traceback" not in err


# ---- 5. files that are not ours, newer, or damaged: not one byte changes ----------------

COMMANDS = (["log", "no"], ["today"], ["list"], ["export"], ["doctor"], ["review"], ["goal", "--daily", "3"],
            ["challenge", "status"])


def store_in_rollback_mode(tmp_path: Path, capsys) -> Path:
    """A store of ours as ``backup`` writes it: one self-contained file in rollback-journal mode."""
    live = tmp_path / "live.db"
    for i in range(30):
        assert main(["--db", str(live), "log", "no", "--note", f"attempt {i} " + "x" * 200]) == 0
    copy = tmp_path / "copy.db"
    assert main(["--db", str(live), "backup", str(copy)]) == 0
    capsys.readouterr()
    assert not sqlite_file.is_wal(copy.read_bytes()[:100])
    return copy


def foreign_file(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "other-app.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
    con.commit()
    con.close()
    return path


def newer_file(tmp_path: Path, capsys) -> Path:
    path = store_in_rollback_mode(tmp_path, capsys)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.close()
    return path


def damaged_file(tmp_path: Path, capsys) -> Path:
    """Ours, current, rollback mode, with garbage in a page past the schema."""
    path = store_in_rollback_mode(tmp_path, capsys)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    target = pages - 2  # a data/index page near the end (0-based), never page 1
    data[target * page:(target + 1) * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass
    finally:
        con.close()
    return path


@pytest.mark.parametrize("make", [foreign_file, newer_file, damaged_file])
@pytest.mark.parametrize("quick", ["1", "0"])
def test_files_we_refuse_keep_every_byte(tmp_path, capsys, monkeypatch, make, quick):
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", quick)
    path = make(tmp_path, capsys)
    before = sha(path)
    for argv in COMMANDS:
        code, _out, err = run(capsys, "--db", str(path), *argv)
        assert sha(path) == before, (argv, err)
        if argv != ["doctor"]:
            assert code == 4, (argv, code, err)
            one_sentence(err)
            assert "left untouched" in err or "damaged" in err, err
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_a_store_of_ours_in_rollback_mode_is_still_opened_and_switched_to_wal(tmp_path, capsys):
    path = store_in_rollback_mode(tmp_path, capsys)
    code, out, err = run(capsys, "--db", str(path), "list")
    assert code == 0, err
    assert "attempt 29" in out
    assert sqlite_file.is_wal(path.read_bytes()[:100])


# ---- 6. migrations that fail for an outside reason ------------------------------------


@pytest.fixture
def old_store(db_path):
    from tests.test_store import make_first_schema_file

    make_first_schema_file(db_path)
    return db_path


def backups(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".bak.db" in p.name or p.name.endswith(".part"))


class _Src:
    """A read-only source connection whose backup runs out of disk space half-way."""

    def __init__(self, conn):
        self._conn = conn

    def backup(self, dst, **_kw):
        dst.execute("CREATE TABLE half_written (x)")
        dst.commit()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_a_full_disk_during_the_backup_leaves_no_partial_copy(old_store, capsys, monkeypatch):
    import types

    def connect(target, *args, **kwargs):
        conn = sqlite3.connect(target, *args, **kwargs)
        return _Src(conn) if "mode=ro" in str(target) else conn

    monkeypatch.setattr(migrate, "sqlite3", types.SimpleNamespace(connect=connect, Error=sqlite3.Error))
    code, _out, err = run(capsys, "--db", str(old_store), "list")
    assert code == 4, err
    one_sentence(err)
    assert "no space left" in err.lower() and "free some space" in err
    assert backups(old_store.parent) == []


def test_a_folder_that_cannot_be_written_is_said_plainly(old_store, capsys, monkeypatch):
    real_open = os.open

    def deny(path, *args, **kwargs):  # root ignores chmod: inject what a read-only folder does
        if str(path).endswith(".part"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(migrate.os, "open", deny)
    code, _out, err = run(capsys, "--db", str(old_store), "list")
    assert code == 4, err
    one_sentence(err)
    assert "cannot be written" in err
    assert backups(old_store.parent) == []


def test_a_retried_migration_reuses_its_identical_backup(old_store, capsys, monkeypatch):
    from sqlalchemy.exc import OperationalError

    real_upgrade = migrate._upgrade

    def full_disk(engine, location):
        raise OperationalError("ALTER TABLE", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(migrate, "_upgrade", full_disk)
    for _ in range(3):
        code, _out, err = run(capsys, "--db", str(old_store), "list")
        assert code == 4, err
        one_sentence(err)
        assert "no space left" in err.lower()
    kept = backups(old_store.parent)
    assert len(kept) == 1, kept
    assert kept[0].name.endswith(".bak.db") and kept[0].stat().st_size > 0
    monkeypatch.setattr(migrate, "_upgrade", real_upgrade)
    code, _out, err = run(capsys, "--db", str(old_store), "list")
    assert code == 0, err
    assert backups(old_store.parent) == kept


# ---- 7. a --db path whose folder does not exist; doctor creates nothing -----------------


@pytest.mark.parametrize("argv", [["log", "no"], ["list"], ["today"], ["backup"], ["doctor"]])
def test_a_typo_in_the_db_folder_creates_nothing(tmp_path, capsys, argv):
    target = tmp_path / "a" / "b" / "c.db"
    code, _out, err = run(capsys, "--db", str(target), *argv)
    assert not (tmp_path / "a").exists()
    assert not (tmp_path / "data").exists()
    if argv != ["doctor"]:
        assert code in (2, 3, 4), err
        one_sentence(err)
        assert str(tmp_path / "a" / "b") in err


def test_the_environment_variable_follows_the_same_rule(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REJECTION_THERAPY_DB", str(tmp_path / "nope" / "rt.db"))
    code, _out, err = run(capsys, "log", "no")
    assert code == 3, err
    assert "does not exist" in err
    assert not (tmp_path / "nope").exists()


def test_doctor_never_creates_the_data_folder(tmp_path, capsys):
    data = tmp_path / "data"
    assert not data.exists()
    run(capsys, "doctor")
    assert not data.exists()
    code, _out, err = run(capsys, "log", "no")  # the default data folder is created as before
    assert code == 0, err
    assert (data / "rejection-therapy.db").is_file()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


# ---- 8. backup of a damaged file; snooze 0 -------------------------------------------


def index_out_of_step(tmp_path: Path, capsys) -> Path:
    """Every page readable (the backup API copies it), but an index disagrees with its table."""
    path = tmp_path / "inconsistent.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x, y)")
    con.execute("CREATE INDEX i ON t (x)")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(n, 1000 - n) for n in range(100)])
    con.commit()
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX i ON t (y)' WHERE name = 'i'")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("make", [damaged_file, index_out_of_step])
def test_backup_of_a_damaged_file_fails_and_keeps_no_copy(tmp_path, capsys, make):
    path = make(tmp_path, capsys)
    before = sha(path)
    dest = tmp_path / "saved.db"
    code, _out, err = run(capsys, "--db", str(path), "backup", str(dest))
    assert code == 4, err
    one_sentence(err)
    assert "is damaged" in err
    assert not dest.exists()
    assert sha(path) == before


def test_snooze_zero_days_is_refused(tmp_path, capsys):
    db = str(tmp_path / "rt.db")
    assert main(["--db", db, "log", "no", "--follow-up", "2026-12-01"]) == 0
    code, _out, err = run(capsys, "--db", db, "followups", "snooze", "1", "--days", "0")
    assert code == 2, err
    one_sentence(err)
    con = sqlite3.connect(db)
    assert con.execute("SELECT follow_up_on FROM attempts WHERE id = 1").fetchone()[0] == "2026-12-01"
    con.close()


# ---- 12. parents of the data folder are private whatever the umask ---------------------


def test_missing_parents_are_created_0700_under_umask_000(tmp_path, capsys, monkeypatch):
    data = tmp_path / "p1" / "p2" / "data"
    monkeypatch.setenv("REJECTION_THERAPY_DATA_DIR", str(data))
    old = os.umask(0)
    try:
        code, _out, err = run(capsys, "log", "no")
        ensure_private_dir(tmp_path / "q1" / "q2")
    finally:
        os.umask(old)
    assert code == 0, err
    for folder in (tmp_path / "p1", tmp_path / "p1" / "p2", data, tmp_path / "q1", tmp_path / "q1" / "q2"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_doctor_creates_nothing_beside_a_wal_file_and_a_refused_one_keeps_its_bytes(tmp_path, capsys):
    db = tmp_path / "rt.db"
    assert main(["--db", str(db), "log", "no"]) == 0
    files = sorted(os.listdir(tmp_path))
    code, out, err = run(capsys, "--db", str(db), "doctor")
    assert code == 0, out + err
    assert "journal mode wal" in out
    assert sorted(os.listdir(tmp_path)) == files
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.close()
    before = sha(db)
    code, _out, err = run(capsys, "--db", str(db), "list")
    assert code == 4, err
    assert sha(db) == before


def test_backup_on_a_full_disk_says_so_and_leaves_no_partial_copy(tmp_path, capsys, monkeypatch):
    import types

    from rejection_therapy.store import backup as backup_mod

    db = tmp_path / "rt.db"
    assert main(["--db", str(db), "log", "no"]) == 0

    def connect(target, *args, **kwargs):
        conn = sqlite3.connect(target, *args, **kwargs)
        return _Src(conn) if "mode=ro" in str(target) else conn

    monkeypatch.setattr(backup_mod, "sqlite3", types.SimpleNamespace(
        connect=connect, Error=sqlite3.Error, DatabaseError=sqlite3.DatabaseError))
    dest = tmp_path / "copy.db"
    code, _out, err = run(capsys, "--db", str(db), "backup", str(dest))
    assert code == 4, err
    one_sentence(err)
    assert "no space left" in err.lower()
    assert not dest.exists()
