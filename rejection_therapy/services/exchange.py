"""Export, import and backup: the use cases behind ``export``, ``import`` and ``backup``.

The CLI calls these (it never imports the store); the file formats and the checks live in
``store.transfer`` and the copy in ``store.backup``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session

from ..config import DbLocation
from ..store import backup as store_backup
from ..store import transfer, transfer_check
from ..store.db import Store

Exported = transfer.Exported
ImportResult = transfer.ImportResult
Parsed = transfer_check.Parsed


def export(session: Session, profile_ids: list[int] | None, fmt: str, out: IO[str]) -> Exported:
    return transfer.export(session, profile_ids, fmt, out)


def export_file(session: Session, profile_ids: list[int] | None, fmt: str, path: str) -> Exported:
    return transfer.export_file(session, profile_ids, fmt, path)


def read_file(path: str) -> Parsed:
    """Parse and check a whole export file (before any store is opened)."""
    return transfer_check.read_file(path)


def import_into(location: DbLocation, data: Parsed) -> ImportResult:
    """Load checked data into the store at ``location`` in one transaction."""
    store = Store.open(location)
    try:
        with store.write() as s:
            return transfer.load(s, data)
    finally:
        store.close()


def backup(location: DbLocation, dest: str | os.PathLike[str] | None = None) -> Path:
    return store_backup.backup(location, dest)
