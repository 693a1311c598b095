"""The competition panel at 80x24: the challenge and follow-up panels fill the room the
dashboard gives its panels, and the competition box sat below them, reachable with the mouse
wheel only, with nothing on screen saying it was there. Below 30 rows it is one line docked at
the bottom of the panels (always in view); at 120x40 it is its box again."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_tui_fit_80 import demo_ready, open_demo
from .tui_helpers import settle


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .snapshot_helpers import make_demo_template

    return make_demo_template(tmp_path_factory.mktemp("demo-competition"))


def in_view(widget) -> bool:
    """The widget's whole region is on the screen, inside its scrolling parent's window."""
    parent = widget.parent
    return (widget.display and widget.region.height > 0
            and parent.region.contains_region(widget.region)
            and widget.screen.region.contains_region(widget.region))


async def test_competition_panel_is_in_view_at_80x24_and_a_box_at_120x40(demo_template, tmp_path, monkeypatch):
    from rejection_therapy.tui.widgets.competition_panel import CompetitionPanel

    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await demo_ready(app, pilot)
        panel = app.screen.query_one(CompetitionPanel)
        assert in_view(panel), panel.region
        line = next(x for x in text.splitlines() if "Competitions (b)" in x)
        assert "1st of 3" in line  # the demo's race, the place whole
        assert panel.region.height == 1
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)
        assert in_view(panel) and panel.region.height == 3  # the box: border, line, border
        assert not panel.has_class("-line")
