"""Today's attempts on the dashboard: every column kept at any width, long cells cut with "…".

Columns have fixed widths computed from the space the table has (``share_widths``): time,
channel and outcome keep a readable width, target and note share the rest; a cell longer
than its column ends in an ellipsis instead of pushing the next columns off-screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from ...core.silence import KIND_LABELS
from ...core.text import strip_controls
from .tables import fit_columns, share_widths

OUTCOME_WORDS = {"no": "no", "yes": "YES", "pending": "pending", "silence": "silence"}
# (key, label, minimum, preferred): fixed columns shrink from the end of this list first.
FIXED = (("time", "Time", 5, 5), ("channel", "Channel", 7, 10), ("outcome", "Outcome", 8, 16))
FLEX = (("target", "Target", 10), ("note", "Note", 8))


def cell(value: object, style: str = "") -> Text:
    """User text on one line, never markup, cut with an ellipsis by the column width."""
    text = " ".join(strip_controls("" if value is None else str(value)).split())
    return Text(text, style=style, no_wrap=True, overflow="ellipsis", end="")


def outcome_word(outcome: str, kind: str | None) -> str:
    word = OUTCOME_WORDS.get(outcome, outcome)
    return f"{word} · {KIND_LABELS.get(kind, kind)}" if kind else word


class TodayTable(DataTable):
    """The dashboard's table of today's attempts (``show(lines, tz, effort_only)``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self.effort_only: bool | None = None

    def set_columns(self, effort_only: bool) -> None:
        self.clear(columns=True)
        order = ["time", "channel", "target"] + ([] if effort_only else ["outcome"]) + ["note"]
        labels = {k: label for k, label, *_ in (*FIXED, *FLEX)}
        for key in order:
            self.add_column(labels[key], key=key, width=5)
        self.effort_only = effort_only
        self.fit()

    def _specs(self) -> list[tuple[str, int, int]]:
        fixed = [(k, lo, hi) for k, _l, lo, hi in FIXED if k != "outcome" or not self.effort_only]
        return fixed[::-1] + [(k, lo, lo) for k, _l, lo in FLEX]

    def fit(self) -> None:
        """Column widths for the width the table has now (called on every resize)."""
        if not self.columns:
            return
        inner = self.scrollable_content_region.width or self.size.width
        padding = 2 * self.cell_padding * len(self.columns)
        total = max(0, inner - padding - 1)  # one cell for a vertical scrollbar
        fit_columns(self, share_widths(total, self._specs(), tuple(k for k, _l, _m in FLEX)))

    def on_resize(self) -> None:
        self.fit()

    def show(self, lines: Sequence[Any], tz: str, effort_only: bool) -> None:
        if self.effort_only != effort_only:
            self.set_columns(effort_only)
        self.clear()
        for line in lines:
            row = [cell(local_time(line.created_at, tz), "dim"), cell(line.channel), cell(line.target)]
            if not effort_only:
                row.append(cell(outcome_word(line.outcome, line.kind), "bold" if line.outcome == "yes" else ""))
            row.append(cell(line.notes))
            self.add_row(*row, key=str(line.id))
        self.fit()


def local_time(instant: Any, tz: str) -> str:
    from ...core.days import local_time as wall

    return wall(instant, tz).strftime("%H:%M")
