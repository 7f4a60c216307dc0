"""keepalive, health and doctor end to end: `python -m generator ...` in-process, real PyGithub over HTTP
against the GitHub double, then a look at the requests and at what changed on the double."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import cli, health
from generator.site_size import archive_bytes
from tests.conftest import ROOT
from tests.github_double import FakeRepo, GitHubDouble

WORKFLOWS = {p.name: p.stem for p in sorted((ROOT / ".github" / "workflows").glob("*.yml"))}


def run(*argv: str) -> int:
    return cli.main(list(argv))


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """A checkout with the repository's workflows, issue forms, mkdocs.yml and board.yml (site_url changed)."""
    shutil.copytree(ROOT / ".github", tmp_path / ".github")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    text = (ROOT / "tests" / "data" / "board.yml").read_text(encoding="utf-8")
    (tmp_path / "board.yml").write_text(text.replace("https://example-org.github.io/microboard/",
                                                     "https://acme.github.io/board/"), encoding="utf-8")
    return tmp_path


def report_file(tmp_path: Path, left_out: list[dict] | None = None, site_bytes: int = 12_000_000) -> Path:
    path = tmp_path / "build-report.json"
    path.write_text(json.dumps({"schema": health.BUILD_REPORT_SCHEMA, "postings": 12, "site_bytes": site_bytes,
                                "left_out": left_out or []}), encoding="utf-8")
    return path


def health_run(tmp_path: Path, *, build: str = "success", deploy: str = "success", **report) -> int:
    return run("health", "--build-report", str(report_file(tmp_path, **report)), "--build-outcome", build,
               "--deploy-outcome", deploy)


def health_issues(repo: FakeRepo) -> list[dict]:
    return [i for i in repo.issues.values() if i["body"] and i["body"].startswith(health.HEALTH_MARKER)]


# -- keepalive -------------------------------------------------------------------------------------------


def test_keepalive_re_enables_every_scheduled_workflow_and_nothing_else(
        github_env: GitHubDouble, github_board: FakeRepo, board: Path, capsys) -> None:
    for file, name in WORKFLOWS.items():
        github_board.add_workflow(file, name, "disabled_inactivity" if file == "housekeeping.yml" else "active")
    assert run("--root", str(board), "keepalive") == 0
    enabled = [c.path.rsplit("/", 2)[-2] for c in github_env.calls("PUT", "/actions/workflows/")]
    ids = {str(github_board.workflows[f]["id"]): f for f in WORKFLOWS}
    assert sorted(ids[i] for i in enabled) == ["daily.yml", "housekeeping.yml"]  # the two with a schedule
    assert all(c.path.endswith("/enable") and c.status == 204 for c in github_env.calls("PUT"))
    assert github_board.workflows["housekeeping.yml"]["state"] == "active"
    assert not github_env.calls("POST") and not github_env.calls("PATCH")  # no commits, no dummy activity
    out = capsys.readouterr().out
    assert "kept daily.yml on" in out and "kept housekeeping.yml on (it was disabled inactivity)" in out


def test_keepalive_says_which_workflow_github_does_not_know(github_env: GitHubDouble, github_board: FakeRepo,
                                                           board: Path, capsys) -> None:
    github_board.add_workflow("daily.yml", "Daily rebuild")
    assert run("--root", str(board), "keepalive") == 2
    assert "housekeeping.yml" in capsys.readouterr().err
    assert not github_env.calls("PUT")  # nothing half done: the list is checked first


# -- health ----------------------------------------------------------------------------------------------


def test_a_failed_deploy_opens_one_health_issue_and_a_good_run_closes_it(
        github_env: GitHubDouble, github_board: FakeRepo, tmp_path: Path) -> None:
    github_board.set_pages("workflow")
    assert health_run(tmp_path, deploy="failure") == 0
    (issue,) = health_issues(github_board)
    assert issue["state"] == "open" and issue["user"] == "github-actions[bot]"
    assert issue["title"] == health.HEALTH_TITLE and github_board.issue_labels(issue["number"]) == [health.HEALTH_LABEL]
    assert "not deployed" in issue["body"] and "What to do" in issue["body"]

    assert health_run(tmp_path, deploy="failure") == 0  # the next day, the same problem: no new issue, no noise
    assert len(health_issues(github_board)) == 1 and not github_board.comments_on(issue["number"])

    assert health_run(tmp_path) == 0
    (issue,) = health_issues(github_board)
    assert issue["state"] == "closed"
    (comment,) = github_board.comments_on(issue["number"])
    assert comment["body"].startswith("All is well again")

    assert health_run(tmp_path, deploy="failure") == 0  # it breaks again: the same issue is reopened
    assert len(health_issues(github_board)) == 1 and health_issues(github_board)[0]["state"] == "open"


def test_left_out_postings_are_listed_with_their_problems_and_stranger_text_is_neutralised(
        github_env: GitHubDouble, github_board: FakeRepo, tmp_path: Path) -> None:
    github_board.set_pages("workflow")
    left_out = [{"file": "projects/acme/data-intern.yaml", "problems": [
        {"line": 3, "column": 5, "severity": "error", "code": "pay-below-floor",
         "message": "pay is below the board's floor <img src=x onerror=alert(1)> @everyone [x](javascript:1)",
         "hint": "write at least 20 USD an hour"}]}]
    assert health_run(tmp_path, left_out=left_out) == 0
    (issue,) = health_issues(github_board)
    body = issue["body"]
    assert "`projects/acme/data-intern.yaml`" in body and "line 3:5" in body and "write at least 20 USD" in body
    assert "\\<img" in body and "@\u2060everyone" in body and "\\[x\\]\\(javascript" in body
    assert "<img" not in body.replace("\\<img", "") and "](javascript" not in body


def test_a_new_kind_of_problem_is_announced_in_a_comment(
        github_env: GitHubDouble, github_board: FakeRepo, tmp_path: Path) -> None:
    github_board.set_pages("workflow")
    assert health_run(tmp_path, deploy="failure") == 0
    (issue,) = health_issues(github_board)
    assert health_run(tmp_path, deploy="failure", site_bytes=900_000_000) == 0  # now also near the 1 GB limit
    (comment,) = github_board.comments_on(issue["number"])
    assert "New since the last run" in comment["body"] and "900 MB" in comment["body"]
    assert "900 MB" in health_issues(github_board)[0]["body"]


def test_pages_published_from_a_branch_or_not_set_up_needs_a_person(
        github_env: GitHubDouble, github_board: FakeRepo, tmp_path: Path) -> None:
    github_board.set_pages("legacy")
    assert health_run(tmp_path) == 0
    assert "publishes from a branch" in health_issues(github_board)[0]["body"]
    github_board.set_pages(None)
    assert health_run(tmp_path) == 0
    assert "not set up" in health_issues(github_board)[0]["body"]
    assert len(health_issues(github_board)) == 1


def test_a_look_alike_issue_from_a_stranger_is_never_used(
        github_env: GitHubDouble, github_board: FakeRepo, tmp_path: Path) -> None:
    github_board.set_pages("workflow")
    github_board.add_label(health.HEALTH_LABEL)
    fake = github_board.add_issue("Board health", body=health.HEALTH_MARKER + "\nall fine", user="mallory",
                                  labels=(health.HEALTH_LABEL,))
    assert health_run(tmp_path, deploy="failure") == 0
    assert github_board.issues[fake]["body"].endswith("all fine")
    assert [i["user"] for i in health_issues(github_board)] == ["mallory", "github-actions[bot]"]
    assert health_run(tmp_path) == 0
    assert github_board.issues[fake]["state"] == "open"  # not ours to close


def test_health_reads_only_build_reports_of_the_documented_shape(tmp_path: Path) -> None:
    assert health.read_build_report(report_file(tmp_path)).postings == 12
    for bad in ({"schema": "other/1"}, {"schema": health.BUILD_REPORT_SCHEMA, "postings": -1},
                {"schema": health.BUILD_REPORT_SCHEMA, "left_out": [{"problems": []}]},
                {"schema": health.BUILD_REPORT_SCHEMA, "left_out": "x"}):
        with pytest.raises(health.HealthInputError):
            health.parse_build_report(bad)
    (tmp_path / "bad.json").write_text("[" * 100_000)
    with pytest.raises(health.HealthInputError):
        health.read_build_report(tmp_path / "bad.json")


def test_a_build_that_wrote_no_report_is_a_finding_but_a_failed_build_says_only_that() -> None:
    assert [f.code for f in health.assess(build_outcome="success", deploy_outcome="success", report=None)] == [
        "no-build-report"]
    assert [f.code for f in health.assess(build_outcome="failure", deploy_outcome="skipped", report=None)] == [
        "build-failed"]
    with pytest.raises(health.HealthInputError):
        health.assess(build_outcome="$(rm -rf /)", deploy_outcome=None, report=None)


def test_the_site_size_is_measured_from_the_site_folder_when_given(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_bytes(b"x" * 1000)
    assert archive_bytes(site) == 10240  # the folder, the file's header and two blocks, in one tar record
    findings = health.assess(build_outcome="success", deploy_outcome="success",
                             report=health.BuildReport(1, (), None), site_bytes=801_000_000)
    assert [f.code for f in findings] == ["site-size"]


# -- doctor ----------------------------------------------------------------------------------------------


def test_doctor_in_a_new_fork_says_what_is_missing_in_plain_words(
        github_env: GitHubDouble, github_board: FakeRepo, tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(ROOT / ".github", tmp_path / ".github")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copy(ROOT / "board.yml", tmp_path / "board.yml")  # site_url is still the example
    for file, name in WORKFLOWS.items():
        github_board.add_workflow(file, name, "disabled_fork")
    summary = tmp_path / "summary.md"
    monkeypatch.delenv("MICROBOARD_APP_CLIENT_ID", raising=False)
    assert run("--root", str(tmp_path), "doctor", "--summary", str(summary)) == 1
    out = capsys.readouterr().out
    assert "MISSING site address: site_url in board.yml is still the example" in out
    assert "MISSING GitHub Pages: Pages is not set up: Settings → Pages" in out
    assert "I understand my workflows, go ahead and enable them" in out
    assert "MISSING labels: missing:" in out and "new posting" in out
    # the workflow's token may not see secrets: said plainly, not a traceback
    assert "? " in out and "GitHub shows secrets and variables only to admins" in out
    assert "### Board setup" in summary.read_text(encoding="utf-8")
    assert not [c for c in github_env.calls() if c.method != "GET"]  # a check changes nothing


def test_doctor_is_content_with_a_board_that_is_set_up(
        github_double: GitHubDouble, github_board: FakeRepo, board: Path, monkeypatch, capsys) -> None:
    github_double.tokens["ghp_owner"] = "acme"  # the operator's own token: an admin
    monkeypatch.setenv("GITHUB_API_URL", github_double.url)
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_owner")
    monkeypatch.setenv("GITHUB_REPOSITORY", github_board.full_name)
    monkeypatch.delenv("MICROBOARD_APP_CLIENT_ID", raising=False)
    github_board.set_pages("workflow", "https://acme.github.io/board/")
    for file, name in WORKFLOWS.items():
        github_board.add_workflow(file, name)
    github_board.variables["MICROBOARD_APP_CLIENT_ID"] = "Iv1.abc"
    github_board.secrets.add("MICROBOARD_APP_PRIVATE_KEY")
    assert run("--root", str(board), "doctor", "--create-labels") == 0
    out = capsys.readouterr().out
    assert "MISSING" not in out and "labels: created:" in out and "the GitHub App is configured" in out
    assert run("--root", str(board), "doctor") == 0
    assert "all" in capsys.readouterr().out


def test_doctor_notices_an_app_without_its_key_and_a_token_that_may_not_open_pull_requests(
        github_double: GitHubDouble, github_board: FakeRepo, board: Path, monkeypatch, capsys) -> None:
    github_double.tokens["ghp_owner"] = "acme"
    monkeypatch.setenv("GITHUB_API_URL", github_double.url)
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_owner")
    monkeypatch.setenv("GITHUB_REPOSITORY", github_board.full_name)
    monkeypatch.delenv("MICROBOARD_APP_CLIENT_ID", raising=False)
    github_board.variables["MICROBOARD_APP_CLIENT_ID"] = "Iv1.abc"
    assert run("--root", str(board), "doctor") == 1
    assert "the secret MICROBOARD_APP_PRIVATE_KEY is not" in capsys.readouterr().out
    del github_board.variables["MICROBOARD_APP_CLIENT_ID"]
    assert run("--root", str(board), "doctor") == 1
    assert "Allow GitHub Actions to create and approve pull requests" in capsys.readouterr().out
    github_board.workflow_permissions["can_approve_pull_request_reviews"] = True
    run("--root", str(board), "doctor")
    assert "GITHUB_TOKEN may open pull requests" in capsys.readouterr().out


def test_doctor_offline_checks_the_checkout_only(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    (tmp_path / "mkdocs.yml").write_text("site_name: Board\nsite_url: https://jobs.example.com/\n", encoding="utf-8")
    assert run("--root", str(tmp_path), "doctor", "--offline") == 1
    out = capsys.readouterr().out
    assert "still the example https://jobs.example.com/" in out and "not asked (--offline)" in out
