"""The dashboard's attempts-against-the-goal bar: Textual's ProgressBar (bar and percentage,
no ETA), drawn as one widget.

The ProgressBar is three widgets (the bar, the percentage, the container) plus a timer that
ticks every second for an ETA the dashboard does not show; building them was a visible part
of the time before the first figures (issue 12, item 5). This draws the same cells: the bar
with Textual's Bar renderable and the bar's colours (``$primary``, ``$success`` once full, on
``$surface``), then the percentage right-aligned in five cells.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.renderables.bar import Bar
from textual.widget import Widget

PERCENT_CELLS = 5  # as Textual's PercentageStatus


class GoalBar(Widget, can_focus=False):
    COMPONENT_CLASSES = {"goal-bar--bar", "goal-bar--complete"}
    DEFAULT_CSS = """
    GoalBar {
        width: 1fr;
        height: 1;
        & > .goal-bar--bar { color: $primary; background: $surface; }
        & > .goal-bar--complete { color: $success; background: $surface; }
    }
    """

    def __init__(self, total: int = 1, progress: int = 0, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.total, self.progress = total, progress

    def update(self, *, total: int, progress: int) -> None:
        if (total, progress) != (self.total, self.progress):
            self.total, self.progress = total, progress
            self.refresh()

    @property
    def percentage(self) -> float:
        return min(1.0, max(0.0, self.progress / self.total)) if self.total > 0 else 0.0

    def render(self) -> Text:
        share = self.percentage
        width = max(0, self.size.width - PERCENT_CELLS)
        halves = width * 2  # the bar moves in half cells, as Textual's Bar does
        drawn = int(share * halves) / halves if halves else share
        style = self.get_component_rich_style("goal-bar--complete" if share >= 1 else "goal-bar--bar")
        bar = Bar(highlight_range=(0, width * drawn), highlight_style=Style.from_color(style.color),
                  background_style=Style.from_color(style.bgcolor), width=width)
        console = self.app.console
        line = Text(end="")
        for segment in bar.__rich_console__(console, console.options.update_width(width)):
            if isinstance(segment, Text):
                line.append_text(segment)
        line.append(f"{round(share * 100)}%".rjust(PERCENT_CELLS))
        return line
