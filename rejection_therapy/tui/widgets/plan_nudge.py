"""The if-then plan whose moment has come, on the dashboard (issue 15, item 3).

It loads itself (a worker, every minute and when the dashboard asks), so the dashboard only
mounts it. Hidden when no plan is due. Plan text is the user's: shown literally.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ..base import run_db
from ..safe import plain


class PlanNudge(Static):
    DEFAULT_CSS = """
    PlanNudge { height: auto; display: none; color: $accent; text-style: bold; padding: 0 1; }
    PlanNudge.-due { display: block; }
    """

    def on_mount(self) -> None:
        self.refresh_plans()
        self.set_interval(60, self.refresh_plans)

    def refresh_plans(self) -> None:
        def load(ctx: Any) -> list:
            from ...services import plans

            with ctx.store.read() as s:
                return plans.due(s, ctx.profile_id)

        run_db(self, load, self.show_plans, group="plan-nudge", exclusive=True, on_error=lambda _e: None)

    def show_plans(self, due: list) -> None:
        self.set_class(bool(due), "-due")
        if due:
            more = f"  (+{len(due) - 1} more: rejection-therapy plans)" if len(due) > 1 else ""
            self.update(Text.assemble("Now: ", plain(due[0].text), more))
