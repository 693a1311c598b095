"""The comfort ladder (issue 15, item 2): next-rung rule, services on both backends, CLI."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core import ladder as rules
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.core.ladder import Rung

TODAY = date(2026, 11, 18)
RUNGS = [Rung(1, "time", 1), Rung(2, "discount", 2), Rung(3, "upgrade", 3), Rung(4, "call", 4),
         Rung(5, "advice", 4), Rung(6, "pitch", 5, done_on=date(2026, 11, 1))]


@pytest.mark.parametrize(("level", "expected"), [
    (None, 1),  # nothing rated last week: the easiest open rung
    (1, 2), (2, 3), (3, 4),  # just above; ties go to the oldest rung (4 before 5)
    (4, 4),  # nothing open above 4 (the 5 is climbed): the hardest open rung, oldest first
    (5, 4),
])
def test_next_rung_is_just_above_last_week(level, expected):
    assert rules.next_rung(RUNGS, level).id == expected


def test_last_week_is_the_seven_days_ending_today():
    asks = [(TODAY - timedelta(days=7), 5), (TODAY - timedelta(days=6), 2), (TODAY, 3), (TODAY + timedelta(days=1), 5)]
    assert rules.last_week_level(asks, TODAY) == 3
    assert rules.last_week_level([(TODAY - timedelta(days=7), 5)], TODAY) is None
    assert rules.next_rung([r for r in RUNGS if r.done], 2) is None


def test_hardest_ask_of_each_week_as_a_line():
    asks = [(date(2026, 11, 2), 1), (date(2026, 11, 4), 2), (date(2026, 11, 10), 3), (date(2026, 11, 17), 5),
            (date(2026, 11, 16), 4)]
    weeks = rules.hardest_per_week(asks)
    assert weeks == [(date(2026, 11, 2), 2), (date(2026, 11, 9), 3), (date(2026, 11, 16), 5)]
    assert rules.sparkline(level for _w, level in weeks) == "▂▃▇"
    assert rules.hardest_per_week(asks, first_weekday=6)[0] == (date(2026, 11, 1), 2)


@pytest.mark.parametrize(("text", "level", "match"), [("", 2, "Write the ask"), ("x", 0, "1 \\(easy\\)"),
                                                        ("x", "6", "1 \\(easy\\)"), ("x", None, "Give the rung")])
def test_bad_rungs_are_refused(text, level, match):
    with pytest.raises(ValidationError, match=match):
        rules.check_rung_text(text)
        rules.check_rung_discomfort(level)


rung_lists = st.lists(st.builds(Rung, st.integers(1, 50), st.just("r"), st.integers(1, 5),
                                st.one_of(st.none(), st.just(TODAY))), max_size=12)


@given(rung_lists, st.one_of(st.none(), st.integers(1, 5)))
def test_next_rung_properties(rungs, level):
    got = rules.next_rung(rungs, level)
    open_rungs = [r for r in rungs if not r.done]
    if not open_rungs:
        assert got is None
        return
    assert got in open_rungs
    if level is None:
        assert got.discomfort == min(r.discomfort for r in open_rungs)
    elif any(r.discomfort > level for r in open_rungs):
        assert got.discomfort == min(r.discomfort for r in open_rungs if r.discomfort > level)
    else:
        assert got.discomfort == max(r.discomfort for r in open_rungs)


# ---- services, both backends ---------------------------------------------------------


def test_ladder_service_and_linked_attempts(ctx):
    from rejection_therapy.services import attempts, ladder

    now = datetime(2026, 11, 18, 15, tzinfo=UTC)
    with ctx.store.write() as s:
        a = ladder.add(s, ctx.profile_id, "Ask for a discount", "2", now=now)
        b = ladder.add(s, ctx.profile_id, "Cold call", 4, now=now)
        logged = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", rung_id=a.id), now=now)
        row = attempts.get(s, ctx.profile_id, logged.id)
        assert (row.rung_id, row.discomfort) == (a.id, 2)  # the rung's rating, unless given
        with pytest.raises(NotFoundError, match="no rung #999"):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", rung_id=999), now=now)
    with ctx.store.read() as s:
        v = ladder.view(s, ctx.profile_id, now=now)
    assert (v.level, v.next.id) == (2, b.id)
    with ctx.store.write() as s:
        assert ladder.done(s, ctx.profile_id, b.id, now=now).done_on == date(2026, 11, 18)
        with pytest.raises(ValidationError, match="already climbed"):
            ladder.done(s, ctx.profile_id, b.id, now=now)
    with ctx.store.read() as s:
        v = ladder.view(s, ctx.profile_id, now=now)
    assert v.level == 4 and v.next.id == a.id and v.weeks == [(date(2026, 11, 16), 4)]
    with ctx.store.write() as s:
        ladder.remove(s, ctx.profile_id, a.id)
        assert [r.id for r in ladder.list_rungs(s, ctx.profile_id)] == [b.id]


def test_the_hundred_day_preset_starts_an_editable_ladder(ctx):
    from rejection_therapy.services import challenges, ladder

    with ctx.store.write() as s:
        challenges.start_challenge(s, ctx.profile_id, "100-day")
        rungs = ladder.list_rungs(s, ctx.profile_id)
        assert len(rungs) == len(rules.STARTER_LADDER) and rungs[0].discomfort == 1
        ladder.remove(s, ctx.profile_id, rungs[0].id)
        assert ladder.seed_starter(s, ctx.profile_id) == 0  # never refills a ladder in use


# ---- CLI -----------------------------------------------------------------------------


def run(capsys, *args):
    from rejection_therapy.__main__ import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_ladder_commands(db_path, capsys):
    assert run(capsys, "--db", db_path, "ladder", "list")[1].startswith("Your ladder is empty.")
    code, out, _ = run(capsys, "--db", db_path, "ladder", "add", "Ask for a discount", "--discomfort", "2")
    assert (code, out) == (0, "Rung #1 added: #1    2/5  Ask for a discount  (open)\n")
    run(capsys, "--db", db_path, "ladder", "add", "Cold call", "-d", "4")
    assert run(capsys, "--db", db_path, "ladder", "next")[1] == \
        "Next rung: #1 Ask for a discount (2/5; nothing rated in the last 7 days).\n"
    assert run(capsys, "--db", db_path, "log", "no", "--rung", "1")[0] == 0  # the full path checks the rung
    assert run(capsys, "--db", db_path, "ladder", "next")[1].startswith("Next rung: #2 Cold call (4/5;")
    assert run(capsys, "--db", db_path, "ladder", "done", "2")[1].startswith("Rung #2 climbed on ")
    out = run(capsys, "--db", db_path, "ladder", "list")[1]
    assert "Hardest ask per week: ▅" in out and "(climbed " in out
    for bad, code_wanted in ((["ladder", "add", "x", "-d", "7"], 2), (["ladder", "done", "9"], 3),
                             (["log", "no", "--rung", "9"], 3), (["ladder", "done", "2"], 2),
                             (["ladder", "remove", "x"], 2)):
        code, out, err = run(capsys, "--db", db_path, *bad)
        assert (code, out) == (code_wanted, "") and err.count("\n") == 1, bad
