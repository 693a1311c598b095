"""Snapshot tests: every screen and modal at 80x24 and 120x40, colour on, fixed demo and clock.

Each case stores the screen as text and as a truecolor SVG under tests/snapshots/ (syrupy).
Update with ``pytest tests/test_snapshots.py --snapshot-update`` — after reading every
changed ``.txt`` for cut words and looking at the SVG. See tests/snapshot_helpers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from .snapshot_helpers import (
    SIZES,
    SNAPSHOT_NOW,
    VISITS,
    capture,
    copy_store,
    low_cap,
    make_demo_template,
)
from .tui_helpers import settle


class _Text(SingleFileSnapshotExtension):
    file_extension = "txt"
    _write_mode = WriteMode.TEXT

    @classmethod
    def dirname(cls, *, test_location) -> str:
        return str(Path(test_location.filepath).parent / "snapshots" / test_location.basename)


class _Svg(_Text):
    file_extension = "svg"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo_template(tmp_path_factory.mktemp("demo-template"))


@pytest.fixture
def screen_snapshot(snapshot):
    return snapshot.use_extension(_Text), snapshot.use_extension(_Svg)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(VISITS))
async def test_screen(name: str, size: tuple[int, int], demo_template: Path, tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch, screen_snapshot) -> None:
    from rejection_therapy.config import resolve_db
    from rejection_therapy.tui.launch import make_app

    monkeypatch.setenv("REJECTION_THERAPY_NOW", SNAPSHOT_NOW)
    monkeypatch.delenv("NO_COLOR", raising=False)
    visit, setup = VISITS[name]
    if setup == "empty":
        location = resolve_db(str(tmp_path / "empty.db"))
        profile = None
    else:
        location = resolve_db(str(copy_store(demo_template, tmp_path / "store")))
        profile = "demo"
        if setup == "low_cap":
            low_cap(location)
    app = make_app(location, profile, offer_onboarding=False)
    app.demo = True  # the title bar says "temporary demo data", not this test's tmp path
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.open_store()
        await settle(pilot)
        await visit(app, pilot)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)
        text, svg = capture(app)
    as_text, as_svg = screen_snapshot
    assert "could not be drawn" not in text
    assert text == as_text
    assert svg == as_svg
