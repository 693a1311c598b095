"""The review: pure math, a known month, the Adjust section across a restart, Markdown safety."""

from __future__ import annotations

from datetime import date

import pytest

from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.funnel import Funnel
from rejection_therapy.core.review import (
    Figures,
    Rated,
    best_and_worst,
    compare,
    md_escape,
    parse_month,
    previous_month,
    reasons_differ,
    top_reasons,
)
from rejection_therapy.services import review as review_svc
from rejection_therapy.services.context import AppContext

from .test_insights_charts import NOV, fill_known, start_effort_only

# ---------------------------------------------------------------- funnel math (worked examples)


def test_funnel_worked_example_from_the_issue():
    f = Funnel(attempts=480, conversations=40, yeses=10, since_last_yes=36)
    assert f.attempts_per_yes == 48 and f.attempts_to_next_yes == 12
    assert f.conversation_rate == pytest.approx(1 / 12) and f.conversations_per_yes == 4
    assert f.sentence() == "At your rate, a yes costs 48 attempts; 12 more to go, on average."


def test_funnel_rounds_a_fractional_cost_up_and_never_goes_below_zero():
    f = Funnel(attempts=100, conversations=9, yeses=3, since_last_yes=40)
    assert f.attempts_per_yes == pytest.approx(33.33, rel=1e-3)
    assert f.attempts_to_next_yes == 0
    assert f.sentence() == "At your rate, a yes costs 34 attempts; the next one is due any time now."


def test_funnel_without_a_yes():
    assert Funnel(0, 0, 0).sentence() == "No attempts yet: the first one is the hardest."
    f = Funnel(25, 3, 0, since_last_yes=25)
    assert f.attempts_per_yes is None and f.attempts_to_next_yes is None
    assert f.sentence().startswith("25 attempts so far and no yes yet")


# ---------------------------------------------------------------- review rules


def test_months():
    assert parse_month("2026-11") == (date(2026, 11, 1), date(2026, 11, 30))
    assert parse_month("2024-2") == (date(2024, 2, 1), date(2024, 2, 29))
    assert previous_month("2026-01") == "2025-12"
    for bad in ("2026-13", "11/2026", "", "2026-00"):
        with pytest.raises(ValidationError):
            parse_month(bad)


def test_reasons_compared_and_ranked():
    assert not reasons_differ("No budget", "no budget.")
    assert reasons_differ("No budget", "Didn't see the value")
    assert not reasons_differ("No budget", None)
    ranked = top_reasons([("No budget", 2), ("no  budget", 1), ("Too expensive", 3), ("Bad timing", 1)])
    assert ranked == [("No budget", 3), ("Too expensive", 3), ("Bad timing", 1)]


def test_best_and_worst_need_a_sample():
    items = [Rated("call", 10, 5), Rated("email", 10, 1), Rated("dm", 2, 2)]
    best, worst = best_and_worst(items)
    assert (best.key, worst.key) == ("call", "email")  # dm's 100% of 2 is noise
    # Issue 11: "Channel best call (0% of 1) / worst call (0% of 1)", "Hour best 05:00 (0% of 3)".
    assert best_and_worst([Rated("call", 1, 0)]) == (None, None)
    assert best_and_worst([Rated("05", 3, 0), Rated("06", 4, 1)]) == (None, None)
    assert best_and_worst([Rated("call", 12, 0), Rated("dm", 15, 0)]) == (None, None)  # nothing to choose
    assert best_and_worst([]) == (None, None)


def test_review_opens_on_the_month_that_just_ended_in_the_first_days():
    from rejection_therapy.core.review import default_month

    assert default_month(date(2026, 12, 1), ["2026-11"])[0] == "2026-11"
    key, note = default_month(date(2026, 12, 2), ["2026-11", "2026-12"])
    assert key == "2026-11" and "November 2026" in note and "December 2026" in note
    assert default_month(date(2026, 12, 9), ["2026-11", "2026-12"]) == ("2026-12", None)
    key, note = default_month(date(2026, 12, 9), ["2026-09"])  # nothing since September
    assert key == "2026-09" and "Nothing logged in December 2026" in note
    assert default_month(date(2026, 12, 1), []) == ("2026-12", None)


def test_review_service_on_the_first_of_a_month_says_which_month(known):
    with known.store.read() as s:
        r = review_svc.build(s, known.profile_id, today=date(2026, 12, 1))
    assert r.period_key == "2026-11" and r.figures.attempts == 10
    md = review_svc.render_markdown(r)
    assert "_Showing November 2026, the month that just ended" in md


def test_compare_rows():
    rows = compare(Figures(100, 10, 60, 2, 30, 20), Figures(150, 30, 80, 3, 30, 22))
    by = {r[0]: r for r in rows}
    assert by["Attempts"] == ("Attempts", "100", "150", "+50%")
    assert by["Conversation rate"] == ("Conversation rate", "10%", "20%", "+10 points")
    assert by["Silence rate"][3] == "-10 points"
    assert [r[0] for r in compare(Figures(), Figures(), outcomes=False)] == ["Attempts", "Active days"]


def test_markdown_escaping_makes_user_text_inert():
    out = md_escape("[click](http://evil.example) *bold* <b>x</b> # title\n- item\n1. first `code`")
    assert "](" not in out and "\\[click\\]" in out and "\\*bold\\*" in out
    assert "<b>" not in out and "://" not in out
    assert "\n\\- item" in out and "\n1\\. first" in out and "\\`code\\`" in out
    assert md_escape("a\x1b[31mred") == "ared"


# ---------------------------------------------------------------- the review of a known month


@pytest.fixture
def known(ctx):
    fill_known(ctx)
    return ctx


def build(ctx, **kw):
    with ctx.store.read() as s:
        return review_svc.build(s, ctx.profile_id, today=NOV, **kw)


def test_review_of_a_known_month(known):
    r = build(known, month="2026-11")
    assert (r.start, r.end, r.period_key) == (date(2026, 11, 1), date(2026, 11, 30), "2026-11")
    f = r.figures
    assert (f.attempts, f.conversations, f.nos, f.yeses, f.silences, f.active_days) == (10, 5, 6, 1, 2, 3)
    assert {k.kind: k.count for k in r.kinds} == {"not-now": 3, "not-for-us": 1, "not-a-priority": 1, "unknown": 1}
    advice = {k.kind: k.advice for k in r.kinds}
    assert advice["not-now"].startswith("follow up later")
    assert advice["not-for-us"].startswith("a gap to note")
    assert advice["not-a-priority"].startswith("a positioning question")
    assert r.top_reasons[0] == ("No budget", 2)
    assert [(p.stated, p.real) for p in r.differing] == [
        ("No budget", "Didn't see the value"),
        ("We have a vendor", "Wrong person [@click=app.quit]x[/]"),
    ]
    # 10 attempts say nothing about the best hour, weekday, channel or segment (issue 11)
    assert r.best_hour is None
    assert all(bw == (None, None) for bw in r.best_worst.values())
    assert r.silence_by_channel[0] == ("email", 2, 2)
    assert [t for _, t in r.wins] == ["Made all my calls", "Good talk [b]bold[/b] *yes*"]
    assert [x[3] for x in r.lessons] == ["Ask who decides"]
    assert r.previous is not None and r.previous.period_key == "2026-10"
    assert r.previous.figures.attempts == 5


def test_markdown_of_the_month(known):
    md = review_svc.render_markdown(build(known, month="2026-11"))
    assert md.startswith("# Review of November 2026\n")
    assert "| Not right now | 3 | follow up later" in md
    assert "1. No budget — 2" in md
    assert "2 attempts where what they said was not what you think it was" in md
    assert "really “Wrong person \\[@click=app.quit\\]x\\[/\\]”" in md
    assert "| Hour | too little data | |" in md
    assert "10 attempts on 3 days" in md and "on 3 active days" in md
    assert "| email | 2 | 100% |" in md
    assert "Good talk \\[b\\]bold\\[/b\\] \\*yes\\*" in md
    assert "| Attempts | 5 | 10 | +100% |" in md


def test_adjust_text_survives_a_restart_and_shows_next_month(sqlite_location):
    ctx = AppContext.open(sqlite_location)
    fill_known(ctx)
    decided = "Call before 10:00.\nDrop [email](http://x) for agencies."
    with ctx.store.write() as s:
        stored = review_svc.save_adjust(s, ctx.profile_id, "2026-11", decided)
    assert stored == decided
    ctx.close()

    ctx = AppContext.open(sqlite_location)  # a new process would see the same
    try:
        assert build(ctx, month="2026-11").adjust_text == decided
        december = build(ctx, month="2026-12")
        assert december.previous.adjust_text == decided
        assert december.previous.figures.attempts == 10 and december.figures.attempts == 0
        md = review_svc.render_markdown(december)
        assert "> Call before 10:00." in md
        assert "> Drop \\[email\\]\\(http:\\/\\/x\\) for agencies." in md
        assert "| Attempts | 10 | 0 | -100% |" in md
        with ctx.store.write() as s:
            assert review_svc.save_adjust(s, ctx.profile_id, "2026-11", "   ") is None
        assert build(ctx, month="2026-11").adjust_text is None
        with pytest.raises(ValidationError), ctx.store.write() as s:
            review_svc.save_adjust(s, ctx.profile_id, "2026-13", "x")
    finally:
        ctx.close()


def test_review_of_a_challenge_and_effort_only(known):
    start_effort_only(known, NOV)
    with known.store.read() as s:
        from rejection_therapy.store.models import Challenge

        ch = s.query(Challenge).one()
    r = build(known, challenge=str(ch.id))
    assert r.period_key == f"challenge:{ch.uuid}" and r.figures.attempts == 10
    assert r.outcomes_hidden and not r.kinds and not r.differing
    md = review_svc.render_markdown(r)
    assert "effort-only" in md and "Stated vs real" not in md and "No's survived" not in md
