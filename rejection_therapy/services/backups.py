"""Backups for the faces: the rolling daily copies and ``restore`` (``store.rolling``), the
one-off copy (``store.backup``) and the age encryption (``store.crypto``). The CLI and the TUI
call these, never the store modules (the layer contracts)."""

from __future__ import annotations

from ..store.backup import backup, default_path
from ..store.crypto import decrypt, encrypt, is_encrypted, passphrase
from ..store.rolling import Copy, listed, restore

__all__ = ["Copy", "backup", "decrypt", "default_path", "encrypt", "is_encrypted", "listed", "passphrase", "restore"]
