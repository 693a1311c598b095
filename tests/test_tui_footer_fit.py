"""Footers read at 80x24 and 120x40 on the demo store, colour on: every key shown is whole and
ends before the palette key; a key left out at that width is on the help screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from rejection_therapy.tui.widgets.fit_footer import FitFooter, FooterItem, fit

from .test_tui_fit_80 import demo_ready, open_demo
from .tui_helpers import settle

SCREENS = ("log", "wins", "challenges", "charts", "review", "followups", "leaderboard", "profiles",
           "settings", "people", "ladder", "team_feed")
SIZES = ((80, 24), (120, 40))


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .snapshot_helpers import make_demo_template

    return make_demo_template(tmp_path_factory.mktemp("demo-footer"))


def footer_ok(app, text: str) -> list[FooterKey]:
    """Every key of the footer whole on the last line, left of the palette key; the keys."""
    line = text.splitlines()[-1]
    width = app.size.width
    keys = list(app.screen.query(FooterKey).results(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette")]
    edge = palette[0].region.x if palette else width
    assert palette and palette[0].region.right <= width, line
    shown = [k for k in keys if not k.has_class("-command-palette")]
    assert shown, line
    for key in shown:
        label = f"{key.key_display} {key.description}"
        at = line.find(label, key.region.x)
        assert 0 <= at < key.region.right, (label, line)
        assert at + len(label) <= edge, (label, line)  # not under the palette key
        assert key.region.right <= edge, (label, line)
    return shown


async def hidden_keys_in_help(app, pilot) -> None:
    """What the footer left out, the help screen (?) lists: its words or its key."""
    from textual.widgets import Footer, Static

    hidden = list(getattr(app.screen.query_one(Footer), "hidden", []))
    if not hidden:
        return
    app.action_help()
    await settle(pilot)
    words = " ".join(str(s.render()) for s in app.screen.query(Static).results(Static))
    for binding in hidden:
        assert binding.id and f"[{binding.id}]" in words, binding
    app.screen.dismiss(None)
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", SCREENS)
async def test_footer_keys_whole(mode, size, demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        text = await demo_ready(app, pilot, mode)
        shown = footer_ok(app, text)
        if app.screen.query_one(FitFooter).hidden:
            assert any(k.key_display == "?" for k in shown), "help stays when keys are left out"
        await hidden_keys_in_help(app, pilot)


async def test_footer_refits_when_the_terminal_narrows(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await demo_ready(app, pilot, "log")
        wide = {k.description for k in app.screen.query(FooterKey).results(FooterKey)}
        assert "Clear filters" in wide
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)
        from .snapshot_helpers import capture

        footer_ok(app, capture(app)[0])


def test_fit_keeps_help_and_drops_the_app_keys_first():
    from textual.binding import Binding

    def item(key: str, words: str, bid: str) -> FooterItem:
        return FooterItem(Binding(key, bid, words, id=bid), key, words, True, "")

    items = [item("e", "Edit", "e"), item("u", "Undo delete", "log.undo"), item("d", "Dashboard", "go-dashboard"),
             item("!", "Bad day", "bad-day"), item("?", "Help", "help"), item("q", "Quit", "quit")]
    shown, compact = fit(items, 200)
    assert shown == items and not compact
    shown, compact = fit(items, 30)
    assert compact and [i.words for i in shown] == ["Edit", "Undo", "Bad day", "Help"]
    shown, _ = fit(items, 8)
    assert [i.words for i in shown] == ["Help"]
    shown, compact = fit(items, 200, compact=True)
    assert shown == items and compact


# The dashboard draws its keys with KeyBar (one widget, for start-up speed); it fits them by
# the same rule (tui/key_fit.py).


def key_bar_ok(app, text: str):
    """The dashboard's KeyBar: every key whole on the last line, left of the palette key."""
    from rejection_therapy.tui.widgets.key_bar import KeyBar

    line = text.splitlines()[-1]
    bar = app.screen.query_one(KeyBar)
    edge = line.find("▏")
    assert 0 < edge <= app.size.width - len("▏^p palette"), line
    for key in bar.shown:
        label = f"{key.key_display} {key.description}"
        assert line[key.start:key.end] == label, (label, line)
        assert key.end <= edge, (label, line)
    return bar.shown


async def _banner(app, pilot) -> None:
    from rejection_therapy.tui.widgets.bad_day_banner import BadDayBanner

    app.screen.query_one(BadDayBanner).offer(12)
    app.screen.refresh_bindings()


async def _why(app, pilot) -> None:
    from rejection_therapy.core.attempts import AttemptInput

    app.screen.log_attempt(AttemptInput(outcome="no"), why=True, confirmed=True)


@pytest.mark.parametrize("case", [
    pytest.param(("banner", (80, 24)), id="banner-80x24"),
    pytest.param(("banner", (120, 40)), id="banner-120x40"),
    pytest.param(("why", (80, 24)), id="why-80x24"),
    pytest.param(("why", (120, 40)), id="why-120x40"),
])
async def test_dashboard_footer_whole(case, demo_template, tmp_path, monkeypatch):
    from .snapshot_helpers import capture

    what, size = case
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await demo_ready(app, pilot)
        await (_banner if what == "banner" else _why)(app, pilot)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)
        text = capture(app)[0]
        shown = key_bar_ok(app, text)
        words = {k.description for k in shown}
        if what == "banner":
            assert {"Close", "Close banner"} & words, text
        else:
            assert {"Share", "Share the lesson, not the name"} & words, text
        assert "?" in {k.key_display for k in shown}
        if what == "why":  # the panel's own keys stay; what gave way is on the help screen
            assert {"Skip", "Save"} <= words or {"Skip why", "Save why"} <= words, text
