"""People: ``people``, ``who``, merging spellings (issue 13, item 6)."""

from __future__ import annotations

import pytest

from rejection_therapy.core.people import person_key
from tests.cli_helpers import rows, run
from tests.test_cli_json import validate


@pytest.fixture
def asked(db_path, capsys):
    for args in (
        ("no", "--to", "Acme Corp", "--said", "No budget", "--kind", "not-now", "--follow-up", "2099-01-15"),
        ("yes", "--to", "  acme   CORP ", "--conversation", "--note", "signed [b]x[/b]"),
        ("pending", "--to", "Birch & Co"),
        ("no", "--to", "ACME co"),
    ):
        assert run(capsys, "--db", db_path, "log", *args)[0] == 0
    return db_path


def test_person_key():
    assert person_key("  ACME   corp ") == person_key("Acme Corp") == "acme corp"
    assert person_key("Straße") == person_key("STRASSE")


def test_people_lists_each_person_once(asked, capsys):
    code, out, err = run(capsys, "--db", asked, "people")
    assert (code, err) == (0, "")
    body = out.splitlines()[1:]
    assert len(body) == 3
    acme = [line for line in body if line.lower().startswith("acme corp")][0]
    assert "    2   1    1  yes" in acme and "2099-01-15" in acme
    _, out, _ = run(capsys, "--db", asked, "people", "--search", "BIRCH")
    assert len(out.splitlines()) == 2 and "Birch & Co" in out


def test_who_shows_the_whole_history(asked, capsys):
    code, out, err = run(capsys, "--db", asked, "who", "ACME CORP")
    assert code == 0, err
    assert out.startswith("acme CORP: 2 attempts, 1 no, 1 yes, 1 talk")
    assert "Also written: Acme Corp" in out and "said: No budget" in out and "signed [b]x[/b]" in out
    assert "Next follow-up: 2099-01-15" in out
    code, _, err = run(capsys, "--db", asked, "who", "Globex")
    assert code == 3 and "not asked anyone called 'Globex'" in err
    code, _, err = run(capsys, "--db", asked, "who", "  ")
    assert code == 2


def test_json_outputs(asked, capsys):
    _, out, _ = run(capsys, "--db", asked, "people", "--json")
    doc = validate(out, "people")
    assert {p["name"] for p in doc["people"]} == {"acme CORP", "Birch & Co", "ACME co"}
    _, out, _ = run(capsys, "--db", asked, "who", "acme corp", "--json")
    doc = validate(out, "who")
    assert [a["id"] for a in doc["attempts"]] == [1, 2]


def test_merge_two_spellings(asked, capsys):
    code, out, _ = run(capsys, "--db", asked, "people", "merge", "acme co", "Acme Corp")
    assert code == 0 and out == "1 attempt now name Acme Corp.\n"
    code, out, _ = run(capsys, "--db", asked, "people", "merge", "ACME CORP", "Acme Corp")
    assert out.startswith("3 attempts")
    assert rows(asked, "SELECT DISTINCT target FROM attempts WHERE target LIKE 'a%' OR target LIKE 'A%'") == [("Acme Corp",)]
    code, _, err = run(capsys, "--db", asked, "people", "merge", "Nobody", "X")
    assert code == 3
    code, _, err = run(capsys, "--db", asked, "people", "merge", "Acme Corp", " ")
    assert code == 2


def test_people_service_both_backends(ctx):
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts, people

    with ctx.store.write() as s:
        for t in ("Zed Ltd", "zed  ltd", "Yon"):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", target=t))
    with ctx.store.read() as s:
        found = people.people(s, ctx.profile_id)
        assert sorted(p.attempts for p in found) == [1, 2]
    with ctx.store.write() as s:
        assert people.merge(s, ctx.profile_id, "ZED LTD", "Zed Ltd") == 2
