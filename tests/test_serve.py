"""`rejection-therapy serve`: localhost by default, a token in the link, one sentence for a bad
host or a busy port; and the real thing in a headless Chromium (Selenium): the page opens,
the board is read the way a person reads it, a screenshot is kept in the test's tmp dir.

The browser test needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them as
root); outside CI it is skipped when they are missing, in CI it fails.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from rejection_therapy.core.errors import ValidationError
from rejection_therapy.serve import check_host, check_port, prepare


def test_host_must_be_local_unless_said_public():
    assert check_host("127.0.0.1", False) == "127.0.0.1"
    assert check_host("localhost", False) == "localhost"
    assert check_host("::1", False) == "::1"
    with pytest.raises(ValidationError, match="i-know-this-is-public"):
        check_host("0.0.0.0", False)
    assert check_host("0.0.0.0", True) == "0.0.0.0"


def test_port_in_use_is_one_sentence(capsys):
    from rejection_therapy.__main__ import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ValidationError, match="in use"):
            check_port("127.0.0.1", port)
        assert main(["serve", "--port", str(port)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "in use" in err[0]
    assert main(["serve", "--host", "0.0.0.0", "--port", str(port)]) == 2
    assert "public" in capsys.readouterr().err
    assert len(prepare("127.0.0.1", port, False).token) >= 32


# ---- the browser ----------------------------------------------------------------------------

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[P\]_^][^\x1b\x07]*(?:\x07|\x1b\\\\)|\x1b[@-Z\\-_]")


def _browser_or_skip():
    missing = [x for x in ("chromium", "chromedriver") if shutil.which(x) is None]
    try:
        import selenium  # noqa: F401
        import textual_serve  # noqa: F401
    except ModuleNotFoundError as err:
        missing.append(err.name or "a module")
    if missing:
        if os.environ.get("CI") in ("true", "1"):
            pytest.fail(f"CI must have {', '.join(missing)} (.ci/run installs them)")
        pytest.skip(f"no {', '.join(missing)} here (.ci/run installs chromium and chromium-driver)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _team_store(location) -> None:
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts, competitions, profiles
    from rejection_therapy.services import settings as settings_svc
    from tests.tui_helpers import in_store

    def setup(s, me):
        settings_svc.update(s, me, timezone="UTC", onboarded=True)
        for i, name in enumerate(("Ann", "Ben", "Cat", "Dan")):
            pid = profiles.create(s, name).id
            settings_svc.update(s, pid, timezone="UTC", onboarded=True)
            for _ in range(6 - i):  # today, whatever day the clock is pinned to
                attempts.log_attempt(s, pid, AttemptInput(outcome="no"))
        competitions.start(s, me, "Kind race", "month")

    in_store(location, setup)


def test_served_app_shows_the_board_in_a_real_browser(sqlite_location, tmp_path):
    _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    _team_store(sqlite_location)
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "rejection_therapy", "--db", str(sqlite_location.path), "serve",
         "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))
    driver = None
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            found = re.search(r"http://\S+token=\S+", (tmp_path / "serve.log").read_text())
            url = found.group(0) if found else None
            time.sleep(0.2)
        assert url, "the server printed no link"
        # Without the token: refused, and no app starts.
        for path in ("/", "/ws", "/static/js/textual.js"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            assert refused.value.code == 403
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/?token=wrong", timeout=10)

        opts = Options()
        opts.binary_location = shutil.which("chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
            opts.add_argument(arg)
        opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
        seen = bytearray()

        def screen_text() -> str:
            """What the terminal received over the websocket, escape sequences removed."""
            for entry in driver.get_log("performance"):
                msg = json.loads(entry["message"])["message"]
                if msg["method"] == "Network.webSocketFrameReceived":
                    r = msg["params"]["response"]
                    data = r["payloadData"]
                    seen.extend(ANSI.sub(b"", base64.b64decode(data) if r.get("opcode") == 2 else data.encode()))
            return seen.decode("utf-8", "replace")

        def wait_for(*words: str, timeout: float = 60) -> str:
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                text = screen_text()
                if all(w in text for w in words):
                    return text
                time.sleep(0.3)
            raise AssertionError(f"never saw {words}; last: {screen_text()[-2000:]}")

        driver.get(url)
        wait_for("no's collected today", "Kind race")  # the dashboard and its competition panel
        driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys("b")
        text = wait_for("Leaderboard", "in the race", "Best day")
        for name in ("Ann", "Ben", "Cat", "Dan"):
            assert name in text
        assert "1st" in text and "4th" not in text and "5th" not in text
        driver.save_screenshot(str(tmp_path / "board.png"))
        assert (tmp_path / "board.png").stat().st_size > 1000
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
