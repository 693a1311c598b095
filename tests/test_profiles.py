"""Profiles: create, rename, switch, resolve order, and the `profile` CLI (both backends)."""

from __future__ import annotations

import pytest

from rejection_therapy.cli import main
from rejection_therapy.config import remember_profile, remembered_profile
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.services import attempts, profiles
from rejection_therapy.services.context import AppContext


def test_one_profile_by_default_and_invisible_until_a_second(ctx):
    with ctx.store.read() as s:
        assert [p.name for p in profiles.list_profiles(s)] == [ctx.profile.name]
        assert not profiles.is_team(s)
    with ctx.store.write() as s:
        profiles.create(s, "Second")
    with ctx.store.read() as s:
        assert profiles.is_team(s) and profiles.count(s) == 2


def test_names_are_cleaned_and_unique_regardless_of_case(ctx):
    with ctx.store.write() as s:
        info = profiles.create(s, "  Dana\x1b[31m\x07 \n")
    assert info.name == "Dana"
    for bad in ("dana", "DANA ", "", "   ", "x" * 200):
        with pytest.raises(ValidationError):
            with ctx.store.write() as s:
                profiles.create(s, bad)
    with ctx.store.read() as s:
        assert profiles.count(s) == 2


def test_rename(ctx):
    with ctx.store.write() as s:
        dana = profiles.create(s, "Dana")
        profiles.create(s, "Eli")
    with ctx.store.write() as s:
        assert profiles.rename(s, dana.id, "DANA").name == "DANA"  # a case-only change is fine
        assert profiles.rename(s, dana.id, "Dana K.").name == "Dana K."
    with pytest.raises(ValidationError):
        with ctx.store.write() as s:
            profiles.rename(s, dana.id, "eli")
    with pytest.raises(NotFoundError):
        with ctx.store.write() as s:
            profiles.rename(s, 9999, "Nobody")
    with ctx.store.read() as s:
        assert sorted(p.name for p in profiles.list_profiles(s)) == sorted([ctx.profile.name, "Dana K.", "Eli"])


def test_resolve_order_flag_then_env_then_remembered_then_first(location, monkeypatch):
    first = AppContext.open(location)
    with first.store.write() as s:
        profiles.create(s, "Ana")
        profiles.create(s, "Bo")
        profiles.create(s, "Cy")
    first.close()
    remember_profile(location, "bo")
    monkeypatch.setenv("REJECTION_THERAPY_PROFILE", "cy")
    for explicit, expected in [("ANA", "Ana"), (None, "Cy")]:
        c = AppContext.open(location, explicit)
        assert c.profile.name == expected
        c.close()
    monkeypatch.delenv("REJECTION_THERAPY_PROFILE")
    c = AppContext.open(location)
    assert c.profile.name == "Bo"
    c.close()
    with pytest.raises(NotFoundError):
        AppContext.open(location, "Typo")


def test_profile_stats(ctx):
    with ctx.store.write() as s:
        for outcome in ("no", "no", "silence", "yes"):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome=outcome))
        profiles.create(s, "Idle")
    with ctx.store.read() as s:
        stats = {p.name: (p.attempts, p.nos, p.last_day is not None) for p in profiles.list_with_stats(s)}
    assert stats == {ctx.profile.name: (4, 2, True), "Idle": (0, 0, False)}


def test_profile_cli(location, capsys, monkeypatch):
    db = ["--db", location.url]

    def cli(*args: str) -> tuple[int, str, str]:
        code = main([*args, *db])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = cli("profile", "list")
    assert code == 0 and len(out.strip().splitlines()) == 2
    assert cli("profile", "add", "Mia")[0] == 0
    code, _, err = cli("profile", "add", "MIA")
    assert code == 2 and "already exists" in err
    # --profile on any command, and the environment
    assert cli("compete", "start", "Race", "--period", "month", "--profile", "mia")[0] == 0
    code, out, _ = cli("profile", "list", "--profile", "Mia")
    assert "* Mia" in out
    monkeypatch.setenv("REJECTION_THERAPY_PROFILE", "Mia")
    assert "* Mia" in cli("profile", "list")[1]
    monkeypatch.delenv("REJECTION_THERAPY_PROFILE")
    # use: remembered for this database on this machine
    code, out, _ = cli("profile", "use", "mia")
    assert code == 0 and remembered_profile(location) == "Mia"
    assert "* Mia" in cli("profile", "list")[1]
    code, _, err = cli("profile", "use", "Nobody")
    assert code == 3 and "no profile named 'Nobody'" in err
    # rename the current profile: the remembered name follows
    code, out, _ = cli("profile", "rename", "Mia Wong")
    assert code == 0 and remembered_profile(location) == "Mia Wong"
    assert "* Mia Wong" in cli("profile", "list")[1]
    code, out, _ = cli("profile", "rename", "Mia Wong", "Mia")
    assert code == 0 and "* Mia" in cli("profile", "list")[1]
    code, _, err = cli("profile", "list", "--profile", "Ghost")
    assert code == 3 and "profile add Ghost" in err


def test_global_options_before_the_command(sqlite_location, capsys):
    assert main(["--db", sqlite_location.url, "profile", "add", "Ola"]) == 0
    capsys.readouterr()
    assert main(["--db", sqlite_location.url, "--profile", "Ola", "profile", "list"]) == 0
    assert "* Ola" in capsys.readouterr().out
