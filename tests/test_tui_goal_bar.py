"""The dashboard's goal bar (tui/widgets/goal_bar.py) draws the cells Textual's ProgressBar
(bar and percentage, no ETA) draws, in the same colours, at every share of the goal."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import ProgressBar

from rejection_therapy.tui.widgets.goal_bar import GoalBar

CSS = """
ProgressBar, GoalBar { width: 41; }
ProgressBar Bar { width: 1fr; }
"""


class Both(App[None]):
    CSS = CSS

    def __init__(self, total: int, progress: int) -> None:
        super().__init__()
        self.total, self.progress = total, progress

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=self.total, show_eta=False, id="theirs")
        yield GoalBar(id="ours")

    def set_both(self) -> None:
        self.query_one(ProgressBar).update(total=self.total, progress=self.progress)
        self.query_one(GoalBar).update(total=self.total, progress=self.progress)


def cells(app: App, y: int) -> list[tuple[str, str | None, str | None]]:
    """Each cell of screen row ``y``: the character and its colours."""
    out = []
    for segment in app.screen._compositor.render_strips()[y]:
        style = segment.style
        for char in segment.text:
            out.append((char, str(style.color) if style and style.color else None,
                        str(style.bgcolor) if style and style.bgcolor else None))
    return out[:41]


@pytest.mark.parametrize(("total", "progress"), [(372, 25), (10, 3), (8, 8), (3, 1), (100, 0), (7, 9)])
async def test_the_same_cells_as_the_progress_bar(total, progress):
    app = Both(total, progress)
    async with app.run_test(size=(60, 4)) as pilot:
        await pilot.pause()
        app.set_both()  # once laid out: the bar moves in half cells of its width (as the dashboard's keys move it)
        await pilot.pause()
        theirs, ours = cells(app, 0), cells(app, 1)
        assert "".join(c for c, _f, _b in ours).rstrip().endswith("%")
        assert ours == theirs
