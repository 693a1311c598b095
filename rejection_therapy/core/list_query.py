"""The filters of ``list`` as typed text, and the search syntax of the log screen.

``ListQuery`` holds what the user typed for each filter of ``rejection-therapy list`` (argv
or the log screen); services.list_query turns it into a query. ``parse_search`` reads the log
screen's search box: ``to:acme tag:cold outcome:no kind:not-now channel:call challenge:3
since:-7d until:yesterday`` with the words left over searched as ``--text``. The keys are the
names of ``list``'s options; a value with spaces goes in quotes (``to:"acme corp"``; ``since:last friday`` needs none); a word
with an unknown key (``re:pricing``) is plain text. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from .errors import ValidationError

# key in the search box -> field of ListQuery (``to`` is the target, as in ``list --to``)
KEYS = {"to": "target", "tag": "tag", "channel": "channel", "outcome": "outcome", "kind": "kind",
        "challenge": "challenge", "since": "since", "until": "until", "text": "text"}
# since:/until: take the natural dates of core.dates that hold a space unquoted
# (since:last friday, until:3 days ago); other values end at a space unless quoted.
_TOKEN = re.compile(r'(?:(?P<key>[a-z]+):)?(?P<value>(?<=since:|until:)(?:(?:last|next|this) +[a-z]+'
                    r'|\d{1,4} +(?:days?|weeks?) +ago)(?!\S)|"[^"]*"?|\S*)', re.IGNORECASE)


@dataclass(frozen=True)
class ListQuery:
    """Each filter of ``list`` as typed (None: not given); checked when the query is built."""

    since: str | None = None
    until: str | None = None
    outcome: str | None = None
    channel: str | None = None
    kind: str | None = None
    text: str | None = None
    target: str | None = None
    tag: str | None = None
    challenge: str | None = None

    def given(self) -> dict[str, str]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) not in (None, "")}


def _unquote(value: str) -> str:
    if value.startswith('"'):
        value = value[1:-1] if len(value) > 1 and value.endswith('"') else value[1:]
    return " ".join(value.split())


def parse_search(text: str) -> ListQuery:
    """The search box's words as a ListQuery; a key given twice is refused in one sentence.
    A key with nothing after it (``to:`` while typing) filters nothing yet."""
    found: dict[str, str] = {}
    words: list[str] = []
    for m in _TOKEN.finditer(text or ""):
        if not m.group(0):
            continue
        key, value = (m.group("key") or "").lower(), m.group("value")
        if key not in KEYS:
            words.append(m.group(0))
            continue
        value = _unquote(value)
        if not value:
            continue
        name = KEYS[key]
        if name in found and found[name] != value:
            raise ValidationError(f"{key}: is given twice ({found[name]!r} and {value!r}); give it once.")
        found[name] = value
    free = " ".join(words)
    if free and found.get("text"):
        raise ValidationError("Give the text to search either as plain words or as text:, not both.")
    if free:
        found["text"] = free
    return ListQuery(**found)


def merge(bar: ListQuery, search: ListQuery) -> ListQuery:
    """The filter bar's fields and the search box together; the same filter set to two
    different values in both is refused (nothing could match)."""
    out = bar
    for name, value in search.given().items():
        have = getattr(bar, name)
        if have not in (None, "") and have.strip().lower() != value.strip().lower():
            raise ValidationError(f"The {name} is set twice ({have!r} in the bar, {value!r} in the search); "
                                  "clear one.")
        out = replace(out, **{name: value})
    return out
