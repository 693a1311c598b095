"""Shared lessons: off by default, the lesson not the name, withdrawable, newest first;
the Team feed screen and the why? panel key; `team feed|share|withdraw` on the CLI."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.services import attempts, lessons, profiles
from rejection_therapy.store.models import SharedLesson
from tests.tui_helpers import in_store, make_test_app, settle


def _no(s, pid, **kw) -> int:
    return attempts.log_attempt(s, pid, AttemptInput(outcome="no", **kw)).id


def test_share_feed_withdraw_on_both_backends(ctx):
    t0 = clock.now() - timedelta(hours=2)
    with ctx.store.write() as s:
        me = ctx.profile_id
        sam = profiles.create(s, "Sam").id
        a = _no(s, me, channel="call", target="Dana Smith", notes="PRIVATE-NOTE",
                lesson="Dana said budget is gone; Smith wants Q2", kind="not-now")
        b = _no(s, sam, channel="email", real_reason="pitched before asking about their week")
        c = _no(s, me, channel="dm")  # nothing written: nothing to share
        assert lessons.feed(s, me) == []  # off by default
        first = lessons.share(s, me, a, now=t0)
        lessons.share(s, sam, b, now=t0 + timedelta(minutes=5))
        with pytest.raises(ValidationError):
            lessons.share(s, me, c)
        with pytest.raises(NotFoundError):
            lessons.share(s, me, b)  # someone else's no
    assert "Dana" not in first.lesson and "Smith" not in first.lesson and "budget" in first.lesson
    with ctx.store.read() as s:
        feed = lessons.feed(s, ctx.profile_id)
        stored = list(s.scalars(select(SharedLesson)))
    assert [(i.who, i.channel) for i in feed] == [("Sam", "email"), (ctx.profile.name, "call")]
    assert feed[1].kind == "not-now" and feed[1].mine and not feed[0].mine
    assert all("PRIVATE-NOTE" not in (r.lesson or "") for r in stored)
    with ctx.store.write() as s:
        profiles.set_name_hidden(s, sam, True)
        assert lessons.withdraw(s, ctx.profile_id, b) is False  # not mine to withdraw
        assert lessons.withdraw(s, ctx.profile_id, a) is True
    with ctx.store.read() as s:
        feed = lessons.feed(s, ctx.profile_id)
    assert [(i.who, i.channel) for i in feed] == [("a teammate", "email")]


def test_cli_team_share_feed_withdraw(sqlite_location, capsys):
    from rejection_therapy.__main__ import main

    db = str(sqlite_location.path)
    aid = in_store(sqlite_location, lambda s, pid: _no(s, pid, channel="call", lesson="ask for the next step"))
    assert main(["--db", db, "team", "feed"]) == 0
    assert "No shared lessons yet" in capsys.readouterr().out
    assert main(["--db", db, "team", "share", str(aid)]) == 0
    assert main(["--db", db, "team", "feed"]) == 0
    assert "ask for the next step" in capsys.readouterr().out
    assert main(["--db", db, "team", "share", "x1"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert main(["--db", db, "team", "withdraw", str(aid)]) == 0
    assert main(["--db", db, "team", "withdraw", str(aid)]) == 3
    capsys.readouterr()
    assert main(["--db", db, "team", "feed"]) == 0
    assert "No shared lessons yet" in capsys.readouterr().out


async def test_why_panel_key_shares_and_team_feed_shows_it(sqlite_location):
    from textual.widgets import DataTable

    from rejection_therapy.tui.widgets.why_panel import WhyPanel

    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one(WhyPanel).is_open
        await pilot.press("tab", "tab")
        await pilot.press(*"[b]ask about timing first")
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert app.screen.TITLE == "Team feed"
        table = app.screen.query_one("#tf-table", DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[4]) == "[b]ask about timing first"  # literal, not markup
        await pilot.press("x")
        await settle(pilot)
        assert table.row_count == 0
    assert in_store(sqlite_location, lambda s, pid: s.scalars(select(SharedLesson)).all()) == []
