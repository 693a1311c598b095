"""Screens read at 80x24 as a new user would: nothing cut that fits, nothing wrapped under
the wrong column (the wins journal, people, the help screen, the ladder's field)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
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


# ---- the demo store at 80x24, colour on, as a reviewer saw it ----------------------------

@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .snapshot_helpers import make_demo_template

    return make_demo_template(tmp_path_factory.mktemp("demo-fit"))


async def open_demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from rejection_therapy.config import resolve_db
    from rejection_therapy.tui.launch import make_app

    from .snapshot_helpers import SNAPSHOT_NOW, copy_store

    monkeypatch.setenv("REJECTION_THERAPY_NOW", SNAPSHOT_NOW)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("rejection_therapy.tui.screens.dashboard.PANEL_DELAY", 0.01)
    return make_app(resolve_db(str(copy_store(demo_template, tmp_path / "store"))), "demo",
                    offer_onboarding=False)


async def demo_ready(app, pilot, mode: str | None = None) -> str:
    """Open the store (and go to ``mode``); the plain text the terminal shows."""
    from .snapshot_helpers import capture

    await settle(pilot)
    app.open_store()
    await settle(pilot)
    if mode:
        await app.switch_mode(mode)
        await settle(pilot)
    await pilot.pause(0.05)
    await settle(pilot)
    return capture(app)[0]


def whole(table: DataTable, key: str) -> tuple[int, int]:
    """(the widest cell of column ``key``, the column's width): whole when the first <= the second."""
    from rich.text import Text
    from textual.widgets.data_table import ColumnKey

    cells = [c.cell_len if isinstance(c, Text) else len(str(c)) for c in table.get_column(ColumnKey(key))]
    assert cells
    return max(cells), table.columns[ColumnKey(key)].width


def framed(widget) -> bool:
    return widget.styles.border_left[0] not in ("", "none") and widget.region.height == 1


async def test_dashboard_fits_80_in_the_demo(demo_template, tmp_path, monkeypatch):
    from rejection_therapy.tui.widgets.key_bar import KeyBar

    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await demo_ready(app, pilot)
        lines = text.splitlines()
        # the total of no's is one line of the Replies box, in its label/value columns
        assert any("No's survived" in line and "1,3" in line for line in lines), text
        assert not any(line.rstrip(" │").endswith(" all") for line in lines)
        # the footer's keys are whole, help and the bad-day key among them
        footer = lines[-1]
        bar = app.screen.query_one(KeyBar)
        for key in bar.shown:
            assert footer[key.start:key.end] == f"{key.key_display} {key.description}", footer
            assert key.end <= 80 - len("▏^p palette")
        assert footer.rstrip().endswith("▏^p palette"), footer
        assert "? Help" in footer and "! Bad day" in footer and "u Undo" in footer
        # no scrollbar piece beside the feature panels' boxes
        panels = app.screen.query_one("#panels")
        assert panels.styles.scrollbar_size_vertical == 0 or panels.virtual_size.height <= panels.size.height


async def test_log_kind_whole_and_filters_framed_at_80(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "log")
        widest, width = whole(app.screen.query_one("#log-table", DataTable), "kind")
        assert widest <= width  # "not for us", "no priority" whole, not "not f…"
        for field in ("#f-since", "#f-until", "#f-search"):
            assert framed(app.screen.query_one(field))


async def test_review_reading_pane_gets_the_room_at_80(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "review")
        reading = app.screen.query_one("#review-scroll").region.width
        assert reading >= 52 and app.screen.query_one("#adjust-pane").region.width < 30


async def test_leaderboard_names_whole_at_80(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await demo_ready(app, pilot, "leaderboard")
        widest, width = whole(app.screen.query_one("#lb-board", DataTable), "name")
        assert widest <= width and "demo (you)" in text
        widest, width = whole(app.screen.query_one("#lb-history", DataTable), "name")
        assert widest <= width


async def test_flex_columns_measure_rows_added_this_tick():
    """In a real terminal the leaderboard fits its columns before the table's idle measured the
    new rows ("demo (y…"): fit_flex measures the cells itself."""
    from textual.app import App

    from rejection_therapy.tui.widgets.tables import fit_flex

    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        table = DataTable()
        await app.screen.mount(table)
        table.add_column("Place")
        table.add_column("Name", key="name", width=8)
        table.add_columns("Count", "Gap")
        await pilot.pause()
        table.add_row("1st", "demo (you)", "210", "-")
        fit_flex(table, ("name",), minimum=8)  # same tick: the table has not measured the row yet
        assert whole(table, "name") == (10, 10)


async def test_settings_fields_framed_and_labels_clear_at_80(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await demo_ready(app, pilot, "settings")
        assert framed(app.screen.query_one("#set-daily_attempts"))
        assert framed(app.screen.query_one("#set-timezone"))
        line = next(x for x in text.splitlines() if "First day of the week" in x)
        assert "First day of the week  " in line  # a gap before its field, not "week Monday"
        assert "default 2" in text  # the longest hint still on one line


async def test_challenges_and_followups_whole_at_80(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await demo_ready(app, pilot, "challenges")
        widest, width = whole(app.screen.query_one("#ch-active", DataTable), "name")
        assert widest <= width and "Demo pitch sprint  " in text
        await app.switch_mode("followups")
        await settle(pilot)
        widest, width = whole(app.screen.query_one("#fu-table", DataTable), "kind")
        assert widest <= width
