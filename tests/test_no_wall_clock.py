"""Tests never read the wall clock: they use rejection_therapy.clock.now() (pinned by
conftest, RT_TEST_NOW picks the day) or explicit instants, so the suite passes on any day."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
WALL_CLOCK = re.compile(r"\b(?:date\.today|datetime\.(?:now|utcnow|today)|time\.time)\s*\(")


def wall_clock_reads(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        if path.name == Path(__file__).name:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WALL_CLOCK.search(line):
                found.append(f"{path.relative_to(folder)}:{n}: {line.strip()}")
    return found


def test_no_test_reads_the_wall_clock():
    assert wall_clock_reads(TESTS) == []


def test_the_check_finds_a_wall_clock_read(tmp_path):
    (tmp_path / "test_x.py").write_text("from datetime import date\nday = date.today()\n")
    (tmp_path / "test_y.py").write_text("import datetime\nnow = datetime.datetime.now(tz=None)\n")
    assert [line.split(":")[0] for line in wall_clock_reads(tmp_path)] == ["test_x.py", "test_y.py"]
