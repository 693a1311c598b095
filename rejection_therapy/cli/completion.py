"""``rejection-therapy completion bash|zsh|fish``: a static completion script.

The script is generated from the argparse parser (commands, sub-commands, options, choices)
plus the default channels, outcomes, rejection kinds and chart names, and printed once; the
shell then completes without starting the app on each TAB. Regenerate it after an upgrade.
"""

from __future__ import annotations

import argparse
import sys

SHELLS = ("bash", "zsh", "fish")
PROG = "rejection-therapy"


def register(sub, common) -> None:
    p = sub.add_parser("completion", parents=[common], help="print a shell completion script (bash, zsh, fish)",
                       description="Prints a static completion script. bash: add "
                                   "'eval \"$(rejection-therapy completion bash)\"' to ~/.bashrc; zsh: the same "
                                   "with zsh in ~/.zshrc; fish: rejection-therapy completion fish > "
                                   "~/.config/fish/completions/rejection-therapy.fish")
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    p.set_defaults(handler=cmd_completion, needs_store=False)


def _sub_action(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def value_words() -> dict[str, list[str]]:
    """Words completed after an option that takes a value, by option string."""
    from ..core.settings import DEFAULT_CHANNELS
    from ..core.silence import OUTCOMES
    from .ledger import KINDS

    channels = list(DEFAULT_CHANNELS)
    return {"--channel": channels, "-c": channels, "--kind": list(KINDS), "--outcome": list(OUTCOMES),
            "--date": ["today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
                       "saturday", "sunday"]}


POSITIONAL_WORDS = {"log": ["no", "yes", "pending"]}


def collect(parser: argparse.ArgumentParser) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(words by command path, value words by option) for the whole parser.

    The path is "" for the top level, "log", "challenge", "challenge start"…"""
    words: dict[str, list[str]] = {}
    values = value_words()

    def walk(p: argparse.ArgumentParser, path: str) -> None:
        found: list[str] = []
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found.append(name)
                    walk(child, f"{path} {name}".strip())
            elif action.option_strings:
                found.extend(o for o in action.option_strings if o.startswith("--"))
                if action.choices:
                    for o in action.option_strings:
                        values.setdefault(o, [])
                        values[o] = sorted(set(values[o]) | {str(c) for c in action.choices})
            elif action.choices:
                found.extend(str(c) for c in action.choices)
        found.extend(POSITIONAL_WORDS.get(path, []))
        words[path] = sorted(dict.fromkeys(found), key=lambda w: (w.startswith("-"), w))

    walk(parser, "")
    return words, values


def bash_script(parser: argparse.ArgumentParser) -> str:
    words, values = collect(parser)
    value_cases = "\n".join(f"        {o}) COMPREPLY=($(compgen -W \"{' '.join(v)}\" -- \"$cur\")); return;;"
                            for o, v in sorted(values.items()) if v)
    free = sorted({o for p in (parser,) for o in _value_options(p)} - set(values))
    free_case = f"        {'|'.join(free)}) return;;" if free else ""
    path_cases = "\n".join(f"        \"{path}\") words=\"{' '.join(w)}\";;" for path, w in sorted(words.items()) if path)
    return f"""# {PROG} completion for bash (static; regenerate with: {PROG} completion bash)
_rejection_therapy() {{
    local cur prev cmd="" sub="" i w words
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    case "$prev" in
{value_cases}
{free_case}
    esac
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${{COMP_WORDS[i]}}"
        case "$w" in
            --db|--profile) ((i++)); continue;;
            -*) continue;;
        esac
        if [[ -z $cmd ]]; then cmd="$w"; elif [[ -z $sub ]]; then sub="$w"; fi
    done
    words="{' '.join(words[''])}"
    case "$cmd $sub" in
{_prefixed(path_cases)}
        *) case "$cmd" in
{path_cases}
           esac;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _rejection_therapy {PROG}
"""


def _prefixed(cases: str) -> str:
    """Only the two-word paths ("challenge start") in the first case statement."""
    return "\n".join(line for line in cases.splitlines() if " " in line.split('"')[1])


def _value_options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string that takes a value (so the next word is not a command)."""
    found: set[str] = set()

    def walk(p: argparse.ArgumentParser) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)
            elif action.option_strings and action.nargs != 0 and not isinstance(
                    action, argparse._HelpAction | argparse._VersionAction):
                found.update(action.option_strings)

    walk(parser)
    return found


def zsh_script(parser: argparse.ArgumentParser) -> str:
    return (f"# {PROG} completion for zsh (static; regenerate with: {PROG} completion zsh)\n"
            "autoload -U +X bashcompinit && bashcompinit\n" + bash_script(parser))


def fish_script(parser: argparse.ArgumentParser) -> str:
    words, values = collect(parser)
    out = [f"# {PROG} completion for fish (static; regenerate with: {PROG} completion fish)",
           f"complete -c {PROG} -f"]
    top = [w for w in words[""] if not w.startswith("-")]
    out.append(f"complete -c {PROG} -n __fish_use_subcommand -a \"{' '.join(top)}\"")
    for path, ws in sorted(words.items()):
        if not path:
            continue
        parts = path.split(" ")
        cond = " ; and ".join(f"__fish_seen_subcommand_from {p}" for p in parts)
        subs = [w for w in ws if not w.startswith("-")]
        if subs:
            out.append(f"complete -c {PROG} -n \"{cond}\" -a \"{' '.join(subs)}\"")
        for w in ws:
            if w.startswith("--"):
                vals = values.get(w)
                extra = f" -xa \"{' '.join(vals)}\"" if vals else ""
                out.append(f"complete -c {PROG} -n \"{cond}\" -l {w[2:]}{extra}")
    return "\n".join(out) + "\n"


def script(shell: str, parser: argparse.ArgumentParser | None = None) -> str:
    from . import build_parser

    parser = parser or build_parser()
    return {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[shell](parser)


def cmd_completion(args, ctx) -> int:
    sys.stdout.write(script(args.shell))
    return 0
