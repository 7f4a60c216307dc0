"""A first-time employer posts the same realistic project by each route, and it is valid on the first attempt.

The employer: a small food co-op with a 20-hour survey-analysis project paying 600 USD, applications open
until a date next month. Each route is played as the employer would: the issue form's fields are answered
by their visible labels (the body is then what GitHub writes for those answers), `python -m generator new`
is answered at its prompts, and the web form is filled in Chromium from the home page
(tests/test_employer_walkthrough_browser.py).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, TODAY

APPLY_BY = (TODAY.replace(day=1) + dt.timedelta(days=45)).replace(day=15)  # the 15th of next month
CO_OP = {
    "Organization name": "Northside Food Co-op",
    "Organization website": "https://northside-coop.example.org",
    "About the organization": "A member-owned grocery co-op with 2,400 member households.",
    "Title": "Analyze our member survey",
    "Summary": "Turn 800 member survey answers into five findings the board can act on.",
    "Description": ("Our members answered a 30-question survey about prices, opening hours and local produce. "
                    "We need someone to clean the answers, find what matters most to members, and explain it "
                    "plainly to our volunteer board."),
    "Deliverables": "A cleaned spreadsheet of the answers\nA five-page summary of findings with charts",
    "Field": "data",
    "Skills": "Data analysis\nSurvey design\nExcel",
    "Estimated hours": "20",
    "Apply by": APPLY_BY.isoformat(),
    "Duration in weeks": "3",
    "Pay type": "fixed",
    "Amount": "600",
    "Currency": "USD",
    "Work arrangement": "remote",
    "Country": "US",
    "Mentor": "Rosa Diaz, operations manager",
    "Check-ins": "weekly",
    "Application e-mail": "jobs@northside-coop.example.org",
    "Owners": "rosa-diaz",
    "Status": "open",
    "Posted on": TODAY.isoformat(),
}


def issue_form_body(answers: dict[str, str]) -> str:
    """The body GitHub writes when the issue form is submitted with these answers, found by visible label."""
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "post-a-project.yml").read_text(encoding="utf-8"))
    parts = []
    for item in form["body"]:
        if item["type"] == "markdown":
            continue
        label = item["attributes"]["label"]
        empty = "None" if item["type"] == "dropdown" else "_No response_"
        parts.append(f"### {label}\n\n{answers.get(label) or empty}")
    return "\n\n".join(parts).replace("\n", "\r\n")  # typed in the browser: CRLF line ends


def _run(*argv: str, cwd: Path, stdin: str | None = None, interactive: bool = False) -> subprocess.CompletedProcess:
    if interactive:  # answer the prompts as a person at a terminal would
        code = ("import sys; sys.stdin.isatty = lambda: True; from generator.cli import main; "
                f"sys.exit(main({list(argv)!r}))")
        command = [sys.executable, "-c", code]
    else:
        command = [sys.executable, "-m", "generator", *argv]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=cwd)


def _assert_valid(board: Path, relative: str) -> dict:
    done = _run("validate", relative, "--format", "json", "--today", TODAY.isoformat(), cwd=board)
    report = json.loads(done.stdout)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert done.returncode == 0 and errors == [], errors
    return yaml.safe_load((board / relative).read_text(encoding="utf-8"))


def _assert_the_co_op_posting(data: dict) -> None:
    assert data["title"] == CO_OP["Title"] and data["hours"] == 20 and data["field"] == "data"
    assert data["compensation"]["type"] == "fixed" and data["compensation"]["amount"] == 600
    assert data["timeline"]["apply_by"] == APPLY_BY.isoformat()


def test_the_issue_form_route_gives_a_valid_posting_first_time(tmp_path):
    (tmp_path / "projects").mkdir()
    body = tmp_path / "issue-body.md"
    body.write_text(issue_form_body(CO_OP), encoding="utf-8", newline="")
    done = _run("from-issue", "--body-file", str(body), "--author", "rosa-diaz", "--write", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "projects").rglob("*.yaml"))
    assert written == ["projects/northside-food-co-op/analyze-our-member-survey.yaml",
                       "projects/northside-food-co-op/organization.yaml"]
    data = _assert_valid(tmp_path, written[0])
    _assert_the_co_op_posting(data)
    assert data["owners"] == ["rosa-diaz"]
    organization = yaml.safe_load((tmp_path / written[1]).read_text(encoding="utf-8"))
    assert organization["name"] == "Northside Food Co-op" and organization["owners"] == ["rosa-diaz"]


def test_the_command_line_route_gives_a_valid_posting_first_time(tmp_path):
    (tmp_path / "projects").mkdir()
    prompts = ["Northside Food Co-op", CO_OP["Organization website"], CO_OP["About the organization"],
               CO_OP["Title"], "data", "rosa-diaz", "20", "600", APPLY_BY.isoformat(), "yes"]
    done = _run("new", cwd=tmp_path, stdin="\n".join(prompts) + "\n", interactive=True)
    assert done.returncode == 0, done.stdout + done.stderr
    relative = "projects/northside-food-co-op/analyze-our-member-survey.yaml"
    text = (tmp_path / relative).read_text(encoding="utf-8")
    # the starter marks what only the employer can write; they replace it in their editor, then check it
    assert "TODO" in text
    data = yaml.safe_load(text)
    todo = {key for key, value in data.items() if "TODO" in json.dumps(value)}
    assert todo == {"summary", "description", "deliverables", "skills", "mentorship", "apply"}, todo
    data["summary"], data["description"] = CO_OP["Summary"], CO_OP["Description"]
    data["deliverables"] = CO_OP["Deliverables"].split("\n")
    data["skills"] = CO_OP["Skills"].split("\n")
    data["mentorship"]["mentor"] = CO_OP["Mentor"]
    data["apply"]["email"] = CO_OP["Application e-mail"]
    (tmp_path / relative).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _assert_the_co_op_posting(_assert_valid(tmp_path, relative))
