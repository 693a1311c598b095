"""``people [--search TEXT]``, ``people merge OLD NEW`` and ``who NAME``: everyone you asked."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.add_parser("people", parents=[common], help="everyone you asked: attempts, last answer, next follow-up",
                       description="Targets are matched without regard to case or spacing. "
                                   "'people merge OLD NEW' joins two spellings.")
    p.add_argument("--search", metavar="TEXT", help="only names containing TEXT")
    p.add_argument("--json", action="store_true", help="print JSON (schema in docs/json/people.schema.json)")
    p.set_defaults(handler=cmd_people)
    psub = p.add_subparsers(dest="people_command", metavar="ACTION")
    m = psub.add_parser("merge", parents=[common], help="give every attempt to OLD the name NEW")
    m.add_argument("old", metavar="OLD")
    m.add_argument("new", metavar="NEW")
    m.set_defaults(handler=cmd_merge)

    w = sub.add_parser("who", parents=[common], help="the whole history with one person or company")
    w.add_argument("name", metavar="NAME")
    w.add_argument("--json", action="store_true", help="print JSON (schema in docs/json/who.schema.json)")
    w.set_defaults(handler=cmd_who)


def _clean(text: str | None) -> str:
    from ..core.text import strip_controls

    return strip_controls(text or "").replace("\n", " ")


def _person_doc(p) -> dict:
    from .json_out import plain

    return plain(p)


def cmd_people(args, ctx) -> int:
    from ..services import people

    with ctx.store.read() as s:
        found = people.people(s, ctx.profile_id, args.search)
    if args.json:
        from .json_out import dump

        dump("people", {"people": [_person_doc(p) for p in found]})
        return 0
    if not found:
        sys.stdout.write("Nobody matches.\n" if args.search else "Nobody yet: log an attempt with --to NAME.\n")
        return 0
    width = min(30, max(len(_clean(p.name)) for p in found))
    lines = [f"{'name':<{width}}  tries  no  yes  last      last contact  next follow-up"]
    for p in found:
        name = _clean(p.name)
        name = name if len(name) <= width else name[:width - 1] + "…"
        lines.append(f"{name:<{width}}  {p.attempts:>5}  {p.nos:>2}  {p.yeses:>3}  {p.last_outcome or '':<8}  "
                     f"{p.last_contact.isoformat() if p.last_contact else '':<12}  "
                     f"{p.next_follow_up.isoformat() if p.next_follow_up else ''}".rstrip())
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_who(args, ctx) -> int:
    from ..services import ledger_edit, people

    with ctx.store.read() as s:
        h = people.who(s, ctx.profile_id, args.name)
        rows = [(r.id, ledger_edit.local_wall(r), r) for r in h.attempts]
        if args.json:
            from .json_out import attempt_doc, dump

            dump("who", {"person": _person_doc(h.person), "attempts": [attempt_doc(r) for _i, _w, r in rows]})
            return 0
        p = h.person
        out = [f"{_clean(p.name)}: {p.attempts} attempt{'s' if p.attempts != 1 else ''}, {p.nos} no, {p.yeses} yes, "
               f"{p.conversations} talk{'s' if p.conversations != 1 else ''}"]
        if len(p.spellings) > 1:
            out.append("Also written: " + ", ".join(_clean(x) for x in p.spellings if x != p.name))
        if p.next_follow_up:
            out.append(f"Next follow-up: {p.next_follow_up.isoformat()}")
        for attempt_id, wall, r in rows:
            line = f"#{attempt_id:<6} {wall}  {r.channel:<10} {r.outcome:<8}"
            if r.rejection_kind:
                line += f" {r.rejection_kind}"
            out.append(line.rstrip())
            for label, text in (("said", r.stated_reason), ("really", r.real_reason), ("note", r.notes),
                                ("lesson", r.lesson)):
                if text:
                    out.append(f"         {label}: {_clean(text)}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def cmd_merge(args, ctx) -> int:
    from ..services import people

    with ctx.store.write() as s:
        n = people.merge(s, ctx.profile_id, args.old, args.new)
    sys.stdout.write(f"{n} attempt{'s' if n != 1 else ''} now name {_clean(args.new).strip()}.\n")
    return 0
