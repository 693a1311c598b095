"""The records export format 2 added: the comfort ladder (and each attempt's rung), if-then
plans, the rest budgets and the rest tokens; and the checks of an attempt's guess, dread and
sting.

Like the rest of the export, rows point at each other by uuid: an attempt names its rung, a
plan its challenge, and both must be in the same profile of the file. Every value passes the
rule the app applies when it is typed (core.ladder, core.plans, core.repair,
core.calibration). Import only adds: rungs and plans already there (same uuid), a budget
for a day that already has one and a token on a day that already has one are skipped. A
version-1 file has none of these lists and imports as before.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..core.errors import ValidationError
from .models import LadderRung, Plan, RestBudget, RestToken
from .transfer_spec import MORE

# ------------------------------------------------------------------ export


def collect(session: Session, pid: int, ch_uuid: dict[int, str], rows, rec) -> tuple[dict[str, list], dict[int, str]]:
    """This profile's version-2 lists, and rung id -> uuid for the attempts' "rung"."""
    rungs = rows(session, LadderRung, LadderRung.profile_id == pid).all()
    plans = []
    for p in rows(session, Plan, Plan.profile_id == pid):
        r = rec(p, MORE["plans"][1])
        r["challenge"] = ch_uuid.get(p.challenge_id) if p.challenge_id else None
        plans.append(r)
    out = {
        "ladder": [rec(r, MORE["ladder"][1]) for r in rungs],
        "plans": plans,
        "rest_budgets": [rec(b, MORE["rest_budgets"][1]) for b in rows(
            session, RestBudget, RestBudget.profile_id == pid, order=RestBudget.valid_from)],
        "rest_tokens": [rec(t, MORE["rest_tokens"][1]) for t in rows(
            session, RestToken, RestToken.profile_id == pid, order=RestToken.day)],
    }
    return out, {r.id: r.uuid for r in rungs}


# ------------------------------------------------------------------ checking


def check(c, checker, raw_profile: dict[str, Any], out: dict[str, Any]) -> None:
    """Check the version-2 lists of one profile into ``out`` (``c`` names the profile;
    ``checker(where)`` makes a checker for one record); then the attempts' own fields."""
    from ..core import ladder, plans, repair

    for key, (record, spec) in MORE.items():
        items = raw_profile.get(key) or []
        if not isinstance(items, list):
            raise c.bad(f"{key} is not a list")
        out[key] = []
        for i, raw in enumerate(items, 1):
            ci = checker(f"{c.where}, {record.replace('_', ' ')} {i}")
            rec = ci.record(raw, spec)
            if "uuid" in rec:
                ci.uuid(rec["uuid"])
            if key == "ladder":
                rec["text"] = ci.rule("text", ladder.check_rung_text, rec["text"])
                rec["discomfort"] = ci.rule("discomfort", ladder.check_rung_discomfort, rec["discomfort"])
            elif key == "plans":
                rec["text"] = ci.rule("text", plans.check_plan_text, rec["text"])
                if rec["at_time"] is not None:
                    ci.rule("at_time", _hh_mm, rec["at_time"])
                if rec["weekdays"] is not None:
                    ci.rule("weekdays", _weekdays, rec["weekdays"])
                ref = raw.get("challenge")
                rec["challenge"] = ci.uuid(ref) if ref else None
                if ref and ref not in {ch["uuid"] for ch in out["challenges"]}:
                    raise ci.bad("challenge names no challenge of this profile in the file")
            elif key == "rest_budgets":
                rec["tokens"] = ci.rule("tokens", repair.check_tokens, rec["tokens"])
            out[key].append(rec)


def check_attempt(ci, rec: dict[str, Any], raw: dict[str, Any], rungs: set[str]) -> None:
    """An attempt's guess, dread and sting (core.calibration's ranges) and its rung."""
    from ..core import calibration

    for name, rule in (("guess_pct", calibration.check_guess), ("dread", calibration.check_dread),
                       ("sting", calibration.check_sting)):
        if rec.get(name) is not None:
            ci.rule(name, rule, rec[name])
    ref = raw.get("rung")
    rec["rung"] = ci.uuid(ref) if ref else None
    if ref and ref not in rungs:
        raise ci.bad("rung names no rung of this profile's ladder in the file")


def _hh_mm(text: str) -> None:
    from ..core.plans import as_time

    at = as_time(text)
    if at is None or f"{at:%H:%M}" != text:
        raise ValidationError("A plan's time is stored as HH:MM, e.g. 09:00.")


def _weekdays(text: str) -> None:
    parts = text.split(",")
    if any(p not in ("0", "1", "2", "3", "4", "5", "6") for p in parts):
        raise ValidationError("A plan's weekdays are stored as numbers 0 (Monday) to 6 (Sunday), e.g. 0,1,2,3,4.")


# ------------------------------------------------------------------ loading


def load(session: Session, pid: int, p: dict[str, Any], ch_ids: dict[str, int], result) -> dict[str, int]:
    """Add this profile's new rungs, plans, budgets and tokens; returns rung uuid -> id."""
    rung_ids = _existing(session, LadderRung.uuid, [r["uuid"] for r in p.get("ladder", [])])
    for r in p.get("ladder", []):
        if r["uuid"] in rung_ids:
            result.skipped += 1
            continue
        rung_ids[r["uuid"]] = session.execute(
            insert(LadderRung).values(profile_id=pid, **r).returning(LadderRung.id)).scalar_one()
        result.bump("ladder rungs")
    have_plans = _existing(session, Plan.uuid, [x["uuid"] for x in p.get("plans", [])])
    for x in p.get("plans", []):
        if x["uuid"] in have_plans:
            result.skipped += 1
            continue
        values = {k: v for k, v in x.items() if k != "challenge"}
        values["challenge_id"] = ch_ids[x["challenge"]] if x["challenge"] else None
        session.execute(insert(Plan).values(profile_id=pid, **values))
        have_plans[x["uuid"]] = 0
        result.bump("plans")
    for model, key, column, label in ((RestBudget, "rest_budgets", "valid_from", "rest budgets"),
                                      (RestToken, "rest_tokens", "day", "rest tokens")):
        have = set(session.scalars(select(getattr(model, column)).where(model.profile_id == pid)))
        for x in p.get(key, []):
            if x[column] in have:
                result.skipped += 1
                continue
            session.execute(insert(model).values(profile_id=pid, **x))
            have.add(x[column])
            result.bump(label)
    return rung_ids


def _existing(session: Session, column, values: list[str]) -> dict[str, int]:
    from .transfer import _existing as existing

    return existing(session, column, values)
