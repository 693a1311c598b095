"""The Profiles screen: who logs into this store. List, add, rename, switch.

Switching remembers the profile for this database on this machine (like
``rejection-therapy profile use NAME``); the app then reopens as that profile when it offers
``app.switch_profile(name)``, else it asks the user to restart. Names are other people's text:
shown literally, control characters removed.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Header, Input, Label, Static

from ..base import DataScreen, run_db
from ..safe import plain
from ..widgets.dialog import Dialog, EnterInput, open_dialog
from ..widgets.fit_footer import FitFooter

HINT = (
    "Each person logs as a profile. With one profile nothing here matters; add a second "
    "(a partner, a colleague) to race on the leaderboard (b). In a shell, --profile NAME or "
    "REJECTION_THERAPY_PROFILE=NAME logs as someone for one command."
)


class NameScreen(Dialog[str | None]):
    """Ask for a profile name; the caller saves it (errors are shown here, nothing is lost)."""

    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical { width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary 50%; background: $surface; }
    NameScreen .title { text-style: bold; color: $primary; margin-bottom: 1; }
    NameScreen #pf-error { color: $error; height: auto; }
    NameScreen #pf-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    NameScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="pf.ns-dismiss")]

    def __init__(self, title: str, value: str = "", save: Any = None) -> None:
        super().__init__()
        self.title_text, self.value, self.save = title, value, save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.title_text), classes="title")
            yield EnterInput(value=self.value, placeholder="a name", id="pf-input", max_length=120)
            yield Static("", id="pf-error")
            with Horizontal(id="pf-buttons"):
                yield Button("Cancel (esc)", id="pf-cancel")
                yield Button("Save (enter)", variant="primary", id="pf-save")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#pf-save")
    def _submit(self) -> None:
        name = self.query_one(Input).value
        if self.save is None:
            self.dismiss(name)
            return
        if not self.begin():  # the second Enter of a burst: the first save is on its way
            return
        run_db(self, lambda ctx: self.save(ctx, name), self.dismiss, group="pf-save", exclusive=True,
               on_error=self._refused)

    def _refused(self, err: BaseException) -> None:
        self.failed()
        self.query_one("#pf-error", Static).update(plain(str(err)))

    @on(Button.Pressed, "#pf-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ProfilesScreen(DataScreen):
    DEFAULT_CSS = """
    ProfilesScreen #pf-body { padding: 0 1; height: 1fr; }
    ProfilesScreen #pf-current { text-style: bold; color: $accent; height: auto; }
    ProfilesScreen #pf-hint { color: $text-muted; height: auto; margin-bottom: 1; }
    ProfilesScreen #pf-table { height: 1fr; }
    """
    BINDINGS = [
        Binding("a", "add", "Add", id="pf-add"),
        Binding("e", "rename", "Rename", id="pf-rename"),
        Binding("u", "switch", "Log as this one", id="pf-switch"),
        Binding("escape", "app.back", "Back", show=False, id="pf-back"),  # to the Leaderboard
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.current_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="pf-body"):
            yield Static("", id="pf-current")
            yield Static(HINT, id="pf-hint")
            yield DataTable(id="pf-table", cursor_type="row", zebra_stripes=True)
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = "Profiles"
        self.query_one("#pf-table", DataTable).add_columns(
            "Name", "Attempts (30 days)", "No's (30 days)", "Last active", ""
        )

    def load_data(self, ctx: Any) -> Any:  # worker thread
        from ...services import profiles

        with ctx.store.read() as s:
            return profiles.list_with_stats(s), ctx.profile.id

    def show_data(self, data: Any) -> None:  # UI thread
        self.rows, self.current_id = data
        current = next((r for r in self.rows if r.id == self.current_id), None)
        line = Text("Logging as ")
        line.append_text(plain(current.name if current else "?"))
        self.query_one("#pf-current", Static).update(line)
        table = self.query_one("#pf-table", DataTable)
        cursor = table.cursor_row if table.row_count else 0
        table.clear()
        for r in self.rows:
            mine = r.id == self.current_id
            table.add_row(
                plain(r.name, "bold" if mine else ""),
                Text(str(r.attempts), justify="right"),
                Text(str(r.nos), justify="right"),
                Text(r.last_day.isoformat() if r.last_day else "—"),
                Text("current" if mine else "", style="dim"),
                key=str(r.id),
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _selected(self) -> Any:
        table = self.query_one("#pf-table", DataTable)
        if not self.rows or not table.row_count:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def action_add(self) -> None:
        def save(ctx: Any, name: str) -> Any:
            from ...services import profiles

            with ctx.store.write() as s:
                return profiles.create(s, name)

        def done(info: Any) -> None:
            if info is not None:
                self.notify(plain(f"Added {info.name}. Press u on it to log as them.").plain,
                            title="Profiles", markup=False)
                self.reload()

        open_dialog(self, NameScreen("Add a profile", save=save), done)

    def action_rename(self) -> None:
        row = self._selected()
        if row is None:
            return

        def save(ctx: Any, name: str) -> Any:
            from ...services import profiles

            with ctx.store.write() as s:
                return profiles.rename(s, row.id, name)

        def done(info: Any) -> None:
            if info is None:
                return
            self._follow_rename(row.name, info.name)
            if row.id == self.current_id:
                ctx = self.app.bridge.ctx
                if ctx is not None:
                    ctx.profile = info
            self.reload()

        open_dialog(self, NameScreen(f"Rename {row.name}", value=row.name, save=save), done)

    def _follow_rename(self, old: str, new: str) -> None:
        """Keep this machine's remembered profile pointing at the renamed one."""
        from ...config import remember_profile, remembered_profile

        location = getattr(self.app, "location", None)
        if location is None:
            return
        remembered = remembered_profile(location)
        if remembered and remembered.lower() == old.lower():
            remember_profile(location, new)

    def action_switch(self) -> None:
        row = self._selected()
        if row is None:
            return
        if row.id == self.current_id:
            self.notify(plain(f"You are already logging as {row.name}.").plain, markup=False)
            return
        from ...config import remember_profile

        location = getattr(self.app, "location", None)
        if location is not None:
            try:
                remember_profile(location, row.name)
            except OSError as err:
                self.notify(f"Could not remember the profile: {err}", severity="error", markup=False)
                return
        switch = getattr(self.app, "switch_profile", None)
        if callable(switch):
            switch(row.name)
            return
        self.notify(
            plain(f"This machine will log as {row.name} from the next start. Quit (q) and open the "
                  "app again to switch now.").plain,
            title="Profile remembered", timeout=10, markup=False,
        )
