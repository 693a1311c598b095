"""The comfort ladder (L): asks rated 1-5, the next rung, and the hardest ask of each week.

Type an ask, pick its discomfort, Enter adds it; on the list, x marks the highlighted rung
climbed and delete takes it off. Everything goes through services.ladder (the CLI's
``ladder`` commands call the same functions).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..base import DataScreen, run_db
from ..safe import plain
from ..widgets.fit_footer import FitFooter
from ..widgets.framed import FramedInput
from .screen_commands import ScreenCommands

LEVELS = [(f"{n}/5", n) for n in range(1, 6)]


class LadderScreen(DataScreen):
    COMMANDS = {ScreenCommands}
    TITLE = "Comfort ladder"
    DEFAULT_CSS = """
    LadderScreen #ladder-body { height: 1fr; padding: 0 1; }
    LadderScreen #ladder-next { height: auto; color: $accent; text-style: bold; margin-bottom: 1; }
    LadderScreen #ladder-weeks { height: auto; color: $text-muted; margin-bottom: 1; }
    LadderScreen #ladder-list { height: 1fr; border: round $panel-lighten-2; }
    LadderScreen #ladder-add { height: auto; margin-top: 1; }
    LadderScreen #ladder-text { width: 1fr; margin-right: 1; }
    LadderScreen #ladder-level { width: 12; margin-right: 1; }
    LadderScreen #ladder-add Button { width: auto; min-width: 7; }
    """
    BINDINGS = [
        Binding("x", "climb", "Climbed", id="ladder.climb"),
        Binding("delete", "remove", "Remove", id="ladder.remove"),
        Binding("i", "focus_add", "New rung", id="ladder.add"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="ladder-body"):
            yield Static("Loading the ladder…", id="ladder-next")
            yield Static("", id="ladder-weeks")
            yield OptionList(id="ladder-list")
            with Horizontal(id="ladder-add"):
                yield FramedInput(placeholder="A new ask, e.g. Ask for a discount", id="ladder-text",
                                  max_length=200)
                yield Select(LEVELS, prompt="1-5", id="ladder-level", compact=True)
                yield Button("Add", id="ladder-add-button", compact=True)
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = self.TITLE

    def load_data(self, ctx: Any) -> Any:
        from ...services import ladder

        with ctx.store.read() as s:
            return ladder.view(s, ctx.profile_id)

    def show_data(self, view: Any) -> None:
        self.view = view
        nxt = self.query_one("#ladder-next", Static)
        if view.next is None:
            nxt.update("No open rung: add an ask below (i).")
        else:
            base = f"just above your hardest ask this week ({view.level}/5)" if view.level else "a gentle start"
            nxt.update(Text.assemble("Next: ", plain(view.next.text), f" · {view.next.discomfort}/5 · {base}"))
        weeks = self.query_one("#ladder-weeks", Static)
        if view.weeks:
            weeks.update(f"Hardest ask per week: {view.line()}  (now {view.weeks[-1][1]}/5)")
        else:
            weeks.update("Rate attempts' discomfort (or link them to a rung) to see your effort get braver.")
        options = self.query_one("#ladder-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for r in view.rungs:
            mark = "✓" if r.done_on else "·"
            label = Text.assemble(f"{mark} {r.discomfort}/5  ", plain(r.text),
                                  (f"  climbed {r.done_on.isoformat()}" if r.done_on else "", "dim"))
            options.add_option(Option(label, id=str(r.id)))
        if view.rungs:
            options.highlighted = min(highlighted or 0, len(view.rungs) - 1)

    def _selected(self) -> int | None:
        options = self.query_one("#ladder-list", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return int(options.get_option_at_index(options.highlighted).id)

    def _write(self, fn: Any, message: str) -> None:
        def done(_: Any) -> None:
            self.notify(message, timeout=3, markup=False)
            self.reload()

        run_db(self, fn, done, group="ladder-write")

    def action_climb(self) -> None:
        rung_id = self._selected()
        if rung_id is None:
            return

        def write(ctx: Any) -> Any:
            from ...services import ladder

            with ctx.store.write() as s:
                return ladder.done(s, ctx.profile_id, rung_id)

        self._write(write, f"Rung #{rung_id} climbed.")

    def action_remove(self) -> None:
        rung_id = self._selected()
        if rung_id is None:
            return

        def write(ctx: Any) -> Any:
            from ...services import ladder

            with ctx.store.write() as s:
                return ladder.remove(s, ctx.profile_id, rung_id)

        self._write(write, f"Rung #{rung_id} removed.")

    def action_focus_add(self) -> None:
        self.query_one("#ladder-text", Input).focus()

    @on(Input.Submitted, "#ladder-text")
    @on(Button.Pressed, "#ladder-add-button")
    def _add(self, event: Any) -> None:
        event.stop()
        text = self.query_one("#ladder-text", Input).value
        level = self.query_one("#ladder-level", Select).value
        level = None if level is Select.NULL else level

        def write(ctx: Any) -> Any:
            from ...services import ladder

            with ctx.store.write() as s:
                return ladder.add(s, ctx.profile_id, text, level)

        def done(_: Any) -> None:
            self.query_one("#ladder-text", Input).value = ""
            self.notify("Rung added.", timeout=3)
            self.reload()

        run_db(self, write, done, group="ladder-write")
