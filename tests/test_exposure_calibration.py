"""Predict, then compare (issue 15, item 1): guess / dread / sting and the calibration view."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.__main__ import main
from rejection_therapy.core import calibration as cal
from rejection_therapy.core.attempts import AttemptInput, clean_fields
from rejection_therapy.core.calibration import Guess
from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.settings import Settings

D = date(2026, 11, 2)


def g(outcome, guess=None, dread=None, sting=None, channel="call", day=D):
    return Guess(day, channel, outcome, guess, dread, sting)


# ---- core: worked examples ---------------------------------------------------------


def test_expected_vs_actual_yes_worked_example():
    # Guesses 10, 20, 30, 12 (mean 18 %); 1 yes of 4 decided = 25 %; the pending one is left out.
    rows = [g("no", 10), g("yes", 20), g("no", 30), g("silence", 12), g("pending", 90)]
    c = cal.calibrate(rows)
    assert c.guessed == 4
    assert c.expected_yes == pytest.approx(0.18)
    assert c.actual_yes == pytest.approx(0.25)
    assert c.surprise == pytest.approx(0.07)
    # Brier: (0.1² + 0.8² + 0.3² + 0.12²) / 4 = (0.01 + 0.64 + 0.09 + 0.0144) / 4
    assert c.brier == pytest.approx(0.7544 / 4)
    assert cal.yes_sentence(c) == "You expected yes 18 % of the time; 25 % said yes."


def test_the_issue_sentence():
    # 100 attempts guessed at 18 %; 31 said yes.
    rows = [g("yes", 18)] * 31 + [g("no", 18)] * 69
    assert cal.yes_sentence(cal.calibrate(rows)) == "You expected yes 18 % of the time; 31 % said yes."


def test_sting_compares_dread_with_what_a_no_felt():
    rows = [g("no", dread=4, sting=2), g("silence", dread=5, sting=2), g("no", dread=3),  # no sting: out
            g("yes", dread=5, sting=None)]
    c = cal.calibrate(rows)
    assert (c.stung, c.expected_sting, c.actual_sting) == (2, 4.5, 2.0)
    assert c.guessed == 0 and c.expected_yes is None
    assert cal.sting_sentence(c) == "You expected a no to hurt 4.5 of 5; it felt 2.0 of 5 (2 no's noted)."


def test_by_channel_and_over_time():
    rows = [g("yes", 50, channel="email", day=date(2026, 10, 30)), g("no", 10, day=date(2026, 10, 31)),
            g("no", 20, day=date(2026, 11, 1)), g("pending", 40, channel="dm")]
    chans = cal.by_channel(rows)
    assert list(chans) == ["call", "email"]  # dm has only a pending guess
    assert chans["call"].expected_yes == pytest.approx(0.15) and chans["call"].actual_yes == 0
    months = cal.over_time(rows)
    assert [m for m, _ in months] == [date(2026, 10, 1), date(2026, 11, 1)]
    assert months[0][1].expected_yes == pytest.approx(0.30) and months[0][1].actual_yes == 0.5


def test_no_guesses_gives_a_hint_not_a_zero():
    lines = cal.summary_lines(cal.calibrate([g("no"), g("yes")]))
    assert lines[0].startswith("No guesses yet.")


def test_percent_rounds_half_up():
    assert (cal.pct(0.185), cal.pct(0.125), cal.pct(0.0), cal.pct(1.0)) == (19, 13, 0, 100)


@pytest.mark.parametrize("value", ["101", "-1", "²", "1.5", "abc", True, 3.0])
def test_bad_guesses_are_refused_with_one_sentence(value):
    with pytest.raises(ValidationError, match="0 to 100"):
        cal.check_guess(value)


@pytest.mark.parametrize("value", ["0", "6", "٣", 9])
def test_bad_dread_and_sting(value):
    with pytest.raises(ValidationError, match="1 \\(barely\\) to 5"):
        cal.check_dread(value)
    with pytest.raises(ValidationError, match="1 \\(barely\\) to 5"):
        cal.check_sting(value)


def test_row_rule_keeps_guesses_and_drops_a_sting_on_a_yes():
    values = clean_fields(AttemptInput(outcome="no", guess_pct="20%", dread="4", sting=2), Settings())
    assert (values["guess_pct"], values["dread"], values["sting"]) == (20, 4, 2)
    values = clean_fields(AttemptInput(outcome="yes", guess_pct=0, sting=2), Settings())
    assert (values["guess_pct"], values["sting"]) == (0, None)


outcomes = st.sampled_from(["yes", "no", "silence", "pending"])
guess_rows = st.lists(st.builds(g, outcomes, st.one_of(st.none(), st.integers(0, 100)),
                                st.one_of(st.none(), st.integers(1, 5)), st.one_of(st.none(), st.integers(1, 5)),
                                st.sampled_from(["call", "email"])), max_size=40)


@given(guess_rows)
def test_calibration_properties(rows):
    c = cal.calibrate(rows)
    decided = [r for r in rows if r.outcome != "pending" and r.guess_pct is not None]
    assert c.guessed == len(decided)
    if decided:
        assert 0 <= c.expected_yes <= 1 and 0 <= c.actual_yes <= 1 and 0 <= c.brier <= 1
        yes = sum(r.outcome == "yes" for r in decided)
        assert c.actual_yes == pytest.approx(yes / len(decided))
    else:
        assert c.expected_yes is None and c.brier is None
    if c.stung:
        assert 1 <= c.expected_sting <= 5 and 1 <= c.actual_sting <= 5
    # Channels split the guesses without losing any.
    assert sum(x.guessed for x in cal.by_channel(rows).values()) == c.guessed
    assert sum(x.guessed for _, x in cal.over_time(rows)) == c.guessed


@given(st.integers(0, 100))
def test_every_whole_percent_is_accepted_in_both_spellings(n):
    assert cal.check_guess(n) == cal.check_guess(str(n)) == cal.check_guess(f"{n} %") == n


# ---- services, both backends -------------------------------------------------------


def test_log_outcome_sting_and_view(ctx):
    from rejection_therapy.services import attempts, calibration

    with ctx.store.write() as s:
        a = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="pending", guess_pct=20, dread=4))
        b = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="yes", channel="email", guess_pct=10))
        attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"))  # no guess: not counted
    with ctx.store.write() as s:
        row = attempts.set_outcome(s, ctx.profile_id, a.id, "no", sting=2)
        assert row.sting == 2
    with ctx.store.write() as s, pytest.raises(ValidationError, match="Sting"):
        attempts.set_outcome(s, ctx.profile_id, b.id, "yes", sting=3)
    with ctx.store.read() as s:
        v = calibration.view(s, ctx.profile_id)
    assert (v.overall.guessed, v.overall.stung) == (2, 1)
    assert v.lines() == ["You expected yes 15 % of the time; 50 % said yes.",
                         "You expected a no to hurt 4.0 of 5; it felt 2.0 of 5 (1 no noted)."]
    assert set(v.by_channel) == {"call", "email"}
    # A no that turns into a yes loses its sting; the triggers still count the day right.
    with ctx.store.write() as s:
        assert attempts.set_outcome(s, ctx.profile_id, a.id, "yes").sting is None
    with ctx.store.read() as s:
        from rejection_therapy.services import today

        assert today.summary(s, ctx.profile_id).attempts == 3


def test_edit_keeps_the_guess(ctx):
    from rejection_therapy.services import attempts

    with ctx.store.write() as s:
        a = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", guess_pct=35, dread=2))
        row = attempts.update_fields(s, ctx.profile_id, a.id, notes="later", sting=1)
        assert (row.guess_pct, row.dread, row.sting, row.notes) == (35, 2, 1, "later")


# ---- CLI ---------------------------------------------------------------------------


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("quick", ["1", "0"])
def test_cli_guess_dread_sting_and_chart(db_path, capsys, monkeypatch, quick):
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", quick)
    monkeypatch.setenv("NO_COLOR", "1")
    assert run(capsys, "--db", db_path, "today")[0] == 0
    assert run(capsys, "--db", db_path, "log", "no", "--guess", "20", "--dread", "4")[1] == \
        "Logged no #1 · 1 attempt today\n"
    assert run(capsys, "--db", db_path, "log", "yes", "--guess", "10%")[0] == 0
    code, out, err = run(capsys, "--db", db_path, "log", "no", "--guess", "150")
    assert (code, out) == (2, "") and "0 to 100" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--db", db_path, "outcome", "1", "no", "--sting", "2")
    assert code == 0 and out.endswith("It stung 2 of 5.\n")
    code, _, err = run(capsys, "--db", db_path, "outcome", "2", "yes", "--sting", "2")
    assert code == 2 and "Sting" in err
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT id, guess_pct, dread, sting FROM attempts ORDER BY id").fetchall() == \
        [(1, 20, 4, 2), (2, 10, None, None)]
    assert conn.execute("SELECT attempts FROM day_totals").fetchall() == [(2,)]
    conn.close()
    code, out, _ = run(capsys, "--db", db_path, "chart", "calibration", "--width", "80")
    assert code == 0
    assert "You expected yes 15 % of the time; 50 % said yes." in out
    assert "You expected a no to hurt 4.0 of 5; it felt 2.0 of 5 (1 no noted)." in out


def test_chart_draws_a_line_over_weeks(db_path, capsys, monkeypatch):
    from datetime import timedelta

    from rejection_therapy.config import resolve_db
    from rejection_therapy.services import attempts
    from rejection_therapy.services.context import AppContext

    ctx = AppContext.open(resolve_db(str(db_path)))
    from rejection_therapy import clock

    base = clock.now()
    with ctx.store.write() as s:
        for i, (o, guess) in enumerate([("no", 10), ("yes", 20), ("no", 30), ("yes", 40)]):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome=o, guess_pct=guess),
                                 now=base - timedelta(days=7 * i))
    ctx.close()
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = run(capsys, "--db", db_path, "chart", "calibration", "--width", "80", "--days", "60")
    assert code == 0
    assert "dotted line: the yes % you expected" in out


def test_review_has_a_predict_then_compare_section(ctx):
    from rejection_therapy.services import attempts, review

    with ctx.store.write() as s:
        attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", guess_pct=20, dread=4, sting=2))
        attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="yes", channel="dm|x", guess_pct=40))
    with ctx.store.read() as s:
        text = review.render_markdown(review.build(s, ctx.profile_id))
    section = text.split("## Predict, then compare", 1)[1].split("## Wins", 1)[0]
    assert "You expected yes 30 % of the time; 50 % said yes." in section
    assert "You expected a no to hurt 4.0 of 5; it felt 2.0 of 5 (1 no noted)." in section
    assert "| dm\\|x | 1 | 40 % | 100 % |" in section
