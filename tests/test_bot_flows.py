"""The bot's commands end to end: real PyGithub over HTTP against the GitHub double.

Each test seeds the double (acme/board), writes the event file GitHub Actions would hand over,
runs `python -m generator ...` in-process through generator.cli.main, and then looks at what
happened on the double: branches, files, pull requests, comments, labels and the raw requests.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
import yaml

from generator import cli
from generator import github as gh
from generator.issue_form import issue_body_from_posting
from generator.review import MANAGED_LABELS
from tests.conftest import ROOT, TODAY
from tests.github_double import BOT_LOGIN, FakeRepo, GitHubDouble

SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"
POSTING = "projects/green-valley/volunteer-dashboard.yaml"
OTHER = "projects/green-valley/data-cleanup.yaml"
GREEN_VALLEY = "projects/green-valley/organization.yaml"
REPORT = gh.REPORT_MARKER
ISSUE_MARKER = "<!-- microboard-issue -->"
WRITES = ("POST", "PATCH", "PUT", "DELETE")


# -- helpers ------------------------------------------------------------------------------------------


def posting(owners: tuple[str, ...] = ("employer",), title: str = "Build a volunteer-hours dashboard",
            apply_by: str = "2040-03-01", status: str = "open", hours: str = "30",
) -> str:
    """A valid posting (the Ashgrove sample with its comment line) with a few values swapped."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)
    text = re.sub(r'(?m)^  apply_by: ".*"$', f'  apply_by: "{apply_by}"', text, count=1)
    text = re.sub(r"(?m)^status: .*$", f"status: {status}", text, count=1)
    text = re.sub(r"(?m)^hours: .*$", f"hours: {hours}", text, count=1)
    return re.sub(r"(?m)^owners:\n(?:  - .*\n)+", "owners:\n" + "".join(f"  - {o}\n" for o in owners), text)


def issue_body(**changes) -> str:
    data = yaml.safe_load(posting(owners=("employer",)))
    data["owners"] = []
    org_slug = changes.pop("org_slug", "green-valley")
    slug = changes.pop("slug", "volunteer-dashboard")
    for key, value in changes.items():
        data[key] = value
    return issue_body_from_posting(data, org_slug, slug)


def run(*argv: str) -> int:
    return cli.main(list(argv))


def organization(name: str = "Green Valley Food Bank", owners: tuple[str, ...] = ("employer",),
                 url: str = "https://greenvalley.example.org") -> str:
    return (f"# yaml-language-server: $schema=../../schema/organization.schema.json\nname: {name}\nurl: {url}\n"
            "owners:\n" + "".join(f"  - {o}\n" for o in owners))


@pytest.fixture
def root(tmp_path: Path, github_board: FakeRepo) -> Path:
    """The checkout of the default branch the workflow runs in (kept in step with the double's main).

    The board already has Green Valley Food Bank (projects/green-valley/organization.yaml), owned by employer.
    """
    board = tmp_path / "checkout"
    (board / "projects").mkdir(parents=True)
    seed(github_board, board, {GREEN_VALLEY: organization()})
    return board


def seed(board: FakeRepo, root: Path, files: dict[str, str]) -> None:
    """Commit files to the double's main and write them into the local checkout."""
    board.commit(files, message="Seed postings")
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def issue_event(tmp_path: Path, board: FakeRepo, body: str, number: int | None = None, action: str = "opened",
                author: str = "employer", title: str = "[Post] Volunteer dashboard") -> tuple[Path, int]:
    if number is None:
        number = board.add_issue(title, body, author, ("new posting",))
    else:
        board.issues[number]["body"] = body
    event = {"action": action, "issue": {
        "number": number, "title": title, "body": body, "state": "open",
        "user": {"login": author, "type": "User"}, "labels": [{"name": "new posting"}]},
        "repository": {"full_name": board.full_name}}
    path = tmp_path / f"issue-event-{number}-{action}.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path, number


def issue_to_pr(root: Path, event: Path) -> int:
    return run("--root", str(root), "issue-to-pr", "--event", str(event), "--today", TODAY.isoformat())


def workflow_run_event(tmp_path: Path, head_sha: str, conclusion: str = "success", run_id: int = 4242) -> Path:
    path = tmp_path / f"workflow-run-{head_sha[:8]}-{run_id}.json"
    path.write_text(json.dumps({"action": "completed", "workflow_run": {
        "id": run_id, "head_sha": head_sha, "event": "pull_request", "conclusion": conclusion,
        "pull_requests": []}}), encoding="utf-8")
    return path


def report_comment(root: Path, event: Path, artifact: Path | None = None) -> int:
    argv = ["--root", str(root), "report-comment", "--event", str(event), "--today", TODAY.isoformat()]
    if artifact is not None:
        argv += ["--artifact", str(artifact)]
    return run(*argv)


def reports(board: FakeRepo, number: int) -> list[dict]:
    return [c for c in board.comments_on(number) if c["body"].startswith(REPORT)]


def managed(board: FakeRepo, number: int) -> set[str]:
    return set(board.issue_labels(number)) & MANAGED_LABELS


def only_pull(board: FakeRepo) -> dict:
    (pull,) = board.pulls()
    return pull


# -- issue form -> pull request -------------------------------------------------------------------------


def test_an_issue_becomes_a_pull_request_with_the_posting(tmp_path, root, github_env, github_board) -> None:
    event, number = issue_event(tmp_path, github_board, issue_body())
    assert issue_to_pr(root, event) == 0

    branch = f"microboard/issue-{number}"
    pull = only_pull(github_board)
    assert (pull["head"]["ref"], pull["base"]["ref"], pull["user"]["login"]) == (branch, "main", BOT_LOGIN)
    assert f"Closes #{number}" in pull["body"] and "@employer" in pull["body"]
    assert pull["title"] == "Post: Build a volunteer-hours dashboard"
    text = github_board.read(POSTING, branch)
    data = yaml.safe_load(text)
    assert data["owners"] == ["employer"] and data["title"] == "Build a volunteer-hours dashboard"
    assert text.startswith("# yaml-language-server: $schema=")
    assert github_board.read(POSTING) is None  # main untouched

    (comment,) = github_board.comments_on(number)
    assert comment["body"].startswith(ISSUE_MARKER) and comment["user"] == BOT_LOGIN
    assert f"Pull request #{pull['number']}" in comment["body"]

    # a GITHUB_TOKEN pull request starts no workflows: the bot reported on it at once
    (report,) = reports(github_board, pull["number"])
    assert "Ready for a maintainer" in report["body"]
    assert "is an owner of Green Valley Food Bank" in report["body"] and "through issue \\#" in report["body"]
    assert managed(github_board, pull["number"]) == {"valid", "new posting"}


def test_an_edited_issue_updates_the_same_pull_request(tmp_path, root, github_env, github_board,
                                                       github_double: GitHubDouble) -> None:
    event, number = issue_event(tmp_path, github_board, issue_body())
    assert issue_to_pr(root, event) == 0
    first = only_pull(github_board)

    edited, _ = issue_event(tmp_path, github_board, issue_body(title="Build a volunteer-hours dashboard in Sheets"),
                            number=number, action="edited")
    github_double.clear_requests()
    assert issue_to_pr(root, edited) == 0

    again = only_pull(github_board)
    assert again["number"] == first["number"] and again["head"]["sha"] != first["head"]["sha"]
    assert again["title"] == "Post: Build a volunteer-hours dashboard in Sheets"
    branch = f"microboard/issue-{number}"
    assert yaml.safe_load(github_board.read(POSTING, branch))["title"] == "Build a volunteer-hours dashboard in Sheets"
    assert not github_double.calls("POST", "/repos/acme/board/pulls")  # updated, not opened again
    assert len(github_board.comments_on(number)) == 1  # the issue comment is edited in place
    assert len(reports(github_board, again["number"])) == 1


def test_an_invalid_issue_gets_what_to_fix_and_no_pull_request(tmp_path, root, github_env, github_board,
                                                              github_double: GitHubDouble) -> None:
    body = issue_body(hours="about thirty")
    event, number = issue_event(tmp_path, github_board, body)
    github_double.clear_requests()
    assert issue_to_pr(root, event) == 0

    assert github_board.pulls(state="all") == [] and f"microboard/issue-{number}" not in github_board.branches
    (comment,) = github_board.comments_on(number)
    assert "needs a few changes" in comment["body"]
    assert "Estimated hours: write a whole number" in comment["body"]
    writes = [r for r in github_double.requests if r.method in WRITES]
    assert [(r.method, r.path) for r in writes] == [("POST", f"/repos/acme/board/issues/{number}/comments")]

    # fixed by editing: the same comment turns into the pull request's link
    fixed, _ = issue_event(tmp_path, github_board, issue_body(), number=number, action="edited")
    assert issue_to_pr(root, fixed) == 0
    (comment,) = github_board.comments_on(number)
    assert "Thank you" in comment["body"] and len(github_board.pulls()) == 1


def test_a_posting_that_breaks_a_rule_gets_the_rule_and_the_fix(tmp_path, root, github_env, github_board) -> None:
    body = issue_body(compensation={"type": "fixed", "amount": 90, "currency": "USD"})
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0
    (comment,) = github_board.comments_on(number)
    assert "below this board's floor of 20 USD an hour" in comment["body"]
    assert "pay at least 20 USD an hour, so at least 600 USD for 30 hours" in comment["body"]
    assert github_board.pulls(state="all") == []


def test_an_issue_that_is_not_a_post_is_left_alone(tmp_path, root, github_env, github_board,
                                                    github_double: GitHubDouble) -> None:
    number = github_board.add_issue("Question about pay", "Hello", "someone")
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"action": "opened", "issue": {
        "number": number, "title": "Question about pay", "body": "Hello", "state": "open",
        "user": {"login": "someone"}, "labels": []}}), encoding="utf-8")
    github_double.clear_requests()
    assert issue_to_pr(root, path) == 0
    assert github_double.requests == []


def test_taking_over_someone_elses_posting_through_the_form_is_refused(tmp_path, root, github_env,
                                                                        github_board) -> None:
    seed(github_board, root, {POSTING: posting(owners=("alice",))})
    event, number = issue_event(tmp_path, github_board, issue_body(title="Mallory's version"), author="mallory")
    assert issue_to_pr(root, event) == 0
    assert github_board.pulls(state="all") == []
    (comment,) = github_board.comments_on(number)
    assert "already on the board and belongs to alice" in comment["body"]



def test_a_posting_already_on_the_board_as_written_gets_a_comment_not_a_pull_request(
        tmp_path, root, github_env, github_board) -> None:
    event, number = issue_event(tmp_path, github_board, issue_body())
    assert issue_to_pr(root, event) == 0
    (pull,) = github_board.pulls()
    branch = pull["head"]["ref"]
    made = {path: text for path, text in github_board.files(branch).items() if path.startswith("projects/")}
    assert made  # the posting the form made, now merged as it is
    seed(github_board, root, made)
    edited, _ = issue_event(tmp_path, github_board, issue_body(), number=number, action="edited")
    assert issue_to_pr(root, edited) == 0
    (comment,) = github_board.comments_on(number)
    assert "already on the board exactly as written" in comment["body"]

# -- hostile issue bodies -----------------------------------------------------------------------------------


def test_a_newline_and_key_in_an_answer_adds_no_key(tmp_path, root, github_env, github_board) -> None:
    expected_keys = set(yaml.safe_load(posting()))
    body = issue_body(summary="Count volunteers.\nstatus: closed\nowners:\n  - mallory",
                      description="We need a dashboard of volunteer hours, week by week.\nstatus: closed\nowners: [mallory]\n",
                      skills=["Python\nstatus: closed", "SQL"])
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0

    text = github_board.read(POSTING, f"microboard/issue-{number}")
    data = yaml.safe_load(text)
    assert set(data) == expected_keys  # the schema's keys of this posting, nothing injected
    assert data["status"] == "open" and data["owners"] == ["employer"]
    assert "status: closed" in data["description"]  # kept as text, inside the description
    assert data["summary"] == "Count volunteers. status: closed owners: - mallory"  # one line, folded


def test_a_slug_that_climbs_out_of_projects_is_refused_before_any_write(tmp_path, root, github_env, github_board,
                                                                       github_double: GitHubDouble) -> None:
    body = issue_body(org_slug="../../.github/workflows", slug="x")
    event, number = issue_event(tmp_path, github_board, body)
    github_double.clear_requests()
    assert issue_to_pr(root, event) == 0

    (comment,) = github_board.comments_on(number)
    assert "Organization short name" in comment["body"] and "is not a short name" in comment["body"]
    writes = [r for r in github_double.requests if r.method in WRITES]
    assert [(r.method, r.path) for r in writes] == [("POST", f"/repos/acme/board/issues/{number}/comments")]
    assert not [r for r in github_double.requests if ".github" in r.path or "workflows" in r.path]
    assert not github_double.calls(path_contains="/git/")
    assert github_board.pulls(state="all") == [] and set(github_board.branches) == {"main"}


def test_a_one_megabyte_body_gets_a_clear_comment(tmp_path, root, github_env, github_board,
                                                 github_double: GitHubDouble) -> None:
    body = issue_body(description="x" * 1_000_000)
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0
    (comment,) = github_board.comments_on(number)
    assert "longer than 64 KB" in comment["body"] and len(comment["body"]) < 5_000
    assert github_board.pulls(state="all") == []


def test_unknown_headings_are_noted_and_nothing_is_lost(tmp_path, root, github_env, github_board) -> None:
    description = "We run a food bank.\n\n### Background\n\nThree years of sign-in sheets.\n"
    body = issue_body(description=description)
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0

    data = yaml.safe_load(github_board.read(POSTING, f"microboard/issue-{number}"))
    assert data["description"] == description  # the heading stays inside the answer it was written in
    (comment,) = github_board.comments_on(number)
    assert "Background" in comment["body"] and "not a field of the form" in comment["body"]


def test_empty_answers_name_the_required_fields(tmp_path, root, github_env, github_board) -> None:
    body = issue_body_from_posting({})
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0
    (comment,) = github_board.comments_on(number)
    text = comment["body"]
    assert "Required fields left empty:" in text
    for label in ("Title", "Organization name", "Summary", "Description", "Estimated hours", "Apply by",
                  "Pay type", "Work arrangement"):
        assert label in text
    assert "is missing" not in text  # named once, by the form's labels, not again as YAML keys
    assert github_board.pulls(state="all") == []


# -- the report comment (workflow_run) ------------------------------------------------------------------------


@pytest.fixture
def employer_pr(github_board: FakeRepo) -> int:
    github_board.commit({POSTING: posting(owners=("employer",))}, branch="add-dashboard")
    return github_board.open_pull("add-dashboard", user="employer", title="Add a dashboard project")


def test_the_report_is_one_comment_updated_in_place(tmp_path, root, github_env, github_board,
                                                    employer_pr: int) -> None:
    sha = github_board.branches["add-dashboard"]
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    (first,) = reports(github_board, employer_pr)
    assert "Ready for a maintainer" in first["body"]
    assert "**Build a volunteer-hours dashboard**" in first["body"]  # the preview card
    assert "Green Valley Food Bank · Design · 30 hours" in first["body"]
    assert "Pay: 900 USD fixed fee" in first["body"] and "Apply by 1 March 2040" in first["body"]
    assert "Mentorship: mentor Ruth Okonkwo" in first["body"]
    assert "check run (validation and site build): success" in first["body"]
    assert managed(github_board, employer_pr) == {"valid", "new posting"}

    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0  # the same run again
    assert [c["id"] for c in reports(github_board, employer_pr)] == [first["id"]]

    sha = github_board.commit({POSTING: posting(owners=("employer",), hours="lots")}, branch="add-dashboard")
    assert report_comment(root, workflow_run_event(tmp_path, sha, conclusion="failure", run_id=4243)) == 0
    (second,) = reports(github_board, employer_pr)
    assert second["id"] == first["id"]
    assert "Needs changes" in second["body"] and "whole number" in second["body"] and "39:8" in second["body"]
    assert managed(github_board, employer_pr) == {"needs changes", "new posting"}


def test_an_outdated_run_reports_nothing(tmp_path, root, github_env, github_board, employer_pr: int) -> None:
    old = github_board.branches["add-dashboard"]
    github_board.commit({POSTING: posting(owners=("employer",), title="Pushed again")}, branch="add-dashboard")
    assert report_comment(root, workflow_run_event(tmp_path, old)) == 0
    assert reports(github_board, employer_pr) == []


def test_the_artifact_cannot_name_another_pull_request_or_vouch_for_errors(
        tmp_path, root, github_env, github_board, github_double: GitHubDouble, employer_pr: int) -> None:
    victim = github_board.add_issue("Someone else's issue")
    sha = github_board.commit({POSTING: posting(owners=("employer",), hours="lots")}, branch="add-dashboard")
    artifact = tmp_path / "report.json"
    artifact.write_text(json.dumps({"pr_number": victim, "head_sha": sha, "errors": 0,
                                    "headline": "✅ [merge me](https://evil.example) @everyone"}))
    assert report_comment(root, workflow_run_event(tmp_path, sha), artifact) == 0
    assert github_board.comments_on(victim) == []
    (report,) = reports(github_board, employer_pr)
    assert f"names pull request #{victim}, not #{employer_pr}; it was ignored" in report["body"]
    assert "Needs changes" in report["body"] and "evil.example" not in report["body"]

    artifact.write_text(json.dumps({"pr_number": employer_pr, "head_sha": sha, "errors": 0}))
    assert report_comment(root, workflow_run_event(tmp_path, sha), artifact) == 0
    (report,) = reports(github_board, employer_pr)
    assert "The check run reported 0 error(s); the bot's own check found 1" in report["body"]

    artifact.write_bytes(b"\x00" * 100)
    assert report_comment(root, workflow_run_event(tmp_path, sha), artifact) == 0
    assert "unreadable report" in reports(github_board, employer_pr)[0]["body"]


def test_a_pull_request_touching_files_outside_projects_needs_a_maintainer(
        tmp_path, root, github_env, github_board) -> None:
    github_board.commit({POSTING: posting(), ".github/workflows/validate.yml": "on: push\n"}, branch="sneaky")
    number = github_board.open_pull("sneaky", user="employer")
    assert report_comment(root, workflow_run_event(tmp_path, github_board.branches["sneaky"])) == 0
    (report,) = reports(github_board, number)
    assert "Needs a maintainer" in report["body"] and ".github/workflows/validate.yml" in report["body"]
    assert managed(github_board, number) == {"valid", "new posting", "needs maintainer"}


def test_a_hostile_title_cannot_add_markup_to_the_report(tmp_path, root, github_env, github_board) -> None:
    title = "Design ![x](https://evil.example/t.png) <img src=x> [click](https://evil.example) @everyone"
    github_board.commit({POSTING: posting(title=title)}, branch="hostile")
    number = github_board.open_pull("hostile", user="employer")
    assert report_comment(root, workflow_run_event(tmp_path, github_board.branches["hostile"])) == 0
    (report,) = reports(github_board, number)
    body = report["body"]
    assert "\\<img src=x\\>" in body and not re.search(r"(?<!\\)<img", body)  # shown as text, never HTML
    assert "\\[click\\]\\(https\u2060://evil.example\\)" in body and "https://evil" not in body  # no link
    assert "@\u2060everyone" in body and "@everyone" not in body  # no mention: GitHub ignores the escape


# -- ownership ------------------------------------------------------------------------------------------------


def edit_by(board: FakeRepo, root: Path, user: str, owners: tuple[str, ...] = ("alice",),
            change: str | None = None) -> int:
    seed(board, root, {POSTING: posting(owners=owners)})
    board.commit({POSTING: change if change is not None else posting(owners=owners, hours="25")},
                 branch=f"{user}-edit")
    return board.open_pull(f"{user}-edit", user=user)


def review_exit(root: Path, number: int, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = run("--root", str(root), "review", str(number), "--today", TODAY.isoformat())
    return code, capsys.readouterr().out


def test_an_owner_edits_their_posting(root, github_env, github_board, capsys) -> None:
    number = edit_by(github_board, root, "alice")
    code, out = review_exit(root, number, capsys)
    assert code == 0 and "is an owner of the posting on the board" in out


def test_editing_someone_elses_posting_is_refused_with_a_clear_message(tmp_path, root, github_env, github_board,
                                                                       capsys) -> None:
    number = edit_by(github_board, root, "mallory", change=posting(owners=("alice", "mallory"), hours="25"))
    code, out = review_exit(root, number, capsys)
    assert code == 1
    assert ("@\u2060mallory may not change projects/green-valley/volunteer-dashboard.yaml: "
            "its owners on the board are alice") in out  # adding yourself to owners does not count
    assert report_comment(root, workflow_run_event(tmp_path, github_board.branches["mallory-edit"])) == 0
    assert managed(github_board, number) == {"valid", "edit", "needs maintainer"}
    assert "❌ 1 change(s) need an owner or a maintainer" in reports(github_board, number)[0]["body"]


def test_deleting_someone_elses_posting_is_refused(root, github_env, github_board, capsys) -> None:
    seed(github_board, root, {POSTING: posting(owners=("alice",))})
    github_board.commit({POSTING: None}, branch="delete")
    number = github_board.open_pull("delete", user="mallory")
    code, out = review_exit(root, number, capsys)
    assert code == 1 and "may not delete" in out


def test_a_maintainers_label_approves_the_change(tmp_path, root, github_env, github_board, capsys) -> None:
    number = edit_by(github_board, root, "mallory")
    # the label counts for a head commit the bot has reported on (generator/approvals.py)
    assert report_comment(root, workflow_run_event(tmp_path, github_board.branches["mallory-edit"])) == 0
    github_board.issues[number]["labels"].append(github_board.add_label("maintainer-approved")["name"].casefold())
    code, out = review_exit(root, number, capsys)
    assert code == 0 and "a maintainer approved this pull request" in out
    assert report_comment(root, workflow_run_event(tmp_path, github_board.branches["mallory-edit"])) == 0
    assert managed(github_board, number) == {"valid", "edit"}


def test_an_approving_review_by_someone_with_write_access_approves(root, github_env, github_board, capsys) -> None:
    number = edit_by(github_board, root, "mallory")
    github_board.permissions["rita"] = "triage"
    github_board.add_review(number, "rita", "APPROVED")
    assert review_exit(root, number, capsys)[0] == 1  # triage cannot approve
    github_board.permissions["maria"] = "write"
    github_board.add_review(number, "maria", "APPROVED")
    code, out = review_exit(root, number, capsys)
    assert code == 0 and "a maintainer approved" in out


def test_a_maintainer_may_edit_any_posting(root, github_env, github_board, capsys) -> None:
    github_board.permissions["maria"] = "maintain"
    number = edit_by(github_board, root, "maria")
    code, out = review_exit(root, number, capsys)
    assert code == 0 and "is a maintainer of the board" in out


def test_a_new_posting_must_list_its_author_among_the_owners(tmp_path, root, github_env, github_board,
                                                             capsys) -> None:
    """In a new organization, the posting's own owners decide, as they always did."""
    github_board.commit({"projects/fresh-org/organization.yaml": organization("Fresh Org"),
                         "projects/fresh-org/x.yaml": posting(owners=("someone-else",))}, branch="new")
    number = github_board.open_pull("new", user="employer")
    code, out = review_exit(root, number, capsys)
    assert code == 1
    assert "a new posting must list its author among its owners: add employer to the owners list" in out
    assert report_comment(root, workflow_run_event(tmp_path, github_board.branches["new"])) == 0
    assert managed(github_board, number) == {"valid", "new posting", "needs maintainer"}


def test_a_fork_cannot_pose_as_the_bots_issue_branch(root, github_env, github_board, github_double,
                                                     capsys) -> None:
    """A stranger names their fork's branch microboard/issue-<n> after an issue by the posting's owner."""
    seed(github_board, root, {POSTING: posting(owners=("alice",))})
    issue = github_board.add_issue("[Post] Dashboard", "", "alice")
    fork = github_double.fork(github_board, "mallory")
    fork.commit({POSTING: posting(owners=("alice",), hours="12")}, branch=f"microboard/issue-{issue}")
    number = github_board.open_pull(f"microboard/issue-{issue}", head_repo=fork, user="mallory")
    code, out = review_exit(root, number, capsys)
    assert code == 1 and "Judged as the work of @\u2060mallory." in out


def test_the_bots_pull_request_is_judged_as_the_issue_author(root, github_env, github_board, capsys) -> None:
    seed(github_board, root, {POSTING: posting(owners=("alice",))})
    issue = github_board.add_issue("[Post] Dashboard", "", "alice")
    github_board.commit({POSTING: posting(owners=("alice",), hours="12")}, branch=f"microboard/issue-{issue}")
    number = github_board.open_pull(f"microboard/issue-{issue}", user=BOT_LOGIN)
    code, out = review_exit(root, number, capsys)
    assert code == 0 and f"through issue \\#\u2060{issue}" in out

    # the same branch pushed by a person with write access is judged as that person
    github_board.pulls()[0]  # the bot's pull request stays open
    github_board.commit({OTHER: posting(owners=("alice",), title="Other")}, branch=f"microboard/issue-{issue}x")
    human = github_board.open_pull(f"microboard/issue-{issue}x", user="pusher")
    assert "Judged as the work of @\u2060pusher." in review_exit(root, human, capsys)[1]


def test_a_bot_pull_request_naming_a_pull_request_instead_of_an_issue_needs_a_maintainer(
        root, github_env, github_board, capsys) -> None:
    github_board.commit({POSTING: posting()}, branch="some-pr")
    other = github_board.open_pull("some-pr", user="employer")
    github_board.commit({OTHER: posting(title="Other")}, branch=f"microboard/issue-{other}")
    number = github_board.open_pull(f"microboard/issue-{other}", user=BOT_LOGIN)
    code, out = review_exit(root, number, capsys)
    assert code == 1 and "a maintainer must review it" in out


# -- review for maintainers ----------------------------------------------------------------------------


def test_review_prints_the_report_for_a_pull_request(root, github_env, github_board, employer_pr: int,
                                                     github_double: GitHubDouble, capsys) -> None:
    github_double.clear_requests()
    code, out = review_exit(root, employer_pr, capsys)
    assert code == 0
    assert out.startswith("## Microboard check: ✅ Ready for a maintainer's review")
    assert "projects/green-valley/volunteer-dashboard.yaml: new posting" in out
    assert "> **Build a volunteer-hours dashboard**" in out
    assert not [r for r in github_double.requests if r.method in WRITES]  # review only reads
    capsys.readouterr()
    assert run("--root", str(root), "review", str(employer_pr), "--format", "json", "--today", "2026-11-21") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["labels"] == ["new posting", "valid"] and data["files"][0]["ownership"]["state"] == "ok"


def test_review_without_a_token_says_what_to_set(root, monkeypatch, capsys) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/board")
    assert run("--root", str(root), "review", "7") == 2
    assert "GITHUB_TOKEN is not set" in capsys.readouterr().err


def test_review_with_a_bad_token_is_a_clear_error(root, github_env, monkeypatch, capsys) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "not-a-token")
    assert run("--root", str(root), "review", "7") == 2
    assert "HTTP 401: Bad credentials" in capsys.readouterr().err


# -- housekeeping ---------------------------------------------------------------------------------------


EXPIRED = "projects/green-valley/expired-survey.yaml"
SOON = "projects/green-valley/closing-soon.yaml"
LATER = "projects/green-valley/far-away.yaml"


@pytest.fixture
def housekept(root: Path, github_board: FakeRepo) -> dict[str, str]:
    expired = posting(owners=("alice", "bob"), title="Survey our volunteers", apply_by="2026-11-10")
    expired = expired.replace("status: open", "status: open   # still taking applications")
    files = {EXPIRED: expired,
             SOON: posting(owners=("carol",), title="Closing soon", apply_by="2026-11-24"),
             LATER: posting(owners=("dave",), title="Far away", apply_by="2027-06-01")}
    seed(github_board, root, files)
    return files


def housekeeping(root: Path, *extra: str) -> int:
    return run("--root", str(root), "housekeeping", "--today", TODAY.isoformat(), *extra)


def test_housekeeping_opens_one_pull_request_closing_expired_postings(
        root, github_env, github_board, github_double: GitHubDouble, housekept) -> None:
    assert housekeeping(root) == 0
    pull = only_pull(github_board)
    assert pull["head"]["ref"] == "microboard/housekeeping"
    assert pull["title"] == "Housekeeping: close 1 expired posting"
    assert "@alice @bob" in pull["body"]
    closed = github_board.read(EXPIRED, "microboard/housekeeping")
    diff = [line for line in difflib.unified_diff(housekept[EXPIRED].splitlines(), closed.splitlines(),
                                                   lineterm="", n=0) if line[:1] in "+-" and line[:3] not in "+++---"]
    assert diff == ["-status: open   # still taking applications", "+status: closed   # still taking applications",
                    '-updated: "2026-07-27"', '+updated: "2026-11-11"']
    assert github_board.read(SOON, "microboard/housekeeping") == housekept[SOON]  # others untouched
    (report,) = reports(github_board, pull["number"])  # reported at once, like the issue form's pull requests
    assert "housekeeping" in report["body"] and managed(github_board, pull["number"]) == {"valid", "closing"}

    head = pull["head"]["sha"]
    github_double.clear_requests()
    assert housekeeping(root) == 0  # idempotent: the same pull request, the same content
    again = only_pull(github_board)
    assert again["number"] == pull["number"] and github_board.read(EXPIRED, again["head"]["sha"]) == closed
    assert github_board.files(again["head"]["sha"]) == github_board.files(head)
    assert not github_double.calls("POST", "/repos/acme/board/pulls")
    assert len(reports(github_board, pull["number"])) == 1


def test_housekeeping_reminds_owners_once_per_deadline(root, github_env, github_board, housekept,
                                                       monkeypatch) -> None:
    tracker = github_board.add_issue("Deadline reminders", "Microboard posts reminders here.", "maintainer")
    monkeypatch.setenv("MICROBOARD_REMINDER_ISSUE", str(tracker))
    assert housekeeping(root) == 0
    (reminder,) = github_board.comments_on(tracker)
    body = reminder["body"]
    assert body.startswith(f"<!-- microboard-reminder {SOON} 2026-11-24 -->")
    assert "@carol" in body and "24 November 2026" in body
    assert "timeline.apply_by" in body and "status: filled" in body and "status: closed" in body
    assert f"https://github.com/acme/board/edit/main/{SOON}" in body

    assert housekeeping(root) == 0  # a second run adds nothing
    assert [c["id"] for c in github_board.comments_on(tracker)] == [reminder["id"]]

    extended = posting(owners=("carol",), title="Closing soon", apply_by="2026-11-25")
    seed(github_board, root, {SOON: extended})  # a new deadline is a new reminder
    assert housekeeping(root) == 0
    assert len(github_board.comments_on(tracker)) == 2


def test_housekeeping_without_a_reminder_issue_warns_and_dry_run_changes_nothing(
        root, github_env, github_board, github_double: GitHubDouble, housekept, capsys) -> None:
    github_double.clear_requests()
    assert housekeeping(root, "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"close {EXPIRED}" in out and f"remind {SOON}" in out and "MICROBOARD_REMINDER_ISSUE" in out
    assert github_double.requests == []


def test_housekeeping_with_nothing_to_do_makes_no_request(root, github_env, github_board,
                                                          github_double: GitHubDouble) -> None:
    seed(github_board, root, {LATER: posting(owners=("dave",), apply_by="2027-06-01")})
    github_double.clear_requests()
    assert housekeeping(root) == 0
    assert github_double.requests == [] and github_board.pulls(state="all") == []


def test_both_stages_together(tmp_path, root, github_env, github_board, employer_pr: int) -> None:
    """pr-check's artifact, handed to report-comment for the same pull request and commit, is accepted."""
    base, head = tmp_path / "base", tmp_path / "pr"
    for folder in (base, head):
        (folder / "projects" / "green-valley").mkdir(parents=True)
        (folder / GREEN_VALLEY).write_text(organization(), encoding="utf-8")
    (head / POSTING).write_text(github_board.read(POSTING, "add-dashboard"), encoding="utf-8")
    pull = github_board.pull(employer_pr)
    event = tmp_path / "pull-request-event.json"
    event.write_text(json.dumps({"action": "opened", "pull_request": pull}), encoding="utf-8")
    artifact = tmp_path / "report" / "report.json"
    assert run("pr-check", "--base-dir", str(base), "--head-dir", str(head), "--event", str(event),
               "--out", str(artifact), "--today", TODAY.isoformat()) == 0
    assert json.loads(artifact.read_text())["pr_number"] == employer_pr

    assert report_comment(root, workflow_run_event(tmp_path, pull["head"]["sha"]), artifact) == 0
    (report,) = reports(github_board, employer_pr)
    assert "ignored" not in report["body"] and "The bot's result stands" not in report["body"]
    assert "Ready for a maintainer" in report["body"]


# -- the commit status that branch protection requires ---------------------------------------------------


def statuses(repo: FakeRepo, sha: str) -> list[tuple[str, str]]:
    return [(s["state"], s["context"]) for s in repo.statuses if s["sha"] == sha]


def test_the_report_sets_a_commit_status_that_blocks_someone_elses_edit_until_approved(
        tmp_path, root, github_env, github_board, github_double: GitHubDouble) -> None:
    number = edit_by(github_board, root, "mallory", change=posting(owners=("alice", "mallory"), hours="25"))
    sha = github_board.branches["mallory-edit"]
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert statuses(github_board, sha) == [("failure", "microboard/review")]
    posted = github_double.calls("POST", f"/statuses/{sha}")
    assert posted and posted[-1].body["description"] == "a maintainer must approve: see the report comment"
    github_board.issues[number]["labels"].append(github_board.add_label("maintainer-approved")["name"].casefold())
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert statuses(github_board, sha)[-1] == ("success", "microboard/review")


def test_errors_make_the_status_fail_and_a_fix_makes_it_pass(tmp_path, root, github_env, github_board,
                                                              employer_pr: int) -> None:
    bad = github_board.commit({POSTING: posting(owners=("employer",), hours="lots")}, branch="add-dashboard")
    assert report_comment(root, workflow_run_event(tmp_path, bad)) == 0
    assert statuses(github_board, bad) == [("failure", "microboard/review")]
    good = github_board.commit({POSTING: posting(owners=("employer",))}, branch="add-dashboard")
    assert report_comment(root, workflow_run_event(tmp_path, good)) == 0
    assert statuses(github_board, good) == [("success", "microboard/review")]
