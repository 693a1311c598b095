"""Errors that carry one plain sentence for the user.

Every layer raises these; the CLI prints ``str(err)`` on stderr and the TUI shows it as a
notification. Nothing here ever contains a password or a traceback.
"""


class RTError(Exception):
    """Base class: ``str(err)`` is a complete sentence meant for the user."""

    exit_code = 1


class ValidationError(RTError):
    """The user gave a value we cannot accept. Nothing was changed."""

    exit_code = 2


class NotFoundError(RTError):
    exit_code = 3


class StoreError(RTError):
    """The database cannot be used as it is (locked, damaged, newer, unreachable)."""

    exit_code = 4


class NewerSchemaError(StoreError):
    pass


class LockedError(StoreError):
    pass
