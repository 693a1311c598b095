"""Start-up CSS (issue 12, item 5): the dashboard shows without Textual re-parsing every
stylesheet (a screen CSS_PATH did, twice, before the first frame), and dashboard.tcss still
styles its widgets once they mount."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet

from tests.tui_helpers import make_test_app, settle


async def test_dashboard_starts_without_a_full_stylesheet_reparse(sqlite_location, monkeypatch: pytest.MonkeyPatch) -> None:
    reparses: list[int] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparses.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "DashboardScreen"
        assert screen.query("#today-attempts")  # the widgets are mounted
        assert reparses == []
        # dashboard.tcss applies to them (a rule found only there) and to the first frame's nodes
        assert screen.query_one("#today").styles.border.top[0] == "round"
        assert tuple(screen.query_one("#dash-body").styles.padding) == (0, 1, 0, 1)
        # a theme change still restyles everything (Textual re-parses then, as it should)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert reparses
        assert screen.query_one("#today").styles.border.top[0] == "round"
