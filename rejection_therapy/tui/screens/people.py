"""People (P): everyone asked, with attempts, last answer, last contact and next follow-up;
Enter shows the whole history with one of them. Names and notes are shown literally."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Input, Static

from ..base import DataScreen, run_db
from ..safe import plain
from ..widgets.fit_footer import FitFooter

COLUMNS = (("Name", 22), ("Tries", 6), ("No", 4), ("Yes", 4), ("Last", 8), ("Last contact", 12),
           ("Follow-up", 11))
# The name gives way on a narrow terminal (at least 12 cells, cut with "…"); the dates never do.
SPECS = [(label, width, width) for label, width in COLUMNS[1:]] + [("Name", 12, 22)]


class PeopleScreen(DataScreen):
    TITLE = "People"
    DEFAULT_CSS = """
    PeopleScreen #people-search { margin: 0 1; }
    PeopleScreen #people-table { height: 1fr; }
    PeopleScreen #people-detail { height: 2fr; border-top: solid $primary 50%; padding: 0 1; }
    PeopleScreen #people-empty { padding: 1 2; color: $text-muted; }
    """
    AUTO_FOCUS = "#people-table"
    BINDINGS = [
        Binding("slash", "search", "Search", id="people.search"),
        Binding("escape", "focus_table", "Table", show=False, id="people.table"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ search names", id="people-search", compact=True)
        table = DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        for label, width in COLUMNS:
            table.add_column(label, width=width, key=label)
        yield table
        yield Static("Nobody yet: give an attempt a target (the 'Target' field, or --to NAME).", id="people-empty")
        with VerticalScroll(id="people-detail"):
            yield Static("", id="people-history")
        yield FitFooter()

    def on_resize(self) -> None:
        from ..widgets.tables import fit_columns, share_widths

        total = self.size.width - 2 * len(COLUMNS) - 2  # cell padding, scrollbar
        widths = share_widths(total, SPECS, ("Name",))
        widths["Name"] = min(widths["Name"], 32)  # a wide terminal keeps the numbers near the names
        fit_columns(self.query_one("#people-table", DataTable), widths)

    def on_mount(self) -> None:
        self.query_one("#people-empty").display = False
        self.query_one("#people-table").focus()

    def load_data(self, ctx: Any) -> Any:  # worker thread
        from ...services import people

        search = self.query_one("#people-search", Input).value
        with ctx.store.read() as s:
            return people.people(s, ctx.profile_id, search)

    def show_data(self, data: Any) -> None:
        self.people = list(data or [])
        table = self.query_one("#people-table", DataTable)
        table.clear()
        for i, p in enumerate(self.people):
            name = plain(p.name)
            name.no_wrap, name.overflow = True, "ellipsis"
            table.add_row(name, str(p.attempts), str(p.nos), str(p.yeses), p.last_outcome or "",
                          p.last_contact.isoformat() if p.last_contact else "",
                          p.next_follow_up.isoformat() if p.next_follow_up else "", key=str(i))
        # The table keeps the focus even when empty, so the app's keys (d, l, …) still work.
        self.query_one("#people-empty").display = not self.people
        if self.people:
            self.show_history(0)
        else:
            self.query_one("#people-history", Static).update("")

    def show_history(self, index: int) -> None:
        if not 0 <= index < len(self.people):
            return
        name = self.people[index].name

        def load(ctx: Any) -> Any:
            from ...services import ledger_edit, people

            with ctx.store.read() as s:
                h = people.who(s, ctx.profile_id, name)
                return h.person, [(r.id, ledger_edit.local_wall(r), r.channel, r.outcome, r.rejection_kind,
                                   r.stated_reason, r.real_reason, r.notes, r.lesson) for r in h.attempts]

        run_db(self, load, self._show_history, group="people-history", exclusive=True)

    def _show_history(self, data: Any) -> None:
        person, rows = data
        out = Text()
        out.append_text(plain(person.name, "bold"))
        out.append(f"  {person.attempts} attempts · {person.nos} no · {person.yeses} yes · "
                   f"{person.conversations} talks\n")
        if len(person.spellings) > 1:
            out.append("Also written: ", style="dim")
            out.append_text(plain(", ".join(s for s in person.spellings if s != person.name)))
            out.append("\n")
        for attempt_id, wall, channel, outcome, kind, said, really, notes, lesson in reversed(rows):
            out.append(f"#{attempt_id} {wall}  {channel}  {outcome}{'  ' + kind if kind else ''}\n")
            for label, value in (("said", said), ("really", really), ("note", notes), ("lesson", lesson)):
                if value:
                    out.append(f"    {label}: ", style="dim")
                    out.append_text(plain(" ".join(value.split())))
                    out.append("\n")
        self.query_one("#people-history", Static).update(out)

    @on(DataTable.RowHighlighted, "#people-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_history(event.cursor_row)

    @on(Input.Changed, "#people-search")
    def _search(self) -> None:
        self.reload()

    @on(Input.Submitted, "#people-search")
    def _submitted(self) -> None:
        self.query_one("#people-table").focus()

    def action_search(self) -> None:
        self.query_one("#people-search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#people-table").focus()
