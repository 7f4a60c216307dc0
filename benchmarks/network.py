"""A board gathering three partner boards of 1,000 postings each, served on 127.0.0.1.

    python benchmarks/network.py [--count 1000] [--sources 3] [--screenshot docs/screenshots/network-board.png]

Each partner is a board of `python -m generator fake` postings, built with `python -m generator build` and
served from its site folder. The gathering board has the sample postings of its own and every partner as a
source. Timed, whole processes: one partner's build (for comparison), the gathering board's first build (no
cache: every source fetched) and its second (the cache current: every source answers 304 Not Modified).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work" / "network"
TODAY = "2026-11-21"
NAMES = ["Riverside University", "Harbor City Nonprofits", "Northside Bootcamp", "Lakeview College",
         "Summit Career Office"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A site folder served as GitHub Pages serves it, as far as gathering goes: JSON gzipped when asked, with
    Last-Modified, and 304 Not Modified when unchanged. Each JSON answer is noted: (path, sent bytes, file bytes)."""

    sent: list[tuple[str, int, int]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the server's API name
        path = Path(self.translate_path(self.path))
        if path.suffix != ".json" or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().do_GET()
        modified = self.date_time_string(int(path.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            type(self).sent.append((self.path, 0, path.stat().st_size))
            return None
        body = path.read_bytes()
        packed = gzip.compress(body)
        self.send_response(200)
        for name, value in (("Content-Type", "application/json"), ("Content-Encoding", "gzip"),
                            ("Content-Length", str(len(packed))), ("Last-Modified", modified),
                            ("Vary", "Accept-Encoding")):
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(packed)
        type(self).sent.append((self.path, len(packed), len(body)))
        return None


@contextlib.contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def board(folder: Path, settings: dict, samples: bool) -> Path:
    """A board folder: mkdocs.yml, docs/, schema/, board.yml with `settings`, and the sample postings or none."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("docs", "schema"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "projects").mkdir()
    if samples:
        shutil.copytree(ROOT / "samples" / "projects", folder / "projects", dirs_exist_ok=True)
    base = yaml.safe_load((ROOT / "board.yml").read_text(encoding="utf-8"))
    base.update(settings, show_samples=False)
    (folder / "board.yml").write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
    return folder


class Timing(float):
    """Wall seconds, with the processor seconds (user and system) of the process beside them: on a shared
    machine the wall time grows with the load, the processor time much less."""

    cpu: float = 0.0

    def __format__(self, spec: str) -> str:
        return f"{float(self):{spec}} s wall, {self.cpu:{spec}} s processor"


def run(command: list[str], cwd: Path) -> tuple[Timing, str]:
    env = {**os.environ, "MICROBOARD_TODAY": TODAY, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = Timing(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return seconds, result.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=3, choices=range(1, len(NAMES) + 1))
    parser.add_argument("--screenshot", help="save what a student sees on the gathering board to this PNG")
    args = parser.parse_args(argv)
    build = [sys.executable, "-m", "generator", "build", "--site-dir"]
    with contextlib.ExitStack() as stack:
        sources, partner_seconds = [], []
        for number in range(args.sources):
            site = WORK / f"partner-{number}-site"
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir(parents=True)
            base = stack.enter_context(serve(site))
            partner = board(WORK / f"partner-{number}", {"site_name": NAMES[number], "site_url": base}, samples=False)
            run([sys.executable, "-m", "generator", "fake", "--count", str(args.count), "--out",
                 str(partner / "projects"), "--seed", str(number + 1), "--today", TODAY], partner)
            seconds, _ = run([*build, str(site)], partner)
            partner_seconds.append(seconds)
            sources.append({"url": base + "projects.json", "name": NAMES[number]})
        gatherer = board(WORK / "gatherer", {"site_name": "City Network", "sources": sources}, samples=True)
        site = WORK / "gatherer-site"
        _Quiet.sent.clear()
        cold, log = run([*build, str(site)], gatherer)
        fetched = list(_Quiet.sent)
        warm, warm_log = run([*build, str(site)], gatherer)
        alone = board(WORK / "alone", {"site_name": "City Network"}, samples=True)
        own, _ = run([*build, str(WORK / "alone-site")], alone)
        print(f"partner boards: {args.sources} of {args.count:,} postings, built in "
              + "; ".join(f"{s:.1f}" for s in partner_seconds))
        print(f"the gathering board alone (its {len(list((ROOT / 'samples' / 'projects').glob('*/*.yaml'))):,} "
              f"sample files, no sources): {own:.1f}")
        print(f"the gathering board, first build (every source fetched): {cold:.1f}")
        print(f"the gathering board, second build (every source unchanged: 304): {warm:.1f}")
        for path, wire, size in fetched:
            print(f"  fetched {path}: {wire:,} bytes gzipped, {size:,} unpacked ({size / max(wire, 1):.1f}x)")
        for line in (log + warm_log).splitlines():
            if "partner board" in line:
                print("  " + line.strip())
        if args.screenshot:
            screenshot(stack.enter_context(serve(site)), Path(args.screenshot))
    return 0


def screenshot(base: str, target: Path) -> None:
    import datetime as dt

    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.clock.set_fixed_time(dt.datetime.fromisoformat(TODAY + "T12:00:00+00:00"))
        page.goto(base + "?text=data")
        page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        browser.close()
    print(f"screenshot: {target}")


if __name__ == "__main__":
    sys.exit(main())
