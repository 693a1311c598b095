"""The quick reader of ``log``/``today`` argv (rejection_therapy.quick_argv) and argparse agree.

One spec builds both. What the quick reader reads, argparse reads to the same values; every
line argparse refuses, the quick reader leaves to argparse, so the sentence and the exit code
of a mistake are argparse's (checked end to end through ``main``).
"""

from __future__ import annotations

import random

import pytest

from rejection_therapy import __main__ as entry
from rejection_therapy import quick_argv
from rejection_therapy.cli import UsageError, build_parser

_PARSERS: dict = {}


def _parser(argv: list[str], full: bool):
    """``__main__``'s parser for argv (the small one of log/today, or the full CLI's), made once."""
    key = "full" if full else (entry._command_word(argv), "-h" in argv[:1] or "--help" in argv[:1]
                               or "--version" in argv[:1])
    if key not in _PARSERS:
        _PARSERS[key] = build_parser() if full else entry._parser_for(argv)
        entry._keep_global_options(_PARSERS[key])
    return _PARSERS[key]


def _argparse(argv: list[str], full: bool = False) -> dict | None:
    """What argparse makes of argv (as ``__main__`` runs it), without the handler; None if refused."""
    parser = _parser(argv, full)
    try:
        values = vars(parser.parse_args(argv))
    except (UsageError, SystemExit):
        return None
    values.pop("handler", None)
    return values


def _quick(argv: list[str]) -> dict | None:
    args = quick_argv.parse(argv)
    return None if args is None else vars(args)


def _check(argv: list[str]) -> dict | None:
    argv = entry._dash_dates(list(argv))
    quick = _quick(argv)
    if quick is not None:
        assert quick == _argparse(argv), argv
        assert quick == _argparse(argv, full=True), argv
    return quick


PLAIN = [
    ["log", "no"],
    ["--db", "x.db", "log", "no"],
    ["--db", "x.db", "--profile", "ann", "today"],
    ["today", "--json", "--db", "x.db"],
    ["log", "yes", "--channel", "email", "-c", "call", "--to", "Ann", "--segment", "smb", "--kind", "not-now",
     "--said", "budget", "--really", "fit", "--follow-up", "2026-12-01", "--note", "a note", "--tag", "a",
     "--tag", "b", "--conversation", "--discomfort", "3", "--lesson", "ask", "--date", "yesterday", "--time",
     "09:30", "--count", "2", "--guess", "20", "--dread", "4", "--rung", "3", "--profile", "bo"],
    ["log", "--note", "first", "no", "--tag=x", "--note=", "--date=-3d"],
    ["log", "no", "--date", "-3d"],  # __main__._dash_dates makes it --date=-3d
    ["--db=x.db", "log", "pending", "--db", "y.db"],  # the last --db wins, as in argparse
    ["log", "today"],  # the outcome word is the full path's to refuse
    ["log", ""],
]
# Lines the quick reader leaves to argparse, which may accept them.
LEFT = [["today", "--note", "x"], ["log", "no", "--"], ["log", "--", "no"], ["log", "--chan", "x", "no"],
        ["log", "no", "-ccall"], ["log", "no", "--note", "-x y"], ["-h"], ["log", "--help"]]

REFUSED = [
    ["log"], ["log", "no", "yes"], ["today", "no"], ["log", "no", "--bogus"], ["log", "no", "--note"],
    ["log", "no", "--note", "--tag", "x"], ["log", "no", "--conversation=yes"], ["--json", "today"],
    ["--channel", "call", "log", "no"], ["today", "--json=1"], ["log", "no", "--chan"],
    ["today", "-x"], ["log", "-c"], ["lo", "no"],
]


@pytest.mark.parametrize("argv", PLAIN)
def test_plain_lines_read_as_argparse_reads_them(argv):
    assert _check(argv) is not None, "a plain line must not need argparse (start-up of the quick path)"


@pytest.mark.parametrize("argv", LEFT)
def test_unusual_lines_are_left_to_argparse(argv, capsys):
    assert _check(argv) is None


@pytest.mark.parametrize("argv", REFUSED)
def test_lines_argparse_refuses_are_left_to_it(argv):
    assert _argparse(entry._dash_dates(list(argv))) is None
    assert _check(argv) is None


def test_the_spec_is_every_option_argparse_knows():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for command, (spec, positional) in quick_argv.COMMANDS.items():
        p = sub.choices[command]
        known = {s for a in p._actions for s in a.option_strings} - {"-h", "--help"}
        spec_flags = {f for flags, *_ in quick_argv.COMMON + spec for f in flags}
        assert known == spec_flags, command
        positionals = [a.dest for a in p._actions if not a.option_strings]
        assert positionals == ([positional[0]] if positional else []), command


NOISE = ["log", "today", "no", "x", "", "-3d", "-", "--", "-h", "--bogus", "--chan", "--to=", "--note=a b",
         "-c=call", "-ccall", "--json", "--json=1", "--conversation", "--tag", "--db", "-c", "--version", "--rung"]
VALUES = ["no", "x", "", "a b", "-3d", "--note", "2026-11-30", "é", "="]


def _line(rng: random.Random) -> list[str]:
    """A line made of the spec's own words (options in both forms, values, the positional),
    with a stray word now and then."""
    command = rng.choice(sorted(quick_argv.COMMANDS))
    spec, positional = quick_argv.COMMANDS[command]
    words: list[str] = []
    for _ in range(rng.randint(0, 2)):
        flags, *_ = rng.choice(quick_argv.COMMON)
        words += [flags[0], rng.choice(VALUES)]
    words.append(command)
    parts: list[list[str]] = [[rng.choice(VALUES[:3])]] if positional else []
    for _ in range(rng.randint(0, 5)):
        flags, _dest, kind, *_ = rng.choice(quick_argv.COMMON + spec)
        flag, value = rng.choice(flags), rng.choice(VALUES)
        if kind == quick_argv.FLAG:
            parts.append([flag])
        elif flag.startswith("--") and rng.random() < 0.3:
            parts.append([f"{flag}={value}"])
        else:
            parts.append([flag, value])
    rng.shuffle(parts)
    words += [w for part in parts for w in part]
    if rng.random() < 0.4:
        words.insert(rng.randint(0, len(words)), rng.choice(NOISE))
    return words


def test_generated_lines_agree_with_argparse():
    rng = random.Random(12)
    read = left = 0
    for _ in range(1500):
        quick = _check(_line(rng))
        read += quick is not None
        left += quick is None
    assert read > 300 and left > 300  # both sides of the reader are exercised


def _main(argv: list[str], capsys) -> tuple[int, list[str], str]:
    try:
        code = entry.main(argv)
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, err.splitlines(), out


@pytest.mark.parametrize("argv", REFUSED + [["log", "no", "--count", "0"], ["log", "maybe"]])
def test_a_mistake_is_one_sentence_with_argparse_exit_code(argv, capsys, monkeypatch, tmp_path):
    argv = ["--db", str(tmp_path / "rt.db"), *argv]
    code, err, _ = _main(argv, capsys)
    monkeypatch.setattr(quick_argv, "parse", lambda _argv: None)  # argparse reads every line
    assert _main(argv, capsys)[:2] == (code, err)
    assert code == 2 and len(err) == 1 and err[0].startswith("rejection-therapy: ")
    assert not (tmp_path / "rt.db").exists()  # nothing was written
