"""Export, import and backup report progress through a plain callable(done, total) (issue 13,
item 4): counts only go forward, never past the total, and end at it; a callback that raises
(the app's cancel) leaves nothing written. Both backends."""

from __future__ import annotations

import json

import pytest

from rejection_therapy.config import resolve_db
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import RTError
from rejection_therapy.core.progress import Steps
from rejection_therapy.services import attempts, data_files, journal
from rejection_therapy.services.context import AppContext

N = 1500


class Stop(RTError):
    pass


def recorder():
    seen: list[tuple[int, int]] = []
    return seen, lambda done, total: seen.append((done, total))


def assert_forward_to_total(seen, total):
    dones = [d for d, _t in seen]
    assert {t for _d, t in seen} == {total}
    assert dones == sorted(set(dones)), "counts go forward, each once"
    assert dones[-1] == total and len(dones) >= 3


def log_many(ctx, n=N):
    with ctx.store.write() as s:
        attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", target="Acme"), count=n)


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_export_progress_ends_at_total(ctx, tmp_path, suffix):
    log_many(ctx)
    seen, progress = recorder()
    sentence = data_files.export_to(ctx, str(tmp_path / f"out{suffix}"), progress)
    assert sentence == f"Exported {N:,} attempts to {tmp_path / f'out{suffix}'}."
    assert_forward_to_total(seen, 2 * N)  # each attempt read, then written


def test_import_progress_ends_at_total_and_a_raising_callback_stores_nothing(ctx, tmp_path):
    source = AppContext.open(resolve_db(str(tmp_path / "source.db")))
    try:
        log_many(source)
        data_files.export_to(source, str(tmp_path / "out.json"))
    finally:
        source.close()

    def stop_halfway(done, total):
        if done > total // 2:
            raise Stop("stopped")

    with pytest.raises(Stop):
        data_files.import_from(ctx, str(tmp_path / "out.json"), stop_halfway)
    with ctx.store.read() as s:
        assert journal.log_count(s, ctx.profile_id) == 0
    seen, progress = recorder()
    sentence = data_files.import_from(ctx, str(tmp_path / "out.json"), progress)
    assert f"{N:,} attempts" in sentence
    assert_forward_to_total(seen, 2 * N)  # each attempt checked, then stored


def test_export_cancelled_leaves_no_file(ctx, tmp_path):
    log_many(ctx)

    def stop(done, total):
        raise Stop("stopped")

    with pytest.raises(Stop):
        data_files.export_to(ctx, str(tmp_path / "out.json"), stop)
    assert list(tmp_path.glob("*out.json*")) == []


def test_backup_progress_counts_pages(sqlite_location, tmp_path):
    ctx = AppContext.open(sqlite_location)
    try:
        log_many(ctx, 8000)  # a few MiB: several steps of 256 pages
        seen, progress = recorder()
        data_files.backup_to(ctx, str(tmp_path / "copy.db"), progress)
        assert_forward_to_total(seen, seen[-1][1])
        with pytest.raises(Stop):
            data_files.backup_to(ctx, str(tmp_path / "stopped.db"), lambda d, t: (_ for _ in ()).throw(Stop("x")))
        assert not (tmp_path / "stopped.db").exists()
    finally:
        ctx.close()


def test_steps_never_go_back_nor_past_the_total():
    seen, progress = recorder()
    steps = Steps(progress, every=1)
    steps.at(5, 10)
    steps.at(3, 12)  # SQLite restarted the copy: the bar stays where it was
    steps.at(20)
    steps.finish()
    assert seen == [(5, 10), (12, 12)]
    seen.clear()
    Steps(progress, 0).finish()
    assert seen == [(0, 0)]
    assert json.dumps(seen)  # plain numbers
