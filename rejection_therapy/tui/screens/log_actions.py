"""The attempt log's row actions: edit in the full form, change the outcome, delete with
undo. A mixin of AttemptLogScreen (keeps each module small)."""

from __future__ import annotations

from typing import Any

from ..base import run_db, undo_last
from ..safe import plain
from ..widgets.dialog import open_dialog
from .log_parts import COLUMNS, LogTable, OutcomeScreen, row_cells


class LogActions:
    app: Any
    rows: dict[int, Any]
    undo_stack: list[dict[str, Any]]
    total: int | None
    _in_modal: bool

    def _current_id(self) -> int | None:
        table = self.query_one(LogTable)
        if not table.row_count:
            self.notify("There is no attempt here to act on.", severity="warning")
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def _refresh_row(self, row: Any) -> None:
        table = self.query_one(LogTable)
        self.rows[row.id] = row
        for (_label, column, _w), cell in zip(COLUMNS, row_cells(row), strict=True):
            table.update_cell(str(row.id), column, cell, update_width=False)

    def action_edit(self) -> None:
        attempt_id = self._current_id()
        if attempt_id is None:
            return

        def fetch(ctx: Any) -> Any:
            from ...services import attempts, ledger_edit

            with ctx.store.read() as s:
                row = attempts.get(s, ctx.profile_id, attempt_id)
                return attempts.to_input(row)._replace(when=ledger_edit.local_wall(row))

        run_db(self, fetch, lambda initial: self._open_form(attempt_id, initial))

    def _open_form(self, attempt_id: int, initial: Any) -> None:
        from ..widgets.attempt_form import AttemptFormScreen

        # The second Enter of a burst fetched the row too: its form does not open over the first.
        if open_dialog(self, AttemptFormScreen(initial, title=f"Edit attempt #{attempt_id}"),
                       lambda data: self._save_edit(attempt_id, data, initial.when)):
            self._in_modal = True

    def _save_edit(self, attempt_id: int, data: Any, was: str | None = None) -> None:
        if data is None:
            return

        def save(ctx: Any) -> Any:
            from ...services import attempts, journal, ledger_edit

            with ctx.store.write() as s:
                attempts.edit(s, ctx.profile_id, attempt_id, data)
                moved = bool(data.when and data.when != was)  # to another moment (maybe another day)
                if moved:
                    ledger_edit.move(s, ctx.profile_id, attempt_id, data.when)
            with ctx.store.read() as s:
                return journal.log_row(s, ctx.profile_id, attempt_id), moved

        def done(result: Any) -> None:
            row, moved = result
            if moved:  # its place in the newest-first order changed
                self.reload(keep=attempt_id, minimum=self.query_one(LogTable).row_count)
                self.notify(f"Attempt #{attempt_id} moved; it counts for {row.local_day}.")
                return
            self._refresh_row(row)
            self.notify(f"Attempt #{attempt_id} saved.")

        run_db(self, save, done)

    def action_outcome(self) -> None:
        attempt_id = self._current_id()
        if attempt_id is None:
            return
        current = self.rows[attempt_id].outcome
        if open_dialog(self, OutcomeScreen(attempt_id, current),
                       lambda outcome: self._set_outcome(attempt_id, outcome)):
            self._in_modal = True

    def _set_outcome(self, attempt_id: int, outcome: str | None) -> None:
        if outcome is None:
            return

        def save(ctx: Any) -> Any:
            from ...services import attempts, journal

            with ctx.store.write() as s:  # one transaction: the change and the row after it
                attempts.set_outcome(s, ctx.profile_id, attempt_id, outcome)
                return journal.log_row(s, ctx.profile_id, attempt_id)

        def done(row: Any) -> None:
            self._refresh_row(row)
            self.notify(f"Attempt #{attempt_id} is now {outcome}; it stays on {row.local_day}.")

        run_db(self, save, done)

    def action_delete(self) -> None:
        attempt_id = self._current_id()
        if attempt_id is None:
            return

        def delete(ctx: Any) -> Any:
            from ...services import attempts

            with ctx.store.write() as s:
                return attempts.delete_attempt(s, ctx.profile_id, attempt_id)

        def done(snapshot: dict[str, Any]) -> None:
            self.undo_stack.append(snapshot)
            table = self.query_one(LogTable)
            if str(attempt_id) in table.rows:
                table.remove_row(str(attempt_id))
            self.rows.pop(attempt_id, None)
            if self.total:
                self.total -= 1
            self._status()
            what = " · ".join(x for x in (snapshot.get("channel"), snapshot.get("target")) if x)
            self.notify(plain(f"Deleted attempt #{attempt_id} ({what}). Press u to undo.").plain,
                        title="Deleted", timeout=8, markup=False)

        run_db(self, delete, done)

    def action_undo(self) -> None:
        from ...services import attempts

        def done(attempt_id: int) -> None:
            self.notify(f"Attempt #{attempt_id} is back.", title="Restored")
            self.reload(keep=attempt_id, minimum=self.query_one(LogTable).row_count + 1)

        undo_last(self, attempts.restore, done)
