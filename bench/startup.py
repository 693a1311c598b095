"""Start-up time of the app: process start to the dashboard's first frame (and to its data),
on an empty store and on a 100,000-attempt store, beside a minimal Textual app (Header +
Footer) measured in the same run. Goals (issue 12): on the empty and the 100k store, the
dashboard's first frame within 1.2x the minimal app and today's figures on screen within
1.5x (they come from the ledger's stdlib adapter; SQLAlchemy loads after them). "whole"
is the frame after that: today's attempts table and wins mounted and filled too.

    python bench/startup.py [--runs 7] [--attempts 100000]

Each app runs headless in a fresh subprocess with REJECTION_THERAPY_EXIT_AFTER_FIRST_FRAME
set; it prints a timestamp after its first refresh and exits. The 100k store is generated
once with services.sample into bench/data/ (git-ignored). The package is byte-compiled
first, as pip does on install (with PYTHONDONTWRITEBYTECODE=1 every run would otherwise
compile the modules changed since the last compile from source).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
ENV = "REJECTION_THERAPY_EXIT_AFTER_FIRST_FRAME"

MINIMAL = """
import sys, time
from textual.app import App
from textual.widgets import Footer, Header
class Minimal(App):
    def compose(self):
        yield Header()
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.mark)
    def mark(self):
        print(f"BENCH frame {time.time():.6f}", file=sys.stderr, flush=True)
        self.exit()
Minimal().run(headless=True)
"""

DASHBOARD = """
import sys
from rejection_therapy.config import resolve_db
from rejection_therapy.tui.launch import make_app
make_app(resolve_db(sys.argv[1]), offer_onboarding=False).run(headless=True)
"""


def build_big_store(path: Path, attempts: int) -> int:
    """Generate (once) a store with about ``attempts`` attempts; returns the count."""
    sys.path.insert(0, str(HERE.parent))
    from rejection_therapy.config import resolve_db
    from rejection_therapy.services.sample import SampleSpec, generate
    from rejection_therapy.store.db import Store

    if path.exists():
        store = Store.open(resolve_db(str(path)))
        with store.read() as s:
            from sqlalchemy import text

            count = s.execute(text("SELECT COUNT(*) FROM attempts")).scalar_one()
        store.close()
        if count >= attempts * 0.9:
            return count
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store.open(resolve_db(str(path)))
    days = 365
    per_day = max(1, round(attempts / (days * (5 + 2 * 0.15) / 7) / 0.96))
    count = generate(store.write, SampleSpec(days=days, per_day=per_day, seed=11, rich=False))
    store.close()
    return count


def run_once(code: str, args: list[str], event: str, env: dict[str, str]) -> float:
    env = {**env, ENV: event}
    start = time.time()
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    for line in proc.stderr.splitlines():
        if line.startswith(f"BENCH {event} "):
            return float(line.split()[2]) - start
    raise RuntimeError(f"no {event} mark (exit {proc.returncode}): {proc.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--attempts", type=int, default=100_000)
    args = parser.parse_args()

    import compileall

    compileall.compile_dir(str(HERE.parent / "rejection_therapy"), quiet=1)
    DATA.mkdir(parents=True, exist_ok=True)
    home = DATA / "home"
    env = {**os.environ, "REJECTION_THERAPY_DATA_DIR": str(home), "PYTHONPATH": str(HERE.parent)}
    env.pop("REJECTION_THERAPY_PROFILE", None)
    empty = DATA / "startup-empty.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{empty}{suffix}").unlink(missing_ok=True)
    big = DATA / f"startup-{args.attempts}.db"
    t0 = time.time()
    count = build_big_store(big, args.attempts)
    print(f"store: {count:,} attempts in {big} (ready in {time.time() - t0:.1f} s)")
    run_once(DASHBOARD, [str(empty)], "data", env)  # creates and migrates the empty store once

    cases = {
        "minimal Textual app (Header+Footer)": (MINIMAL, [], "frame"),
        "dashboard, empty store: first frame": (DASHBOARD, [str(empty)], "frame"),
        "dashboard, empty store: figures shown": (DASHBOARD, [str(empty)], "data"),
        "dashboard, empty store: whole dashboard": (DASHBOARD, [str(empty)], "whole"),
        f"dashboard, {count:,} attempts: first frame": (DASHBOARD, [str(big)], "frame"),
        f"dashboard, {count:,} attempts: figures shown": (DASHBOARD, [str(big)], "data"),
        f"dashboard, {count:,} attempts: whole dashboard": (DASHBOARD, [str(big)], "whole"),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):  # interleaved, so load on the machine hits every case alike
        for name, (code, argv, event) in cases.items():
            times[name].append(run_once(code, argv, event, env))
    base = statistics.median(times["minimal Textual app (Header+Footer)"])
    print(f"\nmedian of {args.runs} runs, process start -> mark (headless), {os.cpu_count()} cores")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"  {name:<48} {med * 1000:7.0f} ms   {med / base:4.2f}x minimal   "
              f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
