"""Bounded work for hostile pull requests: what one file and one pull request may cost and report.

A pull request of 20 postings of 60 KB, each packed with mistakes, used to take minutes and
gigabytes in `pr-check` and to write a report of tens of megabytes. These tests hold the limits of
generator/bounds.py: at most 50 problems listed per file and 200 per pull request, each with a line
that counts the rest exactly, costly hints only for listed problems, and a small report.json.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from generator import bounds, cli
from generator.problems import ERROR, WARNING, Problem
from generator.skills import Vocabulary
from generator.validate import validate_text
from generator.settings import Settings
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"
SETTINGS = Settings(today=TODAY)
ORGANIZATION = (SAMPLE.parent / "organization.yaml").read_bytes()  # the sample posting's own organization
ORGANIZATIONS = {"acme": ORGANIZATION}  # the organization.yaml beside projects/acme/*.yaml
SIZE = 60 * 1024


def padded(lines, size: int = SIZE) -> str:
    """The sample posting with generated lines added until the file is just under `size` bytes."""
    text = SAMPLE.read_text(encoding="utf-8")
    out = []
    for index in range(100_000):
        line = lines(index)
        if len(text.encode()) + sum(len(x) + 1 for x in out) + len(line) + 1 > size:
            break
        out.append(line)
    return text + "\n".join(out) + "\n"


def unknown_keys() -> str:
    return padded(lambda i: f"k{i:05d}: x")


def unknown_skills() -> str:
    text = padded(lambda i: f"  - Skill nonsense {i}")
    # move the generated list items under skills:
    head, _, items = text.partition("\n  - Skill nonsense 0")
    items = "  - Skill nonsense 0" + items
    return head.replace("skills:\n", "skills:\n" + items, 1) + "\n"


def counted(problems: list[Problem]) -> int:
    """Problems listed plus those a `more-problems` line counts."""
    total = 0
    for p in problems:
        if p.code == bounds.MORE_PROBLEMS:
            total += int(re.match(r"(\d+) more problem", p.message).group(1))
        else:
            total += 1
    return total


def test_a_file_lists_at_most_fifty_problems_and_counts_the_rest() -> None:
    text = unknown_keys()
    keys = len(re.findall(r"(?m)^k\d{5}: x$", text))
    assert len(text.encode()) <= SIZE and keys > 4000
    result = validate_text(text, "projects/acme/hostile.yaml", SETTINGS, organizations=ORGANIZATIONS)
    assert len(result.problems) == bounds.MAX_PROBLEMS_PER_FILE + 1
    more = result.problems[-1]
    assert more.code == bounds.MORE_PROBLEMS and more.severity == ERROR
    assert counted(result.problems) == keys  # every unknown key is counted, none twice
    assert f"{keys - bounds.MAX_PROBLEMS_PER_FILE} more problem(s) in this file" in more.message
    assert all(p.code == "unknown-field" for p in result.problems[:-1])


def test_closest_matches_are_only_searched_for_listed_skills(monkeypatch) -> None:
    calls = []
    original = Vocabulary.closest

    def closest(self, name):
        calls.append(name)
        return original(self, name)

    monkeypatch.setattr(Vocabulary, "closest", closest)
    text = unknown_skills()
    result = validate_text(text, "projects/acme/skills.yaml", SETTINGS, organizations=ORGANIZATIONS)
    skills = len(re.findall(r"(?m)^  - Skill nonsense \d+$", text))
    assert skills > 2000
    assert len(calls) <= bounds.MAX_PROBLEMS_PER_FILE
    warnings = [p for p in result.problems if p.code == "skill-unknown"]
    assert warnings and len(result.problems) == bounds.MAX_PROBLEMS_PER_FILE + 1
    assert any(p.code == "bad-count" for p in result.problems)  # the too-long list is listed, as an error
    assert result.problems[-1].code == bounds.MORE_PROBLEMS and result.problems[-1].severity == WARNING
    assert counted(result.problems) == skills + 1


def test_the_summary_line_is_a_warning_when_only_warnings_are_left_out() -> None:
    problems = [Problem("f.yaml", i, 1, WARNING, "w", "m") for i in range(1, 60)]
    capped = bounds.cap_file(problems)
    assert capped[-1].severity == WARNING and "9 more problem(s)" in capped[-1].message
    assert "(0 error(s), 9 warning(s))" in capped[-1].message and "line 51" in capped[-1].message


def test_a_pull_request_lists_a_bounded_total_and_counts_every_problem() -> None:
    files = [[Problem(f"f{n}.yaml", i, 1, ERROR, "e", "m") for i in range(1, 80)] for n in range(10)]
    per_file = [bounds.cap_file(p) for p in files]
    capped = bounds.cap_review(per_file)
    listed = [p for problems in capped for p in problems if p.code != bounds.MORE_PROBLEMS]
    assert len(listed) == bounds.MAX_PROBLEMS_PER_REVIEW
    assert sum(counted(problems) for problems in capped) == 10 * 79
    assert all(any(p.is_error for p in problems) for problems in capped)  # no file looks clean


def test_long_quoted_text_is_cut() -> None:
    problem = Problem("f.yaml", 1, 1, ERROR, "unknown-field", "`" + "k" * 50_000 + "` is not a field", "h" * 1000)
    short = bounds.shorten(problem)
    assert len(short.message) == bounds.MAX_TEXT and len(short.hint) == bounds.MAX_TEXT


@pytest.fixture
def hostile_trees(tmp_path: Path) -> tuple[Path, Path]:
    """A base board and a pull request adding 20 postings of 60 KB full of mistakes."""
    base, head = tmp_path / "base", tmp_path / "pr"
    for folder in (base, head):
        (folder / "projects").mkdir(parents=True)
        (folder / "mkdocs.yml").write_text("site_name: Board\nplugins:\n  - microboard\n")
        (folder / "board.yml").write_text("pay_floor: 20\n")
    shapes = [unknown_keys(), unknown_skills()]
    for n in range(20):
        target = head / "projects" / f"org-{n:02d}" / f"posting-{n:02d}.yaml"
        target.parent.mkdir(parents=True)
        (target.parent / "organization.yaml").write_bytes(ORGANIZATION)
        target.write_text(shapes[n % 2], encoding="utf-8")
    return base, head


def test_twenty_hostile_files_make_a_small_report_quickly(hostile_trees, tmp_path) -> None:
    base, head = hostile_trees
    out = tmp_path / "report.json"
    started = time.monotonic()
    code = cli.main(["pr-check", "--base-dir", str(base), "--head-dir", str(head), "--out", str(out),
                     "--format", "text", "--today", TODAY.isoformat()])
    took = time.monotonic() - started
    assert code == 1
    assert out.stat().st_size < 200_000  # it was over 50 MB
    data = json.loads(out.read_text())
    problems = [Problem(**p) for p in data["report"]["problems"]]
    listed = [p for p in problems if p.code != bounds.MORE_PROBLEMS]
    assert len(listed) == bounds.MAX_PROBLEMS_PER_REVIEW
    keys = len(re.findall(r"(?m)^k\d{5}: x$", unknown_keys()))
    first = [p for p in problems if p.file == "projects/org-00/posting-00.yaml"]
    assert first[-1].code == bounds.MORE_PROBLEMS and first[-1].severity == ERROR
    assert counted(first) == keys  # listed or counted, every problem of the file is accounted for
    last = [p for p in problems if p.file == "projects/org-19/posting-19.yaml"]
    assert [p.code for p in last] == [bounds.MORE_PROBLEMS, bounds.MORE_PROBLEMS]  # past the total: counted only
    assert took < 90  # generous for a busy machine: it took 70 to 100 s before the bounds


def test_pr_check_refuses_more_files_than_github_lists(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(bounds, "GITHUB_LISTED_FILES", 3)  # GitHub lists 3,000; the same rule, smaller
    base, head = tmp_path / "base", tmp_path / "pr"
    for folder in (base, head):
        (folder / "projects").mkdir(parents=True)
    for n in range(4):
        (head / "projects" / "acme").mkdir(exist_ok=True)
        (head / "projects" / "acme" / f"p{n}.yaml").write_text(SAMPLE.read_text(encoding="utf-8"))
    out, summary = tmp_path / "report.json", tmp_path / "summary.md"
    code = cli.main(["pr-check", "--base-dir", str(base), "--head-dir", str(head), "--out", str(out),
                     "--summary", str(summary), "--format", "text", "--today", TODAY.isoformat()])
    assert code == 1
    data = json.loads(out.read_text())
    assert data["errors"] == 1 and "changes 4 files, and GitHub lists at most 3 files" in data["refused"]
    assert "Too many files to check" in summary.read_text()


def test_a_pull_request_pays_for_at_most_as_many_suggestions_as_it_lists(hostile_trees, tmp_path,
                                                                         monkeypatch) -> None:
    calls = []
    original = Vocabulary.closest
    monkeypatch.setattr(Vocabulary, "closest", lambda self, name: calls.append(name) or original(self, name))
    base, head = hostile_trees
    cli.main(["pr-check", "--base-dir", str(base), "--head-dir", str(head), "--out", str(tmp_path / "r.json"),
              "--format", "text", "--today", TODAY.isoformat()])
    assert 0 < len(calls) <= bounds.MAX_PROBLEMS_PER_REVIEW  # 10 files of unknown skills, 50 listed each before
