"""The demo store: a temporary database full of realistic sample data (never the user's)."""

from __future__ import annotations

from pathlib import Path

from ..config import DbLocation, resolve_db

DEMO_PROFILE = "demo"


def create_demo_store(path: str | Path, days: int = 120, per_day: int = 25) -> DbLocation:
    """Create (or reuse) a SQLite file at ``path`` filled with a few months of sample data."""
    from ..store.db import Store
    from . import settings as settings_svc
    from .profiles import get_by_name
    from .sample import SampleSpec, generate

    location = resolve_db(str(Path(path)))
    store = Store.open(location)
    try:
        with store.read() as s:
            exists = get_by_name(s, DEMO_PROFILE) is not None
        if not exists:
            generate(store.write, SampleSpec(days=days, per_day=per_day, seed=2026))
            with store.write() as s:
                profile = get_by_name(s, DEMO_PROFILE)
                assert profile is not None
                settings_svc.update(s, profile.id, onboarded=True)
    finally:
        store.close()
    return location
