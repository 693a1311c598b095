"""The dashboard's key line (tui/widgets/key_bar.py): the keys the screen has now, clicks press
them, a narrow screen drops the last ones but keeps help."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from rejection_therapy.tui.widgets.key_bar import KeyBar


class Keys(Screen[None]):
    BINDINGS = [
        Binding("n", "note('no')", "No"),
        Binding("y", "note('yes')", "Yes"),
        Binding("w", "note('win')", "Win"),
        Binding("x", "note('closed')", "Close banner"),
        Binding("z", "note('hidden')", "Hidden", show=False),
        Binding("question_mark", "app.help", "Help"),
    ]
    banner = False

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyBar()

    def action_note(self, what: str) -> None:
        self.app.pressed.append(what)  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "note" and parameters == ("closed",):
            return self.banner  # shown only while a banner is open, as on the dashboard
        if action == "note" and parameters == ("win",):
            return None  # shown, but disabled
        return True


class KeysApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.helped = 0

    def on_mount(self) -> None:
        self.push_screen(Keys())

    def action_help(self) -> None:
        self.helped += 1


def line(app: App) -> str:
    bar = app.screen.query_one(KeyBar)
    return str(bar.render().plain) if hasattr(bar.render(), "plain") else str(bar.render())


async def test_the_line_follows_the_bindings_and_clicks_press_keys():
    app = KeysApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = line(app)
        assert text.startswith("n No y Yes w Win ? Help"), text
        assert "Hidden" not in text and "Close banner" not in text
        assert text.rstrip().endswith("▏^p palette") and len(text) == 80
        no = next(k for k in bar.shown if k.description == "No")
        await pilot.click(KeyBar, offset=(no.start, 0))
        win = next(k for k in bar.shown if k.description == "Win")
        assert not win.enabled
        await pilot.click(KeyBar, offset=(win.start + 1, 0))  # disabled: a bell, no action
        await pilot.pause()
        assert app.pressed == ["no"]
        app.screen.banner = True  # type: ignore[attr-defined]
        app.screen.refresh_bindings()
        await pilot.pause()
        assert "x Close banner" in line(app)


async def test_a_narrow_screen_drops_the_last_keys_but_keeps_help():
    app = KeysApp()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        text = line(app)
        assert len(text) <= 30 and "? Help" in text and "n No" in text, text
        assert "Win" not in text
