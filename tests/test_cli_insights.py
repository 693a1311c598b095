"""``rejection-therapy chart`` and ``review`` on a known store."""

from __future__ import annotations

import pytest

from rejection_therapy.__main__ import main  # the real entry point (global options first)
from rejection_therapy.config import resolve_db
from rejection_therapy.services.context import AppContext

from .test_insights_charts import add_rated_cells, fill_known, local_today, start_effort_only


@pytest.fixture
def db(sqlite_location, db_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    ctx = AppContext.open(sqlite_location)
    try:
        fill_known(ctx, today=local_today(ctx))
    finally:
        ctx.close()
    return str(db_path)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name, expected", [
    ("effort", "15 attempts in 30 days"),
    ("cumulative", "15 attempts so far, 9 no's survived"),
    ("calendar", "15 attempts on 4 of 365 days"),
    ("hours", "15 attempts by local hour"),
    ("answers", "6 conversations from 15 attempts (40%)"),
    ("kinds", "9 no's: Not right now 3, Not for us 3, Not a priority 1, Unknown 2"),
    ("channels", "15 attempts over 3 channels"),
    ("funnel", "a yes costs 15 attempts; 10 more to go"),
])
def test_every_chart_prints_plain_text_under_no_color(db, capsys, name, expected):
    code, out, err = run(capsys, "--db", db, "chart", name, "--width", "100")
    assert code == 0, err
    assert expected in out
    assert "\x1b" not in out


def test_colour_when_asked_and_filters(db, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(capsys, "--db", db, "chart", "effort", "--days", "90", "--channel", "email")
    assert code == 0 and "\x1b[" in out
    assert "2 attempts in 90 days" in out and "last 90 days, channel email" in out
    code, out, _ = run(capsys, "--db", db, "chart", "funnel", "--segment", "smb")
    assert "3 attempts → 3 conversations (100%) → 1 yes" in out


def test_effort_only_mode_says_why(db, capsys, sqlite_location):
    ctx = AppContext.open(sqlite_location)
    start_effort_only(ctx, local_today(ctx))
    ctx.close()
    code, out, _ = run(capsys, "--db", db, "chart", "funnel")
    assert code == 0 and "effort-only" in out and "Q4 sprint" in out and "costs" not in out
    code, out, _ = run(capsys, "--db", db, "review")
    assert "effort-only" in out and "Stated vs real" not in out


def test_bad_arguments_get_one_sentence(db, capsys):
    code, _, err = run(capsys, "--db", db, "chart", "effort", "--days", "0")
    assert code != 0 and "number of days" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", db, "review", "--month", "2026-13")
    assert code != 0 and "does not exist in the calendar" in err
    code, _, err = run(capsys, "--db", db, "review", "--challenge", "999")
    assert code != 0 and "no challenge" in err
    with pytest.raises(SystemExit):
        main(["--db", db, "chart", "nope"])


def test_review_to_a_file_with_the_adjust_section(db, capsys, tmp_path, sqlite_location):
    ctx = AppContext.open(sqlite_location)
    month = local_today(ctx).strftime("%Y-%m")
    ctx.close()
    target = tmp_path / "review.md"
    code, out, _ = run(capsys, "--db", db, "review", "--month", month, "--adjust",
                       "Mornings only *for calls*", "-o", str(target))
    assert code == 0 and str(target) in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Review of ")
    assert "## Rejection kinds" in text and "| Not right now | 3 |" in text
    assert "## Adjust" in text and "Mornings only \\*for calls\\*" in text
    code, out, _ = run(capsys, "--db", db, "review", "--month", month)  # kept in the store
    assert "Mornings only \\*for calls\\*" in out


def _run_in_pty(argv: list[str], cols: int = 100, rows: int = 30) -> tuple[int, str]:
    """Run the CLI with its stdout on a real terminal (a pty) and colour left on."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    proc = subprocess.Popen([sys.executable, "-m", "rejection_therapy", *argv], stdout=slave,
                            stderr=slave, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=60)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("name", ["effort", "cumulative", "calendar", "hours", "answers", "kinds",
                                  "channels", "funnel"])
def test_every_chart_in_a_real_terminal_with_colour(db, monkeypatch, name):
    """`chart answers` exited 70 in a real terminal: the colour path was never run (issue 11)."""
    monkeypatch.delenv("NO_COLOR")
    ctx = AppContext.open(resolve_db(db))
    try:
        add_rated_cells(ctx, local_today(ctx))
    finally:
        ctx.close()
    code, out = _run_in_pty(["--db", db, "chart", name])
    assert code == 0, out
    assert "\x1b[" in out
    assert "Unexpected error" not in out


def test_calendar_summary_once_and_whole_number_ticks(db, capsys):
    import re

    code, out, _ = run(capsys, "--db", db, "chart", "calendar", "--width", "100")
    assert code == 0 and out.count("attempts on 4 of 365 days") == 1  # was printed twice
    for name in ("effort", "cumulative", "kinds", "channels"):
        _, out, _ = run(capsys, "--db", db, "chart", name, "--width", "100")
        ticks = re.findall(r"^\s*([0-9][0-9,.e+]*)┤", out, re.M)
        assert ticks and all(re.fullmatch(r"\d{1,3}(,\d{3})*", t) for t in ticks), (name, ticks)


def test_count_ticks_have_thousands_separators():
    from rejection_therapy.insights.charts import _count_ticks

    class Ruler:
        def ticks(self, pos, labels):
            self.labels = labels

        def lim(self, lo, hi):
            self.range = (lo, hi)

    ruler = Ruler()

    class Fig:
        def ruler(self, axis):
            return ruler

    _count_ticks(Fig(), 2345)
    assert ruler.labels == ["0", "1,000", "2,000", "3,000"]
    _count_ticks(Fig(), 3.3)
    assert ruler.labels == ["0", "1", "2", "3", "4"]


def test_demo_with_a_command_is_refused_in_one_sentence(capsys):
    code, out, err = run(capsys, "--demo", "today")
    assert code == 2 and "--demo only opens the app" in err and "unrecognized" not in err
    assert err.count("\n") == 1


def test_unsupported_database_names_the_supported_backends(capsys):
    code, _, err = run(capsys, "--db", "mysql://u@localhost/x", "goal")
    assert code == 2, err
    assert "SQLite" in err and "PostgreSQL" in err and "not installed" not in err
