"""Every way an issue-form answer can go wrong ends in a comment on the issue that says what to change.

Real PyGithub over HTTP against the GitHub double, through `python -m generator issue-to-pr`.
"""

from __future__ import annotations

import pytest
import yaml

from generator import from_issue, issue_form
from tests.github_double import BOT_LOGIN, FakeRepo, GitHubDouble
from tests.test_bot_flows import ISSUE_MARKER, WRITES, issue_body, issue_event, issue_to_pr, posting
from tests.test_bot_flows import root  # noqa: F401 - the checkout fixture

def only_comment(board: FakeRepo, number: int) -> str:
    (comment,) = board.comments_on(number)
    assert comment["body"].startswith(ISSUE_MARKER) and comment["user"] == BOT_LOGIN
    return comment["body"]


def answer(body: str, label: str, text: str) -> str:
    """The body with one field's answer replaced, as an employer editing it would."""
    lines = body.split("\n")
    start = lines.index(f"### {label}")
    stop = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("### "))
    return "\n".join(lines[:start + 1] + ["", text, ""] + lines[stop:])


@pytest.mark.parametrize("label, text, expected", [
    ("Estimated hours", "9" * 5000, "Estimated hours: '9999"),
    ("Estimated hours", "1e309", "Estimated hours: write a whole number in digits"),
    ("Estimated hours", "nan", "Estimated hours: write a whole number in digits"),
    ("Amount", "1e309", "Amount: write a number in digits"),
    ("Amount", "-" + "9" * 400, "far too large"),
    ("Organization short name", "a" * 300, "at most 64 are allowed"),
    ("Project short name", "nul", "Windows reserves"),
    ("Organization short name", "con", "Windows reserves"),
], ids=["5000-digit-hours", "1e309-hours", "nan-hours", "1e309-amount", "400-digit-amount", "300-char-org",
        "nul-project", "con-org"])
def test_an_unusable_answer_gets_a_comment_that_says_what_to_write(tmp_path, root, github_env, github_board,
                                                                  github_double: GitHubDouble, label, text,
                                                                  expected) -> None:
    body = answer(issue_body(), label, text)
    event, number = issue_event(tmp_path, github_board, body)
    github_double.clear_requests()
    assert issue_to_pr(root, event) == 0

    comment = only_comment(github_board, number)
    assert "needs a few changes" in comment
    plain = comment.replace("\\", "")  # the comment escapes Markdown
    assert expected in plain, plain
    assert len(comment) < 5000  # a 5,000-digit answer is quoted short, not echoed back
    assert github_board.pulls(state="all") == []
    writes = [r for r in github_double.requests if r.method in WRITES]
    assert [(r.method, r.path) for r in writes] == [("POST", f"/repos/acme/board/issues/{number}/comments")]


def test_a_name_in_any_script_gets_a_readable_address(tmp_path, root, github_env, github_board) -> None:
    data = issue_body(org_slug="", slug="", organization={"name": "Green Valley Food Bank"})
    assert "### Organization name\n\nGreen Valley Food Bank" in data  # the form's answer the test replaces
    body = data.replace("### Organization name\n\nGreen Valley Food Bank", "### Organization name\n\nЯндекс")
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0
    (pull,) = github_board.pulls()
    assert github_board.read("projects/yandeks/build-a-volunteer-hours-dashboard.yaml", pull["head"]["ref"])


def test_a_name_without_letters_asks_for_a_short_name(tmp_path, root, github_env, github_board) -> None:
    data = issue_body(org_slug="", slug="", organization={"name": "Green Valley Food Bank"})
    assert "### Organization name\n\nGreen Valley Food Bank" in data  # the form's answer the test replaces
    body = data.replace("### Organization name\n\nGreen Valley Food Bank", "### Organization name\n\n!!! ???")
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0
    assert "Organization short name: the name gives no letters or digits" in only_comment(github_board, number)


def test_a_failure_on_githubs_side_still_tells_the_employer(tmp_path, root, github_env, github_board) -> None:
    # the board's settings name a branch the repository does not have: opening the pull request fails
    (root / "mkdocs.yml").write_text("site_name: Board\nplugins:\n  - microboard:\n      branch: release\n",
                                     encoding="utf-8")
    event, number = issue_event(tmp_path, github_board, issue_body())
    assert issue_to_pr(root, event) == 3

    comment = only_comment(github_board, number)
    assert "could not handle this posting just now" in comment and "not a mistake in what you wrote" in comment
    assert "release" not in comment and "404" not in comment and "Traceback" not in comment
    assert github_board.pulls(state="all") == []


def test_an_unexpected_error_ends_in_a_comment_without_internals(tmp_path, root, github_env, github_board,
                                                                monkeypatch, capsys) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("internal detail /home/runner/secret")

    event, number = issue_event(tmp_path, github_board, issue_body())
    with monkeypatch.context() as patch:
        patch.setattr(from_issue, "validate_text", broken)
        assert issue_to_pr(root, event) == 3

    comment = only_comment(github_board, number)
    assert "could not handle this posting just now" in comment
    assert "secret" not in comment and "RuntimeError" not in comment
    log = capsys.readouterr().err
    assert f"issue #{number} could not be handled: RuntimeError: internal detail" in log
    assert "Traceback" not in log and "(at test_issue_failures.py:" in log

    # fixed (the next run works): the same comment becomes the pull request's link
    edited, _ = issue_event(tmp_path, github_board, issue_body(), number=number, action="edited")
    assert issue_to_pr(root, edited) == 0
    assert "Thank you" in only_comment(github_board, number)


def test_if_github_is_down_the_run_fails_with_a_message(tmp_path, root, github_env, github_board,
                                                       monkeypatch, capsys) -> None:
    event, number = issue_event(tmp_path, github_board, issue_body())
    monkeypatch.setenv("GITHUB_TOKEN", "revoked")
    assert issue_to_pr(root, event) == 3
    log = capsys.readouterr().err
    assert "could not be handled" in log and "the comment on issue" in log and "Traceback" not in log


def test_the_posting_from_a_valid_issue_is_unchanged(tmp_path, root, github_env, github_board) -> None:
    """The guard changes nothing on the happy path: the file in the pull request is the posting."""
    event, number = issue_event(tmp_path, github_board, issue_body())
    assert issue_to_pr(root, event) == 0
    (pull,) = github_board.pulls()
    made = yaml.safe_load(github_board.read("projects/green-valley/volunteer-dashboard.yaml", pull["head"]["ref"]))
    expected = yaml.safe_load(posting())
    assert made["title"] == expected["title"] and made["hours"] == expected["hours"]
    assert issue_form.MAX_DIGITS >= len(str(expected["compensation"]["amount"]))


@pytest.mark.parametrize("label, text", [
    ("Apply by", "2026-02-30"),
    ("Apply by", "next Friday"),
    ("Title", "🚀🚀🚀 " * 40),
    ("Title", "Map\x00the\x1b[31mgallery\x7f\u202e"),
    ("Skills", "\n".join(f"skill {n}" for n in range(500))),
    ("Field", "None of these"),
    ("Summary", "x" * 20_000),
    ("Owners", "@mallory\n../../etc\n" + "a" * 300),
    ("Study levels", "undergraduate, everyone, 🚀"),
], ids=["impossible-date", "words-date", "emoji-title", "control-title", "500-skills", "unknown-field",
        "long-summary", "hostile-owners", "unknown-levels"])
def test_any_answer_ends_in_one_comment_on_the_issue(tmp_path, root, github_env, github_board, label, text) -> None:
    event, number = issue_event(tmp_path, github_board, answer(issue_body(), label, text))
    assert issue_to_pr(root, event) == 0
    comment = only_comment(github_board, number)
    if github_board.pulls():
        assert "Thank you" in comment
    else:
        assert "needs a few changes" in comment and "| Problem | What to write |" in comment or \
            "Answers that could not be used" in comment


def test_a_web_ui_body_with_empty_dropdowns_becomes_a_pull_request(tmp_path, root, github_env, github_board) -> None:
    """CRLF line endings, `None` for the dropdowns left alone and `_No response_` for the inputs left alone."""
    body = issue_body()
    for label in ("Mentor", "What you will learn"):
        body = answer(body, label, "_No response_")
    for label in ("Check-ins", "Feedback", "Study levels"):
        body = answer(body, label, "None")
    body = body.replace("\n", "\r\n")
    assert "### Check-ins\r\n\r\nNone\r\n" in body
    event, number = issue_event(tmp_path, github_board, body)
    assert issue_to_pr(root, event) == 0

    assert "Thank you" in only_comment(github_board, number)
    (pull,) = github_board.pulls()
    text = github_board.read("projects/green-valley/volunteer-dashboard.yaml", pull["head"]["ref"])
    data = yaml.safe_load(text)
    assert "\r" not in text and "None" not in text
    assert "mentorship" not in data and "levels" not in data.get("eligibility", {})
