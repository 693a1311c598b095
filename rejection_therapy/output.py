"""Where what a command prints goes: one sentence on stderr for an error (``fail``) and the
stream wrapper that escapes control characters (``SafeStream``).

Light on purpose (no argparse): the quick ``log`` and ``today`` print through it before any
parser is built. ``cli`` re-exports these names for its commands.
"""

from __future__ import annotations

import sys

from .config import mask_url


def fail(message: str, code: int = 1) -> int:
    """Print one sentence on stderr (passwords masked; control characters are escaped where
    everything the CLI prints goes: ``SafeStream``) and return the exit code."""
    print(f"rejection-therapy: {' '.join(mask_url(message).splitlines())}", file=sys.stderr)
    return code


class SafeStream:
    """Wraps stdout/stderr while a command runs: every line the CLI prints passes through
    core.text.printable (control, bidi and undecodable characters shown as escapes).
    ``raw`` is the wrapped stream, for output that is data (export) or the app's own colours."""

    def __init__(self, raw) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        from .core.text import printable

        self.raw.write(printable(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


JSON_VERSION = 1  # "schema_version" of every --json document (cli.json_out)


def dump_json(schema: str, data: dict) -> None:
    """A ``--json`` document: its schema's name and version, then ``data``."""
    import json

    doc = {"schema": schema, "schema_version": JSON_VERSION, **data}
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def raw_stdout():
    """The real standard output (for data such as an export, which must stay byte-exact)."""
    out = sys.stdout
    return out.raw if isinstance(out, SafeStream) else out
