"""The options of ``log`` and ``today``, written once, and the quick reader of their argv.

``cli`` builds the argparse parsers of these commands (and the global ``--db``/``--profile``)
from the spec below (``add_to``); the quick path reads argv with the same spec (``parse``)
without importing argparse, which with gettext, locale and shutil (its help formatter asks
for the terminal width) cost ~8 ms of every quick ``log``.

``parse`` reads only plain, well-formed command lines: exact option names, as ``--opt value``
or ``--opt=value``, values that do not start with "-", the right number of positionals.
Anything else (help, an abbreviation, a missing value, a stray word, ``--``, another command)
returns None and argparse reads the line, so every refusal is argparse's own sentence and exit
code. tests/test_quick_argv.py checks that what ``parse`` reads, argparse reads to the same
values, and that it leaves to argparse every line argparse refuses.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from .core.silence import REJECTION_KINDS

VALUE, APPEND, FLAG = "value", "append", "flag"  # one value (the last given wins), repeatable, store_true

# (option strings, dest, kind, metavar, help): the argparse help text lives here too.
COMMON = (
    (("--db",), "db", VALUE, "PATH_OR_URL", "database file or URL (default: your data folder; env REJECTION_THERAPY_DB)"),
    (("--profile",), "profile", VALUE, "NAME", "act as this profile (env REJECTION_THERAPY_PROFILE)"),
)
WHEN = (
    (("--date",), "date", VALUE, "DATE", "when it happened: YYYY-MM-DD, yesterday, a weekday, "
     "last friday, -3d (default: now)"),
    (("--time",), "time", VALUE, "HH:MM", "the local time it happened (with --date; default noon)"),
)
LOG_OUTCOME = ("outcome", "no|yes|pending", "what happened (pending: no answer yet)")  # the one positional
LOG = (
    (("--channel", "-c"), "channel", VALUE, "C", "call, email, pitch, dm… (default from settings)"),
    (("--to",), "target", VALUE, "NAME", "who you asked (person or company)"),
    (("--segment",), "segment", VALUE, "S", "market segment"),
    (("--kind",), "kind", VALUE, "KIND", "for a no: " + ", ".join(REJECTION_KINDS)),
    (("--said",), "said", VALUE, "TEXT", "the stated reason (their words)"),
    (("--really",), "really", VALUE, "TEXT", "the real reason (what you think it was)"),
    (("--follow-up",), "follow_up", VALUE, "DATE", "date to reconnect, YYYY-MM-DD"),
    (("--note",), "note", VALUE, "TEXT", "a note"),
    (("--tag",), "tag", APPEND, "T", "a tag (repeatable)"),
    (("--conversation",), "conversation", FLAG, None, "a real conversation happened"),
    (("--discomfort",), "discomfort", VALUE, "1-5", "how scary it felt, 1 to 5"),
    (("--lesson",), "lesson", VALUE, "TEXT", "what you learned"),
    *WHEN,
    (("--count",), "count", VALUE, "N", "log N alike attempts at once (1-10000, one transaction)"),
    (("--guess",), "guess", VALUE, "0-100", "the chance of a yes you expect, in %% (predict, then compare)"),
    (("--dread",), "dread", VALUE, "1-5", "how bad a no would feel, 1 to 5"),
    (("--rung",), "rung", VALUE, "ID", "the comfort-ladder rung this attempt climbs"),
)
TODAY = (
    (("--json",), "json", FLAG, None, "print JSON (schema in docs/json/)"),
)
# command -> (its options, its positional or None)
COMMANDS = {"log": (LOG, LOG_OUTCOME), "today": (TODAY, None)}


def add_to(parser: Any, spec: tuple[Any, ...]) -> None:
    """Add the options of ``spec`` to an argparse parser (the full CLI's and the small one)."""
    for flags, dest, kind, metavar, help_text in spec:
        if kind == FLAG:
            parser.add_argument(*flags, dest=dest, action="store_true", help=help_text)
        elif kind == APPEND:
            parser.add_argument(*flags, dest=dest, action="append", metavar=metavar, help=help_text)
        else:
            parser.add_argument(*flags, dest=dest, metavar=metavar, help=help_text)


def parse(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of a plain ``log`` or ``today`` line, as argparse would set them (but the
    handler), or None: argparse must read this line (see the module's docstring)."""
    values: dict[str, Any] = {"db": None, "profile": None, "demo": False}  # the main parser's defaults
    options = _table(COMMON)
    command: str | None = None
    positionals: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        i += 1
        if word.startswith("-"):
            name, eq, value = word.partition("=") if word.startswith("--") else (word, "", "")
            if name not in options:
                return None
            dest, kind = options[name]
            if kind == FLAG:
                if eq:
                    return None
                values[dest] = True
                continue
            if not eq:
                if i >= len(argv) or argv[i].startswith("-"):
                    return None
                value = argv[i]
                i += 1
            values[dest] = [*(values[dest] or []), value] if kind == APPEND else value
        elif command is None:
            if word not in COMMANDS:
                return None
            command = word
            spec, _ = COMMANDS[word]
            options = _table(COMMON + spec)
            values.update((dest, False if kind == FLAG else None) for _flags, dest, kind, *_ in spec)
        else:
            positionals.append(word)
    if command is None:
        return None
    positional = COMMANDS[command][1]
    if len(positionals) != (1 if positional else 0):
        return None
    if positional:
        values[positional[0]] = positionals[0]
    return SimpleNamespace(command=command, **values)


def _table(spec: tuple[Any, ...]) -> dict[str, tuple[str, str]]:
    return {flag: (dest, kind) for flags, dest, kind, *_ in spec for flag in flags}
