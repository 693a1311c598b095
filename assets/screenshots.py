"""Make the README's screenshots: `python assets/screenshots.py [--after]`.

The same demo store (fixed seed, fixed instant), the same way of reaching each screen and
the same capture as the snapshot tests (tests/snapshot_helpers.py), so the README shows
what the tests check. Writes SVGs next to this file (never touches your own store):

- dashboard.svg, log.svg, charts.svg, challenges.svg at 120x36 (the README);
- with ``--after``: after-dashboard/charts/review-80x24.svg (before-*.svg were made the same
  way from main before the issue-11 fixes), and a PNG of each when ``rsvg-convert`` exists.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
README_SHOTS = [("dashboard", (120, 36)), ("log", (120, 36)), ("charts", (120, 36)), ("challenges", (120, 36))]
AFTER_SHOTS = [("dashboard", (80, 24)), ("charts", (80, 24)), ("review", (80, 24))]


async def shoot(name: str, size: tuple[int, int], template: Path, folder: Path) -> str:
    from rejection_therapy.config import resolve_db
    from rejection_therapy.tui.launch import make_app
    from tests.snapshot_helpers import SNAPSHOT_NOW, VISITS, capture, copy_store
    from tests.tui_helpers import settle

    os.environ["REJECTION_THERAPY_NOW"] = SNAPSHOT_NOW
    location = resolve_db(str(copy_store(template, folder / f"{name}-{size[0]}x{size[1]}")))
    app = make_app(location, "demo", offer_onboarding=False)
    app.demo = True
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.open_store()
        await settle(pilot)
        await VISITS[name][0](app, pilot)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)
        return capture(app)[1]


async def main(after: bool) -> None:
    sys.path.insert(0, str(HERE.parent))
    from tests.snapshot_helpers import make_demo_template

    os.environ.pop("NO_COLOR", None)
    with tempfile.TemporaryDirectory() as tmp:
        template = make_demo_template(Path(tmp))
        shots = [(n, s, f"{n}.svg") for n, s in README_SHOTS]
        if after:
            shots += [(n, s, f"after-{n}-{s[0]}x{s[1]}.svg") for n, s in AFTER_SHOTS]
        for name, size, filename in shots:
            (HERE / filename).write_text(await shoot(name, size, template, Path(tmp)), encoding="utf-8")
            print(f"wrote assets/{filename}")
            if filename.startswith("after-") and shutil.which("rsvg-convert"):
                png = filename.removesuffix(".svg") + ".png"
                subprocess.run(["rsvg-convert", str(HERE / filename), "-o", str(HERE / png)], check=True)
                print(f"wrote assets/{png}")


if __name__ == "__main__":
    asyncio.run(main("--after" in sys.argv))
