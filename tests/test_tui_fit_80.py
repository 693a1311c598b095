"""Screens read at 80x24 as a new user would: nothing cut that fits, nothing wrapped under
the wrong column (the wins journal, people, the help screen, the ladder's field)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Static

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services import wins as wins_svc

from .tui_helpers import in_store, make_test_app, settle

WIN = "Good conversation even without a sale"  # 37 characters
NAME = "Lumen Health and Wellness Partners"


def seed(s, pid):
    now = clock.now()
    attempts_svc.log_attempt(s, pid, AttemptInput(outcome="no", target=NAME, follow_up_on="2027-01-05"),
                             now=now - timedelta(hours=1))
    wins_svc.add_win(s, pid, WIN, now=now - timedelta(minutes=30))


def column_widths(table: DataTable) -> int:
    return sum(c.get_render_width(table) for c in table.columns.values())


async def test_wins_and_people_fit_80_columns(sqlite_location):
    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert column_widths(table) <= 78
        win = next(c for c in table.columns.values() if str(c.label) == "Win")
        assert win.width >= len(WIN)  # the win gets the room the attempt column does not need
        await pilot.press("P")
        await settle(pilot)
        table = app.screen.query_one("#people-table", DataTable)
        assert column_widths(table) <= 78  # every column shows, the follow-up date whole
        assert [str(c.label) for c in table.columns.values()][-1] == "Follow-up"
        assert table.get_row_at(0)[-1] == "2027-01-05"


async def test_help_keeps_long_lines_in_their_column_at_80(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        keys = [s for s in app.screen.query(".help-key").results(Static)]
        words = [s for s in app.screen.query(".help-what").results(Static)]
        assert keys and len(keys) == len(words)
        wrapped = [w for w in words if w.region.height > 1]
        assert wrapped  # at 80 columns some lines wrap…
        left = {w.region.x for w in words}
        assert len(left) == 1  # …and every line, wrapped or not, starts in the same column
        assert max(k.region.right for k in keys) <= min(left)


async def test_ladder_field_is_framed(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        field = app.screen.query_one("#ladder-text")
        assert field.styles.border_left[0] not in ("", "none") and field.region.height == 1


def test_a_year_calendar_names_every_whole_month():
    from datetime import date

    from rejection_therapy.insights.heatmap import heatmap_data, month_header

    for start in (date(2025, 12, 2), date(2025, 12, 20), date(2025, 12, 28), date(2026, 1, 1)):
        days = [start + timedelta(days=i) for i in range(365)]
        for first_weekday in (0, 6):
            data = heatmap_data(days, [1] * 365, [0] * 365, first_weekday)
            names = month_header(data, data.weeks()).split()
            whole = {(start + timedelta(days=i)).strftime("%b") for i in range(31, 335)}
            assert whole <= set(names), (start, first_weekday, names)


async def test_followups_status_is_one_line_at_80(sqlite_location):
    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        status = app.screen.query_one("#fu-status", Static)
        assert "upcoming" in str(status.render())
        assert status.region.height == 1
        await pilot.press("a")
        await settle(pilot)
        assert "all open" in str(status.render()) and status.region.height == 1
