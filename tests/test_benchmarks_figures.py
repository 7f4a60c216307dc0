"""The benchmark's own arithmetic and its resilience: benchmarks/run.py measures whole processes and stops one that
runs too long, benchmarks/figures.py turns the measurements into targets and docs/benchmarks.md."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.figures import LARGE, PHONE_SECTION, largest_board, per_posting_bytes, targets, write_report
from benchmarks.run import Failed, attempt, measure, weigh_site
from generator.site_size import PAGES_LIMIT_BYTES

MACHINE = {"date": "2026-12-01", "cores": 2, "memory_gb": 4, "python": "3.11", "chromium": "Chromium",
           "packages": {"mkdocs": "1.6.1"}}


def timed(seconds: float, peak_mb: float = 100) -> dict:
    return {"seconds": seconds, "runs": [seconds], "peak_mb": peak_mb}


def board(postings: int, site_bytes: int, build_seconds: float, **more) -> dict:
    return {"postings": postings, "build": timed(build_seconds, 300),
            "site": {"archive_bytes": site_bytes, "bytes": site_bytes - 5000, "disk_bytes": site_bytes + 1000,
                     "folders": {"projects": site_bytes}},
            **more}


def by_what(rows) -> dict:
    return {row.what: row for row in rows}


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has ended, only its exit status is left


def test_a_process_past_its_limit_is_stopped_with_the_processes_it_started(tmp_path):
    # the child starts a grandchild that would outlive it; both belong to the stopped run
    grandchild = tmp_path / "grandchild.pid"
    script = ("import pathlib, subprocess, sys, time; "
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
              f"pathlib.Path({str(grandchild)!r}).write_text(str(child.pid)); time.sleep(60)")
    start = time.perf_counter()
    with pytest.raises(Failed) as stopped:
        measure([sys.executable, "-c", script], runs=1, limit=2)
    assert time.perf_counter() - start < 30
    assert stopped.value.row == {"over_seconds": 2}
    pid = int(grandchild.read_text())
    for _ in range(50):
        if not _alive(pid):
            break
        time.sleep(0.1)
    assert not _alive(pid)
    assert attempt(lambda: measure([sys.executable, "-c", "import time; time.sleep(60)"], runs=1, limit=1)) == \
        {"over_seconds": 1}


def test_a_process_that_fails_gives_a_row_that_says_why():
    row = attempt(lambda: measure([sys.executable, "-c", "import sys; sys.exit('no postings folder here')"], runs=1))
    assert set(row) == {"error"}
    assert "exited" in row["error"] and "no postings folder here" in row["error"]
    assert attempt(lambda: 1 / 0) == {"error": "ZeroDivisionError: division by zero"}


def test_a_process_that_succeeds_gives_the_median_of_its_runs_and_its_peak_memory():
    row = measure([sys.executable, "-c", "block = bytearray(60_000_000); block[::4096] = b'x' * len(block[::4096])"],
                  runs=3)
    assert len(row["runs"]) == 3 and row["seconds"] == sorted(row["runs"])[1]
    assert row["peak_mb"] >= 60 and 0 < row["cpu_seconds"]


def test_the_largest_board_that_fits_is_read_from_the_two_largest_boards_measured():
    results = [board(100, 9_000_000, 1), board(1_000, 30_000_000, 4), board(10_000, 210_000_000, 40)]
    per, fixed, drawn_from = per_posting_bytes(results)
    assert drawn_from == (1_000, 10_000)
    assert per == 20_000 and fixed == 10_000_000
    assert largest_board(results) == (PAGES_LIMIT_BYTES - 10_000_000) // 20_000 == 49_500
    rows = by_what(targets(results))
    fits = rows["the largest board that fits in 1 GB"]
    assert fits.met is False and fits.measured.startswith("49,500 postings (extrapolated")
    at_large = rows[f"site at {LARGE:,} postings under GitHub Pages' 1 GB limit, with room"]
    assert at_large.measured == "1,010.0 MB (extrapolated)" and at_large.met is False


def test_a_measured_large_board_is_not_extrapolated():
    results = [board(10_000, 150_000_000, 30), board(LARGE, 700_000_000, 160)]
    rows = by_what(targets(results))
    assert rows[f"site at {LARGE:,} postings under GitHub Pages' 1 GB limit, with room"].measured == "700.0 MB"
    linear = rows[f"build is linear: {LARGE:,} over 10,000"]
    assert linear.measured == "5.33x" and linear.met is True


def test_a_failed_measurement_leaves_its_targets_unmet_with_the_reason_and_the_others_measured():
    results = [board(1_000, 30_000_000, 4),
               board(10_000, 150_000_000, 40, validate=timed(3), validate_floor_c_loader=timed(2.5),
                     check_jsonschema={"over_seconds": 900},
                     browser={"first_view_gzip_bytes": 140_000, "first_filter_gzip_bytes": 190_000,
                              "errors": {"header search": "header search, the theme's results: TimeoutError: "
                                                          "waiting for .md-search-result__item"}})]
    results[1]["build"] = {"error": "python -m generator --root ... exited 2: Traceback\nKeyError: 'title'"}
    rows = by_what(targets(results))
    assert rows["build is linear: 10,000 over 1,000"].met is None
    assert "build failed: KeyError: 'title'" in rows["build is linear: 10,000 over 1,000"].measured
    assert rows["validate 10,000 postings: at least 10x faster than check-jsonschema"].measured == \
        "not measured: check jsonschema over 15 min"
    assert rows["validate 10,000 postings: within 1.3x of reading and parsing with the C loader"].met is True
    first_view = rows["the board's first view at 10,000 (everything loaded until the network is quiet, gzipped)"]
    assert (first_view.measured, first_view.met) == ("140.0 KB", True)
    assert rows["first view and the first filter use at 10,000 (gzipped)"].measured == "190.0 KB (+50.0 KB)"
    search = rows["one search query at 10,000 (gzipped)"]
    assert search.met is None and "header search, the theme's results: TimeoutError" in search.measured
    assert rows["site size at 10,000 postings, as GitHub Pages receives it (the deploy's tar)"].measured == "150.0 MB"
    assert rows["site size at 10,000 postings, on disk (du, 4 KB blocks)"].measured == "150.0 MB"
    assert rows["one search query at 50,000 (gzipped)"].measured == "not measured: run without 50,000 postings"


def test_the_report_says_what_ran_over_its_limit_and_keeps_the_phone_section(tmp_path):
    (tmp_path / "benchmarks.md").write_text(f"# Benchmarks\n\nold figures\n\n{PHONE_SECTION}\n\nphone figures\n",
                                            encoding="utf-8")
    results = [board(100, 9_000_000, 1, plain_mkdocs_build={"over_seconds": 600},
                     plain_zensical_build={"skipped": "the plain pages could not be written"})]
    write_report(results, MACHINE, "python benchmarks/run.py --sizes 100", ["a note"], tmp_path)
    report = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert "old figures" not in report
    assert report.endswith(f"{PHONE_SECTION}\n\nphone figures\n")
    row = next(line for line in report.splitlines() if line.startswith("| 100 |") and "over 10 min" in line)
    assert "skipped: the plain pages could not be written" in row
    assert "`python benchmarks/run.py --large` adds it" in report


def test_a_board_that_could_not_be_made_is_named_and_the_other_sizes_still_reported(tmp_path):
    results = [board(1_000, 30_000_000, 4),
               {"postings": 10_000, "error": "CalledProcessError: generator fake exited 1"}]
    rows = by_what(targets(results))
    assert rows["build peak memory at 10,000"].measured == \
        "not measured: failed: CalledProcessError: generator fake exited 1"
    write_report(results, MACHINE, "python benchmarks/run.py", [], tmp_path)
    report = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert "- The board of 10,000 postings could not be measured: failed: CalledProcessError" in report
    assert "| 1,000 | 4 s, 300 MB, 30.0 MB (30.0 MB in files, 30.0 MB on disk) |" in report


def test_a_browser_session_that_failed_is_named_under_the_downloads(tmp_path):
    results = [board(100, 9_000_000, 1, browser={
        "first_view_gzip_bytes": 110_000, "first_filter_gzip_bytes": 150_000, "board_search_gzip_bytes": 13_000,
        "errors": {"header search": "header search, the postings (from search/): TimeoutError: 120000ms"}})]
    write_report(results, MACHINE, "python benchmarks/run.py --sizes 100", [], tmp_path)
    report = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert "| 100 | 110.0 KB | 150.0 KB | failed | 13.0 KB |" in report
    assert "- At 100 postings, header search, the postings (from search/): TimeoutError: 120000ms" in report


def test_a_site_on_disk_weighs_what_du_says_folders_included(tmp_path):
    site = tmp_path / "site"
    for n in range(30):  # many folders of one small page each, as a board's posting pages are
        page = site / "projects" / f"org-{n % 3}" / f"posting-{n}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("x" * (100 * n))
    (site / "index.html").write_text("board")
    (site / "projects.json").write_bytes(b"[]" * 9000)
    du = subprocess.run(["du", "-s", "--block-size=1", str(site)], capture_output=True, text=True, check=True)
    weight = weigh_site(site)
    assert weight["disk_bytes"] == int(du.stdout.split()[0])
    assert weight["disk_bytes"] > weight["bytes"] + 33 * 4096  # each of the 34 folders takes a block of its own
