"""From the benchmark's measurements to its verdicts and its report: the targets, the extrapolation of the site's
size to GitHub Pages' limit, and docs/benchmarks.md. Pure functions over the results of benchmarks/run.py.

A measurement is a dict: {"seconds", "runs", "peak_mb"} when it ran, {"error": why} when it failed,
{"over_seconds": limit} when it ran past its time limit, {"skipped": why} when it was not run.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.site_size import PAGES_LIMIT_BYTES, SIZE_WARNING_SHARE

PHONE_SECTION = "## A student on a phone"  # written by benchmarks/phone.py; write_report keeps it
LARGE = 50_000


@dataclass
class Target:
    what: str
    target: str
    measured: str
    met: bool | None  # None: not measured in this run (measured says why), or a figure without a target


# ---------------------------------------------------------------- reading one measurement


def ran(row: dict | None) -> bool:
    return bool(row) and "seconds" in row


def why_not(row: dict | None) -> str:
    """Why a measurement has no figure, in a few words."""
    if not row:
        return "not measured"
    if "over_seconds" in row:
        return f"over {minutes(row['over_seconds'])}"
    if "skipped" in row:
        return f"skipped: {row['skipped']}"
    if "error" in row:
        first = str(row["error"]).strip().splitlines()
        return "failed: " + (first[-1][:160] if first else "no message")
    return "not measured"


# the browser's figures, by the session in benchmarks/run.py that measures them
BROWSER_SESSIONS = {"board": ("ready_ms", "first_view_gzip_bytes", "first_filter_gzip_bytes", "ready_to_filter_ms",
                              "filter_change_ms"),
                    "header search": ("search_query_gzip_bytes",),
                    "board search": ("board_search_gzip_bytes",)}


def browser_gap(browser: dict | None, key: str) -> str:
    """Why a figure from the browser is missing: where its session failed."""
    errors = (browser or {}).get("errors") or {}
    for session, keys in BROWSER_SESSIONS.items():
        if key in keys and session in errors:
            return why_not({"error": errors[session]})
    return why_not(browser)


def minutes(seconds: float) -> str:
    return f"{seconds / 60:g} min"


def seconds(row: dict | None) -> str:
    return f"{row['seconds']} s" if ran(row) else why_not(row)


def memory(row: dict | None) -> str:
    return f"{row['peak_mb']:,.0f} MB" if ran(row) else "–"


def megabytes(size: float) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def kilobytes(size: float) -> str:
    return f"{size / 1000:,.1f} KB"


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


# ---------------------------------------------------------------- the site against GitHub Pages' limit


PAGES_MEASURE = "archive_bytes"  # the site as GitHub Pages receives it: the deploy's tar (generator/site_size.py)


def per_posting_bytes(results: list[dict], key: str = "site") -> tuple[float, float, tuple[int, int]] | None:
    """(bytes per posting, fixed bytes, the two sizes it is drawn from): a line through the two largest boards
    whose site was measured, in the archive GitHub Pages receives."""
    measured = sorted((r["postings"], r[key][PAGES_MEASURE]) for r in results
                      if PAGES_MEASURE in (r.get(key) or {}))
    if len(measured) < 2:
        return None
    (small, small_bytes), (large, large_bytes) = measured[-2], measured[-1]
    per = (large_bytes - small_bytes) / (large - small)
    return per, large_bytes - per * large, (small, large)


def largest_board(results: list[dict], limit: int = PAGES_LIMIT_BYTES) -> int | None:
    """The most postings whose site stays under `limit`, extrapolated along per_posting_bytes."""
    line = per_posting_bytes(results)
    if line is None or line[0] <= 0:
        return None
    per, fixed, _ = line
    return max(0, int((limit - fixed) // per))


def site_bytes_at(results: list[dict], postings: int) -> tuple[float, bool] | None:
    """(the site's size at `postings`, extrapolated?)."""
    for r in results:
        if r["postings"] == postings and PAGES_MEASURE in (r.get("site") or {}):
            return r["site"][PAGES_MEASURE], False
    line = per_posting_bytes(results)
    if line is None:
        return None
    return line[1] + line[0] * postings, True


# ---------------------------------------------------------------- the targets


def targets(results: list[dict]) -> list[Target]:
    """Every target, in the order of the report; a target this run could not measure says why."""
    by_size = {r["postings"]: r for r in results}
    rows: list[Target] = []

    def at(size: int, what: str, target: str, figure) -> None:
        """A target read at one board size; `figure(result)` returns (measured text, met) or raises KeyError."""
        if size not in by_size:
            rows.append(Target(what, target, f"not measured: run without {size:,} postings", None))
            return
        if "error" in by_size[size]:  # the board itself could not be made
            rows.append(Target(what, target, f"not measured: {why_not(by_size[size])}", None))
            return
        try:
            measured, met = figure(by_size[size])
        except (KeyError, TypeError) as missing:
            rows.append(Target(what, target, f"not measured: {missing.args[0] if missing.args else missing}", None))
            return
        rows.append(Target(what, target, measured, met))

    def timed(result: dict, key: str) -> dict:
        row = result.get(key)
        if not ran(row):
            raise KeyError(f"{key.replace('_', ' ')} {why_not(row)}")
        return row

    def browsed(result: dict, key: str) -> int:
        found = (result.get("browser") or {}).get(key)
        if found is None:
            raise KeyError(f"browser {browser_gap(result.get('browser'), key)}")
        return found

    def weight(result: dict, key: str) -> int:
        if key not in (result.get("site") or {}):
            raise KeyError(f"site {why_not(result.get('site'))}")
        return result["site"][key]

    at(10_000, "site size at 10,000 postings, as GitHub Pages receives it (the deploy's tar)", "<= 200 MB",
       lambda r: (megabytes(weight(r, PAGES_MEASURE)), weight(r, PAGES_MEASURE) <= 200_000_000))
    at(10_000, "site size at 10,000 postings, on disk (du, 4 KB blocks)", "<= 200 MB",
       lambda r: (megabytes(weight(r, "disk_bytes")), weight(r, "disk_bytes") <= 200_000_000))
    room = int(PAGES_LIMIT_BYTES * SIZE_WARNING_SHARE)
    at50 = site_bytes_at(results, LARGE)
    if at50 is None:
        rows.append(Target(f"site at {LARGE:,} postings under GitHub Pages' 1 GB limit, with room",
                           f"<= {megabytes(room)}", "not measured: needs two board sizes", None))
    else:
        size, extrapolated = at50
        rows.append(Target(f"site at {LARGE:,} postings under GitHub Pages' 1 GB limit, with room",
                           f"<= {megabytes(room)}",
                           megabytes(size) + (" (extrapolated)" if extrapolated else ""), size <= room))
    line, fits = per_posting_bytes(results), largest_board(results)
    if line is None or fits is None:
        rows.append(Target("the largest board that fits in 1 GB", f">= {LARGE:,} postings",
                           "not measured: needs two board sizes", None))
    else:
        per, _, (small, large) = line
        rows.append(Target("the largest board that fits in 1 GB", f">= {LARGE:,} postings",
                           f"{fits:,} postings (extrapolated: {kilobytes(per)} a posting, from {small:,} to {large:,})",
                           fits >= LARGE))
    at(10_000, "build peak memory at 10,000", "<= 500 MB",
       lambda r: (memory(timed(r, "build")), timed(r, "build")["peak_mb"] <= 500))
    for small, large, most in ((1_000, 10_000, 11), (10_000, LARGE, 5.5)):
        what = f"build is linear: {large:,} over {small:,}"
        if small not in by_size:
            rows.append(Target(what, f"<= {most}x", f"not measured: run without {small:,} postings", None))
            continue
        at(large, what, f"<= {most}x", lambda r, small=small, most=most: (
            f"{ratio(timed(r, 'build')['seconds'], timed(by_size[small], 'build')['seconds'])}x",
            ratio(timed(r, "build")["seconds"], timed(by_size[small], "build")["seconds"]) <= most))
    at(10_000, "the board's first view at 10,000 (everything loaded until the network is quiet, gzipped)",
       "<= 150 KB", lambda r: (kilobytes(browsed(r, "first_view_gzip_bytes")),
                               browsed(r, "first_view_gzip_bytes") <= 150_000))
    at(10_000, "first view and the first filter use at 10,000 (gzipped)", "none, reported",
       lambda r: (f"{kilobytes(browsed(r, 'first_filter_gzip_bytes'))} "
                  f"(+{kilobytes(browsed(r, 'first_filter_gzip_bytes') - browsed(r, 'first_view_gzip_bytes'))})",
                  None))
    for size, most in ((10_000, 150_000), (LARGE, 300_000)):
        at(size, f"one search query at {size:,} (gzipped)", f"<= {most // 1000} KB",
           lambda r, most=most: (kilobytes(browsed(r, "search_query_gzip_bytes")),
                                 browsed(r, "search_query_gzip_bytes") <= most))
    at(10_000, "validate 10,000 postings: within 1.3x of reading and parsing with the C loader", "<= 1.3x",
       lambda r: (f"{ratio(timed(r, 'validate')['seconds'], timed(r, 'validate_floor_c_loader')['seconds'])}x",
                  ratio(timed(r, "validate")["seconds"], timed(r, "validate_floor_c_loader")["seconds"]) <= 1.3))
    at(10_000, "validate 10,000 postings: at least 10x faster than check-jsonschema", ">= 10x",
       lambda r: (f"{ratio(timed(r, 'check_jsonschema')['seconds'], timed(r, 'validate')['seconds'])}x",
                  ratio(timed(r, "check_jsonschema")["seconds"], timed(r, "validate")["seconds"]) >= 10))
    at(10_000, "a filter change at 10,000 postings (median)", "<= 50 ms",
       lambda r: (f"{browsed(r, 'filter_change_ms')} ms", browsed(r, "filter_change_ms") <= 50))
    five = [r["validate_five_files"] for r in results if ran(r.get("validate_five_files"))]
    if five:
        slowest = max(row["seconds"] for row in five)
        rows.append(Target("validate the postings of one pull request (5 files), whole process", "< 1 s",
                           f"{slowest} s", slowest < 1))
    else:
        rows.append(Target("validate the postings of one pull request (5 files), whole process", "< 1 s",
                           "not measured", None))
    return rows


# ---------------------------------------------------------------- the report


def _verdict(met: bool | None) -> str:
    return "–" if met is None else "yes" if met else "**no**"


def report_lines(results: list[dict], info: dict, command: str, notes: list[str]) -> list[str]:
    rows = targets(results)
    named = [f"{r['postings']:,}" for r in results]
    sizes = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named)
    lines = ["# Benchmarks", "",
             f"How fast and how big Microboard is at {sizes} postings, next to what a board would otherwise run, "
             "all measured in the same run. A time is the median of the runs of the whole process (fewer runs "
             "for the larger boards); memory is the peak resident set of the process and its children.", "",
             f"Measured on {info['date']}: {info['cores']} cores, {info['memory_gb']} GB of memory, Python "
             f"{info['python']}, {info['chromium']}; " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()
                                                                  if v) + ".", "",
             "Reproduce with:", "", "```bash", command, "```", ""]
    if LARGE not in {r["postings"] for r in results}:
        lines += [f"This run left out the {LARGE:,}-posting board (it takes about an hour): "
                  "`python benchmarks/run.py --large` adds it. Figures at that size below are extrapolated "
                  "or not measured.", ""]
    lines += [f"- {note}" for note in notes]
    lines += [f"- The board of {r['postings']:,} postings could not be measured: {why_not(r)}" for r in results
              if "error" in r]
    lines += [""] if lines[-1] else []
    lines += ["## Targets", "", "| what | target | measured | met |", "|---|---|---|---|"]
    lines += [f"| {t.what} | {t.target} | {t.measured} | {_verdict(t.met)} |" for t in rows]
    lines += ["", "## Site build", "",
              "Each build writes the whole site: its wall time (and the CPU time of the process and its children, "
              "steadier on a busy machine), its peak memory, and the site's size: the archive GitHub Pages "
              "receives (the deploy workflow's tar of the site, which Pages holds to 1 GB), and in brackets what "
              "the files hold and what they take on disk (`du`). On disk every file and every folder takes whole "
              "4 KB blocks, and every posting has a folder of its own, since its address ends in `/`: at least "
              "8 KB a posting before its page says a word. GitHub Pages counts the archive, not the disk.", "",
              "| postings | Microboard (MkDocs) | Microboard (Zensical) | plain `mkdocs build` | "
              "plain `zensical build` |",
              "|---|---|---|---|---|"]
    for r in results:
        cells = []
        for build, site in (("build", "site"), ("build_zensical", "site_zensical"), ("plain_mkdocs_build",
                            "site_plain_mkdocs"), ("plain_zensical_build", "site_plain_zensical")):
            row, weight = r.get(build), r.get(site) or {}
            cell = seconds(row)
            if ran(row):
                cell += (f" (CPU {row['cpu_seconds']} s)" if "cpu_seconds" in row else "") + f", {memory(row)}"
            if PAGES_MEASURE in weight:
                cell += (f", {megabytes(weight[PAGES_MEASURE])} ({megabytes(weight['bytes'])} in files, "
                         f"{megabytes(weight['disk_bytes'])} on disk)")
            cells.append(cell)
        lines.append(f"| {r['postings']:,} | " + " | ".join(cells) + " |")
    largest = max((r for r in results if (r.get("site") or {}).get("folders")), key=lambda r: r["postings"],
                  default=None)
    if largest:
        folders = ", ".join(f"{name} {megabytes(size)}" for name, size in largest["site"]["folders"].items())
        lines += ["", f"Where the board's site goes at {largest['postings']:,} postings (on disk): {folders}."]
    lines += ["", "## Validation", "",
              "| postings | Microboard validate | C-loader read and parse (floor) | ratio to floor | "
              "check-jsonschema | Microboard faster by | 1 file | 5 files | peak memory (check-jsonschema) |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        v, f, c = r.get("validate"), r.get("validate_floor_c_loader"), r.get("check_jsonschema")
        floor = f"{ratio(v['seconds'], f['seconds'])}x" if ran(v) and ran(f) else "–"
        faster = f"{ratio(c['seconds'], v['seconds'])}x" if ran(v) and ran(c) else "–"
        lines.append(f"| {r['postings']:,} | {seconds(v)} | {seconds(f)} | {floor} | {seconds(c)} | {faster} | "
                     f"{seconds(r.get('validate_one_file'))} | {seconds(r.get('validate_five_files'))} | "
                     f"{memory(v)} ({memory(c)}) |")
    lines += ["", "## What a student downloads", "",
              "Sizes are gzipped, as GitHub Pages serves them, in Debian's headless Chromium.", "",
              "| postings | first view | first view and first filter use | one search query | board search | "
              "board HTML (raw) | one posting page (raw) | ready to filter | filter change (median) |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        b, s = r.get("browser") or {}, r.get("sizes") or {}

        def size(key: str) -> str:
            return kilobytes(b[key]) if key in b else "failed" if "failed" in browser_gap(b, key) else "–"

        def raw(key: str) -> str:
            return kilobytes(s[key]["bytes"]) if key in s else "–"

        def ms(key: str) -> str:
            return f"{b[key]} ms" if key in b else "–"

        lines.append(f"| {r['postings']:,} | {size('first_view_gzip_bytes')} | {size('first_filter_gzip_bytes')} | "
                     f"{size('search_query_gzip_bytes')} | {size('board_search_gzip_bytes')} | {raw('board_html')} | "
                     f"{raw('posting_page')} | {ms('ready_to_filter_ms')} | {ms('filter_change_ms')} |")
    failures = [f"- At {r['postings']:,} postings, {error}" for r in results
                for error in ((r.get("browser") or {}).get("errors") or {}).values()]
    lines += ["", "What failed in the browser:", ""] + failures if failures else []
    lines += ["", "## How to read these", "",
              "- **The builds.** *Microboard (MkDocs)* is `python -m generator build`; *Microboard (Zensical)* is "
              "`python -m generator build --engine zensical`. The plain builds are `mkdocs build` and "
              "`zensical build` with the same theme and search over the same pages written out as Markdown "
              "(`benchmarks/plain_pages.py`): what either engine costs without Microboard. A plain build at the "
              "largest size may run past its time limit (`--limit-minutes`); it is then reported as *over N min*.",
              "- **Linear** compares the board's own build (MkDocs) at two sizes: ten times the postings should "
              "take at most 11 times as long, five times at most 5.5 times.",
              "- **The largest board that fits** draws a line through the site's size at the two largest boards "
              "measured (the archive's bytes per posting, plus what every board has) and reads where it crosses GitHub Pages' "
              "1 GB: an extrapolation, not a build of that size.",
              "- **Validation** is one whole `python -m generator validate` process. check-jsonschema runs the "
              "same schema over the same files; the floor only reads and parses them with PyYAML's C loader.",
              "- **The first view** is every file the browser requested from opening the board until the network "
              "went quiet. *First view and first filter use* adds what changing one filter then loads, until the "
              "network is quiet again. *One search query* is every file requested, on a board already open, from "
              "focusing the header's search box and typing a word until the results (the postings' included) "
              "showed; *board search* is what a word typed in the board's own search box loads. Each of the "
              "three is measured on a page of its own, so one that fails leaves the others measured.",
              "- **A filter change** is the time from the change event to the updated list laid out, median of "
              "nine changes of the field filter.", "",
              "The raw figures, every run included, are in [benchmarks.json](benchmarks.json).", ""]
    return lines


def write_report(results: list[dict], info: dict, command: str, notes: list[str], folder: Path) -> None:
    """docs/benchmarks.md and docs/benchmarks.json; the phone section of an existing report is kept."""
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "benchmarks.md"
    kept = report.read_text(encoding="utf-8").partition(PHONE_SECTION) if report.exists() else ("", "", "")
    lines = report_lines(results, info, command, notes)
    report.write_text("\n".join(lines) + ("\n" + PHONE_SECTION + kept[2] if kept[1] else ""), encoding="utf-8")
    (folder / "benchmarks.json").write_text(
        json.dumps({"machine": info, "command": command, "notes": notes, "results": results,
                    "targets": [asdict(t) for t in targets(results)]}, indent=2) + "\n", encoding="utf-8")
