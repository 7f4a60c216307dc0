"""generator.github against the GitHub double, over HTTP with the real PyGithub client."""

from __future__ import annotations

import pytest
from github import Github, GithubException

from generator import github as gh
from tests.github_double import BOT_LOGIN, DEFAULT_TOKEN, GitHubDouble
from tests.github_fixtures import (  # noqa: F401 - fixtures, until tests/conftest.py imports them
    github_board,
    github_client,
    github_double,
    github_env,
    github_repo,
)

POSTING = "projects/green-valley/volunteer-dashboard.yaml"
MARKER = gh.REPORT_MARKER


def posting(title: str, owners: tuple[str, ...] = ("alice",)) -> str:
    return f"title: {title}\nowners:\n" + "".join(f"  - {o}\n" for o in owners)


# -- connecting ------------------------------------------------------------------------------------


def test_connect_reads_the_environment_and_sends_the_token(github_env: GitHubDouble) -> None:
    repo = gh.get_repo(gh.connect(throttle=False))
    assert repo.full_name == "acme/board"
    (request,) = github_env.calls("GET", "/repos/acme/board")
    assert request.authorization == f"token {DEFAULT_TOKEN}"


def test_connect_refuses_to_send_a_token_over_plain_http_or_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(gh.GitHubError, match="https"):
        gh.connect("secret", "http://github.example.com/api/v3")
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    with pytest.raises(gh.GitHubError, match="GITHUB_TOKEN"):
        gh.connect(base_url="https://api.github.com")


def test_a_bad_token_is_a_github_error_with_status_and_message(github_double: GitHubDouble, github_board) -> None:
    client = gh.connect("wrong-token", github_double.url, throttle=False)
    with pytest.raises(gh.GitHubError) as caught:
        gh.get_repo(client, "acme/board")
    assert caught.value.status == 401
    assert "Bad credentials" in str(caught.value)
    assert "wrong-token" not in str(caught.value)


def test_missing_things_are_github_errors_with_githubs_message(github_repo, github_double: GitHubDouble) -> None:
    with pytest.raises(gh.GitHubError) as caught:
        gh.get_issue(github_repo, 404)
    assert caught.value.status == 404
    assert "reading issue #404: HTTP 404: Not Found" == str(caught.value)


# -- the double itself: shapes, errors and pagination as GitHub sends them ----------------------------


def test_unknown_routes_answer_githubs_404_body(github_client: Github, github_board) -> None:
    repo = github_client.get_repo("acme/board")
    with pytest.raises(GithubException) as caught:
        repo.get_pull(99)
    assert caught.value.status == 404
    assert caught.value.data["message"] == "Not Found"
    assert caught.value.data["documentation_url"].startswith("https://docs.github.com/")


def test_contents_api_commits_and_refuses_a_stale_sha(github_client: Github, github_board) -> None:
    repo = github_client.get_repo("acme/board")
    repo.create_file(POSTING, "Add posting", posting("First"), branch="main")
    current = repo.get_contents(POSTING, ref="main")
    assert current.decoded_content.decode() == posting("First")
    repo.update_file(POSTING, "Edit posting", posting("Second"), current.sha, branch="main")
    assert github_board.read(POSTING) == posting("Second")
    with pytest.raises(GithubException) as caught:
        repo.update_file(POSTING, "Stale edit", posting("Third"), current.sha, branch="main")
    assert caught.value.status == 409
    with pytest.raises(GithubException) as caught:
        repo.create_file(POSTING, "No sha", posting("Third"), branch="main")
    assert caught.value.status == 422
    repo.delete_file(POSTING, "Remove", repo.get_contents(POSTING).sha, branch="main")
    assert github_board.read(POSTING) is None


def test_lists_paginate_with_a_link_header(github_repo, github_board, github_double: GitHubDouble) -> None:
    files = {f"projects/acme/posting-{i:03d}.yaml": posting(f"Posting {i}") for i in range(130)}
    github_board.commit(files, branch="many")
    number = github_board.open_pull("many")
    github_double.clear_requests()
    changes = gh.changed_postings(github_repo, number)
    assert len(changes.files) == 130
    pages = github_double.calls("GET", f"/pulls/{number}/files")
    assert [r.query.get("page") for r in pages] == [None, "2"]
    assert pages[0].query["per_page"] == "100"
    assert 'rel="next"' in pages[0].link and pages[1].link and 'rel="next"' not in pages[1].link


def test_force_pushing_a_pull_requests_branch_onto_its_base_closes_it(github_client: Github, github_board) -> None:
    """Why open_or_update_pull_request never resets the branch to the base first."""
    github_board.commit({POSTING: posting("Draft")}, branch="draft")
    number = github_board.open_pull("draft")
    repo = github_client.get_repo("acme/board")
    repo.get_git_ref("heads/draft").edit(github_board.branches["main"], force=True)
    assert github_board.pull(number)["state"] == "closed"


# -- proposing changes as pull requests ----------------------------------------------------------------


def test_opening_a_pull_request_creates_the_branch_commits_the_files_and_opens_it(
    github_repo, github_board, github_double: GitHubDouble
) -> None:
    main_before = github_board.branches["main"]
    number, created = gh.open_or_update_pull_request(
        github_repo, "microboard/issue-7", "main", {POSTING: posting("Build a dashboard")},
        "Post: Build a dashboard", "From issue #7.", "Add volunteer-dashboard (issue #7)",
    )
    assert created
    pr = github_board.pull(number)
    assert (pr["head"]["ref"], pr["base"]["ref"], pr["state"]) == ("microboard/issue-7", "main", "open")
    assert (pr["title"], pr["body"]) == ("Post: Build a dashboard", "From issue #7.")
    assert github_board.read(POSTING, "microboard/issue-7") == posting("Build a dashboard")
    head = github_double.commits[github_board.branches["microboard/issue-7"]]
    assert head["parents"] == [main_before] and head["message"] == "Add volunteer-dashboard (issue #7)"
    assert github_board.read(POSTING) is None  # main untouched
    (create_ref,) = github_double.calls("POST", "/git/refs")
    assert create_ref.body["ref"] == "refs/heads/microboard/issue-7"
    (tree,) = github_double.calls("POST", "/git/trees")
    assert tree.body["tree"] == [
        {"path": POSTING, "mode": "100644", "type": "blob", "content": posting("Build a dashboard")}
    ]
    assert all(r.authorization == f"token {DEFAULT_TOKEN}" for r in github_double.requests)


def test_a_second_call_updates_the_same_pull_request(github_repo, github_board, github_double: GitHubDouble) -> None:
    first_path = "projects/green-valley/old-name.yaml"
    number, _ = gh.open_or_update_pull_request(
        github_repo, "microboard/issue-7", "main", {first_path: posting("First try")}, "Post: first", "v1", "Add"
    )
    first_head = github_board.branches["microboard/issue-7"]
    github_board.commit({"README.md": "# Board, moved on\n"})  # main moves meanwhile
    github_double.clear_requests()

    again, created = gh.open_or_update_pull_request(
        github_repo, "microboard/issue-7", "main", {POSTING: posting("Second try")}, "Post: second", "v2", "Update"
    )
    assert (again, created) == (number, False)
    assert [p["number"] for p in github_board.pulls()] == [number]
    pr = github_board.pull(number)
    assert (pr["state"], pr["title"], pr["body"]) == ("open", "Post: second", "v2")
    head = github_board.branches["microboard/issue-7"]
    assert head != first_head
    assert github_double.commits[head]["parents"] == [github_board.branches["main"]]  # rebuilt on the new main
    assert github_board.read(POSTING, head) == posting("Second try")
    assert github_board.read(first_path, head) is None  # the earlier proposal is replaced, not stacked
    assert not github_double.calls("POST", "/pulls")
    (move,) = github_double.calls("PATCH", "/git/refs/heads/microboard/issue-7")
    assert move.body == {"sha": head, "force": True}
    (edit,) = github_double.calls("PATCH", f"/pulls/{number}")
    assert edit.body == {"title": "Post: second", "body": "v2"}


def test_a_closed_pull_request_from_the_branch_gets_a_new_one(github_repo, github_board) -> None:
    number, _ = gh.open_or_update_pull_request(github_repo, "microboard/housekeeping", "main",
                                               {POSTING: posting("A")}, "Housekeeping", "", "Close expired")
    github_repo.get_pull(number).edit(state="closed")
    again, created = gh.open_or_update_pull_request(github_repo, "microboard/housekeeping", "main",
                                                    {POSTING: posting("B")}, "Housekeeping", "", "Close expired")
    assert created and again != number


def test_a_file_can_be_deleted_and_missing_ones_are_skipped(github_repo, github_board) -> None:
    github_board.commit({POSTING: posting("Expired")})
    number, created = gh.open_or_update_pull_request(
        github_repo, "microboard/housekeeping", "main",
        {POSTING: None, "projects/acme/never-existed.yaml": None}, "Housekeeping", "", "Remove expired",
    )
    assert created
    assert github_board.read(POSTING, "microboard/housekeeping") is None
    changes = gh.changed_postings(github_repo, number)
    assert [(f.filename, f.status, f.head_content) for f in changes.files] == [(POSTING, "removed", None)]


def test_nothing_to_propose_is_an_error_not_an_empty_pull_request(github_repo, github_board) -> None:
    github_board.commit({POSTING: posting("Same")})
    with pytest.raises(gh.NothingToPropose, match="nothing to propose"):
        gh.open_or_update_pull_request(github_repo, "microboard/issue-3", "main", {POSTING: posting("Same")},
                                       "t", "b", "m")
    assert "microboard/issue-3" not in github_board.branches


@pytest.mark.parametrize(
    "path",
    [
        "projects/../../.github/workflows/x.yaml",
        ".github/workflows/x.yaml",
        "projects/acme/../../x.yaml",
        "projects/Acme/posting.yaml",
        "projects/acme/posting.yml",
        "projects/acme/team/posting.yaml",
        "projects/acme/posting.yaml\n",
        "/projects/acme/posting.yaml",
        "projects/acme--x/posting.yaml",
        "projects/acme/-posting.yaml",
    ],
)
def test_paths_outside_the_posting_layout_are_refused_before_any_request(
    github_repo, github_double: GitHubDouble, path: str
) -> None:
    github_double.clear_requests()
    with pytest.raises(ValueError, match="not a posting path"):
        gh.open_or_update_pull_request(github_repo, "microboard/issue-1", "main",
                                       {POSTING: posting("Fine"), path: "x: 1\n"}, "t", "b", "m")
    assert github_double.requests == []


def test_a_long_pull_request_body_is_capped(github_repo, github_board) -> None:
    number, _ = gh.open_or_update_pull_request(github_repo, "microboard/issue-2", "main", {POSTING: posting("X")},
                                               "t", "y" * 70_000, "m")
    body = github_board.pull(number)["body"]
    assert len(body) <= gh.BODY_LIMIT and body.endswith(gh.TRUNCATION_NOTICE)


# -- comments -----------------------------------------------------------------------------------------


def test_upserting_twice_edits_one_comment_and_keeps_the_marker(
    github_repo, github_board, github_double: GitHubDouble
) -> None:
    number = github_board.add_issue("Post a project")
    first = gh.upsert_comment(github_repo, number, MARKER, "3 problems")
    github_double.clear_requests()
    second = gh.upsert_comment(github_repo, number, MARKER, "All good")
    assert first == second
    (comment,) = github_board.comments_on(number)
    assert comment["body"] == f"{MARKER}\nAll good" and comment["user"] == BOT_LOGIN
    assert not github_double.calls("POST", "/comments")
    (edit,) = github_double.calls("PATCH", f"/issues/comments/{first}")
    assert edit.body == {"body": f"{MARKER}\nAll good"}
    github_double.clear_requests()
    gh.upsert_comment(github_repo, number, MARKER, "All good")
    assert not github_double.calls("PATCH")  # unchanged: no edit, no notification


def test_a_strangers_comment_with_the_marker_is_not_taken_over(github_repo, github_board) -> None:
    number = github_board.add_issue("Post a project")
    theirs = github_board.add_comment(number, f"{MARKER}\nValidation passed, merge me", "mallory")
    ours = gh.upsert_comment(github_repo, number, MARKER, "2 problems")
    assert ours != theirs
    bodies = {c["user"]: c["body"] for c in github_board.comments_on(number)}
    assert bodies == {"mallory": f"{MARKER}\nValidation passed, merge me", BOT_LOGIN: f"{MARKER}\n2 problems"}


def test_comment_bodies_are_capped_below_githubs_limit(github_repo, github_board) -> None:
    number = github_board.add_issue("Post a project")
    report = "```\n" + "line of a very long report\n" * 5_000
    gh.upsert_comment(github_repo, number, MARKER, report)
    gh.comment_on_issue(github_repo, number, "z" * 100_000)
    upserted, plain = (c["body"] for c in github_board.comments_on(number))
    for body in (upserted, plain):
        assert len(body) <= gh.BODY_LIMIT and body.endswith(gh.TRUNCATION_NOTICE)
    assert upserted.startswith(MARKER)
    assert upserted.count("```") % 2 == 0  # the open code block is closed before the notice


def test_the_marker_must_be_one_html_comment(github_repo, github_double: GitHubDouble) -> None:
    github_double.clear_requests()
    with pytest.raises(ValueError):
        gh.upsert_comment(github_repo, 1, "microboard", "body")
    assert github_double.requests == []


# -- labels -------------------------------------------------------------------------------------------


def test_labels_managed_ones_follow_wanted_and_others_stay(
    github_repo, github_board, github_double: GitHubDouble
) -> None:
    github_board.commit({POSTING: posting("X")}, branch="employer-branch")
    number = github_board.open_pull("employer-branch", labels=("needs-fixes", "good first project"))
    github_double.clear_requests()
    added, removed = gh.set_labels(
        github_repo, number, wanted={"valid"}, managed={"valid", "needs-fixes", "new-posting"},
        styles={"valid": ("0e8a16", "Passed Microboard's checks")},
    )
    assert (added, removed) == ({"valid"}, {"needs-fixes"})
    assert sorted(github_board.issue_labels(number)) == ["good first project", "valid"]
    label = github_double.label_for(github_board, "valid")
    assert (label["color"], label["description"]) == ("0e8a16", "Passed Microboard's checks")
    (add,) = github_double.calls("POST", f"/issues/{number}/labels")
    assert add.body == ["valid"]
    assert [r.path.rsplit("/", 1)[-1] for r in github_double.calls("DELETE")] == ["needs-fixes"]
    assert not github_double.calls("PUT")  # never replaces the whole set

    github_double.clear_requests()
    assert gh.set_labels(github_repo, number, {"valid"}, {"valid", "needs-fixes"}) == (set(), set())
    assert [r.method for r in github_double.requests] == ["GET"]


def test_labels_outside_managed_cannot_be_wanted(github_repo) -> None:
    with pytest.raises(ValueError):
        gh.set_labels(github_repo, 1, wanted={"approved"}, managed={"valid"})


# -- approval -----------------------------------------------------------------------------------------


@pytest.fixture
def employer_pr(github_board) -> int:
    github_board.commit({POSTING: posting("X")}, branch="employer-branch")
    return github_board.open_pull("employer-branch", user="employer")


def test_approval_by_label(github_repo, github_board, employer_pr: int) -> None:
    assert not gh.approved_by_maintainer(github_repo, employer_pr)
    github_board.issues[employer_pr]["labels"].append(github_board.add_label("maintainer-approved")["name"].casefold())
    assert gh.approved_by_maintainer(github_repo, employer_pr)


@pytest.mark.parametrize("role", ["write", "maintain", "admin"])
def test_approval_by_a_reviewer_who_can_write(
    github_repo, github_board, github_double: GitHubDouble, employer_pr: int, role: str
) -> None:
    github_board.permissions["maria"] = role
    github_board.add_review(employer_pr, "maria", "APPROVED")
    github_board.add_review(employer_pr, "maria", "COMMENTED")  # a later comment does not undo it
    assert gh.approved_by_maintainer(github_repo, employer_pr)
    (permission,) = github_double.calls("GET", "/collaborators/maria/permission")
    assert permission.status == 200


@pytest.mark.parametrize("role", ["read", "triage", None])
def test_no_approval_by_a_reviewer_who_cannot_write(github_repo, github_board, employer_pr: int, role) -> None:
    if role:
        github_board.permissions["rita"] = role
    github_board.add_review(employer_pr, "rita", "APPROVED")
    assert not gh.approved_by_maintainer(github_repo, employer_pr)


def test_no_approval_after_the_same_reviewer_requests_changes(github_repo, github_board, employer_pr: int) -> None:
    github_board.permissions["maria"] = "write"
    github_board.add_review(employer_pr, "maria", "APPROVED")
    github_board.add_review(employer_pr, "maria", "CHANGES_REQUESTED")
    assert not gh.approved_by_maintainer(github_repo, employer_pr)


def test_no_approval_for_an_older_head(github_repo, github_board, employer_pr: int) -> None:
    github_board.permissions["maria"] = "write"
    github_board.add_review(employer_pr, "maria", "APPROVED")
    github_board.commit({POSTING: posting("X", owners=("mallory",))}, branch="employer-branch")
    assert not gh.approved_by_maintainer(github_repo, employer_pr)
    assert gh.approved_by_maintainer(github_repo, employer_pr, current_head_only=False)


# -- reading pull requests ----------------------------------------------------------------------------


def test_changed_postings_reads_base_and_head_contents(github_repo, github_board) -> None:
    a, b = "projects/acme/alpha.yaml", "projects/acme/beta.yaml"
    old, new, added = "projects/acme/old-name.yaml", "projects/acme/new-name.yaml", "projects/acme/gamma.yaml"
    github_board.commit({a: posting("Alpha", ("alice",)), b: posting("Beta"), old: posting("Moved")})
    github_board.commit({a: posting("Alpha", ("mallory",)), b: None, old: None, new: posting("Moved"),
                         added: posting("Gamma"), ".github/workflows/x.yaml": "on: push\n"}, branch="change")
    number = github_board.open_pull("change")
    changes = gh.changed_postings(github_repo, number)
    by_name = {f.filename: f for f in changes.files}
    assert set(by_name) == {a, b, new, added}
    assert by_name[a].status == "modified"
    assert by_name[a].base_content == posting("Alpha", ("alice",)).encode()  # who owned it before
    assert by_name[a].head_content == posting("Alpha", ("mallory",)).encode()
    assert (by_name[b].status, by_name[b].head_content) == ("removed", None)
    assert by_name[b].base_content == posting("Beta").encode()
    assert (by_name[new].status, by_name[new].previous_filename) == ("renamed", old)
    assert by_name[new].base_content == posting("Moved").encode()
    assert (by_name[added].status, by_name[added].base_content) == ("added", None)
    assert changes.touches_outside and changes.outside == (".github/workflows/x.yaml",)


def test_changed_postings_of_a_fork_pull_request(github_repo, github_board, github_double: GitHubDouble) -> None:
    fork = github_double.fork(github_board, "stranger")
    fork.commit({POSTING: posting("From a fork")}, branch="patch-1")
    number = github_board.open_pull("patch-1", head_repo=fork, user="stranger")
    changes = gh.changed_postings(github_repo, number)
    assert [(f.filename, f.head_content) for f in changes.files] == [(POSTING, posting("From a fork").encode())]
    assert not changes.touches_outside
    info = gh.pull_request_info(github_repo, number)
    assert (info.author, info.head_repo, info.from_fork) == ("stranger", "stranger/board", True)
    assert info.head_ref == "patch-1"


def test_pull_request_info(github_repo, github_board, employer_pr: int) -> None:
    info = gh.pull_request_info(github_repo, employer_pr)
    assert info.author == "employer" and info.state == "open" and not info.from_fork
    assert info.head_sha == github_board.branches["employer-branch"]
    assert info.base_sha == github_board.branches["main"] and info.base_ref == "main"


def test_get_issue(github_repo, github_board) -> None:
    number = github_board.add_issue("[Post] Dashboard", "### Title\n\nBuild a dashboard", "employer", ("posting",))
    issue = gh.get_issue(github_repo, number)
    assert (issue.title, issue.author, issue.labels, issue.is_pull_request) == (
        "[Post] Dashboard", "employer", ("posting",), False)
    assert issue.body.startswith("### Title")
    github_board.commit({POSTING: posting("X")}, branch="employer-branch")
    assert gh.get_issue(github_repo, github_board.open_pull("employer-branch")).is_pull_request


# -- the workflow_run stage ----------------------------------------------------------------------------


def test_finding_a_pull_request_by_its_head_commit(github_repo, github_board, github_double, employer_pr: int) -> None:
    sha = github_board.branches["employer-branch"]
    github_double.clear_requests()
    info = gh.find_pull_request_for_commit(github_repo, sha)
    assert info is not None and info.number == employer_pr
    assert github_double.calls("GET", f"/commits/{sha}/pulls")
    assert not github_double.calls("GET", "/repos/acme/board/pulls")  # no fallback needed


def test_finding_a_fork_pull_request_by_its_head_commit(github_repo, github_board, github_double: GitHubDouble) -> None:
    fork = github_double.fork(github_board, "stranger")
    sha = fork.commit({POSTING: posting("From a fork")}, branch="main")  # a fork's main, as strangers do
    number = github_board.open_pull("main", head_repo=fork, user="stranger")
    github_double.clear_requests()
    info = gh.find_pull_request_for_commit(github_repo, sha)
    assert info is not None and info.number == number and info.from_fork
    (scan,) = [r for r in github_double.calls("GET", "/repos/acme/board/pulls") if "/pulls/" not in r.path]
    assert scan.query["state"] == "open"


def test_an_outdated_or_unknown_commit_finds_nothing(github_repo, github_board, employer_pr: int) -> None:
    old = github_board.branches["employer-branch"]
    github_board.commit({POSTING: posting("Pushed again")}, branch="employer-branch")
    assert gh.find_pull_request_for_commit(github_repo, old) is None  # head.sha must match exactly
    assert gh.find_pull_request_for_commit(github_repo, "0" * 40) is None
    with pytest.raises(ValueError):
        gh.find_pull_request_for_commit(github_repo, "main")
