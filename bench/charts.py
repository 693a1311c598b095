"""Charts and review benchmark: time to build each chart and the full review.

    python bench/charts.py                    # both stores below, 7 runs each, medians
    python bench/charts.py --repeat 15
    python bench/charts.py --store PATH.db --days 365 --month 2026-11

Cases (goal: every chart under 100 ms, the review under 300 ms):
  * a year of one profile on the 100,000-attempt store (bench/data/store-100k.db);
  * a month of one profile on the 5,000,000-attempt store (bench/data/store-5m.db).
Both are made by ``python bench/generate.py --size 100k|5m``. "Today" is the last day with
data, so the year and the month are full. A chart's time is the read (one short session,
SQL + Python aggregation) plus the plotext build of the text, 100×24, no colour; the first
run (plotext import, ~280 ms once per process) is not counted. The review's time is build +
Markdown. Medians of wall time and of this process's CPU time (the machine is shared: wall
time includes waiting for a core).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data"
CHARTS = ("effort", "cumulative", "calendar", "hours", "answers", "kinds", "channels", "funnel")


def _ms(fn, repeat: int) -> tuple[float, float, object]:
    """(median wall ms, median CPU ms of this process, last result). The CPU time is what
    the work costs; the wall time also holds waiting for the 2 shared cores."""
    fn()  # warm-up: imports, statement caches, page cache
    times, cpu = [], []
    result = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), statistics.median(cpu), result


def bench_store(path: Path, days: int, month: str | None, repeat: int, label: str) -> list[str]:
    from sqlalchemy import text

    from rejection_therapy.config import resolve_db
    from rejection_therapy.core.review import month_key
    from rejection_therapy.core.today import as_date
    from rejection_therapy.insights.charts import Options, render
    from rejection_therapy.services.charts import chart_data
    from rejection_therapy.services import review as review_svc
    from rejection_therapy.store.db import Store

    store = Store.open(resolve_db(str(path)))
    try:
        with store.read() as s:
            total = s.execute(text("SELECT COUNT(*) FROM attempts")).scalar_one()
            pid = s.execute(text("SELECT MIN(id) FROM profiles WHERE id IN "
                                 "(SELECT DISTINCT profile_id FROM attempts)")).scalar_one()
            today = as_date(s.execute(text("SELECT MAX(local_day) FROM attempts WHERE profile_id = :p"),
                                      {"p": pid}).scalar_one())
            mine = s.execute(text("SELECT COUNT(*) FROM attempts WHERE profile_id = :p AND local_day > :d"),
                             {"p": pid, "d": str(today.replace(year=today.year - 1)) if days > 31 else
                              str(today.replace(day=1))}).scalar_one()
        month = month or month_key(today)
        lines = [f"{label}: {path.name}, {total:,} attempts; profile {pid}, {days} days to {today} "
                 f"(~{mine:,} of its attempts), review of {month}",
                 f"  {'chart':<11}{'data ms':>9}{'render ms':>11}{'total ms':>10}{'cpu ms':>8}"]
        opts = Options(width=100, height=24)
        worst = worst_cpu = 0.0
        for name in CHARTS:
            def data(name=name):
                with store.read() as s:
                    return chart_data(s, pid, name, days=days, today=today)

            d_med, _, bundle = _ms(data, repeat)
            r_med, _, _ = _ms(lambda bundle=bundle: render(bundle, opts), repeat)

            def both(name=name):
                with store.read() as s:
                    b = chart_data(s, pid, name, days=days, today=today)
                return render(b, opts)

            t_med, t_cpu, _ = _ms(both, repeat)
            worst, worst_cpu = max(worst, t_med), max(worst_cpu, t_cpu)
            lines.append(f"  {name:<11}{d_med:>9.1f}{r_med:>11.1f}{t_med:>10.1f}{t_cpu:>8.1f}")

        def review():
            with store.read() as s:
                r = review_svc.build(s, pid, month=month, today=today)
            return review_svc.render_markdown(r)

        rv_med, rv_cpu, md = _ms(review, repeat)
        lines.append(f"  {'review':<11}{'':>9}{'':>11}{rv_med:>10.1f}{rv_cpu:>8.1f}   ({len(md):,} chars of Markdown)")
        verdict = "OK" if worst < 100 and rv_med < 300 else "OVER GOAL (wall)"
        lines.append(f"  slowest chart {worst:.1f} ms wall / {worst_cpu:.1f} ms CPU (goal < 100), "
                     f"review {rv_med:.1f} / {rv_cpu:.1f} ms (goal < 300): {verdict}")
        return lines
    finally:
        store.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--store", type=Path, help="one store instead of the two standard cases")
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--month", help="review month (default: the month of the last day with data)")
    args = p.parse_args()
    cases = ([(args.store, args.days, args.month, "custom")] if args.store else [
        (DATA / "store-100k.db", 365, None, "a year on the 100k store"),
        (DATA / "store-5m.db", 30, None, "a month on the 5M store"),
    ])
    for path, days, month, label in cases:
        if not path.exists() or (path.name == "store-5m.db" and not (DATA / "store-5m.json").exists()):
            print(f"{label}: {path} is missing or still being generated; "
                  f"run python bench/generate.py --size {'5m' if '5m' in path.name else '100k'}")
            continue
        for line in bench_store(path, days, month, args.repeat, label):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
