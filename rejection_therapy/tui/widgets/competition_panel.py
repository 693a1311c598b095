"""The dashboard's competition panel: your place in each running competition.

One line a competition: "November · 2nd of 5 · 45 no's · 3 behind Ben · 8 days left".
It hides itself when the profile is in no running competition. Press b for the board.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message

from ...core.competition import place_label
from ...core.text import strip_controls
from .followup_panel import SHORT_SCREEN
from .panel import DashboardPanel, ScreenHeight

if TYPE_CHECKING:
    from ...services.competitions import CompetitionInfo, MyRank
    from ...services.context import AppContext


def rank_line(m: MyRank, days: bool = True) -> Text:
    """One running competition, from the profile's point of view (names are user text);
    ``days``: with the days left."""
    c = m.competition
    text = Text()
    text.append(strip_controls(c.name), style="bold")
    place = place_label(m.rank)
    text.append(f"  {place} of {m.participants}" if m.rank <= 3 else f"  {place}", style="bold")
    text.append(f" · {m.count} {c.metric_label}")
    if m.gap > 0 and m.leader:
        text.append(f" · {m.gap} behind ")
        text.append(strip_controls(m.leader))
    elif m.count > 0 and m.rank == 1:
        text.append(" · leading")
    if days:
        text.append(f" · {m.days_left} day{'s' if m.days_left != 1 else ''} left", style="dim")
    return text


def closed_line(c: CompetitionInfo) -> Text:
    text = Text("✓ ", style="bold")
    text.append(strip_controls(c.name))
    text.append(f" ended on {c.end_day}: ", style="dim")
    if c.winner:
        text.append(strip_controls(c.winner), style="bold")
        text.append(" won.", style="dim")
    else:
        text.append("no clear winner.", style="dim")
    return text


@dataclass
class CompetitionsFetched(Message):
    """The competition panel's data (``CompetitionPanel.fetched``): the profile's place in
    each running competition and those that just ended; the dashboard posts it to the panel."""

    running: list[MyRank]
    closed: list[CompetitionInfo]
    bubble = False


class CompetitionPanel(DashboardPanel):
    DEFAULT_CSS = """
    CompetitionPanel { border-title-color: $accent; }
    CompetitionPanel.-line {
        dock: bottom; height: 1; border: none; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    TITLE = "Competitions"
    SUBTITLE = "b: board"
    TARGET_MODE = "leaderboard"

    def fetch(self, ctx: AppContext) -> tuple[list[MyRank], list[CompetitionInfo]]:  # worker thread
        from ...services import competitions

        with ctx.store.read() as s:
            return competitions.panel(s, ctx.profile_id)

    def fetched(self, ctx: AppContext) -> CompetitionsFetched:  # worker thread
        return CompetitionsFetched(*self.fetch(ctx))

    _data: CompetitionsFetched | None = None
    _short = False

    def on_competitions_fetched(self, message: CompetitionsFetched) -> None:
        self._data = message
        self._show(self.app.size.height)

    def on_screen_height(self, message: ScreenHeight) -> None:
        if (message.height < SHORT_SCREEN) != self._short and self._data is not None:
            self._show(message.height)

    def _show(self, height: int) -> None:
        """Below SHORT_SCREEN rows (80x24) the other panels fill the room and the box would sit
        out of sight, under the wheel: one line docked at the bottom of the panels instead."""
        data = self._data
        if data is None:
            return
        self._short = height < SHORT_SCREEN
        self.set_class(self._short, "-line")
        self.show_safely(lambda: (summary_line(data.running, data.closed) if self._short
                                  else panel_text(data.running, data.closed)))


def panel_text(running: list[MyRank], closed: list[CompetitionInfo]) -> Text:
    out = Text()
    for m in running:
        if out:
            out.append("\n")
        out.append_text(rank_line(m))
    for c in closed:
        if out:
            out.append("\n")
        out.append_text(closed_line(c))
    return out


def summary_line(running: list[MyRank], closed: list[CompetitionInfo]) -> Text | None:
    """The panel in one line, the count first so a cut never hides it:
    "Competitions (b): November  2nd of 5 · 45 no's · …" or "Competitions (b, 3): …"."""
    total = len(running) + len(closed)
    if not total:
        return None
    out = Text(f"Competitions (b{f', {total}' if total > 1 else ''}): ", style="bold")
    out.append_text(rank_line(running[0], days=False) if running else closed_line(closed[0]))
    return out
