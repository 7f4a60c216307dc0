"""What a build publishes, and what it tells people about the postings it leaves out.

A posting the validator refuses at build time (an upgrade tightened a rule, a file was merged
without checks) must not take the whole board down: it is left out, named with its problems,
and the rest is published. A strict build fails instead. The build report and the job summary
are the two places an operator reads about it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from generator.model import Project
from generator.problems import Problem
from generator.report import markdown_text
from generator.validate import Result

REPORT_SCHEMA = "microboard-build-report/1"
PAGES_LIMIT_BYTES = 1_000_000_000  # GitHub Pages refuses a published site over 1 GB
SIZE_WARNING_SHARE = 0.8
SIZE_ADVICE = ("Remove closed postings you no longer need to show, or publish the site somewhere without that "
               "limit; docs/benchmarks.md shows how the site grows with the number of postings.")
SUMMARY_LIMIT = 50  # postings listed in a job summary; the report lists them all


@dataclass(frozen=True)
class LeftOut:
    """A posting file the build did not publish, and the errors that kept it out."""

    file: str
    problems: tuple[Problem, ...]


@dataclass
class Selection:
    """The postings to publish, the ones left out, and the warnings about the published ones."""

    projects: list[Project] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def select(result: Result) -> Selection:
    """Split a validation result: every posting without an error is published, every file with one left out."""
    by_file: dict[str, list[Problem]] = {}
    for problem in result.errors:
        by_file.setdefault(problem.file, []).append(problem)
    projects = [project for project in result.projects if project.path not in by_file]
    left_out = [LeftOut(name, tuple(problems)) for name, problems in sorted(by_file.items())]
    warnings = [problem for problem in result.warnings if problem.file not in by_file]
    return Selection(projects, left_out, warnings)


# ---------------------------------------------------------------- the build report


def site_bytes(site_dir: Path) -> int:
    """Total size of the files of a built site."""
    return sum(path.stat().st_size for path in Path(site_dir).rglob("*") if path.is_file())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


def size_note(built_bytes: int) -> tuple[bool, str]:
    """(too close to the limit?, a line on the site's size against GitHub Pages' limit)."""
    share = built_bytes / PAGES_LIMIT_BYTES
    line = (f"the site is {megabytes(built_bytes)}, {share:.0%} of GitHub Pages' {megabytes(PAGES_LIMIT_BYTES)} "
            "limit")
    if share > SIZE_WARNING_SHARE:
        return True, f"{line}; past the limit Pages refuses to publish it. {SIZE_ADVICE}"
    return False, line


def tell_size(site_dir: Path) -> int:
    """Print the built site's size against GitHub Pages' limit (a warning past 80 %); returns the size."""
    import sys

    built = site_bytes(site_dir)
    warn, line = size_note(built)
    print(f"{'WARNING' if warn else 'INFO   '} -  microboard: {line}", file=sys.stderr)
    return built


def report_data(selection: Selection | None, built_bytes: int) -> dict:
    """The build report (`python -m generator build --report FILE`), schema microboard-build-report/1."""
    selection = selection or Selection()
    return {
        "schema": REPORT_SCHEMA,
        "postings": len(selection.projects),
        "left_out": [{"file": item.file,
                      # each problem as Problem.as_dict gives it, less the file named once above
                      "problems": [{k: v for k, v in p.as_dict().items() if k != "file"} for p in item.problems]}
                     for item in selection.left_out],
        "site_bytes": built_bytes,
    }


def write_report(path: Path, selection: Selection | None, built_bytes: int) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report_data(selection, built_bytes), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")


# ---------------------------------------------------------------- the job summary


def summary_markdown(selection: Selection, strict: bool = False) -> str:
    """A short Markdown section naming each left-out posting and its first problem (text from strangers, escaped)."""
    count = len(selection.left_out)
    if strict:
        head = f"### The site was not built: {count} posting{'' if count == 1 else 's'} with errors (strict build)"
        line = "Fix these files; without `--strict` the build leaves them out and publishes the rest."
    else:
        head = f"### {count} posting{' was' if count == 1 else 's were'} left out of the site"
        line = f"{len(selection.projects)} published. Fix these files to publish them too."
    lines = [head, "", line, ""]
    for item in selection.left_out[:SUMMARY_LIMIT]:
        first = item.problems[0]
        more = f" (and {len(item.problems) - 1} more)" if len(item.problems) > 1 else ""
        lines.append(f"- {markdown_text(item.file)}:{first.line}:{first.column}: {markdown_text(first.message)} "
                     f"\\[{markdown_text(first.code)}\\]{more}")
    if count > SUMMARY_LIMIT:
        lines.append(f"- and {count - SUMMARY_LIMIT} more postings; the build log names them all")
    return "\n".join(lines) + "\n\n"


def append_step_summary(selection: Selection, strict: bool = False, environ: Mapping[str, str] = os.environ) -> bool:
    """Append the left-out postings to the GitHub job summary when there is one and something was left out."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target or not selection.left_out:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(summary_markdown(selection, strict))
    return True
