"""Helpers for tests that drive the CLI in-process: ``run`` (exit code, stdout, stderr),
``rows`` (a read of the SQLite file behind the app's back). The ``path_kind`` fixture (each
test once on the quick path, once on the full one) is in conftest.py."""

from __future__ import annotations

import sqlite3

from rejection_therapy.__main__ import main


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
