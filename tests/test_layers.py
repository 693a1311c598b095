"""The layers stay clean: textual only in tui/, nothing heavy on the CLI's import path."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "rejection_therapy"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_textual_only_inside_tui():
    offenders = []
    for path in PKG.rglob("*.py"):
        if "tui" in path.relative_to(PKG).parts:
            continue
        if any(m == "textual" or m.startswith("textual.") for m in imported_modules(path)):
            offenders.append(str(path.relative_to(PKG)))
    assert offenders == []


def test_core_imports_nothing_of_ours_outside_core_and_no_io_libraries():
    for path in (PKG / "core").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:
                raise AssertionError(f"{path.name} reaches outside core")
        mods = imported_modules(path)
        assert not {m for m in mods if m.split(".")[0] in {"sqlalchemy", "textual", "sqlite3", "plotext", "alembic"}}, path


def test_help_does_not_load_heavy_modules():
    code = (
        "import sys, contextlib, io\n"
        "from rejection_therapy.cli import build_parser\n"
        "build_parser()\n"
        "heavy = [m for m in ('sqlalchemy', 'textual', 'plotext', 'alembic') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
