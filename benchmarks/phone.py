"""A student on a phone: 5,000 fake postings, a 390 px screen, 4x CPU slowdown and a slow 4G network.

    python benchmarks/phone.py                 # builds the board (about a minute), then measures
    python benchmarks/phone.py --count 5000 --runs 3

Measures, in Debian's headless Chromium through the DevTools protocol (Emulation.setCPUThrottlingRate,
Network.emulateNetworkConditions), served gzipped as GitHub Pages serves it:

- seconds from navigation to the first cards on screen, to the filters shown,
  and to a usable board (the search box tapped as soon as the filters show, since board.json waits for a
  sign of use; then board.json in, every option's count filled in);
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

from generator.labels import FIELD_LABELS, QUICK_WORDS
from generator.site.quickbar import QUICK_OPEN
from figures import PHONE_SECTION as SECTION
from run import CHROMIUM_ARGS, ROOT, TODAY, make_board, python_m

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
    # board.json waits for a sign of use: the student taps the search box as soon as the filters show
    page.get_by_role("searchbox", name="Search").tap()
    page.wait_for_function("() => /^Show \\d/.test(document.querySelector('#mb-show').textContent)",
                           polling=50, timeout=120_000)
    usable = page.evaluate("performance.now()")
    page.wait_for_function("() => window.mbFirstCards !== undefined", timeout=120_000)
    paint = page.evaluate("window.mbFirstCards")
    context.close()
    return {"first_cards_s": round(paint / 1000, 2), "filters_shown_s": round(filters / 1000, 2),
            "usable_s": round(usable / 1000, 2)}


QUERY = "data remote"  # the typed way: the field and the place, as a student says them


def fits(p: dict) -> bool:
    """Data, remote, at most 20 hours and still open for at least 7 days on the build day."""
    left = (dt.date.fromisoformat(p["timeline"]["apply_by"]) - dt.date.fromisoformat(TODAY)).days
    return p["field"] == "data" and p["location"]["type"] == "remote" and p["hours"] <= 20 and left >= 7


def in_view(locator) -> bool:
    """On the screen enough to tap: its middle (where a finger lands) is on it."""
    box, screen = locator.bounding_box(), PHONE["viewport"]
    if box is None:
        return False
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return 0 <= x <= screen["width"] and 0 <= y <= screen["height"]


def shown(page, *params: str) -> None:
    """Wait until the list shows a query with these parameters (the board marks which query it shows)."""
    page.wait_for_function("params => params.every(p => location.search.includes(p)) && document.querySelector("
                           "'[data-mb-board]').getAttribute('data-shown') === location.search",
                           arg=list(params), polling=20, timeout=60_000)


class Student:
    """One phone, the board's filters shown; every tap and every choice from a list is counted, and a control
    that is off the screen when its turn comes costs a swipe first (also counted)."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(**PHONE)
        self.page = self.context.new_page()
        on_build_day(self.page)
        throttled(self.context, self.page)
        self.page.goto(url, timeout=120_000)
        self.page.wait_for_selector("[data-mb-board][data-ready]", state="attached", timeout=120_000)
        self.steps: list[str] = []
        self.swipes = 0

    def tap(self, locator, what: str) -> None:
        if not in_view(locator):
            self.swipes += 1
        locator.tap()
        self.steps.append(what)

    def pick(self, locator, value: str, what: str) -> None:
        locator.tap()
        locator.select_option(value)
        self.steps.extend([f"open {what}", f"pick {value}"])

    def quick(self, label: str):
        return self.page.get_by_role("group", name=QUICK_WORDS["group"]).get_by_role(
            "button", name=re.compile(r"^" + re.escape(label) + r" \("))

    def first_posting(self, projects: dict[str, dict]) -> dict:
        count = self.page.locator("#mb-count").text_content()
        first = self.page.locator("#mb-results .mb-card").first.get_by_role("link").first
        first_in_view = in_view(first)
        self.tap(first, "the first posting")
        self.page.wait_for_url("**/projects/**", timeout=60_000)
        key = re.search(r"/projects/([^/]+/[^/]+)/", self.page.url).group(1)
        self.context.close()
        return {"taps": len(self.steps), "swipes": self.swipes, "steps": self.steps,
                "listed": int(re.search(r"\d+", count.replace(",", "")).group()), "first_in_view": first_in_view,
                "posting": key, "fits": fits(projects[key])}


def by_search_and_quick_filters(browser, url: str, projects: dict[str, dict]) -> dict:
    """Tap the search box, type "data remote" (postings whose field and place hold the words come first),
    then the quick filters "Up to 20 h" and "Open 7+ days", then the first posting."""
    student = Student(browser, url)
    search = student.page.get_by_role("searchbox", name="Search")
    student.tap(search, "the search box")
    search.press_sequentially(QUERY)
    shown(student.page, "text=" + QUERY.replace(" ", "+"))
    student.tap(student.quick(QUICK_WORDS["hmax"].format(n=20)), "Up to 20 h")
    shown(student.page, "hmax=20")
    student.tap(student.quick(QUICK_WORDS["open"].format(n=QUICK_OPEN)), "Open 7+ days")
    shown(student.page, f"open={QUICK_OPEN}")
    return {**student.first_posting(projects), "typed": QUERY}


def by_quick_filters(browser, url: str, projects: dict[str, dict]) -> dict:
    """Taps only: the quick filters Data, Remote, Up to 20 h and Open 7+ days, then the first posting."""
    student = Student(browser, url)
    student.tap(student.quick(FIELD_LABELS["data"]), "Data")
    shown(student.page, "field=data")
    student.tap(student.quick(QUICK_WORDS["remote"]), "Remote")
    shown(student.page, "remote=1")
    student.tap(student.quick(QUICK_WORDS["hmax"].format(n=20)), "Up to 20 h")
    shown(student.page, "hmax=20")
    student.tap(student.quick(QUICK_WORDS["open"].format(n=QUICK_OPEN)), "Open 7+ days")
    shown(student.page, f"open={QUICK_OPEN}")
    return {**student.first_posting(projects), "typed": ""}


def by_panel(browser, url: str, projects: dict[str, dict]) -> dict:
    """The Filters panel: Field, Remote only, hours "to" (typed), Still open for at least, Show N projects."""
    student = Student(browser, url)
    page = student.page
    student.tap(page.locator("summary").filter(has_text=re.compile(r"^Filters")), "Filters")
    student.pick(page.get_by_role("combobox", name="Field"), "data", "Field")
    student.tap(page.get_by_role("checkbox", name=re.compile(r"^Remote only")), "Remote only")
    hours = page.get_by_role("spinbutton", name="to", exact=True)
    student.tap(hours, "hours: to")
    hours.press_sequentially("20")
    typed = page.evaluate("performance.now()")
    page.wait_for_function("() => location.search.includes('hmax=20')", polling=20, timeout=60_000)
    applied = page.evaluate("performance.now()") - typed
    still_open = "Still open for at least"
    student.pick(page.get_by_role("combobox", name=still_open), str(QUICK_OPEN), still_open)
    shown(page, f"open={QUICK_OPEN}")
    student.tap(page.get_by_role("button", name=re.compile(r"^Show \d+ projects?$")), "Show N projects")
    return {**student.first_posting(projects), "typed": "20", "typing_applied_ms": round(applied)}


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
            flows = {"typed": by_search_and_quick_filters(browser, url, projects),
                     "taps": by_quick_filters(browser, url, projects), "panel": by_panel(browser, url, projects)}
            chromium = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    board_json, board_html = len(_packed(str(site / "board.json"))), len(_packed(str(site / "index.html")))
    shutil.rmtree(board, ignore_errors=True)
    median = {key: round(statistics.median(run[key] for run in loads), 2) for key in loads[0]}
    return {"postings": count, "open": len(projects), "fit": sum(map(fits, projects.values())), "runs": loads,
            "median": median, "flows": flows,
            "chromium": chromium, "board_json_gzip_bytes": board_json, "board_html_gzip_bytes": board_html}


def write_section(result: dict, command: str) -> None:
    m, flows = result["median"], result["flows"]
    typed, taps, panel = flows["typed"], flows["taps"], flows["panel"]

    def yes(value: bool) -> str:
        return "yes" if value else "no"

    ends = "; ".join(f"{yes(f['first_in_view'])}, {yes(f['fits'])}" for f in (typed, taps, panel))

    def swipes(flow: dict) -> str:
        return f" (and {flow['swipes']} swipe{'s' if flow['swipes'] != 1 else ''} to bring a control into view)" \
            if flow["swipes"] else ""

    lines = [SECTION, "",
             f"{result['postings']:,} fake postings ({result['open']:,} open), a 390 px phone, {CPU_SLOWDOWN}x CPU "
             "slowdown and DevTools' slow 4G (562.5 ms latency, 180 KB/s down), files served gzipped; "
             f"Chromium {result['chromium']}, median of {len(result['runs'])} loads. Reproduce with `{command}`.", "",
             "| what | measured |", "|---|---|",
             f"| first cards on screen | {m['first_cards_s']} s |",
             f"| the filters shown | {m['filters_shown_s']} s |",
             f"| a usable board: the search box tapped as soon as the filters show, then board.json in and every "
             f"option's count filled in | {m['usable_s']} s |",
             f"| board page, gzipped | {result['board_html_gzip_bytes'] / 1000:,.0f} KB |",
             f"| board.json, gzipped | {result['board_json_gzip_bytes'] / 1000:,.0f} KB |",
             f"| postings that are data, remote, at most 20 hours and still open for at least 7 days | "
             f"{result['fit']:,} |",
             f"| taps to the first of them: the search box and the quick filters (target 4, plus typing) | "
             f"{typed['taps']}, plus typing \"{typed['typed']}\"{swipes(typed)} |",
             f"| the same with the quick filters only, no typing | {taps['taps']}{swipes(taps)} |",
             f"| the same through the Filters panel | {panel['taps']}, plus typing \"{panel['typed']}\""
             f"{swipes(panel)} |",
             f"| the hours box applied while typing, after the last key | {panel['typing_applied_ms']} ms |",
             f"| the first result in view before its tap; the posting reached fits (search and quick filters, quick "
             f"filters only, panel) | {ends} |",
             f"| postings listed at the end (search and quick filters, quick filters only, panel) | "
             f"{typed['listed']:,}, {taps['listed']:,}, {panel['listed']:,} |", "",
             "The taps, in order. With the search box and the quick filters: " + ", ".join(typed["steps"]) +
             f". The search lists every posting that mentions both words ({typed['listed']:,}), those whose field "
             "and place hold them first. With the quick filters only: " + ", ".join(taps["steps"]) +
             ". Through the panel: " + ", ".join(panel["steps"]) + ". A list (a `<select>`) costs two taps on a "
             "phone: one to open it, one to choose; focusing a text box is a tap.", ""]
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
