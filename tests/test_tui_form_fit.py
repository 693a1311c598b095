"""The attempt form and the why? panel fit 80x24: every default field shows without
scrolling, and each text field wears a visible frame (a compact Input has none)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TextArea

from rejection_therapy.core.attempts import AttemptInput

from .tui_helpers import make_test_app, settle


def framed(widget) -> bool:
    target = widget.query_one("SelectCurrent") if isinstance(widget, Select) else widget
    left, right = target.styles.border_left[0], target.styles.border_right[0]
    return left not in ("", "none", "hidden") and right not in ("", "none", "hidden")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_attempt_form_shows_every_field_framed_without_scrolling(sqlite_location, size):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.screen.action_attempt_form()
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == "AttemptFormScreen"
        assert form.query_one("#form-scroll").max_scroll_y == 0
        box = form.query_one("#form-box").region
        fields = [*form.query(Input), *form.query(Select), *form.query(TextArea)]
        assert len(fields) == 17
        for field in fields:
            assert box.contains_region(field.region), field.id
            assert framed(field), field.id
        for button in form.query("#form-buttons Button"):
            assert box.contains_region(button.region), button.id
        assert form.query_one("#f-notes").region.height == 3


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_why_panel_inputs_are_framed_and_fit(sqlite_location, size):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.screen.log_attempt(AttemptInput(outcome="no"), why=True, confirmed=True)
        await settle(pilot)
        panel = app.screen.query_one("#why-panel")
        assert panel.is_open
        for field in panel.query(Input):
            assert framed(field), field.id
            assert field.region.height == 1 and panel.region.contains_region(field.region), field.id
            assert field.region.width >= 12, field.id
        if size == (80, 24):
            assert panel.region.height == 5  # kind, the fields, the buttons: no taller than before
