"""Safe file writes: write a private temporary file next to the target, then rename it over.

A failed or interrupted write never leaves half a file (the temporary file is removed and the
target is untouched). Standard library only and cheap to import: the quick CLI path uses it.
Errors are plain ``OSError``s; each caller turns them into its own message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

TYPE_CHECKING = False  # these names are needed by annotations only
if TYPE_CHECKING:
    from typing import IO, Any


@contextmanager
def open_private_atomic(path: str | os.PathLike, mode: int = 0o600, *, binary: bool = False,
                        encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[Any]]:
    """Yield a file to write (text unless ``binary``); on a clean exit it replaces ``path``,
    created with permissions ``mode``. On any exception the temporary file is removed."""
    target = os.fspath(path)
    folder, name = os.path.split(target)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)) as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_private_atomic(path: str | os.PathLike, data: str | bytes, mode: int = 0o600) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically, the file created with ``mode``."""
    with open_private_atomic(path, mode, binary=isinstance(data, bytes)) as fh:
        fh.write(data)
