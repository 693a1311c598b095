"""The dashboard's competition panel: your place in each running competition.

One line a competition: "November · 2nd of 5 · 45 no's · 3 behind Ben · 8 days left".
It hides itself when the profile is in no running competition. Press b for the board.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ...core.competition import place_label
from ...core.text import strip_controls
from .panel import DashboardPanel


def rank_line(m: Any) -> Text:
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


def closed_line(c: Any) -> Text:
    text = Text("✓ ", style="bold")
    text.append(strip_controls(c.name))
    text.append(f" ended on {c.end_day}: ", style="dim")
    if c.winner:
        text.append(strip_controls(c.winner), style="bold")
        text.append(" won.", style="dim")
    else:
        text.append("no clear winner.", style="dim")
    return text


class CompetitionPanel(DashboardPanel):
    DEFAULT_CSS = """
    CompetitionPanel { border-title-color: $accent; }
    """
    TITLE = "Competitions"
    SUBTITLE = "b: board"
    TARGET_MODE = "leaderboard"

    def fetch(self, ctx: Any) -> Any:  # worker thread
        from ...services import competitions

        with ctx.store.read() as s:
            return competitions.panel(s, ctx.profile_id)

    def show(self, data: Any) -> None:  # UI thread
        running, closed = data if data else ([], [])
        out = Text()
        for m in running:
            if out:
                out.append("\n")
            out.append_text(rank_line(m))
        for c in closed:
            if out:
                out.append("\n")
            out.append_text(closed_line(c))
        self.show_text(out)
