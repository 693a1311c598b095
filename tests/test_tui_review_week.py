"""Pilot: the review screen's week view (issue 13, item 9)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Select

from rejection_therapy import clock
from rejection_therapy.core import dates, days
from tests.tui_helpers import make_test_app, settle


async def test_week_view_and_stepping(sqlite_location):
    app = make_test_app(sqlite_location)
    today = days.local_day(clock.now(), "UTC", 4)
    this_week = dates.week_key(today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        select = screen.query_one("#review-period", Select)
        keys = [v for _label, v in screen._period_options]
        assert this_week in keys
        select.value = this_week
        await settle(pilot)
        assert screen.review.period_key == this_week
        assert "week" in screen.markdown_text.splitlines()[0]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.review.period_key == dates.week_key(today - timedelta(days=7))
        assert "the week before" in screen.markdown_text or screen.review.previous is None
