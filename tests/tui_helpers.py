"""Helpers for Pilot tests of the real app on a real database file.

    async def test_x(sqlite_location):
        app = make_test_app(sqlite_location)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)            # the store is open, the dashboard loaded
            await pilot.press("l")
            await settle(pilot)

``make_test_app`` does not push the onboarding screen on an empty store (so tests of other
screens start on the dashboard); pass ``onboarding=True`` to test onboarding itself.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from rejection_therapy.config import DbLocation
from rejection_therapy.tui.app import RejectionTherapyApp
from rejection_therapy.tui.launch import make_app


def make_test_app(location: DbLocation, profile: str | None = None, *, onboarding: bool = False) -> RejectionTherapyApp:
    return make_app(location, profile, offer_onboarding=onboarding)


async def settle(pilot: Pilot, rounds: int = 200) -> None:
    """Wait until no worker runs and the UI handled what the workers posted (no sleeps)."""
    app = pilot.app
    quiet = 0
    for _ in range(rounds):
        for worker in list(app.workers):
            try:
                await worker.wait()
            except (WorkerCancelled, WorkerFailed):
                pass  # an exclusive reload replaced it, or it failed (run_db reports those)
        await pilot.pause()
        if any(w.is_running for w in app.workers):
            quiet = 0
            continue
        quiet += 1
        if quiet >= 2:
            await pilot.pause()
            return


def in_store(location: DbLocation, fn):
    """Run ``fn(session, profile_id)`` in one write transaction on the store (test set-up)."""
    from rejection_therapy.services.context import AppContext

    ctx = AppContext.open(location)
    try:
        with ctx.store.write() as s:
            return fn(s, ctx.profile_id)
    finally:
        ctx.close()


def burst(app, *keys: str) -> None:
    """Post key events the way a terminal's driver does when keys arrive together: all queued
    before the app handles the first (Pilot.press waits for the app between keys)."""
    from textual import events

    chars = {"enter": "\r", "escape": "\x1b", "tab": "\t", "space": " "}
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else chars.get(key)))
