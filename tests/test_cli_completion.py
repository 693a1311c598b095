"""``completion bash|zsh|fish``: static scripts from the parser (issue 13, item 13)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from rejection_therapy.cli import build_parser
from rejection_therapy.cli.completion import collect, script
from tests.cli_helpers import run


def complete(bash_script: str, line: str) -> list[str]:
    """What bash offers for ``line`` (the last word is being completed)."""
    words = line.split(" ")
    prog = f"""{bash_script}
COMP_WORDS=({' '.join(repr(w) for w in words)})
COMP_CWORD={len(words) - 1}
_rejection_therapy
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    out = subprocess.run(["bash", "-c", prog], capture_output=True, text=True, check=True).stdout
    return [w for w in out.splitlines() if w]


@pytest.fixture(scope="module")
def bash_script():
    if not shutil.which("bash"):
        pytest.skip("no bash here")
    return script("bash")


@pytest.mark.parametrize("line, expected, absent", [
    ("rejection-therapy lo", ["log"], ["list"]),
    ("rejection-therapy log ", ["no", "yes", "pending"], ["today"]),
    ("rejection-therapy log no --cha", ["--channel"], []),
    ("rejection-therapy log no --channel e", ["email"], ["call"]),
    ("rejection-therapy --db x.db log no -c ", ["call", "email", "pitch"], []),
    ("rejection-therapy chart ", ["effort", "funnel", "calendar"], []),
    ("rejection-therapy challenge ", ["start", "rename", "delete"], []),
    ("rejection-therapy challenge start --", ["--days", "--name"], ["--yes"]),
    ("rejection-therapy edit 3 --kind not-", ["not-now", "not-for-us", "not-a-priority"], []),
    ("rejection-therapy completion ", ["bash", "zsh", "fish"], []),
    ("rejection-therapy log no --note ", [], ["no"]),
])
def test_bash_completes(bash_script, line, expected, absent):
    got = complete(bash_script, line)
    assert set(expected) <= set(got), got
    assert not set(absent) & set(got)


def test_scripts_never_start_the_app():
    for shell in ("bash", "zsh", "fish"):
        text = script(shell)
        calls = [line for line in text.splitlines()
                 if "rejection-therapy" in line and not line.startswith(("#", "complete"))]
        assert calls == [], shell


def test_zsh_and_fish_scripts(capsys):
    code, out, err = run(capsys, "completion", "zsh")
    assert code == 0 and "bashcompinit" in out and "complete -o default -F _rejection_therapy" in out
    code, out, err = run(capsys, "completion", "fish")
    assert code == 0
    assert 'complete -c rejection-therapy -n __fish_use_subcommand -a "' in out
    assert '-n "__fish_seen_subcommand_from log" -l channel -xa "call email' in out
    assert '-n "__fish_seen_subcommand_from challenge ; and __fish_seen_subcommand_from start" -l days' in out
    if shutil.which("fish"):
        subprocess.run(["fish", "--no-execute", "-c", out], check=True)


def test_every_command_is_in_the_script():
    words, _ = collect(build_parser())
    top = set(words[""])
    for name in ("log", "today", "edit", "delete", "undo", "settings", "completion", "list", "chart"):
        assert name in top


def test_bad_shell(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "completion", "tcsh")
    assert exit_info.value.code == 2
    assert "invalid choice: 'tcsh'" in capsys.readouterr().err
