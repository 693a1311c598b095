"""The layers stay clean. The import contracts (core imports nothing of ours outside core;
only services import store, and store never calls up; tui and cli never import store;
insights never calls up into services; textual only in tui) are in pyproject.toml
``[tool.importlinter]`` and checked here by running ``lint-imports``.
Nothing heavy is imported on the CLI's ``--help`` path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        pytest.fail("lint-imports is missing: install the test extras (pip install -e '.[test]').")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [str(exe), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )


def test_import_contracts_hold():
    out = run_lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_import_contracts_catch_a_wrong_way_arrow(tmp_path):
    """The contracts bite: a core module importing services by absolute import (the case the
    hand-written test missed) breaks them."""
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "rejection_therapy", copy / "rejection_therapy",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    bad = copy / "rejection_therapy" / "core" / "funnel.py"
    bad.write_text(bad.read_text() + "\nimport rejection_therapy.services.today  # noqa\n")
    out = run_lint_imports(copy)
    assert out.returncode != 0
    assert "core imports nothing of ours outside core" in out.stdout and "BROKEN" in out.stdout


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
