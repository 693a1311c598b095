"""User text is shown literally, errors become notifications, the demo never touches the real store."""

from __future__ import annotations

from sqlalchemy import update
from textual.widgets import DataTable, Digits

from rejection_therapy.config import DB_FILENAME, data_dir
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.models import Attempt
from rejection_therapy.tui.launch import demo_location, make_app
from tests.tui_helpers import make_test_app, settle

NASTY = "[bold]x[/bold] [@click=app.quit]click[/] \x1b[31mred\x1b[0m \x1b]0;title\x07end"


def _log_nasty(location) -> int:
    ctx = AppContext.open(location)
    try:
        with ctx.store.write() as s:
            logged = attempts_svc.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", target="[red]Acme"))
            # Bypass the service's cleaning: text from an older version or another tool.
            s.execute(update(Attempt).where(Attempt.id == logged.id).values(notes=NASTY))
        return logged.id
    finally:
        ctx.close()


async def test_markup_and_escapes_render_as_plain_text_and_clicks_do_nothing(sqlite_location):
    attempt_id = _log_nasty(sqlite_location)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#today-attempts", DataTable)
        note = table.get_cell(str(attempt_id), "note")
        target = table.get_cell(str(attempt_id), "target")
        assert str(target) == "[red]Acme"
        assert "[bold]x[/bold]" in str(note) and "[@click=app.quit]click[/]" in str(note)
        assert "\x1b" not in str(note) and "\x07" not in str(note)
        assert "redend" not in str(note) and "red" in str(note)
        assert not any(span.style and "@click" in str(span.style) for span in note.spans)
        row = table.get_row_index(str(attempt_id))
        columns = [c.key.value for c in table.ordered_columns]
        x = sum(c.get_render_width(table) for c in table.ordered_columns[: columns.index("note")]) + 3
        await pilot.click(table, offset=(x, row + 1))
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "DashboardScreen"
        await pilot.click(table, offset=(x, row + 1))  # a second click on the row selects it
        await settle(pilot)
        assert app.is_running
        assert app.return_code is None
        # A click on a row opens it for editing (the only thing a click does); the note is there, literally.
        from textual.widgets import TextArea

        shown = app.screen.query_one("#f-notes", TextArea).text
        assert shown.startswith("[bold]x[/bold] [@click=app.quit]") and "\x1b" not in shown
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "DashboardScreen"


async def test_error_in_a_database_call_is_a_notification(sqlite_location, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("cannot write to postgresql://rt:s3cret-pw@db.example/rt")

    monkeypatch.setattr(attempts_svc, "log_attempt", boom)
    monkeypatch.setattr(attempts_svc, "write_attempt", boom)  # the dashboard's log (services.dashboard_view)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any("RuntimeError" in m for m in messages)
        assert not any("s3cret-pw" in m for m in messages)
        assert app.screen.query_one("#no-counter", Digits).value == "0"  # the optimistic +1 went back
        monkeypatch.undo()
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#no-counter", Digits).value == "1"


async def test_damaged_database_file_is_explained_on_the_dashboard(tmp_path):
    from rejection_therapy.config import resolve_db

    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database, just garbage " * 200)
    app = make_test_app(resolve_db(str(path)))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        status = app.screen.query_one("#status")
        assert status.display is True and status.has_class("error")
        assert "Traceback" not in str(status.render())
        assert app._notifications
        await pilot.press("n")  # logging with no store: a notification, not a crash
        await settle(pilot)
        assert app.is_running
    assert path.read_bytes().startswith(b"this is not a database")


async def test_unhandled_exception_never_prints_a_password(sqlite_location, capsys):
    app = make_test_app(sqlite_location)

    def crash() -> None:
        url = "postgresql://rt:hunter2@db/rt"  # a local in the frame: never printed either
        raise RuntimeError(f"connect to {url} failed")

    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.call_later(crash)
            await pilot.pause()
            await pilot.pause()
    except RuntimeError:
        pass  # the Pilot re-raises the app's exception for the test framework
    printed = capsys.readouterr().err
    assert "RuntimeError" in printed and "***" in printed
    assert "hunter2" not in printed


async def test_demo_never_touches_the_default_store(tmp_path):
    default = data_dir() / DB_FILENAME
    location, folder = demo_location()
    try:
        app = make_app(location, demo=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert app.bridge.ctx.profile.name == "demo"
            assert app.bridge.ctx.store.location.path == location.path
            with app.bridge.ctx.store.read() as s:
                assert s.query(Attempt).count() > 1000
            assert "demo" in app.sub_title
        assert not default.exists()
        assert folder.exists() and location.path.parent == folder
        assert str(folder) != str(default.parent)
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def test_launch_demo_runs_on_a_temp_store_and_cleans_up(monkeypatch, tmp_path):
    from rejection_therapy.tui import launch as launch_mod
    from rejection_therapy.tui.app import RejectionTherapyApp  # imported by launch after the fork

    seen = {}

    def fake_run(self, *args, **kwargs):
        seen["location"] = self.location
        seen["demo"] = self.demo

    monkeypatch.setattr(RejectionTherapyApp, "run", fake_run)
    assert launch_mod.launch(db=None, profile=None, demo=True) == 0
    assert seen["demo"] is True
    assert seen["location"].path != data_dir() / DB_FILENAME
    assert not seen["location"].path.parent.exists()  # the temporary folder is removed on exit
    assert not (data_dir() / DB_FILENAME).exists()
