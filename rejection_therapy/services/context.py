"""Opening the store as a profile: what the CLI and the TUI both start with."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import DbLocation
from ..store.db import Store
from . import profiles
from .profiles import ProfileInfo


@dataclass
class AppContext:
    store: Store
    profile: ProfileInfo

    @property
    def profile_id(self) -> int:
        return self.profile.id

    @classmethod
    def open(cls, location: DbLocation, profile: str | None = None) -> AppContext:
        store = Store.open(location)
        try:
            # Read first: a reader must not wait for another program's write transaction.
            # Only a store with no profile at all needs a write (resolve creates the first).
            with store.read() as s:
                info = profiles.resolve(s, location, profile) if profiles.count(s) else None
            if info is None:
                with store.write() as s:
                    info = profiles.resolve(s, location, profile)
        except BaseException:
            store.close()
            raise
        return cls(store, info)

    def close(self) -> None:
        self.store.close()
