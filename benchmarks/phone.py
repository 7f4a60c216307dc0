"""A student on a phone: 5,000 fake postings, a 390 px screen, 4x CPU slowdown and a slow 4G network.

    python benchmarks/phone.py                 # builds the board (about a minute), then measures
    python benchmarks/phone.py --count 5000 --runs 3

Measures, in Debian's headless Chromium through the DevTools protocol (Emulation.setCPUThrottlingRate,
Network.emulateNetworkConditions), served gzipped as GitHub Pages serves it:

- seconds from navigation to the first cards on screen, to the filters shown,
  and to a usable board (board.json in, every option's count filled in);
- the taps from the board to the first posting that fits "data, remote, at most 20 hours, still open for
  at least 7 days", done the way a student does it (a <select> on a phone is two taps: open, pick), and
  that the posting reached does fit.

Writes the section "A student on a phone" of docs/benchmarks.md (the rest of the file is benchmarks/run.py's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import re
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from run import CHROMIUM_ARGS, PHONE_SECTION as SECTION, ROOT, TODAY, make_board, python_m

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
# Chrome DevTools' "Slow 4G" preset
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
CPU_SLOWDOWN = 4
# The frame after the first server-rendered card is in the document: when it can be painted.
FIRST_CARDS = """new MutationObserver(function (records, observer) {
  if (!document.querySelector('#mb-results .mb-card')) return;
  observer.disconnect();
  requestAnimationFrame(function () { window.mbFirstCards = performance.now(); });
}).observe(document, {childList: true, subtree: true});"""


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped for a browser that accepts it (as GitHub Pages serves them)."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().do_GET()
        body = _packed(str(path))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=None)
def _packed(path: str) -> bytes:
    return gzip.compress(Path(path).read_bytes(), 6)


def throttled(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def on_build_day(page) -> None:
    page.clock.set_fixed_time(dt.datetime.combine(dt.date.fromisoformat(TODAY), dt.time(12), tzinfo=dt.timezone.utc))


def load_times(browser, url: str) -> dict:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    on_build_day(page)
    throttled(context, page)
    page.add_init_script(FIRST_CARDS)
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector("[data-mb-board][data-ready]", state="attached", timeout=120_000)
    filters = page.evaluate("performance.now()")
    page.wait_for_function("() => /^Show \\d/.test(document.querySelector('#mb-show').textContent)",
                           polling=50, timeout=120_000)
    usable = page.evaluate("performance.now()")
    page.wait_for_function("() => window.mbFirstCards !== undefined", timeout=120_000)
    paint = page.evaluate("window.mbFirstCards")
    context.close()
    return {"first_cards_s": round(paint / 1000, 2), "filters_shown_s": round(filters / 1000, 2),
            "usable_s": round(usable / 1000, 2)}


def taps_to_first_fit(browser, url: str, projects: dict[str, dict]) -> dict:
    """The student's way to a fitting posting; every tap and every choice from a list is counted."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    on_build_day(page)
    throttled(context, page)
    page.goto(url, timeout=120_000)
    page.wait_for_function("() => /^Show \\d/.test(document.querySelector('#mb-show').textContent)",
                           polling=50, timeout=120_000)
    steps: list[str] = []

    def tap(locator, what: str) -> None:
        locator.tap()
        steps.append(what)

    def pick(locator, value: str, what: str) -> None:
        locator.tap()
        locator.select_option(value)
        steps.extend([f"open {what}", f"pick {value}"])

    tap(page.locator("summary").filter(has_text=re.compile(r"^Filters")), "Filters")
    pick(page.get_by_role("combobox", name="Field"), "data", "Field")
    tap(page.get_by_role("checkbox", name=re.compile(r"^Remote only")), "Remote only")
    hours = page.get_by_role("spinbutton", name="to", exact=True)
    tap(hours, "hours: to")
    hours.press_sequentially("20")
    typed = page.evaluate("performance.now()")
    page.wait_for_function("() => location.search.includes('hmax=20')", polling=20, timeout=60_000)
    applied = page.evaluate("performance.now()") - typed
    pick(page.get_by_role("combobox", name="Still open for at least"), "7", "Still open for at least")
    page.wait_for_function("() => location.search.includes('open=7')", timeout=60_000)
    show = page.get_by_role("button", name=re.compile(r"^Show \d+ projects?$"))
    matching = int(re.search(r"\d+", show.text_content().replace(",", "")).group())
    tap(show, "Show N projects")
    first = page.locator("#mb-results .mb-card").first.get_by_role("link").first
    in_view = first.bounding_box()["y"] + first.bounding_box()["height"] <= PHONE["viewport"]["height"]
    tap(first, "the first posting")
    page.wait_for_url("**/projects/**", timeout=60_000)
    key = re.search(r"/projects/([^/]+/[^/]+)/", page.url).group(1)
    context.close()
    p = projects[key]
    left = (dt.date.fromisoformat(p["timeline"]["apply_by"]) - dt.date.fromisoformat(TODAY)).days
    fits = p["field"] == "data" and p["location"]["type"] == "remote" and p["hours"] <= 20 and left >= 7
    return {"taps": len(steps), "steps": steps, "typed": "20", "matching": matching, "first_in_view": in_view,
            "posting": key, "fits": fits, "typing_applied_ms": round(applied)}


def measure(count: int, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    board = make_board(count)
    site = board / "site"
    subprocess.run(python_m("generator", "--root", str(board), "build", "--site-dir", str(site), "--today", TODAY),
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    projects = {p["id"]: p for p in json.loads((site / "projects.json").read_text())["projects"]}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzipped, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            loads = [load_times(browser, url) for _ in range(runs)]
            flow = taps_to_first_fit(browser, url, projects)
            chromium = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    board_json, board_html = len(_packed(str(site / "board.json"))), len(_packed(str(site / "index.html")))
    shutil.rmtree(board, ignore_errors=True)
    median = {key: round(statistics.median(run[key] for run in loads), 2) for key in loads[0]}
    return {"postings": count, "open": len(projects), "runs": loads, "median": median, "flow": flow,
            "chromium": chromium, "board_json_gzip_bytes": board_json, "board_html_gzip_bytes": board_html}


def write_section(result: dict, command: str) -> None:
    m, flow = result["median"], result["flow"]
    lines = [SECTION, "",
             f"{result['postings']:,} fake postings ({result['open']:,} open), a 390 px phone, {CPU_SLOWDOWN}x CPU "
             "slowdown and DevTools' slow 4G (562.5 ms latency, 180 KB/s down), files served gzipped; "
             f"Chromium {result['chromium']}, median of {len(result['runs'])} loads. Reproduce with `{command}`.", "",
             "| what | measured |", "|---|---|",
             f"| first cards on screen | {m['first_cards_s']} s |",
             f"| the filters shown | {m['filters_shown_s']} s |",
             f"| a usable board: board.json in, every option's count filled in | {m['usable_s']} s |",
             f"| board page, gzipped | {result['board_html_gzip_bytes'] / 1000:,.0f} KB |",
             f"| board.json, gzipped | {result['board_json_gzip_bytes'] / 1000:,.0f} KB |",
             f"| taps to the first posting that is data, remote, at most 20 hours and still open for at least 7 "
             f"days (target 4, plus typing) | {flow['taps']}, plus typing \"{flow['typed']}\" |",
             f"| the hours box applied while typing, after the last key | {flow['typing_applied_ms']} ms |",
             f"| postings that fit | {flow['matching']:,} |",
             f"| the first result in view after \"Show N projects\"; the posting reached fits | "
             f"{'yes' if flow['first_in_view'] else 'no'}; {'yes' if flow['fits'] else 'no'} |", "",
             "The taps, in order: " + ", ".join(flow["steps"]) + ". A list (a `<select>`) costs two taps on a "
             "phone: one to open it, one to choose.", ""]
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    before = text.split(SECTION)[0].rstrip("\n")
    path.write_text(before + "\n\n" + "\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    command = "python benchmarks/phone.py" + ("" if args.count == 5_000 else f" --count {args.count}") + \
        ("" if args.runs == 3 else f" --runs {args.runs}")
    result = measure(args.count, args.runs)
    print(json.dumps(result, indent=1))
    write_section(result, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
