"""The calendar heatmap: a year of attempts per day at a glance (plotext does not draw one).

``heatmap_data`` turns day counts into weeks of levels 0..4 (against the day's goal when there
is one, else against the busiest day); ``render_text`` draws it for the terminal, and the TUI
widget (tui/widgets/heatmap.py) draws the same grid with theme colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..core import days as days_rules

SHADES = ("·", "░", "▒", "▓", "█")
WEEKDAY_SHORT = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class HeatmapData:
    start: date
    end: date
    counts: dict[date, int]
    levels: dict[date, int]
    first_weekday: int
    by_goal: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def active_days(self) -> int:
        return sum(1 for n in self.counts.values() if n)

    @property
    def best_day(self) -> tuple[date, int] | None:
        if not self.active_days:
            return None
        return max(self.counts.items(), key=lambda kv: (kv[1], kv[0]))

    def weeks(self) -> list[list[date | None]]:
        """Columns of 7 days (first weekday on top); days outside the range are None."""
        first = days_rules.week_start(self.start, self.first_weekday)
        out: list[list[date | None]] = []
        d = first
        while d <= self.end:
            col = []
            for i in range(7):
                day = d + timedelta(days=i)
                col.append(day if self.start <= day <= self.end else None)
            out.append(col)
            d += timedelta(days=7)
        return out

    def weekday_label(self, row: int) -> str:
        return WEEKDAY_SHORT[(self.first_weekday + row) % 7]

    def legend(self) -> str:
        if self.by_goal:
            return "· none  ░ under half the goal  ▒ under the goal  ▓ goal met  █ 1.5× the goal"
        return "· none  ░ ▒ ▓ █ more attempts"

    def summary(self) -> str:
        best = self.best_day
        text = (f"{self.total:,} attempts on {self.active_days:,} of "
                f"{(self.end - self.start).days + 1:,} days")
        if best:
            text += f"; busiest day {best[0].isoformat()} ({best[1]:,})"
        return text + "."


def level(count: int, goal: int, busiest: int) -> int:
    if count <= 0:
        return 0
    if goal > 0:
        ratio = count / goal
        return 1 if ratio < 0.5 else 2 if ratio < 1 else 3 if ratio < 1.5 else 4
    if busiest <= 0:
        return 1
    return max(1, min(4, -(-4 * count // busiest)))


def heatmap_data(days: list[date], counts: list[int], goals: list[int], first_weekday: int = 0) -> HeatmapData:
    busiest = max(counts, default=0)
    by_goal = any(g > 0 for g in goals)
    levels = {d: level(n, g if by_goal else 0, busiest) for d, n, g in zip(days, counts, goals, strict=True)}
    return HeatmapData(days[0], days[-1], dict(zip(days, counts, strict=True)), levels, first_weekday, by_goal)


def month_header(data: HeatmapData, weeks: list[list[date | None]], cell: int = 1) -> str:
    """Month names placed above the first week that starts in that month. When the first
    column's month (the tail of a month) leaves no room for the next name, it gives way:
    a year's calendar then names every whole month."""
    line = [" "] * (len(weeks) * cell)
    last = None
    placed: list[tuple[int, str]] = []
    for i, col in enumerate(weeks):
        first = next(d for d in col if d is not None)
        month = first.month if first.day <= 7 or last is None else last
        if month != last:
            name = MONTHS[month - 1]
            pos = i * cell
            clash = any(c != " " for c in line[max(0, pos - 1):pos + len(name)])
            if clash and len(placed) == 1 and placed[0][0] == 0:
                line[0:len(placed[0][1])] = [" "] * len(placed[0][1])
                placed, clash = [], False
            if pos + len(name) <= len(line) and not clash:
                line[pos:pos + len(name)] = list(name)
                placed.append((pos, name))
            last = month
    return "".join(line).rstrip()


def render_text(data: HeatmapData, colors: tuple[tuple[int, int, int], ...] | None = None) -> str:
    """The heatmap as text; ``colors`` (5 RGB shades, level 0..4) adds ANSI colour."""
    weeks = data.weeks()
    lines = ["    " + month_header(data, weeks)]
    for row in range(7):
        cells = []
        for col in weeks:
            day = col[row]
            if day is None:
                cells.append(" ")
                continue
            lv = data.levels.get(day, 0)
            ch = SHADES[lv]
            if colors:
                r, g, b = colors[lv]
                ch = f"\x1b[38;2;{r};{g};{b}m{ch}\x1b[0m"
            cells.append(ch)
        lines.append(f"{data.weekday_label(row)}  " + "".join(cells))
    lines.append("")
    lines.append(data.summary())
    lines.append(data.legend())
    return "\n".join(lines)
