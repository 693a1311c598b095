"""Passphrase encryption in the age format (https://age-encryption.org) through pyrage,
an optional dependency: ``pip install 'rejection-therapy[encrypt]'``.

The passphrase comes from REJECTION_THERAPY_PASSPHRASE (scripts) or is asked for on the
terminal (twice when encrypting). A wrong passphrase is one sentence.
"""

from __future__ import annotations

import os

from ..core.errors import ValidationError

ENV = "REJECTION_THERAPY_PASSPHRASE"
MAGIC = b"age-encryption.org/v1"


def _lib():
    try:
        import pyrage
    except ImportError:
        raise ValidationError("Encryption needs the pyrage package: pip install 'rejection-therapy[encrypt]'.") from None
    return pyrage


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)


def passphrase(confirm: bool) -> str:
    value = os.environ.get(ENV)
    if value:
        return value
    import getpass
    import sys

    if not sys.stdin.isatty():
        raise ValidationError(f"A passphrase is needed: set {ENV} or run this in a terminal.")
    first = getpass.getpass("Passphrase: ")
    if not first:
        raise ValidationError("The passphrase cannot be empty.")
    if confirm and getpass.getpass("Again: ") != first:
        raise ValidationError("The two passphrases differ; nothing was written.")
    return first


def encrypt(data: bytes, secret: str) -> bytes:
    return _lib().passphrase.encrypt(data, secret)


def decrypt(data: bytes, secret: str) -> bytes:
    lib = _lib()
    try:
        return lib.passphrase.decrypt(data, secret)
    except lib.DecryptError:
        raise ValidationError("Wrong passphrase (or the file is not encrypted with a passphrase); nothing was changed.") from None
