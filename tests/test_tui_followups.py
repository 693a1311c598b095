"""Pilot tests of the follow-ups screen and the dashboard's follow-up panel on the real app."""

from datetime import timedelta

import pytest

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts, followups
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from tests.tui_helpers import make_test_app, settle


def text_of(widget) -> str:
    return str(widget.content)


@pytest.fixture
def seeded(sqlite_location):
    ctx = AppContext.open(sqlite_location)
    ids = {}
    try:
        with ctx.store.write() as s:
            settings_svc.update(s, ctx.profile_id, onboarded=True)
            t = followups.today_of(s, ctx.profile_id)

            def log(name, **kw):
                ids[name] = attempts.log_attempt(s, ctx.profile_id, AttemptInput(target=name, **kw)).id

            log("Due Today Co", outcome="no", follow_up_on=t, stated_reason="budget [bold]frozen[/]")
            log("Overdue Ltd", outcome="no", follow_up_on=t - timedelta(days=3), notes="call Q1")
            log("Later Inc", outcome="no", follow_up_on=t + timedelta(days=20))
            log("Waiting Wanda", outcome="pending", channel="email")
    finally:
        ctx.close()
    return sqlite_location, ids


def db_row(location, attempt_id):
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            return attempts.get(s, ctx.profile_id, attempt_id)
    finally:
        ctx.close()


async def test_dashboard_panel_shows_follow_ups_due_today(seeded):
    location, _ids = seeded
    app = make_test_app(location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from rejection_therapy.tui.widgets.followup_panel import FollowUpPanel

        panel = app.screen.query_one(FollowUpPanel)
        assert panel.display
        shown = text_of(panel)
        assert "Due Today Co" in shown and "Overdue Ltd" in shown and "Later Inc" not in shown
        assert "1 due today" in shown and "1 overdue" in shown


async def test_panel_hidden_when_nothing_is_due(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from rejection_therapy.tui.widgets.followup_panel import FollowUpPanel

        assert not app.screen.query_one(FollowUpPanel).display


async def test_followups_screen_done_snooze_and_detail(seeded):
    location, ids = seeded
    app = make_test_app(location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        from textual.widgets import DataTable

        from rejection_therapy.tui.screens.followups import FollowUpsScreen

        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        table = screen.query_one("#fu-table", DataTable)
        assert table.row_count == 2  # overdue, then due today; the upcoming one is not listed
        assert screen.selected_followup().id == ids["Overdue Ltd"]
        assert "call Q1" in text_of(screen.query_one("#fu-detail"))
        table.move_cursor(row=1)
        await pilot.pause()
        detail = text_of(screen.query_one("#fu-detail"))
        assert "budget [bold]frozen[/]" in detail  # user text shown literally

        await pilot.press("x")  # done
        await settle(pilot)
        assert db_row(location, ids["Due Today Co"]).follow_up_state == "done"
        assert table.row_count == 1

        await pilot.press("z")  # snooze the overdue one (default 7 days)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        row = db_row(location, ids["Overdue Ltd"])
        assert row.follow_up_state == "open" and row.follow_up_on > row.local_day
        assert not table.display and screen.query_one("#fu-empty").display
        assert "Nothing is due today" in text_of(screen.query_one("#fu-empty"))

        await pilot.press("a")  # all open: the snoozed one and the upcoming one
        await settle(pilot)
        assert table.row_count == 2

        await pilot.press("delete")  # drop with the key…
        await settle(pilot)
        assert table.row_count == 1
        await pilot.click("#fu-drop")  # …and with the mouse
        await settle(pilot)
        assert db_row(location, ids["Later Inc"]).follow_up_state == "dropped"
        assert db_row(location, ids["Overdue Ltd"]).follow_up_state == "dropped"
        assert "No open follow-ups" in text_of(screen.query_one("#fu-empty"))


async def test_waiting_tab_late_reply_and_feedback_request(seeded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    location, ids = seeded
    app = make_test_app(location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        from textual.widgets import DataTable, TextArea

        wt = screen.query_one("#wait-table", DataTable)
        assert wt.row_count == 1

        await pilot.press("m")  # the feedback request for Waiting Wanda
        await settle(pilot)
        from rejection_therapy.tui.screens.followups import FeedbackScreen

        assert isinstance(app.screen, FeedbackScreen)
        text = app.screen.query_one(TextArea).text
        assert "Waiting Wanda" in text and "email" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        written = tmp_path / f"feedback-{ids['Waiting Wanda']}.txt"
        assert written.read_text(encoding="utf-8") == text
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("o", "4")  # late reply (o, then 4 = yes), stored on that attempt
        await settle(pilot)
        row = db_row(location, ids["Waiting Wanda"])
        assert row.outcome == "yes"
        assert wt.row_count == 0


async def test_edit_feedback_template(seeded):
    location, _ids = seeded
    app = make_test_app(location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        from textual.widgets import TextArea

        area = app.screen.query_one(TextArea)
        area.text = "Hello {name}, what tipped it?"
        await pilot.press("ctrl+s")
        await settle(pilot)
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            assert settings_svc.load(s, ctx.profile_id).feedback_template == "Hello {name}, what tipped it?\n"
    finally:
        ctx.close()
