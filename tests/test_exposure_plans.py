"""If-then plans (issue 15, item 3): the moment rule, services on both backends, CLI, review."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core import plans as rules
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.core.plans import Plan


@pytest.mark.parametrize(("text", "at", "days"), [
    ("If it is 9:00 on a weekday, then I dial the first ten numbers", time(9), (0, 1, 2, 3, 4)),
    ("If it is 09:30 on Tuesday or thu, then I email", time(9, 30), (1, 3)),
    ("If it is the weekend at 10h15, then I visit a shop", time(10, 15), (5, 6)),
    ("If someone says not now, then I ask when to follow up", None, ()),
    ("If it is 25:00, then nothing", None, ()),
    ("If it is 18:00 on Mondays, then I call 3 (then Sunday)", time(18), (0,)),  # words after "then" don't count
])
def test_moment_is_read_simply_from_the_text(text, at, days):
    assert rules.parse_moment(text) == (at, days)


def test_a_plan_is_due_for_two_hours_on_its_days():
    berlin = ZoneInfo("Europe/Berlin")
    p = Plan(1, "If it is 9:00 on a weekday, then I call", time(9), (0, 1, 2, 3, 4))
    assert not rules.is_due(p, datetime(2026, 11, 20, 8, 59, tzinfo=berlin))  # a Friday
    assert rules.is_due(p, datetime(2026, 11, 20, 9, 0, tzinfo=berlin))
    assert rules.is_due(p, datetime(2026, 11, 20, 10, 59, tzinfo=berlin))
    assert not rules.is_due(p, datetime(2026, 11, 20, 11, 0, tzinfo=berlin))
    assert not rules.is_due(p, datetime(2026, 11, 21, 9, 30, tzinfo=berlin))  # Saturday
    late = Plan(2, "If it is 23:30, then I write tomorrow's list", time(23, 30))
    assert rules.is_due(late, datetime(2026, 11, 21, 0, 30, tzinfo=berlin))  # past midnight, still its moment
    assert not rules.is_due(Plan(3, "If someone says no, then I thank them"), datetime(2026, 11, 20, 9, tzinfo=berlin))
    assert [x.id for x in rules.due([p, late], datetime(2026, 11, 20, 9, 30, tzinfo=berlin))] == [1]


@pytest.mark.parametrize("text", ["", "I will call", "If it rains"])
def test_plans_must_read_if_then(text):
    with pytest.raises(ValidationError):
        rules.check_plan_text(text)


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 6 * 24 * 60))
def test_due_exactly_within_two_hours_of_the_time(hh, mm, minute):
    p = Plan(1, "If …, then …", time(hh, mm))
    local = datetime(2026, 11, 16, tzinfo=UTC) + timedelta(minutes=minute)
    start_today = local.replace(hour=hh, minute=mm, second=0, microsecond=0)
    starts = (start_today, start_today - timedelta(days=1))
    assert rules.is_due(p, local) == any(s <= local < s + timedelta(hours=2) for s in starts)


def test_plans_service(ctx):
    from rejection_therapy.services import challenges, plans

    with ctx.store.write() as s:
        a = plans.add(s, ctx.profile_id, "If it is 9:00 on a weekday, then I dial ten numbers")
        c = challenges.start_challenge(s, ctx.profile_id, "100-day")
        b = plans.add(s, ctx.profile_id, "If someone says not now, then I ask when", c.id)
        with pytest.raises(NotFoundError):
            plans.add(s, ctx.profile_id, "If x, then y", 999)
    with ctx.store.read() as s:
        assert [(p.id, p.at, p.weekdays, p.challenge_id) for p in plans.list_plans(s, ctx.profile_id)] == [
            (a.id, time(9), (0, 1, 2, 3, 4), None), (b.id, None, (), c.id)]
        # The profile's zone decides the moment (UTC for a new test profile unless TZ says otherwise).
        from rejection_therapy.core.days import zone
        from rejection_therapy.services import settings

        tz = zone(settings.load(s, ctx.profile_id).timezone)
        friday_9 = datetime(2026, 11, 20, 9, 15, tzinfo=tz)
        assert [p.id for p in plans.due(s, ctx.profile_id, now=friday_9)] == [a.id]
        assert plans.due(s, ctx.profile_id, now=friday_9 + timedelta(hours=3)) == []
    with ctx.store.write() as s:
        plans.remove(s, ctx.profile_id, a.id)
        assert [p.id for p in plans.list_plans(s, ctx.profile_id)] == [b.id]


def run(capsys, *args):
    from rejection_therapy.__main__ import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plans_commands_goal_challenge_and_review(db_path, capsys):
    code, out, _ = run(capsys, "--db", db_path, "goal", "--daily", "5", "--if-then",
                       "If it is 9:00 on a weekday, then I call", "--if-then", "If they say not now, then I ask when")
    assert code == 0 and out.endswith("Plan #1 If it is 9:00 on a weekday, then I call [09:00, weekdays]\n"
                                      "Plan #2 If they say not now, then I ask when\n")
    code, out, _ = run(capsys, "--db", db_path, "challenge", "start", "custom", "--days", "10", "--per-day", "1",
                       "--if-then", "If it is 18:00 on monday, then I email two")
    assert code == 0 and "Plan #3 If it is 18:00 on monday, then I email two [18:00, Mon] (challenge #1)" in out
    assert run(capsys, "--db", db_path, "plans")[1].count("\n") == 3
    assert run(capsys, "--db", db_path, "plans", "remove", "2")[1] == "Plan #2 removed.\n"
    code, out, err = run(capsys, "--db", db_path, "plans", "add", "call more")
    assert (code, out) == (2, "") and "If <moment>" in err
    assert run(capsys, "--db", db_path, "plans", "remove", "2")[0] == 3
    out = run(capsys, "--db", db_path, "review")[1]
    section = out.split("## If-then plans", 1)[1].split("## Wins", 1)[0]
    assert "Did you follow each one?" in section and section.count("- [ ] ") == 2


def test_the_review_prints_how_to_change_a_plan_and_plans_edit_does(db_path, capsys):
    run(capsys, "--db", db_path, "goal", "--daily", "5", "--if-then", "If it is 9:00 on a weekday, then I call")
    out = run(capsys, "--db", db_path, "review")[1]
    section = out.split("## If-then plans", 1)[1].split("## Wins", 1)[0]
    assert '`rejection-therapy plans edit ID "If …, then …"`' in section
    assert "`rejection-therapy plans remove ID`" in section
    assert '`rejection-therapy plans add "If …, then …"`' in section
    code, out, _ = run(capsys, "--db", db_path, "plans", "edit", "1", "If it is 10:30 on the weekend, then I write")
    assert (code, out) == (0, "Plan #1 If it is 10:30 on the weekend, then I write [10:30, Sat,Sun]\n")
    for bad, exit_code in ((["plans", "edit", "1", "write more"], 2), (["plans", "edit", "9", "If a, then b"], 3),
                           (["plans", "edit", "x", "If a, then b"], 2)):
        code, out, err = run(capsys, "--db", db_path, *bad)
        assert (code, out) == (exit_code, "") and err.count("\n") == 1, bad
    assert run(capsys, "--db", db_path, "plans")[1] == "#1 If it is 10:30 on the weekend, then I write [10:30, Sat,Sun]\n"
    # A challenge's review says how to add a plan to that challenge.
    run(capsys, "--db", db_path, "challenge", "start", "custom", "--days", "10", "--per-day", "1")
    out = run(capsys, "--db", db_path, "review", "--challenge", "1")[1]
    assert '`rejection-therapy plans add "If …, then …" --challenge 1`' in out


def test_update_reads_the_moment_again_on_each_backend(ctx):
    from rejection_therapy.services import plans

    with ctx.store.write() as s:
        p = plans.add(s, ctx.profile_id, "If it is 9:00 on a weekday, then I call")
        q = plans.update(s, ctx.profile_id, p.id, "If someone says not now, then I ask when")
        assert (q.id, q.at, q.weekdays) == (p.id, None, ())
        with pytest.raises(ValidationError):
            plans.update(s, ctx.profile_id, p.id, "")
        with pytest.raises(NotFoundError):
            plans.update(s, ctx.profile_id, p.id + 1, "If a, then b")
    with ctx.store.read() as s:
        assert [x.text for x in plans.list_plans(s, ctx.profile_id)] == ["If someone says not now, then I ask when"]
