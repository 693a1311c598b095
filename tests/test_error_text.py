"""Error sentences quote user text and URLs: they are shown literally and never leak a password."""

from __future__ import annotations

import pytest

from rejection_therapy.config import mask_url
from rejection_therapy.core.errors import ValidationError


@pytest.mark.parametrize(
    "url,hidden",
    [
        ("postgresql+psycopg://alice:p@ss@host/db", "p@ss"),
        ("postgresql://alice:secret@h:5432/db?sslmode=require", "secret"),
        ("could not connect to postgresql://bob:hunter2@db/x: timeout", "hunter2"),
        ("host=db user=bob password=hunter2 dbname=x", "hunter2"),
    ],
)
def test_mask_url_hides_the_whole_password(url, hidden):
    masked = mask_url(url)
    assert hidden not in masked and "***" in masked


async def test_error_quoting_markup_is_shown_as_text(sqlite_location):
    from rejection_therapy.tui.base import report_error
    from tests.tui_helpers import make_test_app, settle

    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        report_error(app, ValidationError("A profile named '[@click=app.quit]x[/]' [/bold] exists."))
        await settle(pilot)
        await pilot.pause(0.2)
        assert app.is_running
        ours = [n for n in app._notifications if "[@click=app.quit]x[/]" in n.message]
        assert ours, "the error was not shown"
        assert ours[-1].markup is False  # the toast draws the sentence as text, not markup
