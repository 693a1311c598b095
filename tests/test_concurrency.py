"""Several processes on one SQLite file: nothing lost, nothing shown, nothing torn."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

from rejection_therapy.__main__ import main

# Each child runs the real entry point N times in one process (spawning 600 interpreters
# would take minutes on a 2-core machine; the database sees the same traffic).
LOOP = """
import sys
from rejection_therapy.__main__ import main
db, n, outcome = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for i in range(n):
    code = main(["--db", db, "log", outcome, "--note", f"n{{i}}"])
    if code != 0:
        sys.exit(code)
"""


def _spawn(db, n, outcome, quick: bool, **popen) -> subprocess.Popen:
    env = dict(os.environ, REJECTION_THERAPY_QUICK="1" if quick else "0", PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-c", LOOP.format(), str(db), str(n), outcome],
                            env=env, text=True, **popen)


def _race(db_path, capsys, n: int, quick: tuple[bool, bool]) -> None:
    assert main(["--db", str(db_path), "log", "yes"]) == 0  # create the store and the profile
    capsys.readouterr()
    procs = [
        _spawn(db_path, n, "no", quick=quick[0], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE),
        _spawn(db_path, n, "pending", quick=quick[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE),
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert errors == ["", ""]
    conn = sqlite3.connect(db_path)
    try:
        counts = dict(conn.execute("SELECT outcome, COUNT(*) FROM attempts GROUP BY outcome").fetchall())
        assert counts == {"yes": 1, "no": n, "pending": n}
        assert conn.execute("SELECT COUNT(DISTINCT uuid) FROM attempts").fetchone()[0] == 2 * n + 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_two_processes_each_log_300(db_path, capsys):
    _race(db_path, capsys, 300, (True, True))


def test_quick_and_full_path_processes_side_by_side(db_path, capsys):
    _race(db_path, capsys, 100, (True, False))


def _kill_while_logging(db_path, quick: bool) -> None:
    assert main(["--db", str(db_path), "log", "yes"]) == 0
    proc = _spawn(db_path, 100_000, "no", quick=quick, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    printed: list[int] = []
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    while len(printed) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.match(r"Logged no #(\d+) ", line)
        if m:
            printed.append(int(m.group(1)))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    # Lines already in the pipe were printed too: read them after the kill.
    for line in proc.stdout.read().splitlines():
        m = re.match(r"Logged no #(\d+) ", line)
        if m:
            printed.append(int(m.group(1)))
    assert proc.returncode == -signal.SIGKILL
    assert len(printed) >= 40
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()
    assert set(printed) <= stored
    assert main(["--db", str(db_path), "log", "no"]) == 0  # the store still works


def test_sigkill_loses_no_printed_attempt_quick_path(db_path, capsys):
    _kill_while_logging(db_path, quick=True)


def test_sigkill_loses_no_printed_attempt_full_path(db_path, capsys):
    _kill_while_logging(db_path, quick=False)
