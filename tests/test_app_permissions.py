"""The GitHub App's permissions: what the workflows ask for is what the operators' guide tells operators to grant.

actions/create-github-app-token fails when a `permission-*` input asks for a permission the App was not
granted, so one permission missing from the guide breaks the bot on every board that followed it.
The guide's table is the one list; the workflows are checked against it, and against their own jobs.
"""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "operators" / "github.md"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
APP_TOKEN_ACTION = "actions/create-github-app-token"
LEVELS = {"read": 1, "write": 2}


def guide_permissions(text: str) -> dict[str, str]:
    """`permission-<name>: <level>` from the guide's table of App permissions (the third column)."""
    rows = [line for line in text.splitlines() if re.match(r"\s*\|.*\|\s*$", line)]
    found: dict[str, str] = {}
    header_seen = False
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if cells[:3] == ["App permission", "Access", "Asked for by the workflows as"]:
            header_seen = True
            continue
        if not header_seen or set(cells[0]) <= {"-"}:
            continue
        match = re.fullmatch(r"`permission-([a-z-]+): (read|write)`", cells[2]) if len(cells) > 2 else None
        if match is None:
            if found:
                break  # the table ended
            continue
        found[match.group(1)] = match.group(2)
    assert header_seen, "the guide has no table of App permissions"
    return found


def app_token_steps() -> list[tuple[str, str, dict, dict]]:
    """(workflow, job, the step's `with:`, the job's `permissions:`) for every App token step."""
    steps = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_name, job in (workflow.get("jobs") or {}).items():
            for step in job.get("steps") or []:
                if str(step.get("uses", "")).split("@")[0] == APP_TOKEN_ACTION:
                    steps.append((path.name, job_name, step.get("with") or {}, job.get("permissions") or {}))
    return steps


def requested(with_: dict) -> dict[str, str]:
    return {key.removeprefix("permission-"): value for key, value in with_.items() if key.startswith("permission-")}


def test_the_guide_lists_the_app_permissions() -> None:
    assert guide_permissions(GUIDE.read_text(encoding="utf-8")) == {
        "contents": "write", "pull-requests": "write", "issues": "write", "statuses": "write"}


def test_every_permission_a_workflow_asks_the_app_for_is_in_the_guide() -> None:
    granted = guide_permissions(GUIDE.read_text(encoding="utf-8"))
    steps = app_token_steps()
    assert steps, "no workflow makes an App token"
    asked_anywhere = set()
    for workflow, job, with_, _ in steps:
        asked = requested(with_)
        assert asked, f"{workflow} ({job}) asks for every permission the App has: name them instead"
        for name, level in asked.items():
            assert name in granted, f"{workflow} asks for permission-{name}, which the guide does not list"
            assert LEVELS[level] <= LEVELS[granted[name]], f"{workflow} asks for {name}: {level}; the guide grants less"
        asked_anywhere |= set(asked)
    # and the guide asks operators for nothing the workflows do not use
    assert asked_anywhere == set(granted)


def test_the_app_token_asks_for_what_its_job_has() -> None:
    for workflow, job, with_, permissions in app_token_steps():
        for name, level in requested(with_).items():
            job_level = permissions.get(name.replace("-", "_")) or permissions.get(name)
            assert job_level == level, f"{workflow} ({job}): the token asks for {name}: {level}, the job has {job_level}"


def test_a_missing_row_is_caught() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    without = "\n".join(line for line in text.splitlines() if "`permission-statuses: write`" not in line)
    assert "statuses" not in guide_permissions(without)
