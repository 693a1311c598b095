"""The first figures read in a forked child while Textual loads (tui/prefetch.py): where it
forks, that it gives what the read returns, and that every failure falls back to the read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork only")

SCRIPT = """
import os, sys, threading, time
from rejection_therapy.tui.prefetch import Prefetch

case = sys.argv[1]
parent = os.getpid()

def read():
    if case == "child-fails" and os.getpid() != parent:
        raise RuntimeError("the child's read went wrong")
    return {"pid": os.getpid(), "figures": [1, 2, 3]}

if case == "threads":
    stop = threading.Event()
    threading.Thread(target=stop.wait, daemon=True).start()
if case == "close":
    prefetch = Prefetch.start(read)
    child = prefetch._pid
    prefetch.close()
    try:
        os.waitpid(child, os.WNOHANG)
        print("zombie left")
    except ChildProcessError:
        print("reaped")
    sys.exit(0)
prefetch = Prefetch.start(read)
forked = prefetch._pid is not None
got = prefetch.result()
print(f"forked={forked} in_child={got['pid'] != parent} figures={got['figures']}")
if case == "threads":
    stop.set()
"""


def _run(case: str, **env: str) -> str:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, case], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


def test_a_single_threaded_process_reads_in_a_child():
    assert _run("plain") == "forked=True in_child=True figures=[1, 2, 3]"


def test_a_failed_child_means_the_read_happens_here():
    assert _run("child-fails") == "forked=True in_child=False figures=[1, 2, 3]"


def test_no_fork_beside_other_threads():
    assert _run("threads") == "forked=False in_child=False figures=[1, 2, 3]"


def test_the_switch_turns_it_off():
    assert _run("plain", REJECTION_THERAPY_NO_PREFETCH="1") == "forked=False in_child=False figures=[1, 2, 3]"


def test_an_unread_child_is_reaped_on_close():
    assert _run("close") == "reaped"
