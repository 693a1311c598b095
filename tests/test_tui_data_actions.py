"""Pilot: export, import and backup from the command palette (issue 13, item 4)."""

from __future__ import annotations

import json

from textual.widgets import Input

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.tui import data_actions
from rejection_therapy.tui.screens.profiles import NameScreen
from tests.tui_helpers import in_store, make_test_app, settle


async def test_export_then_backup_from_the_palette(sqlite_location, tmp_path):
    def setup(s, pid):
        from rejection_therapy.services import attempts

        attempts.log_attempt(s, pid, AttemptInput(outcome="no", target="Acme"))

    in_store(sqlite_location, setup)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        data_actions.run(app, "export")
        await settle(pilot)
        assert isinstance(app.screen, NameScreen)
        box = app.screen.query_one(Input)
        assert box.value.endswith(".json")
        box.value = str(tmp_path / "missing-folder" / "x.json")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NameScreen)  # the error is shown, the prompt stays
        assert "does not exist" in str(app.screen.query_one("#pf-error").render())
        box.value = str(tmp_path / "out.json")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, NameScreen)
        data_actions.run(app, "backup")
        await settle(pilot)
        app.screen.query_one(Input).value = str(tmp_path / "copy.db")
        await pilot.press("enter")
        await settle(pilot)
    doc = json.loads((tmp_path / "out.json").read_text())
    assert "Acme" in json.dumps(doc)
    assert (tmp_path / "copy.db").read_bytes().startswith(b"SQLite format 3")
