"""CalendarHeatmap: a year of attempts per day at a glance, shaded from the theme.

Weeks run left to right, weekdays top to bottom (the first weekday from the settings). Each
day is two cells wide when there is room. Hover a day to see its count.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.color import Color
from textual.events import MouseMove
from textual.widget import Widget

from ...insights.heatmap import HeatmapData, month_header
from .plot import theme_rgb

LEFT = 4  # the weekday labels


class CalendarHeatmap(Widget):
    DEFAULT_CSS = """
    CalendarHeatmap { width: 1fr; height: auto; min-height: 12; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.data: HeatmapData | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def show_data(self, data: HeatmapData | None) -> None:
        self.data = data
        self.refresh(layout=True)

    def _cell(self) -> int:
        if self.data is None:
            return 1
        weeks = len(self.data.weeks())
        return 2 if LEFT + 2 * weeks <= max(1, self.content_size.width) else 1

    def _weeks(self) -> list:
        """The weeks that fit the width, the most recent ones (rows never wrap or lose today)."""
        assert self.data is not None
        weeks = self.data.weeks()
        fit = max(1, (max(1, self.content_size.width) - LEFT) // self._cell())
        return weeks[-fit:]

    def _shades(self) -> list[str]:
        bg = Color(*theme_rgb(self, "surface", "#1e1e1e"))
        hot = Color(*theme_rgb(self, "success", "#4ebf71"))
        return [bg.blend(hot, f).hex for f in (0.15, 0.35, 0.55, 0.78, 1.0)]

    def get_content_height(self, container, viewport, width: int) -> int:
        return 11

    def render(self) -> Text:
        if self.data is None:
            return Text("Loading…")
        data = self.data
        weeks = self._weeks()
        cell = self._cell()
        shades = self._shades()
        muted = Color(*theme_rgb(self, "text-muted")).hex
        out = Text(no_wrap=True, overflow="crop")
        out.append(" " * LEFT + month_header(data, weeks, cell) + "\n", style=muted)
        glyph = "■ " if cell == 2 else "■"
        for row in range(7):
            out.append(f"{data.weekday_label(row):<{LEFT}}", style=muted)
            for col in weeks:
                day = col[row]
                if day is None:
                    out.append(" " * cell)
                    continue
                out.append(glyph, style=shades[data.levels.get(day, 0)])
            out.append("\n")
        out.append("\n" + data.summary() + "\n", style="")
        out.append("less ", style=muted)
        for s in shades:
            out.append("■ ", style=s)
        out.append("more  ", style=muted)
        out.append("(against the day's goal)" if data.by_goal else "(against the busiest day)", style=muted)
        return out

    def day_at(self, x: int, y: int) -> date | None:
        """The day under a point of the widget's content (None outside the grid)."""
        if self.data is None or not 1 <= y <= 7 or x < LEFT:
            return None
        col = (x - LEFT) // self._cell()
        weeks = self._weeks()
        if col >= len(weeks):
            return None
        return weeks[col][y - 1]

    def on_mouse_move(self, event: MouseMove) -> None:
        offset = event.get_content_offset(self)
        day = self.day_at(offset.x, offset.y) if offset is not None else None
        if day is None or self.data is None:
            self.tooltip = None
            return
        n = self.data.counts.get(day, 0)
        self.tooltip = f"{day:%a} {day.isoformat()}: {n} attempt{'s' if n != 1 else ''}"
