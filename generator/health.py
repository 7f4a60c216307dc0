"""The board's health after the daily run: what needs a person, as findings and as one issue's text.

The daily workflow passes in what it knows (the build's report file, how the build and deploy
jobs ended, how GitHub Pages is set up); `assess` turns that into findings, each with what to do.
Nothing here talks to GitHub: `generator.upkeep` reads Pages and writes the issue.

The build report is written by `python -m generator build --report FILE`:

    {"schema": "microboard-build-report/1", "postings": N, "site_bytes": N,
     "left_out": [{"file": "projects/a/b.yaml",
                   "problems": [{"line": 3, "column": 5, "severity": "error", "code": "...",
                                 "message": "...", "hint": "..."}]}]}

File names and messages in it come from postings, that is from strangers: they reach the issue
only through `markdown_text`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from generator.json_files import read_json
from generator.report import markdown_text
from generator.site_size import PAGES_LIMIT_BYTES, SIZE_ADVICE, SIZE_WARNING_SHARE, megabytes

BUILD_REPORT_SCHEMA = "microboard-build-report/1"
REPORT_LIMIT = 20 * 1024 * 1024  # bytes of a build report read at most
SHOWN_FILES = 50  # left-out postings listed in the issue; the run's summary has the report
SHOWN_PROBLEMS = 5  # problems listed per left-out posting
HEALTH_LABEL = "board health"
HEALTH_LABEL_STYLE = ("b60205", "Microboard: the daily run found something that needs a person")
HEALTH_MARKER = "<!-- microboard-health -->"
HEALTH_TITLE = "Board health: something needs a person"
_CODES = re.compile(r"<!-- microboard-health-codes: ([a-z, -]*) -->")
# how a job ended, as GitHub Actions reports it in needs.<job>.result
OUTCOMES = ("success", "failure", "cancelled", "skipped")


class HealthInputError(ValueError):
    """A build report or an outcome the health check cannot read."""


@dataclass(frozen=True)
class LeftOut:
    file: str
    problems: tuple[dict, ...]


@dataclass(frozen=True)
class BuildReport:
    postings: int
    left_out: tuple[LeftOut, ...]
    site_bytes: int | None


@dataclass(frozen=True)
class Finding:
    """One thing that needs a person: `code` is stable (it decides), the rest is for people."""

    code: str
    title: str
    what_to_do: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class PagesState:
    """How Pages publishes the site; `checked` is False when the token could not read it."""

    checked: bool
    set_up: bool = False
    build_type: str | None = None
    error: str = ""


def _int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HealthInputError(f"the build report's {what} must be a whole number of 0 or more")
    return value


def parse_build_report(data: object) -> BuildReport:
    """A BuildReport from the decoded JSON, or HealthInputError saying what is wrong with it."""
    if not isinstance(data, dict) or data.get("schema") != BUILD_REPORT_SCHEMA:
        raise HealthInputError(f"not a build report: expected \"schema\": \"{BUILD_REPORT_SCHEMA}\"")
    left_out = data.get("left_out", [])
    if not isinstance(left_out, list):
        raise HealthInputError("the build report's left_out must be a list")
    entries = []
    for entry in left_out:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise HealthInputError("each left_out entry needs a \"file\" (text)")
        problems = entry.get("problems", [])
        if not isinstance(problems, list) or not all(isinstance(p, dict) for p in problems):
            raise HealthInputError("each left_out entry's problems must be a list of objects")
        entries.append(LeftOut(entry["file"], tuple(problems)))
    site_bytes = data.get("site_bytes")
    return BuildReport(_int(data.get("postings", 0), "postings"), tuple(entries),
                       None if site_bytes is None else _int(site_bytes, "site_bytes"))


def read_build_report(path: str | os.PathLike) -> BuildReport:
    return parse_build_report(read_json(path, "build report", REPORT_LIMIT, HealthInputError))


def _outcome(value: str | None, what: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in OUTCOMES:
        raise HealthInputError(f"{what} must be one of {', '.join(OUTCOMES)}, not {value!r}")
    return value


def _problem_line(problem: dict) -> str:
    where = f"{problem.get('line', '?')}:{problem.get('column', '?')}"
    text = f"line {markdown_text(where)}: {markdown_text(problem.get('message', ''))}"
    if problem.get("code"):
        text += f" ({markdown_text(problem['code'])})"
    if problem.get("hint"):
        text += f" — {markdown_text(problem['hint'])}"
    return text


def _left_out_details(left_out: tuple[LeftOut, ...]) -> tuple[str, ...]:
    lines = []
    for entry in left_out[:SHOWN_FILES]:
        lines.append(f"`{entry.file}`" if re.fullmatch(r"[A-Za-z0-9._/-]+", entry.file)
                     else markdown_text(entry.file))
        lines += [f"  - {_problem_line(p)}" for p in entry.problems[:SHOWN_PROBLEMS]]
        if len(entry.problems) > SHOWN_PROBLEMS:
            lines.append(f"  - … and {len(entry.problems) - SHOWN_PROBLEMS} more")
    if len(left_out) > SHOWN_FILES:
        lines.append(f"… and {len(left_out) - SHOWN_FILES} more postings: the run's build report lists them all")
    return tuple(lines)


def assess(*, build_outcome: str | None, deploy_outcome: str | None, report: BuildReport | None,
           report_error: str = "", site_bytes: int | None = None, pages: PagesState | None = None) -> list[Finding]:
    """Everything that needs a person, most urgent first; an empty list when all is well."""
    build_outcome = _outcome(build_outcome, "the build outcome")
    deploy_outcome = _outcome(deploy_outcome, "the deploy outcome")
    findings = []
    # a cancelled job was stopped by someone, or replaced by a newer run in the pages queue: no finding
    if build_outcome == "failure":
        findings.append(Finding(
            "build-failed", "The site was not built, so today's board was not published.",
            "Open the failed run (Actions tab, or the link at the end), read the step that failed, fix it "
            "and run the workflow again from the Actions tab (Run workflow). The published site stays as it was."))
    elif deploy_outcome == "failure":
        findings.append(Finding(
            "deploy-failed", "The site was built but not deployed to GitHub Pages.",
            "Open the failed run (Actions tab, or the link at the end). If it says Pages is not enabled or "
            "the environment refused the deployment, see the Pages finding or Settings → Environments → github-pages; "
            "a passing outage at GitHub needs only Re-run failed jobs."))
    if report is None and build_outcome == "success":
        findings.append(Finding(
            "no-build-report", "The build finished but wrote no build report, so left-out postings are unknown.",
            "Check that the workflow runs `python -m generator build --report FILE` and that the "
            "installed generator is up to date.", (markdown_text(report_error),) if report_error else ()))
    if report is not None and report.left_out:
        findings.append(Finding(
            "left-out", f"{len(report.left_out)} posting(s) were left out of the site because they have errors.",
            "Fix each file below (or ask its owners to), or remove it. "
            "`python -m generator validate` shows the same problems locally.", _left_out_details(report.left_out)))
    size = site_bytes if site_bytes is not None else (report.site_bytes if report else None)
    if size is not None and size > SIZE_WARNING_SHARE * PAGES_LIMIT_BYTES:
        findings.append(Finding(
            "site-size", f"The site is {megabytes(size)} as GitHub Pages receives it, over {SIZE_WARNING_SHARE:.0%} of GitHub Pages' "
            f"{megabytes(PAGES_LIMIT_BYTES)} limit; past the limit Pages refuses to publish it.", SIZE_ADVICE))
    if pages is not None and pages.checked and not pages.set_up:
        findings.append(Finding(
            "pages-missing", "GitHub Pages is not set up for this repository, so the board cannot be published.",
            "Settings → Pages → Build and deployment → Source: choose GitHub Actions."))
    elif pages is not None and pages.checked and pages.build_type != "workflow":
        findings.append(Finding(
            "pages-source", "GitHub Pages publishes from a branch, not from the deploy workflow: "
            "the site people see is not the board this repository builds.",
            "Settings → Pages → Build and deployment → Source: choose GitHub Actions."))
    return findings


def codes_in(body: str) -> set[str]:
    """The finding codes recorded in an earlier health issue's body (our own hidden line)."""
    match = _CODES.search(body or "")
    return {c.strip() for c in match.group(1).split(",") if c.strip()} if match else set()


def issue_body(findings: list[Finding], *, run_url: str = "", today: str = "") -> str:
    lines = [HEALTH_MARKER, f"<!-- microboard-health-codes: {', '.join(f.code for f in findings)} -->",
             f"The daily run{' on ' + today if today else ''} found {len(findings)} thing(s) that need a person. "
             "This issue is updated by each daily run and closed by the first run that finds all well.", ""]
    for number, finding in enumerate(findings, 1):
        lines += [f"### {number}. {finding.title}", "", f"**What to do:** {finding.what_to_do}", ""]
        lines += [f"- {d}" if not d.startswith("  ") else d for d in finding.details]
        if finding.details:
            lines.append("")
    if run_url:
        lines.append(f"The run: {run_url}")
    return "\n".join(lines).rstrip() + "\n"


def new_findings_comment(findings: list[Finding], earlier: set[str]) -> str | None:
    """A comment naming findings that were not in the issue before (a comment notifies; an edit does not)."""
    new = [f for f in findings if f.code not in earlier]
    if not new:
        return None
    return "New since the last run:\n\n" + "\n".join(f"- {f.title}" for f in new) + "\n\nDetails are in the issue above."


def all_well_comment(today: str = "", run_url: str = "") -> str:
    when = f" on {today}" if today else ""
    return (f"All is well again: the daily run{when} built and deployed the board with every posting, "
            f"and found nothing else to fix. Closing.{' ' + run_url if run_url else ''}")


def summary(findings: list[Finding]) -> str:
    """The job summary: the same findings, short."""
    if not findings:
        return "### Board health\n\nAll is well: nothing needs a person.\n"
    return "### Board health\n\n" + "\n".join(f"- **{f.title}** {f.what_to_do}" for f in findings) + "\n"
