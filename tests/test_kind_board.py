"""Competitions that stay kind: the top three by place, everyone else "in the race" (never
"last"), each member's personal best beside the place, and opting out of the name."""

from __future__ import annotations

from datetime import UTC, datetime

from rejection_therapy.core import competition as rules
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts, competitions, profiles
from rejection_therapy.services import settings as settings_svc

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _log(s, pid: int, outcome: str, day: int, n: int) -> None:
    for _ in range(n):
        attempts.log_attempt(s, pid, AttemptInput(outcome=outcome), now=datetime(2026, 11, day, 12, tzinfo=UTC))


def test_place_labels():
    assert [rules.place_label(r) for r in (1, 2, 3, 4, 9)] == ["1st", "2nd", "3rd", "in the race", "in the race"]


def test_board_places_bests_and_a_hidden_name(ctx):
    with ctx.store.write() as s:
        ids = {}
        for name in ("Ann", "Ben", "Cat", "Dan", "Eve"):
            ids[name] = profiles.create(s, name).id
            settings_svc.update(s, ids[name], timezone="UTC")
        _log(s, ids["Ann"], "no", 3, 6)       # Ann: best day 6 no's (October's 9 below is better)
        _log(s, ids["Ben"], "no", 4, 4)
        _log(s, ids["Ben"], "yes", 4, 5)      # attempts, not no's
        _log(s, ids["Cat"], "no", 5, 3)
        _log(s, ids["Dan"], "no", 6, 2)
        _log(s, ids["Eve"], "no", 7, 1)
        for _ in range(9):
            attempts.log_attempt(s, ids["Ann"], AttemptInput(outcome="no"), now=datetime(2026, 10, 2, 12, tzinfo=UTC))
        profiles.set_name_hidden(s, ids["Dan"], True)
        competitions.start(s, ids["Ann"], "Nos", "month", with_names="Ann,Ben,Cat,Dan,Eve", now=NOW)
        competitions.start(s, ids["Ann"], "Effort", "month", metric="attempts",
                           with_names="Ann,Ben,Cat,Dan,Eve", now=NOW)
    with ctx.store.read() as s:
        board = competitions.board(s, ids["Ann"], "Nos", now=NOW)
        own = competitions.board(s, ids["Dan"], "Nos", now=NOW)
        effort = competitions.board(s, ids["Ann"], "Effort", now=NOW)
        text = "\n".join(competitions.format_board(board))
    assert [(x.name, x.count, rules.place_label(x.rank)) for x in board.standings] == [
        ("Ann", 6, "1st"), ("Ben", 4, "2nd"), ("Cat", 3, "3rd"),
        ("a teammate", 2, "in the race"), ("Eve", 1, "in the race"),
    ]
    assert board.bests[ids["Ann"]] == 9 and board.bests[ids["Ben"]] == 4
    assert "Dan" in [x.name for x in own.standings]  # you always see your own name
    assert "Dan" not in text and "last" not in text.lower() and "in the race" in text
    assert "best day" in text
    assert [(x.name, x.count) for x in effort.standings][:1] == [("Ben", 9)]
    assert effort.bests[ids["Ben"]] == 9


async def test_leaderboard_screen_reads_in_the_race_with_best_days(sqlite_location):
    from textual.widgets import DataTable

    from tests.tui_helpers import in_store, make_test_app, settle

    def setup(s, me):
        settings_svc.update(s, me, timezone="UTC", onboarded=True)
        for i, name in enumerate(("Ann", "Ben", "Cat", "Dan")):
            pid = profiles.create(s, name).id
            settings_svc.update(s, pid, timezone="UTC")
            for _ in range(5 - i):  # today, whatever day the clock is pinned to
                attempts.log_attempt(s, pid, AttemptInput(outcome="no"))
        profiles.set_name_hidden(s, pid, True)  # Dan
        competitions.start(s, me, "Kind", "month")

    in_store(sqlite_location, setup)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        table = app.screen.query_one("#lb-board", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    assert [r[0] for r in rows] == ["1st", "2nd", "3rd", "in the race", "in the race"]
    assert [r[1] for r in rows][:4] == ["Ann", "Ben", "Cat", "a teammate"]
    assert [r[4] for r in rows][:4] == ["5", "4", "3", "2"]
