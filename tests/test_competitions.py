"""Competitions on a known store: counts, ranks, gaps, ties, silence, closing (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rejection_therapy.core import competition as rules
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.services import attempts, competitions, profiles
from rejection_therapy.services import settings as settings_svc

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # a Friday


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def add_profile(s, name: str) -> int:
    pid = profiles.create(s, name).id
    settings_svc.update(s, pid, timezone="UTC")
    return pid


def log(s, pid: int, outcome: str, when: datetime, n: int = 1) -> list[int]:
    return [attempts.log_attempt(s, pid, AttemptInput(outcome=outcome), now=when).id for _ in range(n)]


@pytest.fixture
def team(ctx):
    """Ann 5 no's (+ silence, yes, pending), Ben 7 no's, Cat 2 no's and lots of silence."""
    with ctx.store.write() as s:
        settings_svc.update(s, ctx.profile_id, timezone="UTC")
        ann = add_profile(s, "Ann")
        ben = add_profile(s, "Ben")
        cat = add_profile(s, "Cat")
        log(s, ann, "no", at(3), 2)
        log(s, ann, "no", at(10), 3)
        log(s, ann, "silence", at(10), 3)
        log(s, ann, "yes", at(11), 2)
        log(s, ann, "pending", at(19), 1)
        log(s, ben, "no", at(4), 4)
        log(s, ben, "no", at(18), 3)
        log(s, cat, "no", at(5), 2)
        log(s, cat, "silence", at(6), 10)
        log(s, cat, "pending", at(19), 2)
        # outside the period: must never count
        log(s, ben, "no", datetime(2026, 10, 31, 12, tzinfo=UTC), 20)
        log(s, cat, "no", datetime(2026, 12, 1, 12, tzinfo=UTC), 20)
    return ctx, {"me": ctx.profile_id, "Ann": ann, "Ben": ben, "Cat": cat}


def test_board_counts_ranks_gaps_and_silence_excluded(team):
    ctx, ids = team
    with ctx.store.write() as s:
        competitions.start(s, ids["Ann"], "November", "month", with_names="Ann,Ben,Cat", now=NOW)
    with ctx.store.read() as s:
        b = competitions.board(s, ids["Ann"], "november", now=NOW)
    got = [(r.name, r.count, r.rank, r.gap) for r in b.standings]
    assert got == [("Ben", 7, 1, 0), ("Ann", 5, 2, 2), ("Cat", 2, 3, 5)]
    assert b.competition.status == "running" and b.days_left == 11
    assert b.me is not None and b.me.name == "Ann"
    assert all(r.reached_at is None for r in b.standings)  # nobody tied: no tie-break query
    # Trend: one value per day from the 1st to today (the 20th); Ben's no's on the 4th and 18th.
    ben = b.standings[0]
    assert len(ben.trend) == 20 and ben.trend[3] == 4 and ben.trend[17] == 3 and sum(ben.trend) == 7
    assert len(ben.spark) == 20 and ben.spark[3] == "█"


def test_attempts_metric_counts_every_outcome(team):
    ctx, ids = team
    with ctx.store.write() as s:
        competitions.start(s, ids["me"], "Effort", "month", metric="attempts", now=NOW)
    with ctx.store.read() as s:
        b = competitions.board(s, ids["me"], "Effort", now=NOW)
    counts = {r.name: r.count for r in b.standings}
    assert counts == {"Cat": 14, "Ann": 11, "Ben": 7, ctx.profile.name: 0}  # default: every profile
    assert [r.rank for r in b.standings] == [1, 2, 3, 4]


def test_silence_turning_into_no_counts_and_no_turning_into_silence_does_not(team):
    ctx, ids = team
    with ctx.store.write() as s:
        competitions.start(s, ids["Cat"], "Nov", "month", now=NOW)
        pending = log(s, ids["Cat"], "pending", at(20, 9), 1)[0]
        first_no = log(s, ids["Cat"], "no", at(20, 10), 1)[0]
    with ctx.store.read() as s:
        assert competitions.board(s, ids["Cat"], now=NOW).me.count == 3
    with ctx.store.write() as s:
        attempts.set_outcome(s, ids["Cat"], pending, "silence", now=NOW)
        attempts.set_outcome(s, ids["Cat"], first_no, "silence", now=NOW)
    with ctx.store.read() as s:
        assert competitions.board(s, ids["Cat"], now=NOW).me.count == 2
    with ctx.store.write() as s:
        attempts.set_outcome(s, ids["Cat"], pending, "no", now=NOW)
    with ctx.store.read() as s:
        assert competitions.board(s, ids["Cat"], now=NOW).me.count == 3


def test_tie_broken_by_who_reached_the_count_first(ctx):
    with ctx.store.write() as s:
        a = add_profile(s, "Early bird")
        b = add_profile(s, "Late starter")
        c = add_profile(s, "Also three")
        # Late starter logs more attempts early, but their third *no* comes last.
        log(s, b, "silence", at(2, 8), 5)
        log(s, b, "no", at(2, 9), 2)
        log(s, a, "no", at(3, 9), 2)
        log(s, a, "no", at(5, 9, 30), 1)  # Early bird's 3rd no: Nov 5 09:30
        log(s, c, "no", at(5, 9, 45), 3)  # Also three: 3rd no Nov 5 09:45
        log(s, b, "no", at(9, 9), 1)  # Late starter's 3rd no: Nov 9
        competitions.start(s, a, "Tie", "month", with_names=["Late starter", "early BIRD", "Also three"], now=NOW)
    with ctx.store.read() as s:
        board = competitions.board(s, a, "Tie", now=NOW)
    assert [(r.name, r.count, r.rank, r.gap) for r in board.standings] == [
        ("Early bird", 3, 1, 0), ("Also three", 3, 2, 0), ("Late starter", 3, 3, 0),
    ]
    assert board.standings[0].reached_at == at(5, 9, 30)
    assert board.standings[2].reached_at == at(9, 9)


def test_tie_break_finds_the_nth_inside_a_day_after_earlier_days(ctx):
    """The tie-break reads the day of the Nth counted attempt from the per-day totals, then the
    Kth counted attempt of that day (the no's before it that day count, a silence does not)."""
    with ctx.store.write() as s:
        a = add_profile(s, "Ada")
        b = add_profile(s, "Bo")
        log(s, a, "no", at(2, 10), 1)
        log(s, a, "no", at(3, 9), 1)  # Ada's 3rd no: Nov 3 11:00 (the 2nd no of that day)
        log(s, a, "silence", at(3, 10), 1)
        log(s, a, "no", at(3, 11), 1)
        log(s, b, "no", at(2, 11), 2)
        log(s, b, "no", at(3, 10, 30), 1)  # Bo's 3rd no: Nov 3 10:30 (the 1st no of that day)
        competitions.start(s, a, "Days", "month", with_names="Ada,Bo", now=NOW)
    with ctx.store.read() as s:
        board = competitions.board(s, a, "Days", now=NOW)
    assert [(r.name, r.reached_at) for r in board.standings] == [("Bo", at(3, 10, 30)), ("Ada", at(3, 11))]
    assert rules.nth_day({date(2026, 11, 2): 1, date(2026, 11, 3): 2}, 3) == (date(2026, 11, 3), 2)
    assert rules.nth_day({date(2026, 11, 2): 1}, 3) is None and rules.nth_day({}, 0) is None


def test_competition_closes_at_the_end_of_its_period_with_its_winner(team):
    ctx, ids = team
    with ctx.store.write() as s:
        info = competitions.start(s, ids["Ann"], "Sprint", "dates", start_day="2026-11-03",
                                  end_day="2026-11-20", now=NOW)
        assert info.status == "running"
        # The last day itself still belongs to the competition.
        assert competitions.close_due(s, ids["Ann"], now=datetime(2026, 11, 20, 23, 59, tzinfo=UTC)) == []
    after = datetime(2026, 11, 21, 9, tzinfo=UTC)
    with ctx.store.read() as s:
        b = competitions.board(s, ids["Ann"], "Sprint", now=after)
    assert b.due_to_close and b.competition.status == "closed" and b.competition.winner == "Ben"
    assert b.days_left == 0
    with ctx.store.write() as s:
        closed = competitions.close_due(s, ids["Ann"], now=after)
        assert [c.name for c in closed] == ["Sprint"]
        assert closed[0].winner == "Ben"
        assert competitions.close_due(s, ids["Ann"], now=after) == []  # only once
        # A no logged late (on a later day) does not change the history.
        log(s, ids["Cat"], "no", after, 30)
    with ctx.store.read() as s:
        b = competitions.board(s, ids["Ann"], "Sprint", now=after)
        history = competitions.list_competitions(s, ids["Ann"], now=after)
    assert not b.due_to_close and b.competition.winner == "Ben"
    assert b.standings[0].name == "Ben"
    assert [(c.name, c.status, c.winner) for c in history] == [("Sprint", "closed", "Ben")]


def test_board_defaults_to_the_running_competition_and_lists_history(team):
    ctx, ids = team
    with ctx.store.write() as s:
        competitions.start(s, ids["Ann"], "Past", "dates", start_day="2026-11-01", end_day="2026-11-20", now=NOW)
        competitions.start(s, ids["Ann"], "Week", "week", now=NOW)
    later = datetime(2026, 11, 21, 12, tzinfo=UTC)
    with ctx.store.read() as s:
        b = competitions.board(s, ids["Ann"], now=later)
        names = [c.name for c in competitions.list_competitions(s, ids["Ann"], now=later)]
    assert b.competition.name == "Week" and b.competition.start_day == date(2026, 11, 16)
    assert names == ["Week", "Past"]  # running first, then the history


def test_start_refuses_bad_input(team):
    ctx, ids = team
    with ctx.store.write() as s:
        competitions.start(s, ids["Ann"], "Nov", now=NOW)
    for kwargs, error in [
        (dict(name="NOV"), ValidationError),  # unique regardless of case
        (dict(name="X", with_names="Ann,Nobody"), NotFoundError),
        (dict(name="X", metric="yeses"), ValidationError),
        (dict(name="X", period="fortnight"), ValidationError),
        (dict(name="X", period="dates", start_day="2026-11-20"), ValidationError),
        (dict(name="X", period="dates", start_day="2026-11-20", end_day="2026-11-01"), ValidationError),
        (dict(name="X", period="dates", start_day="2026-10-01", end_day="2026-10-31"), ValidationError),
        (dict(name="  "), ValidationError),
    ]:
        with pytest.raises(error):
            with ctx.store.write() as s:
                competitions.start(s, ids["Ann"], now=NOW, **kwargs)
    with ctx.store.read() as s:
        assert [c.name for c in competitions.list_competitions(s, ids["Ann"], now=NOW)] == ["Nov"]


def test_my_ranks_for_the_dashboard(team):
    ctx, ids = team
    with ctx.store.write() as s:
        competitions.start(s, ids["Ann"], "Nov", now=NOW, with_names="Ann,Ben,Cat")
        competitions.start(s, ids["Ann"], "Without Ann", now=NOW, with_names="Ben")
    with ctx.store.read() as s:
        mine = competitions.my_ranks(s, ids["Ann"], now=NOW)
        assert competitions.my_ranks(s, ids["me"], now=NOW) == []
    assert [(m.competition.name, m.rank, m.count, m.gap, m.participants, m.leader) for m in mine] == [
        ("Nov", 2, 5, 2, 3, "Ben")
    ]


def test_names_with_control_characters_print_literally(team, capsys):
    ctx, ids = team
    with ctx.store.write() as s:
        evil = add_profile(s, "Eve\x1b[2J[bold]x[/bold]")
        log(s, evil, "no", at(12), 1)
        competitions.start(s, ids["Ann"], "Nov", now=NOW)
    with ctx.store.read() as s:
        lines = competitions.format_board(competitions.board(s, ids["Ann"], now=NOW))
    text = "\n".join(lines)
    assert "\x1b" not in text and "Eve[bold]x[/bold]" in text


# ---- the pure rules ----


def test_periods():
    friday = date(2026, 11, 20)
    assert rules.period_days("week", friday) == (date(2026, 11, 16), date(2026, 11, 22))
    assert rules.period_days("week", friday, first_weekday=6) == (date(2026, 11, 15), date(2026, 11, 21))
    assert rules.period_days("month", date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert rules.period_days("month", date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert rules.period_days("2026-11-02..2026-11-05", friday) == (date(2026, 11, 2), date(2026, 11, 5))
    assert rules.period_days(None, friday, start="2026-11-02", end="2026-11-02") == (date(2026, 11, 2),) * 2
    with pytest.raises(ValidationError):
        rules.period_days("dates", friday, start="2026-01-01", end="2027-06-01")


def test_rank_rules():
    t = datetime(2026, 11, 1, tzinfo=UTC)
    names = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    counts = {1: 4, 2: 4, 3: 4, 4: 0, 5: 0}
    reached = {1: t + timedelta(hours=2), 2: t, 3: t + timedelta(hours=2)}
    out = rules.rank(names, counts, reached)
    assert [(s.name, s.rank) for s in out] == [("b", 1), ("a", 2), ("c", 2), ("d", 4), ("e", 4)]
    assert rules.winner(out).name == "b"
    assert rules.winner(rules.rank(names, {})) is None  # nobody counted anything
    assert rules.tied_counts(counts) == {1: 4, 2: 4, 3: 4}


def test_sparkline_and_compress():
    assert rules.sparkline([0, 1, 2, 4]) == "▁▃▅█"
    assert rules.sparkline([0, 0]) == "▁▁"
    assert rules.sparkline([]) == ""
    assert rules.compress(list(range(62)), 31) == [2 * i + 2 * i + 1 for i in range(31)]
    assert len(rules.compress([1] * 366)) == 31 and sum(rules.compress([1] * 366)) == 366


def test_recently_closed_shows_the_winner_before_and_after_it_is_stored(team):
    ctx, ids = team
    with ctx.store.write() as s:
        competitions.start(s, ids["Ann"], "Sprint", "dates", start_day="2026-11-03", end_day="2026-11-20", now=NOW)
    later = datetime(2026, 11, 22, 9, tzinfo=UTC)
    with ctx.store.read() as s:
        assert [(c.name, c.winner) for c in competitions.recently_closed(s, ids["Ann"], now=later)] == [("Sprint", "Ben")]
        assert competitions.recently_closed(s, ids["Ann"], now=datetime(2026, 11, 30, tzinfo=UTC)) == []
        assert competitions.my_ranks(s, ids["Ann"], now=later) == []
    with ctx.store.write() as s:
        competitions.close_due(s, ids["Ann"], now=later)
    with ctx.store.read() as s:
        assert [(c.name, c.winner) for c in competitions.recently_closed(s, ids["Ann"], now=later)] == [("Sprint", "Ben")]


def test_compete_cli(location, capsys):
    from rejection_therapy.cli import main

    def cli(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", location.url])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert cli("profile", "add", "Zed")[0] == 0
    code, out, _ = cli("compete", "list")
    assert code == 0 and "No competitions yet" in out
    code, out, err = cli("compete", "board")
    assert code == 3 and "compete start" in err
    code, out, _ = cli("compete", "start", "Duel", "--period", "week", "--with", "zed", "--metric", "attempts")
    assert code == 0 and "most attempts" in out and "Participants: Zed" in out
    code, out, _ = cli("compete", "start", "Team")
    assert code == 0 and "most no's" in out
    code, _, err = cli("compete", "start", "team")
    assert code == 2 and "already exists" in err
    code, _, err = cli("compete", "start", "X", "--period", "dates", "--from", "2026-02-30", "--to", "2026-03-01")
    assert code == 2 and "does not exist" in err
    code, out, _ = cli("compete", "board", "Team")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("Team: most no's") and "left)" in lines[0]
    assert lines[1].split() == ["place", "name", "count", "gap", "best", "day", "trend"]
    assert len(lines) == 4 and all(line.split()[0] == "1st" for line in lines[2:])
    code, out, _ = cli("compete", "list")
    assert code == 0 and "Duel: most attempts" in out and "running" in out


def test_board_statements_do_not_grow_with_participants_or_ties(ctx):
    """The board at 5M attempts stays fast because its round trips are fixed: settings, the
    competition, participants with names and bests, the per-day totals, the tie-breaks (one
    statement for all tied members on PostgreSQL; SQLite has no round trips to save)."""
    from sqlalchemy import event

    if ctx.store.location.is_sqlite:
        pytest.skip("one small local query a tied member on SQLite")
    statements: list[str] = []

    def count(_conn, _cur, statement, *_args):
        statements.append(statement)

    def board_statements(name: str) -> int:
        statements.clear()
        event.listen(ctx.store.engine, "before_cursor_execute", count)
        try:
            with ctx.store.read() as s:
                competitions.board(s, ctx.profile_id, name, now=NOW)
        finally:
            event.remove(ctx.store.engine, "before_cursor_execute", count)
        return len(statements)

    with ctx.store.write() as s:
        settings_svc.update(s, ctx.profile_id, timezone="UTC")
        ids = [add_profile(s, f"P{i}") for i in range(8)]
        for k, pid in enumerate(ids):
            log(s, pid, "no", at(3, 9, k), 2)  # everyone tied at 2
        competitions.start(s, ids[0], "Two", "month", with_names="P0,P1", now=NOW)
        competitions.start(s, ids[0], "Eight", "month", with_names=",".join(f"P{i}" for i in range(8)),
                           now=NOW)
    assert board_statements("Two") == board_statements("Eight") <= 5
