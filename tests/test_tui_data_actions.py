"""Pilot: export, import and backup from the command palette with a progress bar (issue 13,
item 4): the bar follows the worker, the result is one line, bad input one sentence with
nothing written, Esc cancels."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.widgets import Input, ProgressBar, Static

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.tui import data_actions
from rejection_therapy.tui.screens.data_file import DataFileScreen
from tests.tui_helpers import in_store, make_test_app, settle
from tests.tui_text import flowing

MANY = 3000


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write in (root writes anywhere but /sys)."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def seed(location, n: int = MANY) -> None:
    def setup(s, pid):
        from rejection_therapy.services import attempts

        attempts.log_attempt(s, pid, AttemptInput(outcome="no", target="Acme"), count=n)

    in_store(location, setup)


def attempts_in(location) -> int:
    from rejection_therapy.services import journal

    return in_store(location, lambda s, pid: journal.log_count(s, pid))


@pytest.fixture
def painted(monkeypatch):
    """Every (done, total) the bar was given, with no throttling."""
    seen: list[tuple[int, int]] = []
    original = DataFileScreen._paint
    monkeypatch.setattr("rejection_therapy.tui.screens.data_file.PAINT_EVERY", 0)

    def paint(self, done, total):
        seen.append((done, total))
        original(self, done, total)

    monkeypatch.setattr(DataFileScreen, "_paint", paint)
    return seen


async def open_dialog(app, pilot, what: str) -> DataFileScreen:
    data_actions.run(app, what)
    await settle(pilot)
    assert isinstance(app.screen, DataFileScreen)
    return app.screen


async def submit(pilot, screen: DataFileScreen, path: str) -> None:
    screen.query_one(Input).value = path
    screen.query_one(Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_export_import_backup_with_a_progress_bar(sqlite_location, tmp_path, painted):
    seed(sqlite_location)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_dialog(app, pilot, "export")
        assert screen.query_one(Input).value.endswith(".json")  # a suggested name
        out = tmp_path / "out.json"
        await submit(pilot, screen, str(out))
        bar = screen.query_one(ProgressBar)
        assert bar.total == 2 * MANY and bar.progress == 2 * MANY  # each attempt read, then written
        steps = [d for d, _t in painted]
        assert len(steps) >= 4 and steps == sorted(set(steps)) and steps[-1] == 2 * MANY
        result = f"Exported {MANY:,} attempts to {out}."
        assert str(screen.query_one("#df-result", Static).render()) == result
        assert f"Exported {MANY:,} attempts to" in flowing(app)  # on the 80x24 screen (the path wraps)
        await pilot.press("enter")  # Close
        await settle(pilot)
        assert not isinstance(app.screen, DataFileScreen)
        assert len(json.loads(out.read_text())["profiles"][0]["attempts"]) == MANY

        painted.clear()
        screen = await open_dialog(app, pilot, "import")
        await submit(pilot, screen, str(out))
        assert painted[-1] == (2 * MANY, 2 * MANY)  # each attempt checked, then stored or skipped
        assert screen.query_one(ProgressBar).percentage == 1
        assert f"{MANY:,} already there were skipped" in str(screen.query_one("#df-result", Static).render())
        await pilot.press("escape")
        await settle(pilot)

        painted.clear()
        screen = await open_dialog(app, pilot, "backup")
        await submit(pilot, screen, str(tmp_path / "copy.db"))
        done, total = painted[-1]
        assert done == total > 0 and screen.query_one(ProgressBar).percentage == 1
        assert f"Backup written to {tmp_path / 'copy.db'}." in str(screen.query_one("#df-result", Static).render())
    assert (tmp_path / "copy.db").read_bytes().startswith(b"SQLite format 3")
    assert attempts_in(sqlite_location) == MANY


@pytest.mark.parametrize("what", ["export", "backup"])
async def test_unwritable_path_is_one_sentence_and_nothing_is_written(sqlite_location, tmp_path, what):
    seed(sqlite_location, 10)
    folder = unwritable_folder(tmp_path)
    target = folder / f"out.{'json' if what == 'export' else 'db'}"
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_dialog(app, pilot, what)
        await submit(pilot, screen, str(target))
        error = str(screen.query_one("#df-error", Static).render())
        assert error.startswith("Cannot ") and "Permission denied" in error and error.count(".") <= 3
        assert screen.query_one(ProgressBar).display is False and screen.result is None
        assert not screen.query_one(Input).disabled  # fix the name and try again
        await submit(pilot, screen, str(tmp_path / target.name))
        assert screen.result is not None
    assert not target.exists()


async def test_a_file_the_app_refuses_imports_nothing(sqlite_location, tmp_path):
    seed(sqlite_location, 10)
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}')
    missing = tmp_path / "nowhere" / "x.json"
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_dialog(app, pilot, "import")
        await submit(pilot, screen, str(bad))
        assert str(screen.query_one("#df-error", Static).render()) == "The file is not a rejection-therapy export."
        await submit(pilot, screen, str(missing))
        assert "does not exist" in str(screen.query_one("#df-error", Static).render())
        assert isinstance(app.screen, DataFileScreen) and screen.result is None
    assert attempts_in(sqlite_location) == 10


async def test_cancel_while_it_runs_writes_nothing(sqlite_location, tmp_path, monkeypatch):
    seed(sqlite_location)
    original = DataFileScreen._paint
    monkeypatch.setattr("rejection_therapy.tui.screens.data_file.PAINT_EVERY", 0)

    def paint_then_escape(self, done, total):  # the user presses Esc at the first paint
        original(self, done, total)
        self.action_cancel()

    monkeypatch.setattr(DataFileScreen, "_paint", paint_then_escape)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_dialog(app, pilot, "export")
        await submit(pilot, screen, str(tmp_path / "out.json"))
        assert str(screen.query_one("#df-error", Static).render()) == "Export cancelled; nothing was written."
        assert screen.result is None and not screen.running
    assert list(tmp_path.glob("*out.json*")) == []
