"""Parts of the attempt log: the paging table, its cells, and the outcome chooser."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.silence import KIND_SHORT, OUTCOMES
from ..safe import plain
from ..widgets.dialog import Dialog

NEAR_END = 40  # rows before the end that trigger the next page
NOTE_WIDTH = 200  # characters kept; the column shows as many as fit
OUTCOME_STYLE = {"yes": "bold", "no": "", "pending": "italic", "silence": "dim"}
COLUMNS = (("Day", "day", 10), ("Time", "time", 5), ("Channel", "channel", 9),
           ("Target", "target", 16), ("Outcome", "outcome", 7), ("Kind", "kind", 11),
           ("Conv", "conv", 4), ("Note", "note", 20))
FIXED = sum(w for _l, _k, w in COLUMNS[:-1]) + 2 * len(COLUMNS) + 2  # cell padding and scrollbar
# (key, minimum): at 80 columns the others give up width so Note keeps a column (the kinds
# stay whole: KIND_SHORT fits in 11);
# the first listed shrink first. Cut cells end in "…".
SHRINK = (("channel", 7), ("target", 10), ("kind", 11), ("conv", 4), ("day", 10), ("time", 5), ("outcome", 7))
NOTE_MIN = 8


def log_widths(width: int) -> dict[str, int]:
    """Column widths of the attempt log for a screen ``width`` cells wide (Note included)."""
    from ..widgets.tables import share_widths

    preferred = {key: w for _l, key, w in COLUMNS}
    specs = [(key, minimum, preferred[key]) for key, minimum in SHRINK] + [("note", NOTE_MIN, NOTE_MIN)]
    return share_widths(width - 2 * len(COLUMNS) - 2, specs, ("note",))


def excerpt(text: str | None, width: int = NOTE_WIDTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cut(text: Text) -> Text:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def row_cells(r: Any) -> list[Text]:
    return [_cut(t) for t in (
        Text(r.local_day.isoformat()),
        Text(r.time, style="dim"),
        plain(r.channel),
        plain(excerpt(r.target, 60)),
        Text(r.outcome, style=OUTCOME_STYLE.get(r.outcome, "")),
        Text(KIND_SHORT.get(r.kind, r.kind or "")),
        Text("✓" if r.conversation else ""),
        plain(excerpt(r.note)),
    )]


class LogTable(DataTable):
    """A DataTable that says when its scrollbar nears the end (mouse users page too).

    Home and End move to the first and last row loaded (End then loads the next page).
    """

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False, id="log.first"),
        Binding("end", "scroll_bottom", "Last row", show=False, id="log.last"),
    ]

    class NearEnd(Message):
        pass

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.row_count and self.max_scroll_y > 0 and new_value >= self.max_scroll_y - NEAR_END // 2:
            self.post_message(self.NearEnd())


class OutcomeScreen(Dialog[str | None]):
    """Pick a new outcome for one attempt (the attempt keeps its moment and its day)."""

    BINDINGS = [
        # Digits, not n/y/p: a dialog never answers to the logging keys.
        Binding("escape", "dismiss(None)", "Cancel", id="outcome.cancel"),
        *(Binding(str(i), f"pick('{o}')", o.capitalize(), id=f"outcome.{o}", show=False)
          for i, o in enumerate(OUTCOMES, start=1)),
    ]
    DEFAULT_CSS = """
    OutcomeScreen { align: center middle; }
    OutcomeScreen > Vertical {
        width: 50; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    OutcomeScreen OptionList { height: auto; margin-top: 1; }
    OutcomeScreen .hint { color: $text-muted; }
    """
    LABELS = {"pending": "Pending: waiting for a reply", "no": "No",
              "silence": "Silence: no answer came", "yes": "Yes"}

    def __init__(self, attempt_id: int, current: str) -> None:
        super().__init__()
        self.attempt_id, self.current = attempt_id, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Outcome of attempt #{self.attempt_id}")
            yield Static(f"1–{len(OUTCOMES)}, or Enter on a line. Esc cancels.", classes="hint")
            yield OptionList(*(Option(f"{i} " + ("● " if o == self.current else "  ") + self.LABELS[o], id=o)
                               for i, o in enumerate(OUTCOMES, start=1)), id="outcomes")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = OUTCOMES.index(self.current) if self.current in OUTCOMES else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, outcome: str) -> None:
        self.dismiss(outcome)
