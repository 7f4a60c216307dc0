"""Screenshots of the sample board for the README: python tests/tools/screenshots.py

Builds the sample board, serves it on 127.0.0.1 and photographs, in Debian's Chromium, the board,
a posting, the post-a-project form with its errors shown, and the numbers page, at phone (390 px)
and desktop (1280 px) width, in light and dark schemes. The pictures go to docs/screenshots/.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from site_fixtures import launch_chromium, serve  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY = "2026-11-21"
PAGES = {
    "board": "",
    "posting": "projects/brightloop/analyze-onboarding-drop-off/",
    "form-errors": "post/",
    "numbers": "numbers/",
}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(site), "--today", TODAY],
                       cwd=ROOT, check=True)
        with serve(site) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, path in PAGES.items():
                for width_name, (width, height) in WIDTHS.items():
                    for scheme in ("light", "dark"):
                        page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                        page.goto(f"{base}/{path}")
                        page.wait_for_load_state("networkidle")
                        if name == "form-errors":  # send the empty form: the error summary and messages show
                            page.get_by_role("button", name="Check and make the posting").click()
                            page.wait_for_timeout(300)
                        target = OUT / f"{name}-{width_name}-{scheme}.png"
                        page.screenshot(path=str(target), full_page=False)
                        page.close()
                        print(f"wrote {target.relative_to(ROOT)}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
