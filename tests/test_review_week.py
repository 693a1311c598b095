"""``review --week [YYYY-Www]``: the weekly review, compared with the week before (issue 13, item 9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rejection_therapy import clock
from rejection_therapy.core import dates, days
from rejection_therapy.core.errors import ValidationError
from tests.cli_helpers import run


def test_week_keys():
    assert dates.week_key(date(2026, 11, 18)) == "2026-W47"
    assert dates.parse_week("2026-W47") == (date(2026, 11, 16), date(2026, 11, 22))
    assert dates.parse_week("2026w1") == (date(2025, 12, 29), date(2026, 1, 4))
    assert dates.previous_week("2026-W01") == "2025-W52"
    assert dates.week_key(date(2026, 12, 31)) == "2026-W53"
    for bad in ("2026-W54", "2025-W53", "week 3", "2026-11"):
        with pytest.raises(ValidationError):
            dates.parse_week(bad)


def test_review_week_counts_the_week_and_compares_with_the_one_before(db_path, capsys):
    today = days.local_day(clock.now(), "UTC", 4)
    monday = today - timedelta(days=today.weekday())
    run(capsys, "--db", db_path, "log", "no")
    last_week = (monday - timedelta(days=3)).isoformat()
    for _ in range(2):
        assert run(capsys, "--db", db_path, "log", "no", "--date", last_week)[0] == 0
    key = dates.week_key(today)
    code, out, err = run(capsys, "--db", db_path, "review", "--week")
    assert code == 0, err
    assert out.startswith("# Review of week") and f"{monday.isoformat()} to {(monday + timedelta(6)).isoformat()}" in out
    assert "- Attempts: **1**" in out
    assert f"the week before \\({dates.previous_week(key)}\\)" in out
    code, out, _ = run(capsys, "--db", db_path, "review", "--week", dates.previous_week(key), "--adjust", "Mornings")
    assert code == 0 and "- Attempts: **2**" in out and "Mornings" in out
    _, out, _ = run(capsys, "--db", db_path, "review", "--week", key)
    assert "> Mornings" in out


@pytest.mark.parametrize("args, words", [
    (("--week", "2026-W60"), "does not exist"),
    (("--week", "--month", "2026-11"), "not several"),
    (("--week", "soon"), "not a week"),
])
def test_bad_weeks(db_path, capsys, args, words):
    code, out, err = run(capsys, "--db", db_path, "review", *args)
    assert code == 2 and words in err and out == ""
