"""Any answer to any field of the issue form becomes a posting or a list of things to change, never a crash.

Hypothesis fills the form with hostile answers (numbers, huge numbers, 1e309, nan, dates, lists,
emoji, control characters, very long text) and runs everything `issue-to-pr` runs before it talks to
GitHub: reading the body, the checks, the comment for the issue and the report for the pull request.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from generator import from_issue
from generator.bot.issue_feedback import issue_feedback
from generator.changes import ChangedFile, PostingChanges
from generator import ownership as own
from generator import review as rv
from generator.issue_form import SLUG_FIELDS, form_fields, issue_body_from_posting
from generator.settings import Settings
from generator.slugs import is_slug
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"
LABELS = [label for _, label, _ in SLUG_FIELDS] + [f.label for f in form_fields()]

HOSTILE = st.one_of(
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.sampled_from(["9" * 5000, "-" + "9" * 4301, "1e309", "-1e309", "nan", "NaN", "inf", "-0", "0x1F", "1_000",
                     "1,000,000", "٣٠", "²⁰", "1.5", ".5", "5.", "20 hours", "twenty", "None", "_No response_",
                     "2026-02-30", "2026-13-01", "9999-12-31", "0001-01-01", "2026-11-21T10:00:00", "yesterday",
                     "- a\n- b\n- c", "1. one\n2. two", "[a, b]", "{a: 1}", "a" * 70_000, "x" * 300, "con", "nul",
                     "com1", "lpt9", "CON", "🚀🚀🚀", "👩🏽‍💻", "\u202eevil", "\x00\x01\x1b\x7f\x85", "\r\n\r\n",
                     "### Title\n\nanother", "- [X] ticked", "@mallory #1 https://evil.example", "ЯНДЕКС", "北京大学",
                     "'; DROP TABLE", "<script>alert(1)</script>", "&amp;", "\\", "`", "|", "\t", " ", ""]),
    st.text(max_size=80),
    st.dates().map(dt.date.isoformat),
)


def _base() -> dict:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["owners"] = []
    return data


def _body(answers: dict[str, str]) -> str:
    body = issue_body_from_posting(_base(), "green-valley", "volunteer-dashboard")
    lines = body.split("\n")
    out: list[str] = []
    skip = False
    for line in lines:
        label = line[4:] if line.startswith("### ") else None
        if label is not None:
            skip = label in answers
            out.append(line)
            if skip:
                out += ["", answers[label], ""]
            continue
        if not skip:
            out.append(line)
    return "\n".join(out)


@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.dictionaries(st.sampled_from(LABELS), HOSTILE, min_size=1, max_size=6),
       crlf=st.booleans())
def test_any_answers_give_a_posting_or_what_to_change(tmp_path_factory, answers, crlf):
    root = tmp_path_factory.mktemp("board")
    (root / "projects").mkdir(exist_ok=True)
    settings = Settings().with_today(TODAY.isoformat())
    body = _body(answers)
    if crlf:
        body = body.replace("\n", "\r\n")
    result = from_issue.check_issue(body, "employer", settings, Path(root))
    comment = issue_feedback(result, body, []) if not result.ok else result.markdown()
    assert isinstance(comment, str) and comment
    assert len(comment) < 70_000
    if result.posting.path is not None:
        org, name = result.posting.path.split("/")[1:]
        assert is_slug(org) and is_slug(name.removesuffix(".yaml"))
    if result.ok:
        text = result.posting.yaml_text()
        review = rv.review_changes(
            PostingChanges((ChangedFile(result.posting.path, "added", None, None, text.encode()),), ()),
            settings, Path(root), author=own.Author("employer", "issue", 1), approved=lambda: False)
        assert review.markdown()
    else:
        assert result.posting.problems or any(p.is_error for p in result.problems)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.sampled_from(LABELS), HOSTILE, min_size=1, max_size=4))
def test_any_answers_over_github_end_in_one_comment(tmp_path_factory, monkeypatch, answers):
    """The same answers through `issue-to-pr` against the GitHub double: exit 0 and one bot comment."""
    import json

    from generator import cli
    from tests.github_double import BOT_LOGIN, DEFAULT_TOKEN, GitHubDouble

    work = tmp_path_factory.mktemp("issue")
    root = work / "checkout"
    (root / "projects").mkdir(parents=True)
    body = _body(answers)
    with GitHubDouble() as double:
        board = double.create_repo("acme/board", files={"README.md": "# Microboard\n"})
        number = board.add_issue("[Post] fuzz", body, "employer", ("new posting",))
        event = work / "event.json"
        event.write_text(json.dumps({"action": "opened", "issue": {
            "number": number, "title": "[Post] fuzz", "body": body, "state": "open",
            "user": {"login": "employer", "type": "User"}, "labels": [{"name": "new posting"}]}}), encoding="utf-8")
        with monkeypatch.context() as env:
            env.setenv("GITHUB_API_URL", double.url)
            env.setenv("GITHUB_TOKEN", DEFAULT_TOKEN)
            env.setenv("GITHUB_REPOSITORY", "acme/board")
            code = cli.main(["--root", str(root), "issue-to-pr", "--event", str(event), "--today", TODAY.isoformat()])
        assert code == 0
        (comment,) = board.comments_on(number)
        assert comment["user"] == BOT_LOGIN
        assert ("Thank you" in comment["body"]) == bool(board.pulls())
