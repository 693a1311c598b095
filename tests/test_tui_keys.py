"""One keymap, and guards a fast typist sees (issue 11 items 12, 13, 14).

Keys are pressed in one burst (``pilot.press("p", "n", "y")``) without waiting for the UI
to settle where the point is fast fingers. Colour is on (nothing sets NO_COLOR).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from rejection_therapy.core.goals import Goal
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.models import Attempt
from rejection_therapy.tui.widgets.bad_day_banner import BadDayBanner
from rejection_therapy.tui.widgets.confirm import ConfirmScreen
from tests.tui_helpers import in_store, make_test_app, settle
from tests.tui_text import screen_text

SIZES = [(80, 24), (120, 40)]


def count(location) -> int:
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            return s.scalar(select(func.count(Attempt.id)))
    finally:
        ctx.close()


# ---- item 13: the cap question does not take logging keys ------------------------------

@pytest.mark.parametrize("size", SIZES)
async def test_fast_logging_keys_do_not_answer_the_cap_question(sqlite_location, size):
    in_store(sqlite_location, lambda s, pid: settings_svc.set_goal(s, pid, Goal(2, 0, 2), date(2000, 1, 1)))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("p", "p")
        await settle(pilot)
        await pilot.press("p", "n", "n", "y", "p")  # at dialling speed, past the cap
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert sum(isinstance(s, ConfirmScreen) for s in app.screen_stack) == 1
        assert count(sqlite_location) == 2  # nothing logged, nothing answered
        note = app.screen.query_one("#confirm-note")
        text = " ".join(str(note.render()).split())
        assert "ignored" in text and "nothing was logged" in text  # said, not lost silently
        assert "4 times" in text
        assert app.screen.region.contains_region(note.region) and note.region.height >= 2
        await pilot.press("o")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert count(sqlite_location) == 3


async def test_escape_stops_at_the_cap(sqlite_location):
    in_store(sqlite_location, lambda s, pid: settings_svc.set_goal(s, pid, Goal(1, 0, 1), date(2000, 1, 1)))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the safe answer has the focus
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert count(sqlite_location) == 1


# ---- item 13: the bad-day offer stays until closed -------------------------------------

@pytest.mark.parametrize("size", SIZES)
async def test_bad_day_offer_stays_visible_while_logging_goes_on(sqlite_location, size):
    in_store(sqlite_location, lambda s, pid: settings_svc.update(s, pid, bad_day_threshold=3))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "n", "n")  # the run reaches 3 and goes on, fast
        await settle(pilot)
        banner = app.screen.query_one(BadDayBanner)
        assert banner.is_open and banner.region.height > 0
        assert "no's in a row" in screen_text(app)
        await pilot.press("n", "n", "y", "n")  # logging does not close it (a yes neither)
        await settle(pilot)
        assert banner.is_open
        assert count(sqlite_location) == 8
        await pilot.press("escape")  # the why? panel takes escape, not the banner
        await settle(pilot)
        assert banner.is_open
        await pilot.press("x")
        await settle(pilot)
        assert not banner.is_open
        assert "no's in a row" not in screen_text(app)
        await pilot.press("n", "n", "n")  # a new run of three: offered again
        await settle(pilot)
        assert banner.is_open
        await pilot.press("x", "n")  # closed; the same run goes on: not offered again
        await settle(pilot)
        assert not banner.is_open


# ---- item 12: one keymap ---------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
async def test_logging_keys_do_nothing_but_say_so_off_the_dashboard(sqlite_location, size):
    from rejection_therapy.tui.screens.followups import FollowUpsScreen

    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key, mode in (("l", "log"), ("j", "wins"), ("c", "challenges"), ("b", "leaderboard"),
                          ("f", "followups"), ("g", "charts"), ("r", "review")):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode
            app.screen.set_focus(None)
            if isinstance(app.screen, FollowUpsScreen):
                app.screen.query_one("#wait-table").focus()
            await pilot.press("n", "y", "p")  # fast, off the dashboard
            await settle(pilot)
            assert app.current_mode == mode, mode
            assert len(app.screen_stack) == 1, f"{mode}: a dialog opened ({app.screen})"
            notes = [n.message for n in app._notifications]
            assert any("on the dashboard only" in m for m in notes), mode
            app.clear_notifications()
        assert count(sqlite_location) == 0


async def test_escape_goes_back_one_step(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("o")  # Profiles, from the Leaderboard
        await settle(pilot)
        assert app.current_mode == "profiles"
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "leaderboard"
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "dashboard"


async def test_help_documents_the_keymap(sqlite_location, tmp_path, monkeypatch):
    from rejection_therapy.tui.screens.help import HelpScreen

    monkeypatch.setenv("REJECTION_THERAPY_CONFIG_DIR", str(tmp_path / "config"))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        for words in ("on the dashboard only", "Back one step", "never answer a dialog",
                      "[log-no]", "[go-leaderboard]", "keymap.toml", str(tmp_path / "config")):
            assert words in " ".join(text.split()), words


def write_keymap(tmp_path, monkeypatch, text: str) -> None:
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    (folder / "keymap.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("REJECTION_THERAPY_CONFIG_DIR", str(folder))


async def test_keymap_toml_remaps_a_binding(sqlite_location, tmp_path, monkeypatch):
    write_keymap(tmp_path, monkeypatch, '# mine\nlog-no = "k"\ngo-leaderboard = "B"\n')
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k", "k")
        await settle(pilot)
        assert count(sqlite_location) == 2
        assert app.screen.query_one("#no-counter").value == "2"
        await pilot.press("escape", "B")
        await settle(pilot)
        assert app.current_mode == "leaderboard"
        assert not [n for n in app._notifications if n.title == "Keymap"]


@pytest.mark.parametrize("text", ['log-no = "k', 'log-no = 3', 'log-no = "k k"', 'no-such-binding = "k"'])
async def test_a_bad_keymap_gives_one_sentence_and_the_defaults(sqlite_location, tmp_path, monkeypatch, text):
    write_keymap(tmp_path, monkeypatch, text)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = [n.message for n in app._notifications if n.title == "Keymap"]
        assert len(notes) == 1 and notes[0].endswith("the default keys are used.")
        assert notes[0].count(". ") == 0  # one sentence
        await pilot.press("n")
        await settle(pilot)
        assert count(sqlite_location) == 1  # the default n still logs
        assert app.is_running


# ---- item 14: settings focus, the form asks before discarding, ctrl+q -----------------

@pytest.mark.parametrize("size", SIZES)
async def test_settings_opens_with_the_first_field_focused(sqlite_location, size):
    from textual.widgets import Input

    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("s", "a", "b", "c")  # typing at once never jumps screens
        await settle(pilot)
        assert app.current_mode == "settings"
        field = app.screen.query_one("#set-daily_attempts", Input)
        assert app.focused is field and field.value.endswith("bc")  # "a" may land before the load
        await pilot.press("escape")  # undoes the typing, stays
        await settle(pilot)
        assert app.current_mode == "settings" and app.focused is field
        await pilot.press("b")  # still in the field
        await settle(pilot)
        assert app.current_mode == "settings"


async def open_form_with_text(pilot):
    from textual.widgets import Input

    from rejection_therapy.tui.widgets.attempt_form import AttemptFormScreen

    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AttemptFormScreen)
    pilot.app.screen.query_one("#f-target", Input).focus()
    await pilot.press("B", "o", "b")
    return pilot.app.screen


@pytest.mark.parametrize("size", SIZES)
async def test_escape_in_the_full_form_asks_before_discarding(sqlite_location, size):
    from textual.widgets import Input

    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        form = await open_form_with_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "typed" in app.screen.question
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is form and form.query_one("#f-target", Input).value == "Bob"
        await pilot.press("escape", "o")  # discard
        await settle(pilot)
        assert app.screen is not form and not isinstance(app.screen, ConfirmScreen)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert app.current_mode == "dashboard" and len(app.screen_stack) == 1
    assert count(sqlite_location) == 0


async def test_ctrl_q_works_while_the_form_is_open_and_asks(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form_with_text(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        await pilot.press("ctrl+q", "o")
        await settle(pilot)
        assert not app.is_running


async def test_ctrl_q_quits_at_once_when_nothing_was_typed(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
