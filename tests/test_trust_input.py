"""Issue 10, items 3, 4, 9, 10 and 12 (review -o): input the app must never trust.

Stored data that crashes nothing, import that checks every value with the app's own rules,
one number parser, ids that cannot exist, passwords masked, escape sequences escaped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from rejection_therapy.__main__ import main
from rejection_therapy.config import DbLocation, mask_url, resolve_db

MAX_ID = 2**53  # the documented largest id (core.numbers.MAX_ID)

ESC_TITLE = "\x1b]0;PWNED\x07\x1b[2J"
RLO = "\u202e"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rejection-therapy: "), err
    assert "Unexpected error" not in err and "Traceback" not in err
    return lines[0]


def dump(db: Path) -> str:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture
def store(db_path, capsys) -> Path:
    """A store with one attempt (#1, a pending call to 'Acme') and one challenge (#1)."""
    assert run(capsys, "--db", db_path, "log", "pending", "--to", "Acme")[0] == 0
    assert run(capsys, "--db", db_path, "challenge", "start", "100-day")[0] == 0
    return db_path


def export_json(capsys, db: Path) -> dict:
    code, out, _ = run(capsys, "--db", db, "export")
    assert code == 0
    return json.loads(out)


def write_export(tmp_path: Path, data: dict, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ------------------------------------------------------------------ item 3: stored data


def set_stored(db: Path, key: str, raw: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("INSERT OR REPLACE INTO settings (profile_id, key, value) VALUES (1, ?, ?)", (key, raw))
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("key", "raw"), [
    ("bad_day_threshold", json.dumps("abc")),
    ("follow_up_days", json.dumps("abc")),
    ("bad_day_threshold", json.dumps("12")),  # a number as text: int("12") passed the old check
    ("channels", json.dumps("abc")),  # a string is not a list of channels
    ("silence_by_channel", "[1]"),
    ("rest_weekdays", '"56"'),
])
@pytest.mark.parametrize("quick", ["1", "0"])
def test_an_invalid_stored_setting_falls_back_to_its_default(store, capsys, monkeypatch, key, raw, quick):
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", quick)
    set_stored(store, key, raw)
    for argv in (["log", "no"], ["today"], ["list"], ["review"], ["waiting"], ["followups"],
                 ["challenge", "status"], ["chart", "effort"], ["ask-feedback", "1"]):
        code, _, err = run(capsys, "--db", store, *argv)
        assert code == 0, (argv, err)
    code, out, _ = run(capsys, "--db", store, "doctor")
    assert code == 1
    assert f"the stored setting {key} is not valid" in out


def test_doctor_says_settings_are_fine_when_they_are(store, capsys):
    code, out, _ = run(capsys, "--db", store, "doctor")
    assert code == 0 and "Settings: every stored value is valid" in out


@pytest.mark.parametrize(("key", "raw", "says"), [
    ("bad_day_threshold", json.dumps("abc"), "setting 'bad_day_threshold'"),
    ("follow_up_days", json.dumps("abc"), "setting 'follow_up_days'"),
    ("default_channel", json.dumps("fax"), "default channel 'fax' is not in the list"),
    ("Theme Colour!", json.dumps("red"), "setting 'Theme Colour!' is not a setting name"),
    ("newer_setting", "{not json", "setting 'newer_setting': The stored value is not valid JSON"),
])
def test_import_refuses_a_setting_the_settings_screen_would_refuse(store, capsys, tmp_path, key, raw, says):
    data = export_json(capsys, store)
    data["profiles"][0]["name"] = "other"
    data["profiles"][0]["settings"][key] = raw
    before = dump(store)
    code, out, err = run(capsys, "--db", store, "import", write_export(tmp_path, data))
    assert code == 2 and out == ""
    line = one_sentence(err)
    assert "profile 'other'" in line and says in line
    assert dump(store) == before


@pytest.mark.parametrize(("record", "field", "value", "says"), [
    ("challenges", "length_days", 999999999999, "length_days"),
    ("challenges", "length_days", 0, "length_days"),
    ("challenges", "extended_days", 995, "extended_days"),
    ("challenges", "target_per_day", 10**15, "target_per_day"),
    ("challenges", "rest_weekdays", "²", "rest_weekdays"),
    ("challenges", "start_day", "0001-01-01", "start_day"),
    ("attempts", "created_at", "0001-01-01T00:00:00+05:00", "created_at"),
    ("attempts", "created_at", "9999-12-31T23:00:00-05:00", "created_at"),
    ("attempts", "discomfort", "²", "discomfort"),
    ("attempts", "discomfort", 2**63, "discomfort"),
    ("attempts", "local_day", "2201-01-01", "local_day"),
    ("attempts", "follow_up_state", "maybe", "follow_up_state"),
])
def test_import_enforces_the_documented_ranges(store, capsys, tmp_path, record, field, value, says):
    data = export_json(capsys, store)
    data["profiles"][0]["name"] = "other"
    data["profiles"][0][record][0][field] = value
    before = dump(store)
    code, _, err = run(capsys, "--db", store, "import", write_export(tmp_path, data))
    assert code == 2
    line = one_sentence(err)
    assert "profile 'other'" in line and says in line, line
    assert dump(store) == before


def test_import_of_a_file_nested_100k_deep_is_one_sentence(store, capsys, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "rejection-therapy-export", "version": 1, "profiles": '
                    + "[" * 100_000 + "]" * 100_000 + "}")
    before = dump(store)
    code, _, err = run(capsys, "--db", store, "import", path)
    assert code == 2 and "nested too deeply" in one_sentence(err)
    assert dump(store) == before


def test_stored_settings_that_pass_still_load(store, capsys, tmp_path):
    """The stricter check keeps every value the app itself writes (export → import → export)."""
    assert run(capsys, "--db", store, "log", "no", "--channel", "email")[0] == 0
    data = export_json(capsys, store)
    other = tmp_path / "other.db"
    code, out, err = run(capsys, "--db", other, "import", write_export(tmp_path, data))
    assert code == 0, err
    again = export_json(capsys, other)
    data.pop("exported_at"), again.pop("exported_at")
    assert again == data


# ------------------------------------------------------------------ item 4: numbers and ids


def test_one_number_parser_takes_ascii_digits_only():
    from rejection_therapy.core.numbers import parse_id, parse_int

    for text in ("²", "٣", "1_000", "１", "", " ", "1.0", "0x10", "--1", "1e3"):
        with pytest.raises(Exception) as exc:
            parse_int(text, "number")
        assert type(exc.value).__name__ == "ValidationError"
    assert parse_int(" 42 ", "number") == 42 and parse_int("-3", "number") == -3
    assert parse_id("#7") == 7
    with pytest.raises(Exception) as exc:
        parse_id(str(MAX_ID + 1))
    assert type(exc.value).__name__ == "NotFoundError"
    with pytest.raises(Exception) as exc:
        parse_id("9" * 5000)  # int() of 5000 digits raises ValueError
    assert type(exc.value).__name__ == "NotFoundError"


@pytest.mark.parametrize("argv", [
    ["log", "no", "--discomfort", "²"],
    ["goal", "--daily", "²"],
    ["list", "--limit", "²"],
    ["outcome", "²", "yes"],
    ["chart", "effort", "--days", "²"],
    ["followups", "snooze", "1", "--days", "²"],
    ["waiting", "--silent", "10000000000000000000"],
    ["challenge", "extend", "1", "²"],
    ["log", "no", "--note", "bad\udcff"],  # invalid UTF-8 in argv (surrogateescape)
    ["win", "\udcff"],
])
def test_bad_numbers_and_bytes_in_argv_are_one_sentence_exit_2(store, capsys, argv):
    before = dump(store)
    code, _, err = run(capsys, "--db", store, *argv)
    assert code == 2, err
    one_sentence(err)
    assert dump(store) == before


@pytest.mark.parametrize("argv", [
    ["followups", "done", "{n}"], ["reply", "{n}", "yes"], ["ask-feedback", "{n}"],
    ["challenge", "summary", "{n}"], ["challenge", "extend", "{n}", "3"],
    ["review", "--challenge", "{n}"], ["chart", "effort", "--challenge", "{n}"],
    ["outcome", "{n}", "no"], ["win", "x", "--attempt", "{n}"], ["ask-why", "{n}", "--answer", "x"],
])
@pytest.mark.parametrize("n", [2**63, 2**64, MAX_ID + 1, 10**40])
def test_ids_that_cannot_exist_are_not_found(store, capsys, argv, n):
    before = dump(store)
    code, _, err = run(capsys, "--db", store, *[a.format(n=n) for a in argv])
    assert code == 3, err
    assert "There is no" in one_sentence(err)
    assert dump(store) == before


def test_ids_above_32_bits_on_postgresql_are_not_found(location, capsys):
    if location.is_sqlite:
        pytest.skip("PostgreSQL stores ids as 32-bit integers")
    assert run(capsys, "--db", location.url, "log", "no")[0] == 0
    for argv in (["outcome", "2147483648", "yes"], ["reply", "3000000000", "yes"],
                 ["challenge", "summary", "2147483648"], ["followups", "done", "2147483648"],
                 ["chart", "effort", "--challenge", "2147483648"]):
        code, _, err = run(capsys, "--db", location.url, *argv)
        assert code == 3, err
        line = one_sentence(err)
        assert "There is no" in line and "out of range" not in line


@pytest.mark.parametrize("argv", [
    ["log"], ["chart", "nope"], ["challenge", "abandon", "1"], ["export", "--format", "xml"],
    ["log", "no", "--bogus"], ["reply", "1", "maybe"],
])
def test_usage_errors_are_one_sentence_not_a_usage_block(store, capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(store), *argv])
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "usage:" not in err
    assert one_sentence(err).endswith(".")


# ------------------------------------------------------------------ item 9: passwords


PASSWORDS = ["s3cret/pw", "p@ss", "a:b", "q?x", "h#1", "50%", "pässwörd€", "a/b@c:d?e#f%g", "%zz", "x@y@z"]


@pytest.mark.parametrize("password", PASSWORDS)
def test_mask_url_hides_any_password(password):
    url = f"postgresql+psycopg://u:{password}@/db?host=/tmp/rtpg"
    for text in (url, f"Cannot use the team database at {url}: boom.", f"at {url}."):
        masked = mask_url(text)
        assert password not in masked and "***" in masked
    assert mask_url(mask_url(url)) == mask_url(url)  # a message quoting a masked URL keeps it
    assert password not in DbLocation(url=url, path=None).display
    assert password not in resolve_db(url).display


def test_mask_url_leaves_urls_without_a_password_alone():
    url = "postgresql+psycopg://rt_test@/rt_ti?host=/tmp/rtpg"
    assert mask_url(url) == url
    assert mask_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert mask_url("no url here") == "no url here"


@pytest.mark.parametrize("password", ["s3cret/pw", "p@ss#1", "pässwörd?"])
def test_no_command_prints_the_password(capsys, password):
    url = f"postgresql+psycopg://u:{password}@/nodb?host=/nonexistent-socket-dir"
    for argv in (["list"], ["doctor"], ["log", "no"]):
        code, out, err = run(capsys, "--db", url, *argv)
        assert code != 0
        assert password not in out + err and "***" in out + err


def test_help_does_not_import_sqlalchemy():
    import subprocess
    import sys

    probe = ("import sys\nfrom rejection_therapy.config import mask_url\n"
             "mask_url('no url')\ntry:\n    from rejection_therapy.__main__ import main\n"
             "    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print('sqlalchemy' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().endswith("False"), proc.stderr


# ------------------------------------------------------------------ item 10: escape sequences


def test_printable_escapes_controls_and_bidi():
    from rejection_therapy.core.text import printable

    assert printable("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert printable(f"x{RLO}y\u2066z\u200f") == "x\\u202ey\\u2066z\\u200f"
    assert printable("\x9b31m\r\x7f") == "\\u009b31m\\x0d\\u007f"
    raw = json.dumps({"k": "\x7f\x9b\u202e\x1b"}, ensure_ascii=False)
    assert json.loads(printable(raw)) == {"k": "\x7f\x9b\u202e\x1b"}  # JSON on a terminal stays JSON
    assert printable("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert printable("bad\udcff") == "bad\\udcff"
    assert printable("\x1b[31mred\x1b[0m\x1b]0;t\x07", keep_colors=True) == "\x1b[31mred\x1b[0m\\x1b]0;t\\x07"


def _clean(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and RLO not in text, text


def test_an_imported_channel_with_an_osc_sequence_is_escaped_in_list(store, capsys, tmp_path):
    data = export_json(capsys, store)
    p = data["profiles"][0]
    p["name"] = "other"
    evil = f"call{RLO}x"  # bidi controls are not stripped on the way in; they are escaped on the way out
    p["attempts"][0]["channel"] = evil
    p["attempts"][0]["uuid"] = "f" * 32  # a new attempt, not the one already there
    p["attempts"][0]["target"] = "Acme\x1b]0;PWNED\x07"  # stripped on import (never stored)
    assert run(capsys, "--db", store, "import", write_export(tmp_path, data))[0] == 0
    code, out, err = run(capsys, "--db", store, "--profile", "other", "list")
    assert code == 0
    _clean(out + err)
    assert "call\\u202ex" in out


def test_profile_names_paths_and_chart_titles_are_escaped(store, capsys, tmp_path):
    code, out, err = run(capsys, "--db", store, "--profile", ESC_TITLE, "today")
    assert code == 3
    _clean(one_sentence(err))
    assert "\\x1b]0;PWNED" in err
    for argv in (["import", tmp_path / f"no{ESC_TITLE}{RLO}.json"],
                 ["export", "-o", tmp_path / f"missing{ESC_TITLE}" / "x.json"],
                 ["review", "-o", tmp_path / f"missing{RLO}" / "r.md"],
                 ["followups", "--ics", tmp_path / f"missing{ESC_TITLE}" / "f.ics"],
                 ["ask-feedback", "1", "-o", tmp_path / f"missing{ESC_TITLE}" / "f.txt"],
                 ["backup", tmp_path / f"missing{ESC_TITLE}" / "b.db"]):
        code, out, err = run(capsys, "--db", store, *argv)
        assert code != 0, argv
        _clean(out + one_sentence(err))
    for argv in (["chart", "effort", "--segment", f"seg{ESC_TITLE}{RLO}"],
                 ["chart", "channels", "--channel", f"ch{ESC_TITLE}{RLO}"]):
        code, out, err = run(capsys, "--db", store, *argv)
        assert code == 0, err
        _clean(out + err)


def test_chart_colours_survive_but_title_escapes_do_not(store, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(capsys, "--db", store, "chart", "effort", "--segment", f"s{ESC_TITLE}")
    assert code == 0
    assert "\x1b[" in out  # the chart's own colours
    assert "\x1b]" not in out and "\x07" not in out and "\x1b[2J" not in out


def test_doctor_escapes_the_path(tmp_path, capsys):
    folder = tmp_path / f"d{ESC_TITLE}{RLO}"
    folder.mkdir()
    code, out, err = run(capsys, "--db", folder / "rt.db", "doctor")
    _clean(out + err)
    assert "\\x1b]0;PWNED" in out


def test_json_export_keeps_stored_text_byte_exact(store, capsys, tmp_path):
    note = f"abc{RLO}def\u2066 tab\there"
    assert run(capsys, "--db", store, "log", "no", "--note", note)[0] == 0
    code, out, _ = run(capsys, "--db", store, "export")
    assert code == 0 and f"abc{RLO}def\u2066" in out  # an export on standard output is data: not escaped
    assert json.loads(out)["profiles"][0]["attempts"][-1]["notes"] == note
    target = tmp_path / "e.json"
    assert run(capsys, "--db", store, "export", "-o", target)[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["profiles"][0]["attempts"][-1]["notes"] == note


# ------------------------------------------------------------------ item 12: review -o


def test_review_file_is_private_whatever_the_umask(store, capsys, tmp_path):
    target = tmp_path / "review.md"
    old = os.umask(0)
    try:
        code, _, err = run(capsys, "--db", store, "review", "-o", target)
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("#")


def test_settings_can_be_saved_over_a_bad_stored_value(ctx):
    """The TUI saved nothing for a profile with a bad stored setting: save loads, then validates."""
    from sqlalchemy import text

    from rejection_therapy.services import settings as settings_svc

    with ctx.store.write() as s:
        s.execute(text("INSERT INTO settings (profile_id, key, value) VALUES (:p, 'bad_day_threshold', :v)"),
                  {"p": ctx.profile_id, "v": json.dumps("abc")})
    with ctx.store.write() as s:
        saved = settings_svc.update(s, ctx.profile_id, hide_streaks=True)
    assert saved.hide_streaks and saved.bad_day_threshold == 10
    with ctx.store.read() as s:
        assert settings_svc.load(s, ctx.profile_id).bad_day_threshold == 10
