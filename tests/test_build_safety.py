"""One posting never takes the board down: at build time a posting with errors is left out, named, and reported."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from site_fixtures import ROOT, copy_board, mkdocs_build, pages_tar_bytes

VALID = yaml.safe_load((ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8"))
BELOW_FLOOR = (ROOT / "tests" / "broken" / "pay-below-floor.yaml").read_bytes()
# the line of the pay that is below the floor, where the problem is reported
AMOUNT_LINE = next(n for n, line in enumerate(BELOW_FLOOR.decode("utf-8").splitlines(), 1)
                   if line.startswith("  amount:"))
# postings name no organization: each organization's folder holds its organization.yaml
ORGANIZATION = ROOT / "tests" / "data" / "organization.yaml"
GOOD = "projects/brightloop/analyze-onboarding-drop-off"


def run_build(board: Path, site: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(site), *args],
                          cwd=board, capture_output=True, text=True, env=environ, timeout=600)


def posting(title: str, posted: str, apply_by: str) -> str:
    data = json.loads(json.dumps(VALID))
    data.update(title=title, posted=posted)
    data["timeline"] = {"apply_by": apply_by, "duration_weeks": 2}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=10_000)


def test_a_posting_with_errors_is_left_out_named_and_the_rest_is_published(tmp_path):
    board = copy_board(tmp_path / "board")
    (board / "projects/brightloop/zz-below-the-floor.yaml").write_bytes(BELOW_FLOOR)
    report = tmp_path / "report.json"
    result = run_build(board, tmp_path / "site", "--today", "2026-11-21", "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert "projects/brightloop/zz-below-the-floor.yaml is left out of the site" in result.stderr
    assert "[pay-below-floor]" in result.stderr and "hint:" in result.stderr
    assert (tmp_path / "site" / GOOD / "index.html").is_file()
    assert not (tmp_path / "site/projects/brightloop/zz-below-the-floor").exists()
    data = json.loads(report.read_text())
    published = len([p for p in (board / "projects").glob("*/*.yaml") if p.name != "organization.yaml"]) - 1
    assert data["schema"] == "microboard-build-report/1" and data["postings"] == published
    [left] = data["left_out"]
    assert left["file"] == "projects/brightloop/zz-below-the-floor.yaml"
    [problem] = left["problems"]
    assert set(problem) == {"line", "column", "severity", "code", "message", "hint", "field", "related"}
    assert (problem["line"], problem["severity"], problem["code"]) == (AMOUNT_LINE, "error", "pay-below-floor")
    assert (problem["field"], problem["related"]) == (["compensation", "amount"], "")
    assert data["site_bytes"] == pages_tar_bytes(tmp_path / "site") > 0  # as GitHub Pages receives it


def test_a_strict_build_fails_on_a_posting_with_errors_and_still_reports_it(tmp_path):
    board = copy_board(tmp_path / "board")
    (board / "projects/brightloop/zz-below-the-floor.yaml").write_bytes(BELOW_FLOOR)
    report = tmp_path / "report.json"
    result = run_build(board, tmp_path / "site", "--today", "2026-11-21", "--strict", "--report", str(report))
    assert result.returncode == 1
    assert f"projects/brightloop/zz-below-the-floor.yaml:{AMOUNT_LINE}:" in result.stderr
    assert "strict build" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    data = json.loads(report.read_text())
    assert data["site_bytes"] == 0 and data["left_out"][0]["problems"][0]["code"] == "pay-below-floor"


def test_mkdocs_strict_and_the_plugins_strict_option_fail_plain_mkdocs_leaves_out(tmp_path):
    board = copy_board(tmp_path / "board")
    (board / "projects/brightloop/zz-below-the-floor.yaml").write_bytes(BELOW_FLOOR)
    assert mkdocs_build(board, tmp_path / "strict", strict=True).returncode != 0
    plain = mkdocs_build(board, tmp_path / "plain", strict=False)
    assert plain.returncode == 0 and "zz-below-the-floor.yaml is left out" in plain.stderr
    # the plugin's options are the board's settings, in board.yml; mkdocs.yml names the plugin bare
    assert re.search(r"^  - microboard\b(?!:)", (board / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    settings = board / "board.yml"
    text = settings.read_text(encoding="utf-8")
    assert not re.search(r"^strict:", text, re.M)
    settings.write_text(text + "\nstrict: true\n", encoding="utf-8")
    option = mkdocs_build(board, tmp_path / "option", strict=False)
    assert option.returncode != 0 and "strict build" in option.stderr
    # the setting is one of the board's settings: the validator and the bot read the same section
    validate = subprocess.run([sys.executable, "-m", "generator", "validate", "projects/brightloop"], cwd=board,
                              capture_output=True, text=True, timeout=600)
    assert validate.returncode == 1 and "[pay-below-floor]" in validate.stdout, validate.stderr


def test_the_job_summary_lists_left_out_postings_with_their_text_escaped(tmp_path):
    board = copy_board(tmp_path / "board")
    hostile = board / "projects/brightloop/[click](https:evil.example)-@maintainer.yaml"
    hostile.write_bytes(BELOW_FLOOR.replace(b"title: ", b"title: <img src=x onerror=alert(1)> ", 1))
    (board / "projects/brightloop/zz-below-the-floor.yaml").write_bytes(BELOW_FLOOR)
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n", encoding="utf-8")
    result = run_build(board, tmp_path / "site", "--today", "2026-11-21", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Earlier step\n### 2 postings were left out of the site")
    assert f"zz-below-the-floor.yaml:{AMOUNT_LINE}:" in text and "pay-below-floor" in text
    assert "[click](" not in text and "\\[click\\]\\(https:evil.example\\)" in text
    # no mention: GitHub notifies `\@user` too, so a word joiner splits the @ from the name
    assert "@\u2060maintainer" in text and "@maintainer" not in text
    assert "<img" not in text


def test_a_clean_build_adds_nothing_to_the_job_summary(tmp_path):
    board = copy_board(tmp_path / "board")
    summary = tmp_path / "summary.md"
    result = run_build(board, tmp_path / "site", "--today", "2026-11-21", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    assert not summary.exists()


def test_an_old_posting_outside_the_newest_hundred_cannot_break_a_later_build(tmp_path):
    """The time bomb: feeds hold the newest 100 open postings, so a posting whose title the feed cannot carry
    built fine until the newer postings closed and it moved into the feed."""
    board = copy_board(tmp_path / "board", projects=False)
    for number in range(100):
        path = board / f"projects/green-valley/dashboard-{number:03}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ORGANIZATION, path.parent / "organization.yaml")
        path.write_text(posting(f"Build dashboard number {number:03}", "2026-06-01", "2026-12-01"), encoding="utf-8")
    (board / "projects/green-valley/old-dashboard.yaml").write_text(
        posting("Build the old\x1b dashboard", "2026-01-05", "2036-06-01"), encoding="utf-8")
    for today in ("2026-11-21", "2026-12-15"):  # before and after the newer postings close
        site, report = tmp_path / f"site-{today}", tmp_path / f"report-{today}.json"
        result = run_build(board, site, "--today", today, "--report", str(report))
        assert result.returncode == 0, result.stderr
        feed = ET.parse(site / "feed.xml").getroot()
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        assert len(entries) == (100 if today == "2026-11-21" else 0)
        [left] = json.loads(report.read_text())["left_out"]
        assert left["file"] == "projects/green-valley/old-dashboard.yaml"
        assert left["problems"][0]["code"] == "control-character"
        assert not (site / "projects/green-valley/old-dashboard").exists()


def test_a_carriage_return_never_reaches_the_calendar_or_any_output_unescaped():
    """The validator refuses carriage returns; the calendar also writes a bare one as an escaped line break."""
    import dataclasses

    from generator.settings import Settings
    from generator.site.core import build_outputs
    from generator.validate import validate_text

    text = (ROOT / "tests/data/valid.yaml").read_text(encoding="utf-8")
    organizations = {"green-valley": ORGANIZATION.read_bytes()}  # its folder's organization.yaml
    refused = validate_text(text.replace("title: Build a volunteer-hours dashboard",
                                         'title: "Build a volunteer\\rhours dashboard"'),
                            "projects/green-valley/dashboard.yaml", Settings(today=dt.date(2026, 11, 21)), ROOT,
                            organizations)
    assert [p.code for p in refused.errors] == ["carriage-return"]
    accepted = validate_text(text, "projects/green-valley/dashboard.yaml", Settings(today=dt.date(2026, 11, 21)), ROOT,
                             organizations)
    [project] = accepted.projects
    sneaked = dataclasses.replace(project, title="Line\rbreak\r\nhere", summary="Summary\rwith a bare return")
    for output in build_outputs([sneaked], Settings(), dt.date(2026, 11, 21)):
        content = output.text()
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        if output.path == "deadlines.ics":
            assert b"\r" not in data.replace(b"\r\n", b""), data
            assert b"SUMMARY:Last day to apply: Line\\nbreak\\nhere" in data
        elif output.path.endswith((".json", ".xml")):
            assert b"\r" not in data, output.path  # escaped as \r in JSON, &#13; in XML


def test_the_job_summary_stays_short_and_says_when_a_strict_build_failed(tmp_path):
    from generator.problems import ERROR, Problem
    from generator.site.publishable import SUMMARY_LIMIT, LeftOut, Selection, append_step_summary

    left = [LeftOut(f"projects/acme/p{n:03}.yaml", (Problem(f"projects/acme/p{n:03}.yaml", 2, 8, ERROR,
                                                            "control-character", "a `message`", "a hint"),) * 2)
            for n in range(SUMMARY_LIMIT + 7)]
    summary = tmp_path / "summary.md"
    assert append_step_summary(Selection([], left, []), strict=True, environ={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(f"### The site was not built: {SUMMARY_LIMIT + 7} postings with errors (strict build)")
    assert text.count("\n- projects/acme/p") == SUMMARY_LIMIT and "- and 7 more postings" in text
    assert "(and 1 more)" in text and "a \\`message\\`" in text
    assert not append_step_summary(Selection([], [], []), environ={"GITHUB_STEP_SUMMARY": str(summary)})
    assert not append_step_summary(Selection([], left, []), environ={})
