"""The quick ``log`` and ``today`` import only what they use (issue 12: within 2x the stdlib floor).

Each module below was taken off their path (measured with ``python -X importtime``); this
test fails if one comes back. Whole processes, as a user runs them, on a current WAL store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import sys, json, re
before = set(re._cache)  # json's own patterns
from rejection_therapy.__main__ import main
code = main({argv!r})
patterns = sorted(str(key[1]) for key in set(re._cache) - before)
print(json.dumps({{"code": code, "modules": sorted(sys.modules), "patterns": patterns}}), file=sys.stderr)
"""

# Off both paths: dataclasses (it imports inspect, which imports ast, dis and tokenize, ~19 ms, and
# each class costs ~2 ms more: the records of the quick path are typing.NamedTuple, ~6 ms in all),
# argparse and what it brings (gettext, locale; shutil, bz2, lzma for the help formatter's
# terminal width): a plain line is read by rejection_therapy.quick_argv, and so the cli package
# is not imported either; uuid (imports platform; core.attempts.uuid4_hex), calendar
# (core.challenge_days imports it on use), the full path.
NEVER = ("dataclasses", "inspect", "ast", "argparse", "gettext", "locale", "shutil", "bz2", "lzma",
         "rejection_therapy.cli", "uuid", "platform", "calendar", "sqlalchemy", "textual", "alembic", "plotext")
# log needs neither today's summary nor the repairable streak (services.ledger imports them in
# today()), nor the calibration report (its checks are core.calibration_checks).
NOT_ON_LOG = ("rejection_therapy.core.today", "rejection_therapy.core.repair", "rejection_therapy.core.streaks",
              "rejection_therapy.core.funnel", "rejection_therapy.core.challenge_line",
              "rejection_therapy.core.calibration")
# today builds no attempt row, and with no challenge running (as here) reads no challenge rule.
NOT_ON_TODAY = ("rejection_therapy.core.attempts", "rejection_therapy.core.calibration",
                "rejection_therapy.store.rolling", "rejection_therapy.core.challenge_line",
                "rejection_therapy.core.challenge_days")


def _run(argv: list[str]) -> dict:
    env = dict(os.environ, REJECTION_THERAPY_QUICK="1")
    proc = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True,
                          env=env, timeout=120)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def _modules(argv: list[str]) -> tuple[int, set[str]]:
    result = _run(argv)
    return result["code"], set(result["modules"])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("quick") / "rt.db")
    code, modules = _modules(["--db", path, "log", "no"])  # no file yet: the full path creates it
    assert code == 0 and "sqlalchemy" in modules
    return path


@pytest.mark.parametrize("argv, absent", [
    (["log", "no"], NEVER + NOT_ON_LOG),
    (["log", "no", "--kind", "not-now", "--tag", "x", "--count", "2"], NEVER + NOT_ON_LOG),
    (["today"], NEVER + NOT_ON_TODAY),
    (["today", "--json"], NEVER + NOT_ON_TODAY),
])
def test_quick_path_does_not_import_what_it_does_not_use(db, argv, absent):
    code, modules = _modules(["--db", db, *argv])
    assert code == 0
    assert "rejection_therapy.store.fast" in modules  # the quick path ran
    assert sorted(m for m in absent if m in modules) == []


@pytest.mark.parametrize("argv", [["log", "no"], ["log", "no", "--tag", "x", "--note", "Ann · Ltd"], ["today"]])
def test_quick_path_compiles_no_pattern(db, argv):
    """Compiling a regex costs 0.1-1.2 ms: patterns are text compiled on use, and core.text
    skips its control/bidi patterns for plain text (tests/test_text_fast_paths.py)."""
    result = _run(["--db", db, *argv])
    assert result["code"] == 0 and "rejection_therapy.store.fast" in result["modules"]
    assert result["patterns"] == []
