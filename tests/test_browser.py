"""The reports as a reader sees them: opened in headless Chromium with the network off, no console message, no
request leaving the file, and screenshots that show the charts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from pdukit.report.charts import RATING_COLOURS

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (.ci/run installs it)", allow_module_level=True)

PAGES = {"index.html": False, "national.html": True, "regions/wales.html": True, "pdus/gwent.html": True}


def open_in_chromium(page, tmp_path):
    """Load a page from disk with every network request routed nowhere; return console lines, requests made by the
    page (not by the browser itself) and the screenshot."""
    shot, netlog = tmp_path / "shot.png", tmp_path / "net.json"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,4200", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
         "--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}", f"--screenshot={shot}",
         page.as_uri()], capture_output=True, text=True, timeout=120)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    log = json.loads(netlog.read_text())
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    starts = [e.get("params", {}) for e in log["events"] if names.get(e["type"]) == "URL_REQUEST_START_JOB"]
    requests = [p["url"] for p in starts if "url" in p
                and p.get("initiator") != "not an origin"  # the browser's own housekeeping
                and not p["url"].startswith(("file:", "data:"))]
    return console, requests, Image.open(shot).convert("RGB")


def palette_pixels(image) -> int:
    """Pixels in any of the four rating colours: the charts are drawn, not blank."""
    pixels = np.asarray(image.resize((image.width // 2, image.height // 2)), dtype=int)
    targets = [[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in RATING_COLOURS.values()]
    return int(sum((np.abs(pixels - t).sum(axis=2) < 24).sum() for t in targets))


@pytest.mark.parametrize("name", list(PAGES))
def test_report_in_a_real_browser(rendered, name, tmp_path):
    console, requests, image = open_in_chromium(rendered / name, tmp_path)
    assert console == [], console
    assert requests == [], f"requests leaving the file: {requests}"
    image.save(tmp_path / f"{name.replace('/', '_')}.png")
    non_white = int((np.asarray(image.resize((320, 1050)), dtype=int).sum(axis=2) < 720).sum())
    assert non_white > 2000, "page looks blank"
    if PAGES[name]:
        assert palette_pixels(image) > 1500, "no chart colours on screen"


def test_the_browser_check_catches_a_remote_load(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<html><body><img src='https://example.com/x.png'><script>console.error('boom')</script></body></html>")
    console, requests, _ = open_in_chromium(page, tmp_path)
    assert requests == ["https://example.com/x.png"] and any("boom" in line for line in console)
