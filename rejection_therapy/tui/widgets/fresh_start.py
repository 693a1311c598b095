"""Fresh starts and the last stretch of a challenge, on the dashboard (issue 15, item 6).

Loads itself (a worker on mount and every few minutes), so the dashboard only mounts it;
hidden when there is nothing to say. Plan and challenge names are shown literally.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ..base import run_db


class FreshStart(Static):
    DEFAULT_CSS = """
    FreshStart { height: auto; display: none; color: $success; padding: 0 1; }
    FreshStart.-shown { display: block; }
    """

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(300, self.reload)

    def reload(self) -> None:
        def load(ctx: Any) -> Any:
            from ...services import fresh

            with ctx.store.read() as s:
                return fresh.view(s, ctx.profile_id)

        run_db(self, load, self.show_view, group="fresh-start", exclusive=True, on_error=lambda _e: None)

    def show_view(self, v: Any) -> None:
        from ...core.text import strip_controls

        lines = ([v.fresh] if v.fresh else []) + v.stretch
        self.set_class(bool(lines), "-shown")
        self.update(Text(strip_controls("\n".join(lines), multiline=True)))
