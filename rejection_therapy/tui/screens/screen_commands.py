"""A palette provider that offers the current screen's keys as commands ("Attempt log: Edit").

Screens add it with ``COMMANDS = {ScreenCommands}``; the palette then lists every binding of
the screen that has a description, so each action is reachable with ctrl+p as well as a key.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    def _entries(self) -> Iterator[tuple[str, str, str]]:
        screen = self.screen
        title = getattr(screen, "TITLE", None) or type(screen).__name__
        seen: set[str] = set()
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key.split(",")[0]
            yield f"{title}: {binding.description}", binding.action, f"key {key}"

    async def discover(self) -> Hits:
        for name, action, help_text in self._entries():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.screen.run_action, action), help=help_text)
