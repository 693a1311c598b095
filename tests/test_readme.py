"""The README a new user and a new developer read (issue 11, item 18)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_installs_without_a_bare_pip_and_keeps_the_developer_docs_inside():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pipx install ." in readme and "uv tool install ." in readme
    assert "python3 -m venv" in readme  # PEP 668 systems refuse a bare `pip install`
    assert "../shared" not in readme
    assert (ROOT / "docs" / "ARCHITECTURE.md").exists() and "docs/ARCHITECTURE.md" in readme
    assert "--adjust" in readme  # `review --adjust TEXT` exists on the CLI
    for image in ("assets/dashboard.svg",):
        assert image in readme and (ROOT / image).exists()
