"""Bad input, a locked, damaged or newer file: one plain sentence, non-zero exit, no change."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from rejection_therapy.__main__ import main


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def dump(db: Path) -> str:
    """Every row of every table (a logical checksum that sees the WAL too)."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def file_hash(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def assert_one_sentence(code: int, err: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rejection-therapy: ") and lines[0].rstrip().endswith((".", ")")), err


@pytest.fixture(params=["quick", "full"])
def store(request, db_path, capsys, monkeypatch):
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", "1" if request.param == "quick" else "0")
    assert main(["--db", str(db_path), "log", "no", "--to", "Acme"]) == 0
    assert main(["--db", str(db_path), "goal", "--daily", "5", "--cap", "10"]) == 0
    capsys.readouterr()
    return db_path


BAD = [
    ["log", ""],
    ["log", "maybe"],
    ["log", "silence"],
    ["log", "NO!"],
    ["log", "no", "--discomfort", "9"],
    ["log", "no", "--discomfort", "0"],
    ["log", "no", "--discomfort", "abc"],
    ["log", "no", "--follow-up", "2026-02-30"],
    ["log", "no", "--follow-up", "tomorrow"],
    ["log", "no", "--follow-up", "99999-01-01"],
    ["log", "no", "--kind", "whatever"],
    ["log", "yes", "--kind", "not-now"],
    ["log", "no", "--to", "x" * 500],
    ["log", "no", "--note", "n" * 5000],
    ["log", "no", "--channel", "c" * 200],
    ["log", "no", *sum((["--tag", f"t{i}"] for i in range(25)), [])],
    ["outcome", "99999", "yes"],
    ["outcome", "abc", "yes"],
    ["outcome", "-1", "yes"],
    ["outcome", "1", "maybe"],
    ["outcome", "1", ""],
    ["win", ""],
    ["win", "\x1b[2J\x07"],
    ["win", "ok", "--attempt", "424242"],
    ["goal", "--daily", "-1"],
    ["goal", "--daily", "100000"],
    ["goal", "--daily", "lots"],
    ["goal", "--daily", "20", "--cap", "5"],
    ["goal", "--channel", "", "3"],
    ["list", "--since", "2026-13-01"],
    ["list", "--since", "2026-05-01", "--until", "2026-04-01"],
    ["list", "--limit", "0"],
    ["list", "--outcome", "maybe"],
    ["import", "/nonexistent/file.json"],
    ["export", "-o", "/nonexistent/dir/out.json"],
]


@pytest.mark.parametrize("argv", BAD, ids=lambda a: " ".join(a)[:40])
def test_bad_input_changes_nothing(store, capsys, argv):
    before = dump(store)
    code, out, err = run(capsys, "--db", store, *argv)
    assert_one_sentence(code, err)
    assert out == ""
    assert dump(store) == before


def test_control_characters_are_stripped_not_stored(db_path, capsys):
    code, out, _ = run(capsys, "--db", db_path, "log", "no", "--to", "Ac\x1b[31mme\x07", "--note", "a\x1b]0;title\x07b\nc")
    assert code == 0
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT target, notes FROM attempts").fetchone() == ("Acme", "ab\nc")
    conn.close()


def test_bad_import_file_changes_nothing(store, tmp_path, capsys):
    assert main(["--db", str(store), "export", "-o", str(tmp_path / "ok.json")]) == 0
    capsys.readouterr()
    text = (tmp_path / "ok.json").read_text()
    variants = {
        "broken.json": text[: len(text) // 2],
        "outcome.json": text.replace('"outcome": "no"', '"outcome": "maybe"'),
        "tz.json": text.replace('"tz": "', '"tz": "Mars/', 1),
        "date.json": text.replace('"local_day": "', '"local_day": "2026-02-30x', 1),
        "other.json": '{"hello": 1}',
        "empty.json": "",
        "bin.json": "\x00\x01\x02",
    }
    (tmp_path / "binary.db").write_bytes(b"\xff\xfe\x00\x81" * 100)
    before = dump(store)
    for name, content in variants.items():
        (tmp_path / name).write_text(content)
    for name in [*variants, "binary.db"]:
        code, out, err = run(capsys, "--db", store, "import", tmp_path / name)
        assert_one_sentence(code, err)
        assert dump(store) == before, name


def test_locked_database(store, capsys, monkeypatch):
    from rejection_therapy.store import engine, fast

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(fast, "BUSY_TIMEOUT_MS", 300)
    before = dump(store)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO rest_days (profile_id, day) VALUES (1, '2026-01-01')")
    try:
        for argv in (["log", "no"], ["win", "nice"], ["outcome", "1", "yes"], ["goal", "--daily", "3"]):
            code, out, err = run(capsys, "--db", store, *argv)
            assert_one_sentence(code, err)
            assert "busy" in err, err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert dump(store) == before


def _damage(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[4096:12288] = b"\x5a" * 8192  # overwrite pages 2-3 (schema/table b-trees)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["damaged", "garbage", "newer"])
def test_unusable_files_are_left_untouched(store, capsys, kind):
    # Close out the WAL so the file alone holds the data, then spoil it.
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if kind == "newer":
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    if kind == "damaged":
        _damage(store)
    if kind == "garbage":
        store.write_bytes(b"this is not a database at all\n" * 300)
    before = file_hash(store)
    for argv in (["log", "no"], ["today"], ["list"], ["win", "x"], ["outcome", "1", "yes"],
                 ["goal", "--daily", "3"], ["export"], ["doctor"]):
        code, out, err = run(capsys, "--db", store, *argv)
        assert code != 0, argv
        assert "Traceback" not in err + out
        if argv != ["doctor"]:
            assert_one_sentence(code, err)
        else:
            assert "FAIL" in out and "not changed" in out
        assert file_hash(store) == before, argv
    wal = Path(f"{store}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_newer_file_is_named_as_such(store, capsys):
    conn = sqlite3.connect(store)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "--db", store, "log", "no")
    assert code != 0 and "newer version" in err
    code, out, _ = run(capsys, "--db", store, "doctor")
    assert code == 1 and "newer version" in out


def test_unknown_command_and_missing_argument_exit_nonzero(db_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "log"])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not db_path.exists()
