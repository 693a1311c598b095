"""People: everyone the user has asked, matched case- and space-insensitively. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


def person_key(name: str | None) -> str:
    """'  ACME   corp ' and 'Acme Corp' are the same person."""
    return " ".join((name or "").split()).casefold()


@dataclass
class Person:
    name: str  # the spelling used most recently
    spellings: list[str] = field(default_factory=list)
    attempts: int = 0
    nos: int = 0
    yeses: int = 0
    conversations: int = 0
    last_outcome: str | None = None
    last_contact: date | None = None
    next_follow_up: date | None = None
    notes: list[str] = field(default_factory=list)


def gather(rows: Iterable[tuple[Any, ...]]) -> dict[str, Person]:
    """People from attempt rows ``(target, local_day, outcome, conversation, follow_up_on,
    follow_up_state, notes)`` ordered oldest first; keyed by person_key."""
    people: dict[str, Person] = {}
    for target, day, outcome, talk, follow_up, state, notes in rows:
        key = person_key(target)
        if not key:
            continue
        p = people.get(key)
        if p is None:
            p = people[key] = Person(name=" ".join(target.split()))
        spelled = " ".join(target.split())
        if spelled not in p.spellings:
            p.spellings.append(spelled)
        p.name = spelled
        p.attempts += 1
        p.nos += outcome == "no"
        p.yeses += outcome == "yes"
        p.conversations += bool(talk)
        p.last_outcome, p.last_contact = outcome, day
        if follow_up and state == "open" and (p.next_follow_up is None or follow_up < p.next_follow_up):
            p.next_follow_up = follow_up
        if notes:
            p.notes.append(notes)
    return people


def matches(p: Person, search: str | None) -> bool:
    if not search or not search.strip():
        return True
    wanted = person_key(search)
    return any(wanted in person_key(s) for s in p.spellings)
