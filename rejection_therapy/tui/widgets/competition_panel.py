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
from .panel import DashboardPanel

if TYPE_CHECKING:
    from ...services.competitions import CompetitionInfo, MyRank
    from ...services.context import AppContext


def rank_line(m: MyRank) -> Text:
    """One running competition, from the profile's point of view (names are user text)."""
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

    def on_competitions_fetched(self, message: CompetitionsFetched) -> None:
        self.show_safely(lambda: panel_text(message.running, message.closed))


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
