"""``list`` filters: --to, --tag, --kind, --text, --challenge, --limit, natural dates (issue 13, item 7)."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run


@pytest.fixture
def logged(db_path, capsys):
    for args in (
        ("no", "--to", "Acme Corp", "--tag", "warm", "--tag", "q4", "--kind", "not-now", "--channel", "email"),
        ("yes", "--to", "acme corp", "--tag", "q4x", "--note", "Loved the DEMO", "--date", "yesterday"),
        ("pending", "--to", "Birch", "--tag", "50%_off", "--channel", "pitch"),
        ("no", "--to", "Cobalt", "--kind", "not-for-us", "--date", "-3d"),
    ):
        assert run(capsys, "--db", db_path, "log", *args)[0] == 0
    return db_path


def ids(out: str) -> list[int]:
    return [int(line.split()[0][1:]) for line in out.splitlines() if line.startswith("#")]


@pytest.mark.parametrize("args, expected", [
    (("--to", "ACME"), [1, 2]),
    (("--to", "  acme   corp "), [1, 2]),
    (("--tag", "q4"), [1]),
    (("--tag", "Q4X"), [2]),
    (("--tag", "50%_off"), [3]),
    (("--tag", "q"), []),
    (("--kind", "not-for-us"), [4]),
    (("--outcome", "no", "--channel", "email"), [1]),
    (("--text", "demo"), [2]),
    (("--text", "%"), [3]),
    (("--since", "yesterday"), [1, 3, 2]),
    (("--until", "-1d", "--limit", "1"), [2]),
])
def test_list_filters(logged, capsys, args, expected):
    code, out, err = run(capsys, "--db", logged, "list", *args)
    assert (code, err) == (0, "")
    assert sorted(ids(out)) == sorted(expected)
    if not expected:
        assert out == "No attempts match.\n"


def test_list_by_challenge_uses_its_days_and_channels(logged, capsys):
    code, _, err = run(capsys, "--db", logged, "challenge", "start", "custom", "--days", "5", "--per-day", "1",
                       "--channels", "email,pitch")
    assert code == 0, err
    _, out, _ = run(capsys, "--db", logged, "list", "--challenge", "1")
    assert sorted(ids(out)) == [1, 3]


@pytest.mark.parametrize("args, code, words", [
    (("--challenge", "9"), 3, "no challenge #9"),
    (("--kind", "rude"), 2, "rejection kind"),
    (("--since", "soon"), 2, "not a date"),
    (("--since", "today", "--until", "yesterday"), 2, "after the end date"),
    (("--limit", "0"), 2, "limit"),
])
def test_bad_list_filters(logged, capsys, args, code, words):
    got, out, err = run(capsys, "--db", logged, "list", *args)
    assert got == code and words in err and out == ""


def test_list_by_challenge_name(logged, capsys):
    """The log screen's challenge:NAME and list --challenge NAME are one rule (services.list_query)."""
    run(capsys, "--db", logged, "challenge", "start", "custom", "--days", "5", "--per-day", "1",
        "--channels", "email,pitch", "--name", "Spring sprint")
    for ref in ("Spring sprint", "spring", "#1"):
        _, out, err = run(capsys, "--db", logged, "list", "--challenge", ref)
        assert sorted(ids(out)) == [1, 3], (ref, err)
    code, out, err = run(capsys, "--db", logged, "list", "--challenge", "autumn")
    assert code == 3 and "no challenge 'autumn'" in err and out == ""
