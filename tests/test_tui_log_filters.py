"""The log screen's filters are ``list``'s (issue 13, item 7): the search box takes
``to: tag: outcome: kind: channel: challenge: since: until:`` and plain words, at 80x24, and
shows the ids ``rejection-therapy list`` prints for the same filters on the same store."""

from __future__ import annotations

import json

import pytest
from textual.widgets import DataTable, Input, Select, Static

from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.list_query import ListQuery, merge, parse_search
from tests.test_ledger_edit import run
from tests.test_tui_log import open_log, shown_ids
from tests.tui_helpers import make_test_app, settle


@pytest.fixture
def logged(db_path, capsys):
    for args in (
        ("log", "no", "--to", "Acme Corp", "--tag", "warm", "--tag", "q4", "--kind", "not-now", "--channel", "email"),
        ("log", "yes", "--to", "acme corp", "--tag", "q4x", "--note", "Loved the DEMO", "--date", "yesterday"),
        ("log", "pending", "--to", "Birch", "--tag", "cold", "--channel", "pitch"),
        ("log", "no", "--to", "Cobalt", "--kind", "not-for-us", "--date", "-3d", "--tag", "cold"),
        ("log", "no", "--to", "Acme Corp", "--kind", "not-for-us", "--channel", "call", "--tag", "cold"),
        ("challenge", "start", "custom", "--days", "5", "--per-day", "1", "--channels", "email,pitch",
         "--name", "Spring sprint"),
    ):
        code, _, err = run(capsys, "--db", db_path, *args)
        assert code == 0, err
    return db_path


def test_parse_search():
    q = parse_search('to:"acme  corp" TAG:cold outcome:no budget talk re:pricing since:-7d')
    assert q == ListQuery(target="acme corp", tag="cold", outcome="no", since="-7d", text="budget talk re:pricing")
    assert parse_search("since:last friday until:2 days ago to:last week") == ListQuery(
        since="last friday", until="2 days ago", target="last", text="week")
    assert parse_search("to: ") == ListQuery()  # a key being typed filters nothing yet
    with pytest.raises(ValidationError, match="given twice"):
        parse_search("tag:a tag:b")
    assert merge(ListQuery(outcome="no"), parse_search("outcome:NO to:x")) == ListQuery(outcome="NO", target="x")
    with pytest.raises(ValidationError, match="set twice"):
        merge(ListQuery(outcome="no"), parse_search("outcome:yes"))


async def type_search(pilot, text: str) -> None:
    box = pilot.app.screen.query_one("#f-search", Input)
    box.value = ""
    pilot.app.screen.action_focus_table()  # after a refused filter the focus stays in the box
    await pilot.press("slash")
    await pilot.press(*text, "enter")
    await settle(pilot)


def status(app) -> str:
    return str(app.screen.query_one("#log-status", Static).render())


async def test_typed_filters_narrow_the_log_at_80x24(logged, sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_log(pilot)
        assert sorted(shown_ids(table)) == [1, 2, 3, 4, 5]
        await type_search(pilot, "to:acme tag:cold")
        assert shown_ids(table) == [5]
        assert "Showing 1 of 1 attempts matching" in status(app)
        await type_search(pilot, "to:acme outcome:no kind:not-now")
        assert shown_ids(table) == [1]
        await type_search(pilot, 'to:"ACME  corp" demo')  # a quoted name and a plain word
        assert shown_ids(table) == [2]
        await type_search(pilot, "challenge:spring")  # by the start of its name: its days and channels
        assert sorted(shown_ids(table)) == [1, 3]
        await type_search(pilot, "since:yesterday channel:call")  # natural dates, as in list
        assert shown_ids(table) == [5, 2]
        # A bad filter: one sentence where the count was, the rows stay, the app runs on.
        await type_search(pilot, "challenge:nope")
        assert "There is no challenge 'nope'" in status(app)
        assert shown_ids(table) == [5, 2]
        await type_search(pilot, "tag:a tag:b")
        assert "tag: is given twice" in status(app)
        assert app.screen.query_one("#f-search", Input).has_class("-invalid")
        app.screen.query_one("#f-outcome", Select).value = "yes"  # the bar and the box together
        await type_search(pilot, "outcome:no")
        assert "set twice" in status(app)
        await pilot.press("escape", "ctrl+x")  # in the box ctrl+x cuts text: Esc goes to the table
        await settle(pilot)
        assert sorted(shown_ids(table)) == [1, 2, 3, 4, 5] and app.is_running


PAIRS = [
    ("to:acme", ("--to", "acme")),
    ("tag:cold outcome:no", ("--tag", "cold", "--outcome", "no")),
    ("kind:not-for-us to:acme", ("--kind", "not-for-us", "--to", "acme")),
    ("channel:email", ("--channel", "email")),
    ("demo", ("--text", "demo")),
    ("challenge:1", ("--challenge", "1")),
    ('challenge:"spring sprint" since:-1d', ("--challenge", "Spring Sprint", "--since", "-1d")),
    ("until:yesterday", ("--until", "yesterday")),
]


async def test_screen_and_list_show_the_same_ids(logged, sqlite_location, capsys):
    expected = {}
    for search, argv in PAIRS:
        code, out, err = run(capsys, "--db", logged, "list", "--json", *argv)
        assert code == 0, err
        expected[search] = [a["id"] for a in json.loads(out)["attempts"]]
    assert len({tuple(v) for v in expected.values()}) >= 5  # the cases differ
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        table: DataTable = await open_log(pilot)
        for search, _argv in PAIRS:
            await type_search(pilot, search)
            assert (search, shown_ids(table)) == (search, expected[search])
