"""The footer every screen uses: its keys fit the width, none is ever cut at the edge.

Textual's Footer lays its keys out in one row and lets the command-palette key cover the ones
that do not fit ("! Bad d▏^p palette"). ``FitFooter`` chooses, for the width it has, the first
of these that fits, in this order:

The choice is ``tui/key_fit.py``'s (the dashboard's KeyBar makes the same one):

1. every key with its full words (the roomy style);
2. the compact style (one space less around each key);
3. shorter words (``SHORT``, by binding id; the full words stay in the tooltip);
4. fewer keys: first the app-wide ones every screen repeats (``DROP_FIRST``), then from the
   right; ``?`` Help always stays, and the help screen lists every key (the palette too).

Widths are counted the way Textual's footer draws them (``key_width``); a Pilot test reads
the rendered footer at 80 and 120 columns on every screen.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ..key_fit import PALETTE_WIDTH, FooterItem, fit


class FitFooter(Footer):
    """A Footer whose keys fit its width (see the module's docstring)."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._always_compact = compact  # skip the roomy style (the dashboard's choice)
        self._fitted_width = 0
        self.hidden: list[Binding] = []  # the keys left out at this width (tests, tooltips)

    def _items(self) -> Iterator[FooterItem]:
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)  # one key per action, as Textual's footer shows them
            yield FooterItem(binding, self.app.get_key_display(binding), binding.description,
                             enabled, tooltip)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._fitted_width = width
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        items = list(self._items())
        shown, compact = fit(items, width - (PALETTE_WIDTH if palette else 0), self._always_compact)
        kept = {s.binding for s in shown}
        self.hidden = [i.binding for i in items if i.binding not in kept]
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact")
        for item in shown:
            yield FooterKey(item.binding.key, item.key, item.words, item.binding.action,
                            disabled=not item.enabled, tooltip=item.tooltip).data_bind(compact=Footer.compact)
        if palette:
            try:
                _node, binding, enabled, tooltip = self.screen.active_bindings[self.app.COMMAND_PALETTE_BINDING]
            except KeyError:
                return
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                            binding.action, classes="-command-palette", disabled=not enabled,
                            tooltip=binding.tooltip or binding.description)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)
