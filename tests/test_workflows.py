"""The GitHub Actions workflows and issue forms: audited by zizmor, valid against GitHub's schemas,
and held to the habits of /SECURITY.md by structural checks."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli import build_parser
from tests.conftest import ROOT

WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOWS_DIR.glob("*.yml"))
FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
NAMES = {p.name for p in WORKFLOWS}
DEPENDABOT = ROOT / ".github" / "dependabot.yml"

# Every action the workflows use, pinned to the commit its release tag points to. Read from the
# actions' own repositories (`git rev-parse <tag>^{commit}`). Dependabot's weekly pull request moves
# pins forward (.github/dependabot.yml): the test then holds every workflow to one pin per action.
PINS = {
    "actions/checkout": ("fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09", "v5.1.0"),
    "actions/setup-python": ("ece7cb06caefa5fff74198d8649806c4678c61a1", "v6.3.0"),
    "actions/upload-artifact": ("b7c566a772e6b6bfb58ed0dc250532a479d7789f", "v6.0.0"),
    "actions/download-artifact": ("37930b1c2abaa49bbe596cd826c3c89aef350131", "v7.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
    "actions/create-github-app-token": ("1b10c78c7865c340bc4f6099eb2f838309f1e8c3", "v3.1.1"),
    "actions/cache": ("27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5"),
}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return on if isinstance(on, dict) else {name: None for name in ([on] if isinstance(on, str) else on)}


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def workflow(name: str) -> dict:
    return load(WORKFLOWS_DIR / name)


def test_the_expected_workflows_exist() -> None:
    assert NAMES == {"validate.yml", "report.yml", "issue-to-pr.yml", "deploy.yml", "daily.yml", "housekeeping.yml",
                     "tests.yml"}


# -- the auditors -------------------------------------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return path


def test_zizmor_finds_nothing() -> None:
    """Offline audit, pedantic persona (a superset of the regular one); ignores need an inline reason."""
    done = subprocess.run([_tool("zizmor"), "--offline", "--pedantic", "--format", "json", str(WORKFLOWS_DIR),
                           str(DEPENDABOT)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    findings = json.loads(done.stdout or "[]")
    assert findings == [], json.dumps(findings, indent=1)[:4000]
    assert done.returncode == 0, done.stderr


def test_every_zizmor_ignore_says_why() -> None:
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "zizmor:" not in line:
                continue
            match = re.search(r"# zizmor: ignore\[[a-z-]+(?:,\s*[a-z-]+)*\](.*)$", line)
            assert match, f"{path.name}:{number}: malformed zizmor comment"
            assert len(match.group(1).strip()) >= 20, f"{path.name}:{number}: say why the finding is accepted"


def _check_jsonschema(schema: str, files: list[Path]) -> None:
    done = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflows_match_githubs_schema() -> None:
    _check_jsonschema("vendor.github-workflows", WORKFLOWS)


def test_issue_forms_match_githubs_schema() -> None:
    forms = [p for p in FORMS if p.name != "config.yml"]
    assert {p.name for p in forms} >= {"post-a-project.yml", "edit-or-close.yml", "report-a-problem.yml"}
    _check_jsonschema("vendor.github-issue-forms", forms)
    _check_jsonschema("vendor.github-issue-config", [p for p in FORMS if p.name == "config.yml"])


# -- habits every workflow keeps -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_empty_at_the_top_and_explicit_per_job(path: Path) -> None:
    data = load(path)
    assert data["permissions"] == {}
    for job_id, job in data["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], f"{job_id}: say what it needs"
        assert "write-all" not in str(job["permissions"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not re.match(r"\s*(- )?uses:", line):
            continue
        match = re.fullmatch(r"\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+(?:\.\d+)*)", line)
        assert match, f"{path.name}:{number}: pin by a 40-hex commit with `# vX.Y.Z`: {line.strip()}"
        action, sha, version = match.groups()
        assert action in PINS, f"{path.name}:{number}: {action} is new: add it to PINS with its pinned commit"
        # Dependabot moves pins; until then they are the ones read from the actions' repositories
        assert all(pin == (sha, version) for pin in _pins_in_workflows()[action]), (
            f"{path.name}:{number}: {action} is pinned differently in another workflow")


def _pins_in_workflows() -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for action, sha, version in re.findall(r"uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v[\d.]+)",
                                               path.read_text(encoding="utf-8")):
            found.setdefault(action, set()).add((sha, version))
    return found


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    checkouts = [s for _, s in steps(load(path)) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_shell_line(path: Path) -> None:
    """User-controlled values reach commands through env: or $GITHUB_EVENT_PATH, never `${{ }}` in run:."""
    for job_id, step in steps(load(path)):
        run = step.get("run")
        if run is not None:
            assert "${{" not in run, f"{job_id}: {run}"
            assert "github.event" not in run
    text = path.read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    assert "GITHUB_ENV" not in text


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_generator_command_exists(path: Path) -> None:
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    for _, step in steps(load(path)):
        run = step.get("run") or ""
        for line in run.split("\n"):
            if "python -m generator" in line:
                words = shlex.split(line.split("python -m generator", 1)[1])
                while words and words[0].startswith("--"):
                    words = words[2:]  # global options: --root DIR
                assert words and words[0] in commands, line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    for job_id, job in load(path)["jobs"].items():
        assert 0 < job.get("timeout-minutes", 0) <= 30, job_id


# -- each workflow's trigger, permissions and trust -----------------------------------------------------------


def test_validate_runs_the_base_branchs_code_over_the_pull_request_as_data() -> None:
    data = workflow("validate.yml")
    assert set(triggers(data)) == {"pull_request", "pull_request_review"}
    assert "paths" not in (triggers(data)["pull_request"] or {})  # every pull request gets the required check
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert data["concurrency"]["cancel-in-progress"] is True
    base, head = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert base["with"] == {"ref": "${{ github.event.pull_request.base.sha }}", "path": "base",
                            "persist-credentials": False}
    assert head["with"] == {"path": "pr", "persist-credentials": False}
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert any("pip install" in r and "./base" in r for r in runs) and not any("./pr" in r or " pr/" in r for r in runs)
    check = next(r for r in runs if "pr-check" in r)
    assert "--base-dir base --head-dir pr" in check and '"$GITHUB_STEP_SUMMARY"' in check
    assert any("--root staged build" in r for r in runs)
    upload = next(s for s in job["steps"] if "upload-artifact@" in str(s.get("uses", "")))
    assert upload["with"]["name"] == "microboard-report" and upload["if"] == "${{ !cancelled() }}"


def test_report_never_runs_pull_request_code_and_finds_the_pull_request_itself() -> None:
    data = workflow("report.yml")
    assert triggers(data) == {"workflow_run": {"workflows": [workflow("validate.yml")["name"]],
                                               "types": ["completed"]}}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "write", "issues": "write",
                                  "statuses": "write"}
    (checkout,) = [s for s in job["steps"] if "checkout@" in str(s.get("uses", ""))]
    assert checkout["with"] == {"persist-credentials": False}  # the default branch, not the pull request
    download = next(s for s in job["steps"] if "download-artifact@" in str(s.get("uses", "")))
    assert download["with"]["name"] == "microboard-report"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert download["with"]["path"].startswith("${{ runner.temp }}")  # not into the checkout
    assert download.get("continue-on-error") is True
    comment = next(s for s in job["steps"] if "report-comment" in s.get("run", ""))
    assert '--event "$GITHUB_EVENT_PATH"' in comment["run"]
    assert comment["env"]["GITHUB_TOKEN"] == "${{ github.token }}"


def test_issue_to_pr_reads_the_event_file_and_runs_one_per_issue() -> None:
    data = workflow("issue-to-pr.yml")
    assert triggers(data) == {"issues": {"types": ["opened", "edited", "reopened"]}}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write", "statuses": "write"}
    assert "'new posting'" in job["if"] and "'[Post]'" in job["if"]
    assert job["concurrency"] == {"group": "issue-to-pr-${{ github.event.issue.number }}",
                                  "cancel-in-progress": False}
    command = next(s for s in job["steps"] if "issue-to-pr" in s.get("run", ""))
    assert command["run"] == 'python -m generator issue-to-pr --event "$GITHUB_EVENT_PATH"'
    assert "issue.body" not in (WORKFLOWS_DIR / "issue-to-pr.yml").read_text(encoding="utf-8")
    app = next(s for s in job["steps"] if "create-github-app-token@" in str(s.get("uses", "")))
    assert app["if"] == "${{ vars.MICROBOARD_APP_CLIENT_ID != '' }}"  # optional
    assert command["env"]["GITHUB_TOKEN"] == "${{ steps.app-token.outputs.token || github.token }}"


def test_deploy_uses_the_official_pages_actions_and_never_cancels_a_deployment() -> None:
    data = workflow("deploy.yml")
    on = triggers(data)
    assert on == {"push": {"branches": ["main"]}, "workflow_dispatch": None}  # the schedule lives in daily.yml
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    used = [str(s.get("uses", "")).split("@")[0] for _, s in steps(data)]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    assert any("python -m generator build" in s.get("run", "") for s in build["steps"])


def test_housekeeping_is_daily_and_one_at_a_time() -> None:
    data = workflow("housekeeping.yml")
    on = triggers(data)
    assert set(on) == {"schedule", "workflow_dispatch"}
    assert data["concurrency"] == {"group": "housekeeping", "cancel-in-progress": False}
    job = data["jobs"]["housekeeping"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write", "statuses": "write"}
    command = next(s for s in job["steps"] if "housekeeping" in s.get("run", ""))
    assert command["env"]["MICROBOARD_REMINDER_ISSUE"] == "${{ vars.MICROBOARD_REMINDER_ISSUE }}"


def test_the_operator_docs_cover_every_workflow() -> None:
    docs = (ROOT / "docs" / "operators" / "github.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert name in docs
    for topic in ("GitHub Actions", "Allow GitHub Actions to create and approve pull requests", "60 days",
                  "maintainer-approved", "create-github-app-token", "MICROBOARD_REMINDER_ISSUE",
                  "MICROBOARD_BOT_LOGINS", "needs maintainer"):
        assert topic in docs, topic


# -- schedules that never stop quietly, an operator who hears, checks for dependency updates ---------------


def test_the_daily_rebuild_is_its_own_workflow_sharing_the_pages_queue() -> None:
    data = workflow("daily.yml")
    assert set(triggers(data)) == {"schedule", "workflow_dispatch"}
    assert data["concurrency"] == workflow("deploy.yml")["concurrency"] == {"group": "pages",
                                                                             "cancel-in-progress": False}
    jobs = data["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    build = next(s["run"] for s in jobs["build"]["steps"] if "generator build" in s.get("run", ""))
    assert "--report" in build


def test_the_daily_health_check_runs_after_any_outcome_with_only_what_it_needs() -> None:
    health = workflow("daily.yml")["jobs"]["health"]
    assert health["needs"] == ["build", "deploy"] and health["if"] == "${{ !cancelled() }}"
    assert health["permissions"] == {"contents": "read", "issues": "write", "pages": "read", "actions": "read"}
    step = next(s for s in health["steps"] if "generator health" in s.get("run", ""))
    assert step["env"]["MICROBOARD_BUILD_OUTCOME"] == "${{ needs.build.result }}"  # through env, never run:
    assert step["env"]["MICROBOARD_DEPLOY_OUTCOME"] == "${{ needs.deploy.result }}"
    doctor = next(s for s in health["steps"] if "generator doctor" in s.get("run", ""))
    assert '--summary "$GITHUB_STEP_SUMMARY"' in doctor["run"] and doctor["continue-on-error"] is True


@pytest.mark.parametrize("name", ["daily.yml", "housekeeping.yml"])
def test_every_schedule_keeps_itself_alive_with_actions_write_alone(name: str) -> None:
    data = workflow(name)
    assert "schedule" in triggers(data)
    keep = data["jobs"]["keepalive"]
    assert keep["permissions"] == {"actions": "write", "contents": "read"}
    (command,) = [s for s in keep["steps"] if "run" in s and "generator" in s["run"]]
    assert command["run"] == "python -m generator keepalive"
    assert command["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    others = [job for job_id, job in data["jobs"].items() if job_id != "keepalive"]
    assert all("actions" not in job["permissions"] or job["permissions"]["actions"] == "read" for job in others)


def test_scheduled_workflows_are_the_ones_keepalive_finds() -> None:
    from generator.doctor import scheduled_workflows

    assert scheduled_workflows(ROOT) == sorted(n for n in NAMES if "schedule" in triggers(workflow(n)))
    assert scheduled_workflows(ROOT) == ["daily.yml", "housekeeping.yml"]


def test_dependency_updates_get_the_generators_tests_with_their_own_lock() -> None:
    data = workflow("tests.yml")
    on = triggers(data)
    assert set(on) == {"pull_request"}
    for path in ("requirements/**", "pyproject.toml", ".github/**", "generator/**"):
        assert path in on["pull_request"]["paths"]
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "--require-hashes -r requirements/test.txt" in runs and "python -m pytest" in runs
    assert "build --strict" in runs


def test_dependabot_updates_the_lock_and_the_action_pins_weekly_in_one_pull_request_each() -> None:
    _check_jsonschema("vendor.dependabot", [DEPENDABOT])
    updates = {u["package-ecosystem"]: u for u in load(DEPENDABOT)["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly" and update["directory"] == "/"
        (group,) = update["groups"].values()
        assert group["patterns"] == ["*"]
    assert updates["pip"]["versioning-strategy"] == "lockfile-only"  # pyproject's ranges stay the truth
    # Dependabot's pip-compile support pairs each lock with its .in file
    for name in ("runtime", "test"):
        assert (ROOT / "requirements" / f"{name}.in").is_file() and (ROOT / "requirements" / f"{name}.txt").is_file()
    assert (ROOT / ".python-version").is_file()
