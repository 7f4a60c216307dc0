"""Microboard at 100, 1,000 and 10,000 postings, side by side with what users would otherwise run.

    python benchmarks/run.py                   # all sizes, 3 runs each (about 15 minutes on 2 cores)
    python benchmarks/run.py --sizes 100 1000 --runs 2
    python benchmarks/run.py --scale           # only the site build at 1,000, 10,000 and 50,000 postings:
                                               # time, peak memory, site size (about 30 minutes on 2 cores)

Every timing is a whole process, measured several times; the tables report the median and the
peak memory (maximum resident set) of the process. Results go to docs/benchmarks.md and
docs/benchmarks.json.
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
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
TODAY = "2026-11-21"
SEED = 42
PHONE_SECTION = "## A student on a phone"  # written by benchmarks/phone.py; write_report keeps it
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


# ---------------------------------------------------------------- measuring processes


def measure(command: list[str], runs: int, cwd: Path = ROOT, env: dict | None = None) -> dict:
    """Median wall time and the largest peak memory over `runs` runs of one whole process."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command[:4])}... exited {process.returncode}:\n{stderr[-2000:]}")
        times.append(elapsed)
        peaks.append(usage.ru_maxrss / 1024)  # KB on Linux -> MB
    return {"seconds": round(statistics.median(times), 3), "runs": [round(t, 3) for t in times],
            "peak_mb": round(max(peaks), 1)}


def python_m(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


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
    shutil.copy(ROOT / "mkdocs.yml", board / "mkdocs.yml")
    shutil.copy(ROOT / "board.yml", board / "board.yml")
    shutil.copytree(ROOT / "docs", board / "docs")
    shutil.copytree(ROOT / "schema", board / "schema")
    subprocess.run(python_m("generator", "fake", "--count", str(size), "--out", str(board / "projects"),
                            "--seed", str(SEED), "--today", TODAY), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return board


def write_plain_markdown_site(board: Path) -> Path:
    """The same pages the board publishes, written out as Markdown for a plain `mkdocs build` (no plugin)."""
    from generator.settings import load_settings
    from generator.site.core import build_outputs
    from generator.site.outputs import PAGE, SiteOptions
    from generator.validate import validate_paths

    settings = load_settings(board)
    result = validate_paths([board / "projects"], settings, board)
    outputs = build_outputs(result.projects, settings, dt.date.fromisoformat(TODAY),
                            SiteOptions(schema_path=board / "schema" / "project.schema.json"))
    plain = board / "plain"
    if plain.exists():
        shutil.rmtree(plain)
    shutil.copytree(board / "docs", plain / "docs")
    for output in outputs:
        target = plain / "docs" / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if output.kind == PAGE:
            title = str(output.meta.get("title", "")).replace('"', "'")
            target.write_text(f'---\ntitle: "{title}"\n---\n\n{output.content}\n', encoding="utf-8")
        elif isinstance(output.content, bytes):
            target.write_bytes(output.content)
        else:
            target.write_text(output.content, encoding="utf-8")
    config = (board / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - microboard:(\n      .*)*", "", config)  # the same site without the plugin
    config += "\nnot_in_nav: |\n  /projects/\n  /organizations/\n  /fields/\n  /skills/\n  /page/\n"
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    return plain


# ---------------------------------------------------------------- output sizes


def sizes(site: Path) -> dict:
    def weigh(paths: list[Path]) -> dict:
        raw = sum(p.stat().st_size for p in paths)
        packed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)
        return {"bytes": raw, "gzip_bytes": packed}

    index = site / "index.html"
    posting = sorted((site / "projects").glob("*/*/index.html"))[0]
    return {
        "board_html": weigh([index]),
        "posting_page": weigh([posting]) | {"file": str(posting.relative_to(site))},
        "search_index": weigh([site / "search" / "search_index.json"]),
        "projects_json": weigh([site / "projects.json"]),
    }


def site_shares(site: Path) -> dict:
    """The built site's bytes (as generator.site_size counts them against GitHub Pages' limit), and where they go."""
    from generator.site_size import directory_bytes

    shares = {"projects": directory_bytes(site / "projects"), "skills": directory_bytes(site / "skills"),
              "fields": directory_bytes(site / "fields"), "organizations": directory_bytes(site / "organizations"),
              "board_pages": directory_bytes(site / "page"), "projects_json": (site / "projects.json").stat().st_size}
    pages = sorted((site / "projects").glob("*/*/index.html"))
    return {"site_bytes": directory_bytes(site), "shares": shares,
            "posting_page_mean_bytes": round(sum(p.stat().st_size for p in pages) / max(len(pages), 1))}


# ---------------------------------------------------------------- the browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _gzip_size(site: Path, base: str, urls: list[str]) -> tuple[int, list[str]]:
    """What these requests weigh gzipped, as a static host that compresses (GitHub Pages does) serves them."""
    total, files = 0, []
    for url in dict.fromkeys(urls):
        relative = url[len(base):].split("?")[0].split("#")[0]
        path = site / relative
        if path.is_dir() or relative == "" or relative.endswith("/"):
            path = path / "index.html"
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 9))
            files.append(path.relative_to(site).as_posix())
    return total, files


def browser(site: Path, changes: int = 9) -> dict:
    """In Debian's headless Chromium: what the first view loads, when the board can be filtered, how long a
    filter change takes, and what one search query downloads."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = chromium.new_page()
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("[data-mb-board][data-ready]", timeout=60_000)
            ready = time.perf_counter() - start
            # the first filter change waits for board.json: together they are "ready to filter"
            before = page.text_content("#mb-count")
            page.select_option("#mb-field", index=1)
            page.wait_for_function("before => document.querySelector('#mb-count').textContent !== before",
                                   arg=before, timeout=60_000)
            first_filter = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            first_view = list(requested)
            timings = page.evaluate(
                """async (changes) => {
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
                }""", changes)
            before_search = len(requested)
            page.click(".md-search__input")
            page.fill(".md-search__input", "data")
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            page.wait_for_load_state("networkidle")
            search_requests = requested[before_search:]
            chromium.close()
    finally:
        server.shutdown()
    first_view_gzip, first_view_files = _gzip_size(site, url, first_view)
    search_gzip, search_files = _gzip_size(site, url, search_requests)
    return {"ready_ms": round(ready * 1000, 1), "ready_to_filter_ms": round(first_filter * 1000, 1),
            "filter_change_ms": round(statistics.median(timings), 2),
            "filter_change_all_ms": [round(t, 2) for t in timings],
            "first_view_gzip_bytes": first_view_gzip, "first_view_files": first_view_files,
            "search_query_gzip_bytes": search_gzip, "search_query_files": search_files}


# ---------------------------------------------------------------- one size


def bench_size(size: int, runs: int, slow_runs: int) -> dict:
    board = make_board(size)
    projects = board / "projects"
    files = sorted(str(p) for p in projects.rglob("*.yaml") if p.name != "organization.yaml")
    out: dict = {"postings": size}
    out["validate"] = measure(python_m("generator", "--root", str(board), "validate", "--today", TODAY), runs)
    out["validate_floor_c_loader"] = measure([sys.executable, "-c", FLOOR_SCRIPT, str(projects)], runs)
    out["check_jsonschema"] = measure(
        ["check-jsonschema", "--schemafile", str(ROOT / "schema" / "project.schema.json"), *files],
        slow_runs if size >= 10_000 else runs)
    pr_files = files[:5]
    out["validate_one_file"] = measure(python_m("generator", "--root", str(board), "validate", "--today", TODAY,
                                                pr_files[0]), runs)
    out["validate_five_files"] = measure(python_m("generator", "--root", str(board), "validate", "--today", TODAY,
                                                  *pr_files), runs)
    site = board / "site"
    out["build"] = measure(python_m("generator", "--root", str(board), "build", "--site-dir", str(site),
                                    "--today", TODAY), runs)
    plain = write_plain_markdown_site(board)
    out["plain_mkdocs_build"] = measure(python_m("mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml"),
                                                 "--site-dir", str(plain / "site")), runs)
    out["sizes"] = sizes(site)
    out["site"] = site_shares(site)
    out["browser"] = browser(site)
    shutil.rmtree(plain)
    return out


def bench_scale(size: int, runs: int) -> dict:
    """Only the site build: how long it takes, its peak memory and the size of what it writes."""
    board = make_board(size)
    site = board / "site"
    out: dict = {"postings": size}
    out["build"] = measure(python_m("generator", "--root", str(board), "build", "--site-dir", str(site),
                                    "--today", TODAY), runs)
    out.update(site_shares(site))
    shutil.rmtree(board)
    return out


# ---------------------------------------------------------------- the report


def machine() -> dict:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    packages = {}
    for name in ("mkdocs", "mkdocs-material", "PyYAML", "jsonschema", "jsonschema-rs", "check-jsonschema",
                 "nh3", "Markdown", "playwright"):
        try:
            packages[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            packages[name] = None
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return {"date": dt.date.today().isoformat(), "cores": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), "platform": platform.platform(), "chromium": chromium,
            "packages": packages}


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


def scale_targets(scale: list[dict]) -> list[tuple[str, str, str, bool]]:
    by_size = {r["postings"]: r for r in scale}
    rows = []
    if 10_000 in by_size:
        r = by_size[10_000]
        rows.append(("the built site at 10,000 postings (GitHub Pages refuses a site over 1,000 MB)", "<= 200 MB",
                     f"{r['site_bytes'] / 1e6:,.0f} MB", r["site_bytes"] <= 200e6))
        rows.append(("peak memory of the build at 10,000", "<= 500 MB", f"{r['build']['peak_mb']:,.0f} MB",
                     r["build"]["peak_mb"] <= 500))
    if 50_000 in by_size:
        r = by_size[50_000]
        rows.append(("the built site at 50,000 postings", "< 1,000 MB", f"{r['site_bytes'] / 1e6:,.0f} MB",
                     r["site_bytes"] < 1000e6))
    if 10_000 in by_size and 50_000 in by_size:
        growth = ratio(by_size[50_000]["build"]["seconds"], by_size[10_000]["build"]["seconds"])
        rows.append(("build is linear: 50,000 over 10,000", "<= 5.5x", f"{growth}x", growth <= 5.5))
    return rows


def targets(results: list[dict]) -> list[tuple[str, str, str, bool]]:
    by_size = {r["postings"]: r for r in results}
    rows = []
    if 10_000 in by_size:
        r = by_size[10_000]
        speedup = ratio(r["check_jsonschema"]["seconds"], r["validate"]["seconds"])
        floor = ratio(r["validate"]["seconds"], r["validate_floor_c_loader"]["seconds"])
        rows.append(("validate 10,000 postings: at least 10x faster than check-jsonschema",
                     ">= 10x", f"{speedup}x", speedup >= 10))
        rows.append(("validate 10,000 postings: within 2x of reading and parsing with the C loader",
                     "<= 2x", f"{floor}x", floor <= 2))
        change = r["browser"]["filter_change_ms"]
        rows.append(("a filter change at 10,000 postings", "<= 50 ms", f"{change} ms", change <= 50))
        first = r["browser"]["first_view_gzip_bytes"]
        rows.append(("the board's first view at 10,000 (everything the browser loads, gzipped)", "<= 400 KB",
                     f"{first / 1000:.0f} KB", first <= 400_000))
        search = r["browser"]["search_query_gzip_bytes"]
        rows.append(("what one search query downloads at 10,000 (gzipped)", "< 500 KB",
                     f"{search / 1000:.0f} KB", search < 500_000))
    for size in (1_000, 10_000):
        if size in by_size:
            r = by_size[size]
            build = ratio(r["build"]["seconds"], r["plain_mkdocs_build"]["seconds"])
            rows.append((f"full build at {size:,} vs plain mkdocs build", "<= 1.3x", f"{build}x", build <= 1.3))
    if 1_000 in by_size:
        first = by_size[1_000]["browser"]["first_view_gzip_bytes"]
        rows.append(("the board's first view at 1,000 (everything the browser loads, gzipped)", "<= 150 KB", f"{first / 1000:.0f} KB",
                     first <= 150_000))
    if 1_000 in by_size and 10_000 in by_size:
        growth = ratio(by_size[10_000]["build"]["seconds"], by_size[1_000]["build"]["seconds"])
        rows.append(("build is linear: 10,000 over 1,000", "<= 11x", f"{growth}x", growth <= 11))
    if 100 in by_size and 10_000 in by_size:
        small = by_size[100]["sizes"]["posting_page"]["bytes"]
        large = by_size[10_000]["sizes"]["posting_page"]["bytes"]
        rows.append(("a posting page at 100 and at 10,000", "same size", f"{small:,} B / {large:,} B",
                     abs(small - large) <= 0.02 * small))
    slowest = max((r["validate_five_files"]["seconds"] for r in results), default=0)
    rows.append(("validate the postings of one pull request (5 files), whole process", "< 1 s", f"{slowest} s",
                 slowest < 1))
    return rows


def write_report(results: list[dict], info: dict, command: str, scale: dict | None = None) -> None:
    rows = targets(results) + (scale_targets(scale["results"]) if scale else [])
    kb = lambda n: f"{n / 1000:,.1f} KB"  # noqa: E731
    lines = ["# Benchmarks", "",
             "How fast Microboard is at 100, 1,000 and 10,000 postings, next to what a board would otherwise run. "
             "Every time is the median of several runs of the whole process; memory is the peak resident set.", "",
             f"Measured on {info['date']}: {info['cores']} cores, {info['memory_gb']} GB of memory, Python "
             f"{info['python']}, {info['chromium']}; " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()
                                                                  if v) + ".", "",
             "Reproduce with:", "", "```bash", command, "```", "", "## Targets", "",
             "| what | target | measured | met |", "|---|---|---|---|"]
    lines += [f"| {what} | {target} | {got} | {'yes' if ok else '**no**'} |" for what, target, got, ok in rows]
    lines += ["", "## Validation", "",
              "| postings | Microboard validate | check-jsonschema | ratio | C-loader read and parse (floor) | "
              "ratio to floor | 1 file | 5 files | peak memory |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        v, c, f = r["validate"], r["check_jsonschema"], r["validate_floor_c_loader"]
        lines.append(f"| {r['postings']:,} | {v['seconds']} s | {c['seconds']} s | {ratio(c['seconds'], v['seconds'])}x "
                     f"faster | {f['seconds']} s | {ratio(v['seconds'], f['seconds'])}x | "
                     f"{r['validate_one_file']['seconds']} s | {r['validate_five_files']['seconds']} s | "
                     f"{v['peak_mb']} MB (check-jsonschema {c['peak_mb']} MB) |")
    lines += ["", "## Site build", "",
              "| postings | Microboard build | plain `mkdocs build` of the same pages | ratio | peak memory |",
              "|---|---|---|---|---|"]
    for r in results:
        b, p = r["build"], r["plain_mkdocs_build"]
        lines.append(f"| {r['postings']:,} | {b['seconds']} s | {p['seconds']} s | {ratio(b['seconds'], p['seconds'])}x"
                     f" | {b['peak_mb']} MB (plain {p['peak_mb']} MB) |")
    if scale:
        mb = lambda n: f"{n / 1e6:,.1f} MB"  # noqa: E731
        lines += ["", "## Site size and build at scale", "",
                  f"Only the site build, {scale['runs']} run(s) at each size, measured on {scale['date']} with "
                  f"`{scale['command']}`. The site's size is what GitHub Pages counts (the bytes of its files; "
                  "it refuses a site over 1,000 MB); every build prints it.", "",
                  "| postings | build | peak memory | whole site | posting pages | one posting page (mean) | "
                  "skill pages | field pages | organization pages | board pages | projects.json |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in scale["results"]:
            s = r["shares"]
            lines.append(f"| {r['postings']:,} | {r['build']['seconds']} s | {r['build']['peak_mb']:,.0f} MB | "
                         f"{mb(r['site_bytes'])} | {mb(s['projects'])} | {kb(r['posting_page_mean_bytes'])} | "
                         f"{mb(s['skills'])} | {mb(s['fields'])} | {mb(s['organizations'])} | "
                         f"{mb(s['board_pages'])} | {mb(s['projects_json'])} |")
    lines += ["", "## What a student downloads", "",
              "Sizes are gzipped, as GitHub Pages serves them. The first view is every file the browser requested "
              "from opening the board until the network went quiet (the board's data included); a search query is "
              "every file requested from focusing the search box until the results showed.", "",
              "| postings | board first view | board HTML (raw) | one posting page (raw) | one search query | "
              "search index | projects.json | ready to filter | filter change (median) |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        s, b = r["sizes"], r["browser"]
        lines.append(f"| {r['postings']:,} | {kb(b['first_view_gzip_bytes'])} | {kb(s['board_html']['bytes'])} | "
                     f"{kb(s['posting_page']['bytes'])} | {kb(b['search_query_gzip_bytes'])} | "
                     f"{kb(s['search_index']['gzip_bytes'])} | {kb(s['projects_json']['gzip_bytes'])} | "
                     f"{b['ready_to_filter_ms']} ms | {b['filter_change_ms']} ms |")
    lines += ["", "## How to read these", "",
              "- **Validation** is one whole `python -m generator validate` process. It composes each file with "
              "PyYAML's C parser, checks it with a compiled schema validator, and only for a file with an error "
              "runs the reference validator (jsonschema) and looks up lines and columns. check-jsonschema runs "
              "the same schema over the same files; the floor only reads and parses them.",
              "- **The plain build** is `mkdocs build` with the same theme and search plugin over the same pages "
              "written out as Markdown files. Microboard's build is faster than that floor because its plugin "
              "hands MkDocs finished HTML for the generated pages (nothing to parse twice) and puts only a short "
              "text per posting into the search index.",
              "- **The board's first view** does not include the search index: it is fetched when a visitor "
              "focuses the search box (or opens a link with `?q=`), and is counted under *one search query*. "
              "The board's own data (`board.json`) is included; the summaries for the text filter "
              "(`board-text.json`) load when the visitor starts typing.",
              "- **A filter change** is the time from the change event to the updated list laid out, in headless "
              "Chromium, median of nine changes of the field filter.", "",
              "The raw figures, every run included, are in [benchmarks.json](benchmarks.json).", ""]
    report = ROOT / "docs" / "benchmarks.md"
    kept = report.read_text(encoding="utf-8").partition(PHONE_SECTION) if report.exists() else ("", "", "")
    report.write_text("\n".join(lines) + ("\n" + PHONE_SECTION + kept[2] if kept[1] else ""), encoding="utf-8")
    (ROOT / "docs" / "benchmarks.json").write_text(
        json.dumps({"machine": info, "command": command, "results": results, "scale": scale,
                    "targets": [{"what": w, "target": t, "measured": m, "met": ok} for w, t, m, ok in rows]},
                   indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow-runs", type=int, default=1,
                        help="runs of check-jsonschema at 10,000 postings (it takes about a minute each)")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite docs/benchmarks.md from docs/benchmarks.json without measuring again")
    parser.add_argument("--scale", type=int, nargs="*", metavar="SIZE",
                        help="measure only the site build (time, peak memory, site size), by default at 1,000, "
                             "10,000 and 50,000 postings; the other tables are kept from docs/benchmarks.json")
    args = parser.parse_args()
    report = ROOT / "docs" / "benchmarks.json"
    saved = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
    if args.report_only:
        write_report(saved["results"], saved["machine"], saved["command"], saved.get("scale"))
        return 0
    if args.scale is not None:
        scale_sizes = args.scale or [1_000, 10_000, 50_000]
        command = "python benchmarks/run.py --scale" + ("" if not args.scale else " " + " ".join(map(str, args.scale)))
        runs = 1 if args.runs == 3 else args.runs  # a 50,000 build takes a while: one run unless asked
        command += "" if runs == 1 else f" --runs {runs}"
        results = []
        for size in scale_sizes:
            print(f"building the site at {size:,} postings...", flush=True)
            results.append(bench_scale(size, runs))
            print(json.dumps(results[-1], indent=1), flush=True)
        scale = {"command": command, "date": dt.date.today().isoformat(), "runs": runs, "results": results}
        if saved:
            write_report(saved["results"], saved["machine"], saved["command"], scale)
        shutil.rmtree(WORK, ignore_errors=True)
        for what, target, got, ok in scale_targets(results):
            print(f"{'ok ' if ok else 'NOT'} {what}: {got} (target {target})")
        return 0
    command = "python benchmarks/run.py" + ("" if args.sizes == [100, 1_000, 10_000] else
                                            " --sizes " + " ".join(map(str, args.sizes))) + \
        ("" if args.runs == 3 else f" --runs {args.runs}")
    results = []
    for size in args.sizes:
        print(f"benchmarking {size:,} postings...", flush=True)
        results.append(bench_size(size, args.runs, args.slow_runs))
        print(json.dumps({k: v for k, v in results[-1].items() if k != "sizes"}, indent=1), flush=True)
    write_report(results, machine(), command, saved.get("scale") if saved else None)
    shutil.rmtree(WORK, ignore_errors=True)
    for what, target, got, ok in targets(results):
        print(f"{'ok ' if ok else 'NOT'} {what}: {got} (target {target})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
