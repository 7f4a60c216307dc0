"""An organization's identity belongs to its owners: pull requests, the issue form and the report, end to end
over real PyGithub against the GitHub double (see tests/test_bot_flows.py for the helpers)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import ROOT
from tests.github_double import FakeRepo
from tests.test_bot_flows import (GREEN_VALLEY, POSTING, issue_body, issue_event, issue_to_pr, organization, posting,  # noqa: F401 - root is a fixture
                                  report_comment, reports, review_exit, root, seed, statuses, workflow_run_event)

BRIGHTLOOP = "projects/brightloop/organization.yaml"
BRIGHTLOOP_POSTING = "projects/brightloop/analyze-onboarding-drop-off.yaml"
STRANGER_POSTING = "projects/brightloop/free-consulting.yaml"


def review_text(root: Path, number: int, capsys) -> tuple[int, str]:
    """`review`'s exit code and its Markdown report without the escaping backslashes."""
    code, out = review_exit(root, number, capsys)
    return code, out.replace("\\", "")


def brightloop(github_board: FakeRepo, root: Path) -> None:
    """The sample Brightloop organization and one of its postings, on the board."""
    seed(github_board, root, {BRIGHTLOOP: (ROOT / "samples" / BRIGHTLOOP).read_text(encoding="utf-8"),
                              BRIGHTLOOP_POSTING: (ROOT / "samples" / BRIGHTLOOP_POSTING).read_text(encoding="utf-8")})


def stranger_posting() -> str:
    return posting(owners=("mallory",), title="Free consulting for our friends")


def test_a_stranger_cannot_post_under_an_organization_nor_re_present_it(tmp_path, root, github_env,
                                                                        github_board, capsys) -> None:
    brightloop(github_board, root)
    hijacked = (ROOT / "samples" / BRIGHTLOOP).read_text(encoding="utf-8").replace(
        "https://brightloop.example.com", "https://brightloop-payments.example.net")
    sha = github_board.commit({STRANGER_POSTING: stranger_posting(), BRIGHTLOOP: hijacked}, branch="takeover")
    number = github_board.open_pull("takeover", user="mallory")
    code, out = review_text(root, number, capsys)
    assert code == 1
    assert "only the owners of Brightloop (projects/brightloop/organization.yaml: alana-brooks" in out
    assert "@\u2060mallory may not change projects/brightloop/organization.yaml" in out
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert statuses(github_board, sha) == [("failure", "microboard/review")]
    body = reports(github_board, number)[0]["body"]
    assert "❌ 2 change(s) need an owner or a maintainer" in body and "ask a maintainer to approve" in body


def test_a_stranger_posting_alone_under_an_organization_is_refused(tmp_path, root, github_env, github_board) -> None:
    brightloop(github_board, root)
    sha = github_board.commit({STRANGER_POSTING: stranger_posting()}, branch="stranger")
    number = github_board.open_pull("stranger", user="mallory")
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert statuses(github_board, sha) == [("failure", "microboard/review")]
    body = reports(github_board, number)[0]["body"]
    assert "may not add projects/brightloop/free-consulting.yaml" in body
    assert "rosa-delgado" in body  # who may post for Brightloop
    # the preview shows the organization as its owners present it, whatever the posting says
    assert "> Brightloop · Design · 30 hours" in body


def test_an_owner_of_the_organization_adds_a_posting(tmp_path, root, github_env, github_board, capsys) -> None:
    brightloop(github_board, root)
    sha = github_board.commit({STRANGER_POSTING: posting(owners=("theo-lindqvist",), title="A new project")},
                              branch="owner")
    number = github_board.open_pull("owner", user="rosa-delgado")  # an owner of Brightloop, not of the posting
    code, out = review_text(root, number, capsys)
    assert code == 0 and "is an owner of Brightloop" in out
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert statuses(github_board, sha) == [("success", "microboard/review")]


def test_an_organization_owner_may_edit_any_of_its_postings(root, github_env, github_board, capsys) -> None:
    brightloop(github_board, root)
    edited = (ROOT / "samples" / BRIGHTLOOP_POSTING).read_text(encoding="utf-8").replace("hours: 25", "hours: 28")
    github_board.commit({BRIGHTLOOP_POSTING: edited}, branch="edit")
    number = github_board.open_pull("edit", user="theo-lindqvist")  # owns Brightloop, not this posting
    code, out = review_text(root, number, capsys)
    assert code == 0 and "is an owner of Brightloop" in out


def test_changing_organization_yaml_needs_one_of_its_owners(tmp_path, root, github_env, github_board,
                                                            capsys) -> None:
    seed(github_board, root, {GREEN_VALLEY: organization(owners=("alice",))})
    changed = organization(owners=("alice", "mallory"), url="https://evil.example.org")
    github_board.commit({GREEN_VALLEY: changed}, branch="rebrand")
    number = github_board.open_pull("rebrand", user="mallory")
    code, out = review_text(root, number, capsys)
    assert code == 1 and "its owners on the board are alice" in out  # adding yourself to owners does not count
    github_board.commit({GREEN_VALLEY: organization(owners=("alice",), url="https://gv.example.org")},
                        branch="alice-rebrand")
    number = github_board.open_pull("alice-rebrand", user="alice")
    code, out = review_text(root, number, capsys)
    assert code == 0 and "is an owner of the organization on the board" in out
    github_board.commit({GREEN_VALLEY: None}, branch="delete-org")
    number = github_board.open_pull("delete-org", user="mallory")
    code, out = review_text(root, number, capsys)
    assert code == 1 and "may not delete projects/green-valley/organization.yaml" in out


def test_a_maintainer_approves_a_strangers_posting(tmp_path, root, github_env, github_board, capsys) -> None:
    brightloop(github_board, root)
    sha = github_board.commit({STRANGER_POSTING: stranger_posting()}, branch="stranger")
    number = github_board.open_pull("stranger", user="mallory")
    # the label counts for a head commit the bot has reported on (generator/approvals.py)
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    github_board.issues[number]["labels"].append(github_board.add_label("maintainer-approved")["name"].casefold())
    code, out = review_text(root, number, capsys)
    assert code == 0 and "a maintainer approved this pull request" in out


def test_a_new_organization_passes(tmp_path, root, github_env, github_board, capsys) -> None:
    brightloop(github_board, root)
    sha = github_board.commit({"projects/harbor-health/organization.yaml": organization("Harbor Health", ("sam",)),
                               "projects/harbor-health/intake-map.yaml": posting(owners=("sam",))}, branch="new-org")
    number = github_board.open_pull("new-org", user="sam")
    code, out = review_text(root, number, capsys)
    assert code == 0, out
    assert "creates a new organization" in out and "look-alike" not in out
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    assert statuses(github_board, sha) == [("success", "microboard/review")]
    body = reports(github_board, number)[0]["body"]
    assert "creates the organization" in body and "> **Harbor Health**" in body
    assert "> Harbor Health · Design · 30 hours" in body


def test_a_posting_in_a_new_folder_without_organization_yaml_names_the_file(root, github_env, github_board,
                                                                            capsys) -> None:
    github_board.commit({"projects/harbor-health/intake-map.yaml": posting(owners=("sam",))}, branch="no-org")
    number = github_board.open_pull("no-org", user="sam")
    code, out = review_text(root, number, capsys)
    assert code == 1
    assert "projects/harbor-health/organization.yaml is missing" in out
    assert "`name: Harbor Health` `owners: [sam]`" in out


def test_a_look_alike_new_organization_gets_a_warning_naming_the_existing_one(tmp_path, root, github_env,
                                                                              github_board, capsys) -> None:
    brightloop(github_board, root)
    sha = github_board.commit({"projects/brightl0op/organization.yaml": organization("Вrightloop", ("mallory",)),
                               "projects/brightl0op/invoices.yaml": posting(owners=("mallory",))}, branch="alike")
    number = github_board.open_pull("alike", user="mallory")
    code, out = review_text(root, number, capsys)
    assert "organization-look-alike" in out and "organization-mixed-scripts" in out
    assert "'Brightloop', an organization already on the board (projects/brightloop/organization.yaml)" in out
    assert report_comment(root, workflow_run_event(tmp_path, sha)) == 0
    body = reports(github_board, number)[0]["body"]
    assert "projects/brightloop/organization.yaml" in body and "warning" in body


def test_creating_an_organization_without_being_its_owner_is_warned(root, github_env, github_board, capsys) -> None:
    github_board.commit({"projects/harbor-health/organization.yaml": organization("Harbor Health", ("sam",)),
                         "projects/harbor-health/intake-map.yaml": posting(owners=("sam", "kim"))}, branch="for-sam")
    number = github_board.open_pull("for-sam", user="kim")
    code, out = review_text(root, number, capsys)
    assert "organization-author-not-owner" in out and "add kim to owners" in out


def test_moving_a_posting_into_another_organization_needs_its_owners(root, github_env, github_board,
                                                                     capsys) -> None:
    brightloop(github_board, root)
    seed(github_board, root, {POSTING: posting(owners=("employer",))})  # green-valley is owned by employer
    text = github_board.read(POSTING, "main")
    github_board.commit({POSTING: None, "projects/brightloop/volunteer-dashboard.yaml": text}, branch="move")
    number = github_board.open_pull("move", user="employer")
    code, out = review_text(root, number, capsys)
    assert code == 1 and "only the owners of Brightloop" in out


# -- the issue form ------------------------------------------------------------------------------------------


def test_the_issue_form_cannot_post_for_an_organization_its_author_does_not_own(tmp_path, root, github_env,
                                                                                 github_board) -> None:
    brightloop(github_board, root)
    body = issue_body(org_slug="brightloop", slug="free-consulting", title="Free consulting for our friends")
    body = body.replace("### Organization website\n\n_No response_", "### Organization website\n\nhttps://evil.example")
    event, number = issue_event(tmp_path, github_board, body, author="mallory")
    assert issue_to_pr(root, event) == 0
    assert github_board.pulls(state="all") == []
    (comment,) = github_board.comments_on(number)
    assert "Brightloop already posts on this board and @\u2060mallory is not one of its owners" in comment["body"]
    assert "rosa-delgado" in comment["body"] and "ask a maintainer" in comment["body"].lower()


def test_an_owner_posts_through_the_form_and_the_organization_stays_as_it_is(tmp_path, root, github_env,
                                                                             github_board) -> None:
    brightloop(github_board, root)
    body = issue_body(org_slug="brightloop", slug="new-project", title="A new project for Brightloop")
    body = body.replace("### Organization website\n\n_No response_", "### Organization website\n\nhttps://evil.example")
    event, number = issue_event(tmp_path, github_board, body, author="rosa-delgado")
    assert issue_to_pr(root, event) == 0
    (pull,) = github_board.pulls()
    branch = pull["head"]["ref"]
    assert github_board.read("projects/brightloop/new-project.yaml", branch)
    assert github_board.read(BRIGHTLOOP, branch) == (ROOT / "samples" / BRIGHTLOOP).read_text(encoding="utf-8")
    comment = next(c for c in github_board.comments_on(number) if "Thank you" in c["body"])
    assert "were not used" in comment["body"]


def test_the_issue_form_creates_a_new_organization_owned_by_the_issue_author(tmp_path, root, github_env,
                                                                             github_board) -> None:
    body = issue_body(org_slug="", slug="intake-map", title="Map our patient intake")
    body = body.replace("### Organization name\n\n_No response_", "### Organization name\n\nHarbor Health")
    event, number = issue_event(tmp_path, github_board, body, author="sam")
    assert issue_to_pr(root, event) == 0
    (pull,) = github_board.pulls()
    org = yaml.safe_load(github_board.read("projects/harbor-health/organization.yaml", pull["head"]["ref"]))
    assert org == {"name": "Harbor Health", "owners": ["sam"]}
    posting_text = github_board.read("projects/harbor-health/intake-map.yaml", pull["head"]["ref"])
    assert "organization" not in yaml.safe_load(posting_text)


def test_a_look_alike_organization_from_the_issue_form_is_pointed_out(tmp_path, root, github_env,
                                                                     github_board) -> None:
    brightloop(github_board, root)
    body = issue_body(org_slug="", slug="invoices", title="Chase our late invoices")
    body = body.replace("### Organization name\n\n_No response_", "### Organization name\n\nBright Loop")
    event, number = issue_event(tmp_path, github_board, body, author="mallory")
    assert issue_to_pr(root, event) == 0
    (pull,) = github_board.pulls()
    assert github_board.read("projects/bright-loop/organization.yaml", pull["head"]["ref"])
    comment = next(c for c in github_board.comments_on(number) if "Thank you" in c["body"])
    assert "projects/brightloop/organization.yaml" in comment["body"].replace("\\", "")
    report = reports(github_board, pull["number"])[0]["body"].replace("\\", "")
    assert "organization-look-alike" in report and "'Brightloop', an organization already on the board" in report
