"""Microboard at 100, 1,000 and 10,000 postings (and 50,000 with --large), side by side with what a board would
otherwise run: plain MkDocs, plain Zensical and check-jsonschema, all in the same run.

    python benchmarks/run.py                          # 100, 1,000, 10,000: about 15 minutes on 2 cores
    python benchmarks/run.py --large                  # and 50,000: about an hour more
    python benchmarks/run.py --sizes 100 1000 --runs 1

Every timing is a whole process; boards under 10,000 postings are measured --runs times (the median is
reported), larger ones --big-runs times. A measurement that fails or runs past --limit-minutes is reported
as such and the run goes on. Results go to docs/benchmarks.md and docs/benchmarks.json (--report-dir to
write them elsewhere); benchmarks/figures.py holds the targets and writes the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import importlib.metadata
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.figures import LARGE, ran, targets, write_report  # noqa: E402
from generator.site_size import archive_bytes, directory_bytes  # noqa: E402

WORK = ROOT / "benchmarks" / "work"
TODAY = "2026-12-01"
SEED = 42
BIG = 10_000  # from this size on, every measurement runs --big-runs times
DEFAULT_SIZES = [100, 1_000, 10_000]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


# ---------------------------------------------------------------- measuring processes


class Failed(Exception):
    """A measurement that has no figure; `row` says why (error, over_seconds or skipped)."""

    def __init__(self, row: dict) -> None:
        super().__init__(json.dumps(row))
        self.row = row


def measure(command: list[str], runs: int, cwd: Path = ROOT, limit: float | None = None) -> dict:
    """Median wall time and the largest peak memory (the process and its children) over `runs` runs.
    A run past `limit` seconds is stopped, with every process it started; a run that exits with anything but 0
    (the fake postings are valid, so a validator that finds problems failed too) has no figure."""
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryFile() as stderr:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr,
                                       start_new_session=True)
            stopped = threading.Event()

            def stop(process: subprocess.Popen = process) -> None:
                stopped.set()
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:  # it ended just now
                    pass

            timer = threading.Timer(limit, stop) if limit else None
            if timer:
                timer.start()
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            if timer:
                timer.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
            if stopped.is_set():
                raise Failed({"over_seconds": limit})
            if process.returncode != 0:
                stderr.seek(0)
                said = stderr.read().decode(errors="replace")[-2000:]
                raise Failed({"error": f"{' '.join(command[:5])} ... exited {process.returncode}: {said}"})
        times.append(elapsed)
        cpus.append(usage.ru_utime + usage.ru_stime)  # steadier than wall time on a busy machine
        peaks.append(usage.ru_maxrss / 1024)  # KB on Linux -> MB
    return {"seconds": round(statistics.median(times), 3), "runs": [round(t, 3) for t in times],
            "cpu_seconds": round(statistics.median(cpus), 3), "peak_mb": round(max(peaks), 1)}


def attempt(job: Callable[[], dict]) -> dict:
    """One measurement; a failure becomes its row instead of ending the run."""
    try:
        return job()
    except Failed as failed:
        return failed.row
    except Exception as error:  # noqa: BLE001 - any failure is reported in the row, the next one still runs
        return {"error": f"{type(error).__name__}: {error}"}


def python_m(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


# check-jsonschema as its command runs it, given the file names in the process: 50,000 of them do not fit on a
# command line
CHECK_JSONSCHEMA_SCRIPT = """
import pathlib, sys
from check_jsonschema import main
files = sorted(str(p) for p in pathlib.Path(sys.argv[2]).rglob('*.yaml') if p.name != 'organization.yaml')
main(args=['--schemafile', sys.argv[1], *files], prog_name='check-jsonschema')
"""

FLOOR_SCRIPT = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


# ---------------------------------------------------------------- the boards


def make_board(size: int) -> Path:
    board = WORK / str(size)
    if board.exists():
        shutil.rmtree(board)
    board.mkdir(parents=True)
    for name in ("mkdocs.yml", "board.yml"):
        shutil.copy(ROOT / name, board / name)
    shutil.copytree(ROOT / "docs", board / "docs")
    shutil.copytree(ROOT / "schema", board / "schema")
    subprocess.run(python_m("generator", "fake", "--count", str(size), "--out", str(board / "projects"),
                            "--seed", str(SEED), "--today", TODAY), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return board


def weigh_site(site: Path, folders: bool = False) -> dict:
    """A built site's size as GitHub Pages receives it (the deploy's tar), what its files hold and what they take
    on disk (as du), and where it goes."""
    if not (site / "index.html").is_file():
        raise Failed({"error": f"no site in {site.name}"})
    weight = {"archive_bytes": archive_bytes(site), "bytes": directory_bytes(site), "disk_bytes": _disk_bytes(site)}
    if folders:
        parts = {child.name: _disk_bytes(child) if child.is_dir() else child.lstat().st_blocks * 512
                 for child in site.iterdir()}
        weight["folders"] = dict(sorted(parts.items(), key=lambda item: -item[1])[:8])
    return weight


def _disk_bytes(path: Path) -> int:
    """What `du -s` says: the blocks of every file and of every folder, the folder itself included."""
    return sum(os.lstat(folder).st_blocks * 512 + sum(os.lstat(os.path.join(folder, name)).st_blocks * 512
                                                     for name in names)
               for folder, _, names in os.walk(path))


def page_sizes(site: Path) -> dict:
    def weigh(paths: list[Path]) -> dict:
        return {"bytes": sum(p.stat().st_size for p in paths),
                "gzip_bytes": sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)}

    posting = sorted((site / "projects").glob("*/*/index.html"))[0]
    return {"board_html": weigh([site / "index.html"]),
            "posting_page": weigh([posting]) | {"file": str(posting.relative_to(site))}}


# ---------------------------------------------------------------- the browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _gzip_size(site: Path, base: str, urls: list[str]) -> tuple[int, list[str]]:
    """What these requests weigh gzipped, as a static host that compresses (GitHub Pages does) serves them."""
    total, files = 0, []
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        relative = url[len(base):].split("?")[0].split("#")[0]
        path = site / relative
        if path.is_dir() or relative == "" or relative.endswith("/"):
            path = path / "index.html"
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 9))
            files.append(path.relative_to(site).as_posix())
    return total, files


FILTER_CHANGES = """async (changes) => {
    const select = document.querySelector('#mb-field');
    const list = document.querySelector('#mb-results');
    const options = [...select.options].map(o => o.value);
    const times = [];
    for (let i = 0; i < changes; i++) {
      await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
      select.value = options[(i + 2) % options.length];
      const started = performance.now();
      select.dispatchEvent(new Event('change', {bubbles: true}));
      await new Promise(r => setTimeout(r, 0));
      void list.offsetHeight;  // include style and layout of the new list
      times.push(performance.now() - started);
    }
    return times;
}"""


def _open_board(chromium, url: str):
    """A fresh page on the board, ready and quiet; (page, the requests it makes from now on)."""
    page = chromium.new_page()
    page.goto(url)
    page.wait_for_selector("[data-mb-board][data-ready]", timeout=60_000)
    page.wait_for_load_state("networkidle")
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    return page, requested


def _board_session(chromium, site: Path, url: str, out: dict, step: list[str], changes: int) -> None:
    """The first view, what the first filter use adds, and the time of a filter change."""
    page = chromium.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    step[0] = "the first view"
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("[data-mb-board][data-ready]", timeout=60_000)
    out["ready_ms"] = round((time.perf_counter() - start) * 1000, 1)
    page.wait_for_load_state("networkidle")
    out["first_view_gzip_bytes"], out["first_view_files"] = _gzip_size(site, url, requested)
    step[0] = "the first filter use"
    before = page.text_content("#mb-count")
    page.select_option("#mb-field", index=1)
    page.wait_for_function("before => document.querySelector('#mb-count').textContent !== before",
                           arg=before, timeout=60_000)
    out["ready_to_filter_ms"] = round((time.perf_counter() - start) * 1000, 1)
    page.wait_for_load_state("networkidle")
    out["first_filter_gzip_bytes"], out["first_filter_files"] = _gzip_size(site, url, requested)
    step[0] = "filter changes"
    timings = page.evaluate(FILTER_CHANGES, changes)
    out["filter_change_ms"] = round(statistics.median(timings), 2)
    out["filter_change_all_ms"] = [round(t, 2) for t in timings]


def _header_search_session(chromium, site: Path, url: str, out: dict, step: list[str], changes: int) -> None:
    """What one query in the header's search box downloads: the theme's index and the postings' pieces."""
    page, requested = _open_board(chromium, url)
    page.click(".md-search__input")
    # typed before the theme's index is in, a query sometimes never shows results (seen at 100 and 1,000
    # postings under load): let the index arrive first; what the query downloads is the same
    page.wait_for_load_state("networkidle")
    page.fill(".md-search__input", "data")
    step[0] = "the theme's results"
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    step[0] = "the postings (from search/)"
    page.wait_for_selector(".mb-search-projects__list a", timeout=120_000)
    page.wait_for_load_state("networkidle")
    out["search_query_gzip_bytes"], out["search_query_files"] = _gzip_size(site, url, requested)


def _board_search_session(chromium, site: Path, url: str, out: dict, step: list[str], changes: int) -> None:
    """What a word with a slip, typed in the board's own text filter, downloads."""
    page, requested = _open_board(chromium, url)
    page.fill("#mb-q", "analytcs")
    page.wait_for_function("() => document.querySelector('[data-mb-board]').dataset.shown === "
                           "location.search && location.search.indexOf('text=') >= 0", timeout=60_000)
    page.wait_for_load_state("networkidle")
    out["board_search_gzip_bytes"], out["board_search_files"] = _gzip_size(site, url, requested)


# each session on its own page, so one that fails leaves the others measured; figures.BROWSER_SESSIONS names
# the figures each one gives
SESSIONS = {"board": _board_session, "header search": _header_search_session,
            "board search": _board_search_session}


def browser(site: Path, changes: int = 9) -> dict:
    """In Debian's headless Chromium: what the first view loads, what the first filter use adds, how long a
    filter change takes, and what one search query downloads. A session that fails says where in "errors"."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {}
    errors: dict[str, str] = {}
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            try:
                for name, session in SESSIONS.items():
                    step = ["opening the board"]
                    try:
                        session(chromium, site, url, out, step, changes)
                    except Exception as error:  # noqa: BLE001 - the next session still runs
                        said = str(error).splitlines()[0] if str(error) else ""
                        errors[name] = f"{name}, {step[0]}: {type(error).__name__}: {said}"
            finally:
                chromium.close()
    except Exception as error:  # noqa: BLE001 - e.g. no Chromium: every figure says so
        errors.update({name: f"starting Chromium: {type(error).__name__}: {error}" for name in SESSIONS})
    finally:
        server.shutdown()
    if errors:
        out["errors"] = errors
    return out


# ---------------------------------------------------------------- one size


def bench_size(size: int, runs: int, limit: float) -> dict:
    out: dict = {"postings": size, "runs": runs}
    board = make_board(size)
    projects = board / "projects"
    files = sorted(str(p) for p in projects.rglob("*.yaml") if p.name != "organization.yaml")
    generator = python_m("generator", "--root", str(board))

    def row(key: str, job: Callable[[], dict]) -> dict:
        print(f"  {key}...", end=" ", flush=True)
        out[key] = attempt(job)
        print(out[key].get("seconds", "") or json.dumps(out[key])[:300], flush=True)
        return out[key]

    row("validate", lambda: measure([*generator, "validate", "--today", TODAY], runs, limit=limit))
    row("validate_floor_c_loader", lambda: measure([sys.executable, "-c", FLOOR_SCRIPT, str(projects)], runs,
                                                   limit=limit))
    row("check_jsonschema", lambda: measure([sys.executable, "-c", CHECK_JSONSCHEMA_SCRIPT,
                                             str(ROOT / "schema" / "project.schema.json"), str(projects)], runs,
                                            limit=limit))
    row("validate_one_file", lambda: measure([*generator, "validate", "--today", TODAY, files[0]], runs, limit=limit))
    row("validate_five_files", lambda: measure([*generator, "validate", "--today", TODAY, *files[:5]], runs,
                                               limit=limit))

    site = board / "site"
    if ran(row("build", lambda: measure([*generator, "build", "--site-dir", str(site), "--today", TODAY], runs,
                                        limit=limit))):
        row("site", lambda: weigh_site(site, folders=True))
        row("sizes", lambda: page_sizes(site))
        print("  browser...", end=" ", flush=True)
        out["browser"] = browser(site)
        print(json.dumps(out["browser"].get("errors", "done")), flush=True)
    shutil.rmtree(site, ignore_errors=True)

    zensical_site = board / "site-zensical"
    if ran(row("build_zensical", lambda: measure([*generator, "build", "--engine", "zensical", "--site-dir",
                                                  str(zensical_site), "--today", TODAY], runs, limit=limit))):
        row("site_zensical", lambda: weigh_site(zensical_site))
    shutil.rmtree(zensical_site, ignore_errors=True)

    plain = board / "plain"
    written = row("plain_pages", lambda: measure([sys.executable, str(ROOT / "benchmarks" / "plain_pages.py"),
                                                   str(board), "--today", TODAY], 1, limit=limit))
    for engine, build in (("mkdocs", ["mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml"), "--site-dir",
                                      str(plain / "site")]),
                          ("zensical", ["zensical", "build", "--clean", "-f", str(plain / "mkdocs.yml")])):
        key = f"plain_{engine}_build"
        if not ran(written):
            out[key] = {"skipped": "the plain pages could not be written"}
            continue
        if ran(row(key, lambda build=build: measure(python_m(*build), runs, cwd=plain, limit=limit))):
            row(f"site_plain_{engine}", lambda: weigh_site(plain / "site"))
        shutil.rmtree(plain / "site", ignore_errors=True)
    shutil.rmtree(board, ignore_errors=True)
    return out


# ---------------------------------------------------------------- the report


def machine() -> dict:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    packages = {}
    for name in ("mkdocs", "mkdocs-material", "zensical", "PyYAML", "jsonschema", "jsonschema-rs",
                 "check-jsonschema", "nh3", "Markdown", "playwright"):
        try:
            packages[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            packages[name] = None
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return {"date": dt.date.today().isoformat(), "cores": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), "platform": platform.platform(), "chromium": chromium,
            "packages": packages}


def the_command(args: argparse.Namespace, sizes: list[int]) -> str:
    parts = ["python benchmarks/run.py"]
    if args.sizes != DEFAULT_SIZES:
        parts.append("--sizes " + " ".join(map(str, args.sizes)))
    if args.large:
        parts.append("--large")
    for flag, value, default in (("--runs", args.runs, 3), ("--big-runs", args.big_runs, 1),
                                 ("--limit-minutes", args.limit_minutes, 15)):
        if value != default:
            parts.append(f"{flag} {value:g}")
    return " ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--large", action="store_true", help=f"add a board of {LARGE:,} postings (about an hour)")
    parser.add_argument("--runs", type=int, default=3, help=f"runs of each process below {BIG:,} postings")
    parser.add_argument("--big-runs", type=int, default=1, help=f"runs of each process from {BIG:,} postings on")
    parser.add_argument("--limit-minutes", type=float, default=15,
                        help="stop any one process after this long and report it as 'over N min'")
    parser.add_argument("--report-dir", type=Path, default=ROOT / "docs",
                        help="where benchmarks.md and benchmarks.json go (default: docs/)")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite benchmarks.md from benchmarks.json without measuring again")
    args = parser.parse_args()
    if args.report_only:
        saved = json.loads((args.report_dir / "benchmarks.json").read_text(encoding="utf-8"))
        write_report(saved["results"], saved["machine"], saved["command"], saved.get("notes", []), args.report_dir)
        return 0
    sizes = sorted(set(args.sizes) | ({LARGE} if args.large else set()))
    notes = [f"Runs of each process: {args.runs} below {BIG:,} postings, {args.big_runs} from {BIG:,} on; any one "
             f"process is stopped after {args.limit_minutes:g} min."]
    results = []
    started = time.perf_counter()
    info, command = machine(), the_command(args, sizes)
    for size in sizes:
        print(f"benchmarking {size:,} postings...", flush=True)
        runs = args.runs if size < BIG else args.big_runs
        try:
            results.append(bench_size(size, runs, args.limit_minutes * 60))
        except Exception as error:  # noqa: BLE001 - e.g. the fake postings could not be written; next size
            results.append({"postings": size, "error": f"{type(error).__name__}: {error}"})
        write_report(results, info, command, notes, args.report_dir)  # an interrupted run keeps what it measured
    notes.append(f"The whole run took {(time.perf_counter() - started) / 60:.0f} min.")
    write_report(results, info, command, notes, args.report_dir)
    shutil.rmtree(WORK, ignore_errors=True)
    for t in targets(results):
        print(f"{'   ' if t.met is None else 'ok ' if t.met else 'NOT'} {t.what}: {t.measured} (target {t.target})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
