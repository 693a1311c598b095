"""A team member's password never shows: CLI stderr, error text, tracebacks, logs, the TUI."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import traceback

import pytest

from rejection_therapy.config import mask_url, resolve_db
from rejection_therapy.core.errors import RTError, StoreError

SECRET = "s3cr3t-Pw%21x"
REFUSED = f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:1/team"  # nothing listens on port 1
NO_SOCKET = f"postgresql://alice:{SECRET}@/team?host=/nonexistent-rt-socket-dir"

SECRET_BITS = (SECRET, "s3cr3t", "Pw!x")


def assert_clean(text: str) -> None:
    for bit in SECRET_BITS:
        assert bit not in text, f"password leaked: {text!r}"


def run_cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "rejection_therapy", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )


@pytest.mark.parametrize("url", [REFUSED, NO_SOCKET])
@pytest.mark.parametrize("command", [["profile", "list"], ["compete", "board"], ["profile", "add", "Zoe"]])
def test_cli_connection_failure_is_one_clear_sentence_without_the_password(url, command):
    result = run_cli("--db", url, *command)
    assert result.returncode != 0
    assert_clean(result.stdout + result.stderr)
    err = result.stderr.strip()
    assert err.startswith("rejection-therapy: Cannot use the team database at postgresql+psycopg://alice:***@")
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_cli_failure_through_the_environment_and_debug_mode():
    result = run_cli("profile", "list", env_extra={"REJECTION_THERAPY_DB": REFUSED, "REJECTION_THERAPY_DEBUG": "1"})
    assert result.returncode != 0
    assert_clean(result.stdout + result.stderr)
    assert "Cannot use the team database" in result.stderr


def test_error_object_traceback_and_logs_are_clean(caplog):
    from rejection_therapy.services.context import AppContext

    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreError) as info:
        AppContext.open(resolve_db(REFUSED))
    err = info.value
    assert_clean(str(err))
    assert_clean(repr(err))
    assert_clean("".join(traceback.format_exception(err)))  # what a crash would print
    assert err.__suppress_context__  # the driver error (with its connection details) is not chained
    assert_clean(caplog.text)


def test_the_app_bridge_reports_without_the_password(caplog):
    from rejection_therapy.services.context import AppContext
    from rejection_therapy.tui.base import StoreBridge

    caplog.set_level(logging.DEBUG)
    location = resolve_db(REFUSED)
    assert_clean(location.display)
    assert_clean(location.key)
    bridge = StoreBridge(lambda: AppContext.open(location))
    bridge.open()
    assert isinstance(bridge.error, RTError)
    assert_clean(str(bridge.error))
    with pytest.raises(RTError) as info:
        bridge.get(timeout=1)
    assert_clean(str(info.value))
    assert_clean(caplog.text)


async def test_tui_on_an_unreachable_team_database_shows_a_clean_notification():
    from tests.tui_helpers import make_test_app, settle

    app = make_test_app(resolve_db(REFUSED))
    seen: list[str] = []
    original = app.notify

    def spy(message, *args, **kwargs):
        seen.append(f"{kwargs.get('title', '')}: {message}")
        return original(message, *args, **kwargs)

    app.notify = spy  # type: ignore[method-assign]
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert_clean(str(app.sub_title))
        assert_clean(str(app.screen))
    assert seen, "the failure should be reported to the user"
    for text in seen:
        assert_clean(text)
    assert any("Cannot use the team database" in t for t in seen)


def test_mask_url_forms():
    assert mask_url(REFUSED) == "postgresql+psycopg://alice:***@127.0.0.1:1/team"
    assert_clean(mask_url(f"host=/tmp dbname=team user=alice password={SECRET}"))
    assert_clean(mask_url(f"failed for postgresql://alice:{SECRET}@db.example/team (retrying)"))
