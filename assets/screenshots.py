"""Make the README's screenshots from the demo data: `python assets/screenshots.py`.

Opens the real app on a temporary demo store (never your own), visits a few screens and
saves each as an SVG next to this file.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHOTS = [("dashboard", None), ("log", "l"), ("charts", "g"), ("challenges", "c")]


async def main() -> None:
    import sys

    sys.path.insert(0, str(HERE.parent / "tests"))
    from tui_helpers import settle  # the tests' way to wait for the workers

    from rejection_therapy.services.demo import DEMO_PROFILE, create_demo_store
    from rejection_therapy.tui.launch import make_app

    with tempfile.TemporaryDirectory() as tmp:
        location = create_demo_store(Path(tmp) / "demo.db")
        app = make_app(location, DEMO_PROFILE, offer_onboarding=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            for name, key in SHOTS:
                if key:
                    await pilot.press(key)
                    await settle(pilot)
                app.save_screenshot(f"{name}.svg", str(HERE))
                print(f"wrote assets/{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
