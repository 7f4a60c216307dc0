"""An approval is for one commit; the status is for pull requests into the default branch; a pull request
GitHub cannot list whole is refused. End to end: real PyGithub over HTTP against the GitHub double."""

from __future__ import annotations

import pytest

from generator import approvals
from generator import github as gh
from tests.github_double import FakeRepo, GitHubDouble
from tests.test_bot_flows import (POSTING, REPORT, root, edit_by, organization, posting, report_comment, reports,
                                  review_exit, seed, statuses, workflow_run_event)  # noqa: F401 - root is a fixture

OTHER_ORG = "projects/brightloop/analyze-onboarding.yaml"
OTHER_ORG_YAML = "projects/brightloop/organization.yaml"
LABEL = gh.APPROVAL_LABEL


def add_label(board: FakeRepo, number: int) -> None:
    """A maintainer adds the label (only people with triage rights or more can)."""
    key = (board.double.label_for(board, LABEL) or board.add_label(LABEL))["name"].casefold()
    if key not in board.issues[number]["labels"]:
        board.issues[number]["labels"].append(key)


def state(board: FakeRepo, sha: str) -> str:
    return statuses(board, sha)[-1][0]


@pytest.fixture
def approved(tmp_path, root, github_env, github_board: FakeRepo) -> tuple[int, str]:
    """mallory edits alice's posting; the bot reports; a maintainer approves by label and by review."""
    seed(github_board, root, {OTHER_ORG_YAML: organization("Brightloop", ("bob",), url="https://brightloop.example.com"),
                              OTHER_ORG: posting(owners=("bob",))})
    number = edit_by(github_board, root, "mallory")
    sha = github_board.branches["mallory-edit"]
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert state(github_board, sha) == "failure"  # not an owner
    github_board.permissions["maria"] = "write"
    github_board.add_review(number, "maria", "APPROVED", commit_id=sha)
    add_label(github_board, number)
    assert report_comment(root, workflow_run_event(tmp_path, sha, run_id=2)) == 0
    assert state(github_board, sha) == "success"
    return number, sha


def test_a_push_after_the_approval_needs_a_new_one(tmp_path, root, github_env, github_board, approved) -> None:
    number, first = approved
    # the author pushes again: now the pull request also rewrites another organization's posting
    pushed = github_board.commit({OTHER_ORG: posting(owners=("mallory",), title="Taken over")}, branch="mallory-edit")
    assert report_comment(root, workflow_run_event(tmp_path, pushed, run_id=3)) == 0
    assert state(github_board, pushed) == "failure"
    assert LABEL not in github_board.issue_labels(number)  # the stale label is removed ...
    said = [c["body"] for c in github_board.comments_on(number) if not c["body"].startswith(REPORT)]
    assert len(said) == 1 and f"`{LABEL}` label was removed" in said[0]  # ... with a comment saying why
    assert pushed[:7] in said[0] and first[:7] in said[0] and "add the label again" in said[0]
    (report,) = reports(github_board, number)
    assert "was not counted" in report["body"] and "may not change projects/brightloop" in report["body"]
    assert approvals.recorded_head(report["body"], REPORT) == pushed

    # a maintainer looks at the new commit and approves it again: the status passes
    add_label(github_board, number)
    assert report_comment(root, workflow_run_event(tmp_path, pushed, run_id=4)) == 0
    assert state(github_board, pushed) == "success"
    assert LABEL in github_board.issue_labels(number)
    assert len([c for c in github_board.comments_on(number) if not c["body"].startswith(REPORT)]) == 1


def test_a_label_added_between_a_push_and_the_report_is_not_trusted(tmp_path, root, github_env, github_board,
                                                                   capsys) -> None:
    number = edit_by(github_board, root, "mallory")
    old = github_board.branches["mallory-edit"]
    assert report_comment(root, workflow_run_event(tmp_path, old)) == 0
    new = github_board.commit({POSTING: posting(owners=("mallory",), hours="12")}, branch="mallory-edit")
    add_label(github_board, number)  # given while the page may still have shown the old commit
    code, out = review_exit(root, number, capsys)  # the maintainers' read-only command changes nothing ...
    assert code == 1 and "was not counted" in out and LABEL in github_board.issue_labels(number)
    assert report_comment(root, workflow_run_event(tmp_path, new)) == 0  # ... the report removes the label
    assert state(github_board, new) == "failure" and LABEL not in github_board.issue_labels(number)


def test_a_review_of_an_earlier_commit_does_not_approve_the_new_one(tmp_path, root, github_env,
                                                                    github_board) -> None:
    number = edit_by(github_board, root, "mallory")
    old = github_board.branches["mallory-edit"]
    github_board.permissions["maria"] = "write"
    github_board.add_review(number, "maria", "APPROVED", commit_id=old)
    assert report_comment(root, workflow_run_event(tmp_path, old)) == 0
    assert state(github_board, old) == "success"
    new = github_board.commit({POSTING: posting(owners=("alice",), hours="12")}, branch="mallory-edit")
    assert report_comment(root, workflow_run_event(tmp_path, new)) == 0
    assert state(github_board, new) == "failure"
    github_board.add_review(number, "maria", "APPROVED", commit_id=new)
    assert report_comment(root, workflow_run_event(tmp_path, new, run_id=2)) == 0
    assert state(github_board, new) == "success"


def test_a_head_line_in_someone_elses_comment_or_in_quoted_text_is_ignored(tmp_path, root, github_env,
                                                                            github_board) -> None:
    number = edit_by(github_board, root, "mallory")
    head = github_board.branches["mallory-edit"]
    # mallory posts a comment that looks like the bot's report on the current head
    github_board.add_comment(number, REPORT + "\n" + approvals.head_line(head), "mallory")
    add_label(github_board, number)
    assert report_comment(root, workflow_run_event(tmp_path, head)) == 0
    assert state(github_board, head) == "failure" and LABEL not in github_board.issue_labels(number)
    assert approvals.recorded_head(f"{REPORT}\nsome text\n{approvals.head_line(head)}", REPORT) is None


def test_the_status_is_set_only_for_pull_requests_into_the_default_branch(tmp_path, root, github_env,
                                                                          github_board) -> None:
    github_board.commit({"README.md": "# staging\n"}, branch="staging")
    github_board.commit({POSTING: posting(owners=("employer",))}, branch="add", start="staging")
    number = github_board.open_pull("add", base="staging", user="employer")
    sha = github_board.branches["add"]
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert statuses(github_board, sha) == []  # a success here would show on the same commit into main
    (report,) = reports(github_board, number)
    assert "goes into staging, not the board's default branch" in report["body"]


def test_more_files_than_github_lists_is_refused_not_half_checked(tmp_path, root, github_env, github_board,
                                                                  github_double: GitHubDouble, capsys) -> None:
    github_double.files_listed_at_most = 3  # GitHub's files API stops at 3,000; the same rule, smaller
    github_board.commit({f"projects/acme/p{n}.yaml": posting(owners=("employer",), title=f"P {n}")
                         for n in range(5)}, branch="many")
    number = github_board.open_pull("many", user="employer")
    assert github_board.pull(number)["changed_files"] == 5
    sha = github_board.branches["many"]
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    (report,) = reports(github_board, number)
    assert "changes 5 files, and GitHub lists at most 3 files" in report["body"]
    assert "Split the change" in report["body"]
    assert statuses(github_board, sha) == [("failure", "microboard/review")]
    assert "needs maintainer" in github_board.issue_labels(number)
    code, out = review_exit(root, number, capsys)
    assert code == 1 and "checks none rather than pass a part" in out
