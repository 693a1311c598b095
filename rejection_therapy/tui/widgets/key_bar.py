"""The keys of the screen, in one line at the bottom: Textual's compact Footer, drawn as one
widget.

Textual's Footer builds a widget per key and builds them all again whenever the bindings
change (a focus move, a banner, a screen switch). On the dashboard that was the dearest part
of showing the first figures: about 70 ms of the UI thread for ten keys (issue 12, item 5,
measured with ``bench/startup.py``). Here the same line is one Content, rebuilt from
``screen.active_bindings`` the way the Footer reads them: one entry per action, bindings with
``show=False`` left out, a disabled key dimmed, the command palette's key on the right.
A click on a key presses it, as on the Footer. When the line is wider than the screen,
shorter words and then fewer keys, as on every screen's footer (``tui/key_fit.py``); never the
help key (``?`` lists every key).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from ..key_fit import FooterItem, fit


class Shown(NamedTuple):
    """One key on the bar: where it is drawn (cells from the left) and what it does."""

    start: int
    end: int
    key: str
    key_display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown: list[Shown] = []
        self._line: Content = Content("")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.rebuild()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, _event: events.Resize) -> None:
        self.rebuild()

    def _bindings_changed(self, screen: Any) -> None:
        if self.is_attached and screen is self.screen:
            self.rebuild()

    def entries(self) -> tuple[list[tuple[Any, bool]], Any]:
        """The keys to show, in order, as (binding, enabled), and the palette's binding."""
        app = self.app
        seen: set[str] = set()
        keys: list[tuple[Any, bool]] = []
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append((binding, enabled))
        palette = None
        if app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = found[1]
        return keys, palette

    def rebuild(self) -> None:
        keys, palette = self.entries()
        app = self.app
        width = self.size.width or app.size.width
        key_style = Style.from_rich_style(self.get_component_rich_style("key-bar--key"))
        text_style = Style.from_rich_style(self.get_component_rich_style("key-bar--description"))
        tail: list[tuple[str, Style]] = []
        if palette is not None:
            mark = Style.from_rich_style(self.get_component_rich_style("key-bar--palette"))
            tail = [("▏", mark), (app.get_key_display(palette), key_style), (f" {palette.description} ", text_style)]
        tail_cells = sum(cell_len(text) for text, _style in tail)
        # the rule every screen's footer follows (tui/key_fit.py): shorter words, then fewer keys
        fitted, _compact = fit([FooterItem(b, app.get_key_display(b), b.description, enabled, "")
                                for b, enabled in keys], width - tail_cells, compact=True)
        parts: list[tuple[str, Style] | str] = []
        shown: list[Shown] = []
        at = 0
        for item in fitted:
            binding, enabled, key_display = item.binding, item.enabled, item.key
            dim = Style() if enabled else Style(dim=True)
            if shown:
                parts.append(" ")
                at += 1
            end = at + cell_len(key_display) + 1 + cell_len(item.words)
            parts += [(key_display, key_style + dim), (f" {item.words}", text_style + dim)]
            shown.append(Shown(at, end, binding.key, key_display, item.words, enabled))
            at = end
        if tail:  # on the right edge, as the Footer docks it
            parts.append(" " * max(0, width - at - tail_cells))
            parts += tail
        self.shown = shown
        self._line = Content.assemble(*parts)
        self.refresh()

    def render(self) -> Content:
        return self._line

    def on_click(self, event: events.Click) -> None:
        for item in self.shown:
            if item.start <= event.x < item.end:
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return
        if event.x >= self.size.width - 12 and self.app.ENABLE_COMMAND_PALETTE:  # the palette, right
            self.app.action_command_palette()
