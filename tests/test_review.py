"""The report logic without GitHub: ownership rules, labels, the preview card, housekeeping's text
edit, the pull-request check over two folders, and the untrusted artifact."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
import yaml

from generator import cli
from generator.bot.issue_feedback import missing_required
from generator.bot.report_comment import read_artifact
from generator.bot.trees import stage_board, tree_changes
from generator.changes import ChangedFile, PostingChanges
from generator.housekeeping import EditError, close_text, closing_date, reminder_due
from generator.issue_form import issue_body_from_posting
from generator.ownership import Author, PostingChange, bot_logins, effective_author, judge, only_closing, owners_of
from generator.review import kind_of, preview_markdown, review_changes
from generator.settings import Settings
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"
PATH = "projects/ashgrove-museum-of-maps/design-gallery-wayfinding-map.yaml"
SETTINGS = Settings(today=TODAY)
ORG = "projects/ashgrove-museum-of-maps/organization.yaml"


def with_organization(root: Path) -> Path:
    """`root` as a board holding the sample organization.yaml of the sample posting's folder."""
    (root / ORG).parent.mkdir(parents=True, exist_ok=True)
    (root / ORG).write_bytes((ROOT / "samples" / ORG).read_bytes())
    return root


def text(**swap: str) -> str:
    value = SAMPLE.read_text(encoding="utf-8")
    for key, new in swap.items():
        value = re.sub(rf"(?m)^(\s*){key}: .*$", rf"\g<1>{key}: {new}", value, count=1)
    return value


def change(status: str, base: str | None, head: str | None, path: str = PATH) -> ChangedFile:
    return ChangedFile(path, status, None, base and base.encode(), head and head.encode())


def never() -> bool:
    raise AssertionError("approval must not be asked for")


# -- ownership ---------------------------------------------------------------------------------------------


def test_owners_are_read_from_the_base_version() -> None:
    assert owners_of(SAMPLE.read_bytes()) == ("ruth-okonkwo", "ashgrove-staff")
    assert owners_of(b"title: x\n") is None and owners_of(None) is None
    assert owners_of(b"owners: [\"../x\", \"ok-name\"]\n") == ("ok-name",)
    assert owners_of(b"{{{{") is None


@pytest.mark.parametrize("login", ["ruth-okonkwo", "Ruth-Okonkwo", "ASHGROVE-STAFF"])
def test_an_owner_may_edit_case_insensitively(login: str) -> None:
    verdict = judge(PostingChange("modified", PATH, ("ruth-okonkwo", "ashgrove-staff"), ("mallory",)), Author(login), never)
    assert verdict.state == "ok"


def test_a_stranger_is_refused_unless_approved() -> None:
    refused = judge(PostingChange("modified", PATH, ("ruth-okonkwo",), ("mallory", "ruth-okonkwo")), Author("mallory"),
                    lambda: False)
    assert refused.refused
    assert refused.message == (f"@mallory may not change {PATH}: its owners on the board are ruth-okonkwo. Only they "
                               "can change it; ask one of them, or ask a maintainer to approve this pull request")
    approved = judge(PostingChange("removed", PATH, ("ruth-okonkwo",)), Author("mallory"), lambda: True)
    assert approved.state == "approved" and "may not delete" in approved.message


def test_new_postings_list_their_author_and_maintainers_pass() -> None:
    assert judge(PostingChange("added", PATH, None, ("Employer",)), Author("employer"), never).state == "ok"
    assert judge(PostingChange("added", PATH, None, ("someone",)), Author("employer"), lambda: False).refused
    assert judge(PostingChange("modified", PATH, ("someone",)), Author("maria", maintainer=True), never).state == "ok"
    assert judge(PostingChange("modified", PATH, None, None), Author("ruth"), lambda: False).message.startswith(
        "the version of")  # no readable owners on the board: only a maintainer


def test_housekeeping_may_only_close() -> None:
    before = text()
    closed = close_text(before, dt.date(2040, 3, 2))
    bot = Author("github-actions[bot]", "housekeeping")
    assert only_closing(before.encode(), closed.encode())
    assert judge(PostingChange("modified", PATH, ("ruth-okonkwo",)), bot, never, closing_only=True).state == "ok"
    assert not only_closing(before.encode(), text(hours="5").encode())
    assert judge(PostingChange("modified", PATH, ("ruth-okonkwo",)), bot, lambda: False, closing_only=False).refused
    assert judge(PostingChange("added", PATH, None, ("x",)), bot, lambda: False).refused


@pytest.mark.parametrize(
    "author, ref, head_repo, expected",
    [
        ("github-actions[bot]", "microboard/issue-7", "acme/board", ("alice", "issue", 7)),
        ("github-actions[bot]", "microboard/issue-7", "mallory/board", ("github-actions[bot]", "", None)),  # fork
        ("mallory", "microboard/issue-7", "acme/board", ("mallory", "", None)),  # a person, same repository
        ("github-actions[bot]", "microboard/issue-8", "acme/board", ("github-actions[bot]", "bot", None)),  # a PR
        ("github-actions[bot]", "microboard/issue-07", "acme/board", ("github-actions[bot]", "bot", None)),
        ("github-actions[bot]", "microboard/housekeeping", "acme/board", ("github-actions[bot]", "housekeeping", None)),
        ("mallory", "microboard/housekeeping", "acme/board", ("mallory", "", None)),
        ("board-app[bot]", "microboard/issue-7", "acme/board", ("alice", "issue", 7)),  # the configured App
        ("other-app[bot]", "microboard/issue-7", "acme/board", ("other-app[bot]", "", None)),
        ("github-actions[bot]", "microboard/issue-7", None, ("github-actions[bot]", "", None)),  # deleted fork
    ],
)
def test_who_a_pull_request_is_judged_as(author, ref, head_repo, expected) -> None:
    issues = {7: "alice", 8: None}  # 8 is a pull request
    bots = bot_logins("board-app[bot], not a bot login, ")
    found = effective_author(author, ref, head_repo, "acme/board", issues.get, bots)
    assert (found.login, found.via, found.issue) == expected


def test_bot_logins_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("MICROBOARD_BOT_LOGINS", "board-app[bot],evil")
    assert bot_logins() == {"github-actions[bot]", "board-app[bot]"}


# -- kinds, labels and the report ---------------------------------------------------------------------------


def test_kinds_of_change() -> None:
    assert kind_of(change("added", None, text())) == "new"
    assert kind_of(change("modified", text(), text(hours="20"))) == "edit"
    assert kind_of(change("modified", text(), text(status="filled"))) == "closing"
    assert kind_of(change("modified", text(status="closed"), text(status="closed", hours="9"))) == "edit"
    assert kind_of(change("removed", text(), None)) == "removed"


def test_labels_follow_the_verdicts(tmp_path) -> None:
    with_organization(tmp_path)
    valid = review_changes(PostingChanges((change("added", None, text()),), ()), SETTINGS, tmp_path)
    assert valid.labels() == {"valid", "new posting"} and valid.ok
    broken = review_changes(PostingChanges((change("modified", text(), text(hours="lots")),), ()), SETTINGS, tmp_path)
    assert broken.labels() == {"needs changes", "edit"} and not broken.ok
    outside = review_changes(PostingChanges((change("modified", text(), text(status="closed")),), ("README.md",)),
                             SETTINGS, tmp_path)
    assert outside.labels() == {"valid", "closing", "needs maintainer"}
    nothing = review_changes(PostingChanges((), ("mkdocs.yml",)), SETTINGS, tmp_path)
    assert nothing.labels() == {"needs maintainer"} and "no posting files change" in nothing.markdown()
    refused = review_changes(PostingChanges((change("removed", text(), None),), ()), SETTINGS, tmp_path,
                             author=Author("mallory"), approved=lambda: False)
    assert refused.labels() == {"valid", "closing", "needs maintainer"}
    assert "prefer `status: closed`" in refused.markdown()


def test_approval_is_asked_once_and_only_when_needed(tmp_path) -> None:
    with_organization(tmp_path)
    asked = []
    files = (change("modified", text(), text(hours="20")), change("removed", text(), None, "projects/a/b.yaml"))
    review = review_changes(PostingChanges(files, ()), SETTINGS, tmp_path, author=Author("mallory"),
                            approved=lambda: asked.append(1) or True)
    assert asked == [1] and {f.ownership.state for f in review.files} == {"approved"}
    review_changes(PostingChanges(files[:1], ()), SETTINGS, tmp_path, author=Author("ruth-okonkwo"), approved=never)


def test_repeated_problems_are_shown_once(tmp_path) -> None:
    with_organization(tmp_path)
    review = review_changes(PostingChanges((change("added", None, "title: Only a title\n"),), ()), SETTINGS, tmp_path)
    messages = [p.message for p in review.problems]
    assert len(messages) == len(set(messages)) and "`summary` is missing" in messages


def test_the_preview_card_shows_what_students_see() -> None:
    from generator.validate import validate_text

    project = validate_text(text(), PATH, SETTINGS, ROOT / "samples").projects[0]
    card = preview_markdown(project, TODAY)
    assert card.splitlines() == [
        "> **Design a visitor map of the museum's galleries**",
        "> Ashgrove Museum of Maps · Design · 30 hours",
        "> Pay: 900 USD fixed fee · Where: On site · Providence, RI, US",
        "> Apply by 1 March 2040",  # far off: the date alone
        "> Skills: Graphic design · Adobe InDesign · Adobe Illustrator · User research · Accessibility",
        "> Mentorship: mentor Ruth Okonkwo, exhibitions designer; check-ins at each milestone; feedback: a "
        "review of the work for your portfolio, a written review of your work, a reference for future applications",
        ">",
        "> Design a printed and on-screen visitor map that gets first-time visitors to every gallery of a map "
        "museum where, embarrassingly, people still get lost.",
    ]


# -- housekeeping's minimal edit ---------------------------------------------------------------------------


def diff_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) <= len(b) <= len(a) + 1
    return [(x, y) for x, y in zip(a, b) if x != y]


def test_closing_changes_the_status_value_and_updated_only() -> None:
    before = text(status="open  # taking applications")
    after = close_text(before, dt.date(2040, 3, 2))
    assert diff_lines(before, after) == [("status: open  # taking applications", "status: closed  # taking applications"),
                                         ('updated: "2026-07-27"', 'updated: "2040-03-02"')]
    assert after.startswith("# yaml-language-server:")


@pytest.mark.parametrize("status", ['"open"', "'open'", "open"])
def test_closing_handles_quoted_status_and_adds_updated_after_posted(status: str) -> None:
    before = re.sub(r'(?m)^updated: .*\n', "", text(status=status))
    after = close_text(before, dt.date(2040, 3, 2))
    lines = after.splitlines()
    assert lines[lines.index('posted: "2026-07-20"') + 1] == 'updated: "2040-03-02"'
    assert "status: closed" in lines
    assert yaml.safe_load(after) == dict(yaml.safe_load(before), status="closed", updated="2040-03-02")


def test_closing_keeps_a_byte_order_mark_and_a_missing_final_newline() -> None:
    before = "\ufeff" + re.sub(r'(?m)^updated: .*\n', "", text()).rstrip("\n")
    after = close_text(before, dt.date(2040, 3, 2))
    assert after.startswith("\ufeff# yaml") and after.endswith('updated: "2040-03-02"\n')


def test_closing_refuses_what_it_cannot_edit_in_place() -> None:
    with pytest.raises(EditError):
        close_text("- a list\n", dt.date(2040, 3, 2))
    with pytest.raises(EditError):
        close_text("title: no status\n", dt.date(2040, 3, 2))


def test_closing_date_and_reminder_window() -> None:
    from generator.validate import validate_text

    project = validate_text(text(), PATH, SETTINGS, ROOT / "samples").projects[0]
    assert closing_date(project) == dt.date(2040, 3, 2)
    assert reminder_due(project, dt.date(2040, 2, 25), 5) and reminder_due(project, dt.date(2040, 3, 1), 5)
    assert not reminder_due(project, dt.date(2040, 2, 24), 5) and not reminder_due(project, dt.date(2040, 3, 2), 5)


# -- the pull request's own check over two folders ---------------------------------------------------------


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "pr"
    for folder in (base, head):
        (folder / "projects" / "ashgrove-museum-of-maps").mkdir(parents=True)
        (folder / PATH).write_text(text(), encoding="utf-8")
        with_organization(folder)
        (folder / "mkdocs.yml").write_text("site_name: Board\nplugins:\n  - microboard\n")
        (folder / "board.yml").write_text("pay_floor: 20\n")
        (folder / ".git").mkdir()
        (folder / ".git" / "HEAD").write_text(folder.name)
    return base, head


def test_tree_changes_finds_what_the_pull_request_changes(trees, tmp_path) -> None:
    base, head = trees
    (head / PATH).write_text(text(hours="lots"), encoding="utf-8")
    (head / "projects" / "new-org").mkdir()
    (head / "projects" / "new-org" / "thing.yaml").write_text("title: x\n")
    (head / "projects" / "new-org" / "secret.yaml").symlink_to("/etc/hostname")
    (head / "mkdocs.yml").write_text("site_name: Mine\n")
    changes = tree_changes(base, head)
    assert [(f.filename, f.status) for f in changes.files] == [
        (PATH, "modified"), ("projects/new-org/secret.yaml", "added"), ("projects/new-org/thing.yaml", "added")]
    link = changes.files[1]
    assert link.head_content is None  # a link is never read through
    assert changes.outside == ("mkdocs.yml",)  # .git is not part of the comparison


def test_pr_check_uses_the_base_settings_and_writes_the_artifact(trees, tmp_path, capsys) -> None:
    base, head = trees
    cheap = text().replace("amount: 900", "amount: 90")  # 3 USD an hour
    (head / PATH).write_text(cheap, encoding="utf-8")
    (head / "board.yml").write_text("pay_floor: 1\n")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 12, "head": {"sha": "a" * 40}, "base": {"sha": "b" * 40}}}))
    out, summary = tmp_path / "report" / "report.json", tmp_path / "summary.md"
    code = cli.main(["pr-check", "--base-dir", str(base), "--head-dir", str(head), "--event", str(event),
                     "--out", str(out), "--summary", str(summary), "--stage-dir", str(tmp_path / "staged"),
                     "--today", TODAY.isoformat()])
    assert code == 1
    printed = capsys.readouterr().out
    assert printed.startswith(f"::error file={PATH},line=") and "title=pay-below-floor::" in printed
    data = json.loads(out.read_text())
    assert (data["pr_number"], data["head_sha"], data["errors"]) == (12, "a" * 40, 1)
    assert data["report"]["problems"][0]["code"] == "pay-below-floor"
    assert data["files"][0]["path"] == PATH and data["files"][0]["preview"] is None
    assert summary.read_text().startswith("## Microboard check: ❌ Needs changes")
    staged = tmp_path / "staged"
    assert (staged / PATH).read_text() == cheap  # the pull request's postings ...
    assert "pay_floor: 20" in (staged / "board.yml").read_text()  # ... with the base board's configuration
    assert not (staged / ".git").exists()


def test_stage_board_leaves_links_behind(trees, tmp_path) -> None:
    base, head = trees
    (head / "projects" / "evil.yaml").symlink_to("/etc/hostname")
    (head / "projects" / "linked-dir").symlink_to("/etc")
    stage_board(base, head, tmp_path / "staged")
    names = sorted(p.name for p in (tmp_path / "staged" / "projects").iterdir())
    assert names == ["ashgrove-museum-of-maps"]


def test_pr_check_of_a_valid_change_passes_with_a_preview(trees, tmp_path) -> None:
    base, head = trees
    (head / PATH).write_text(text(hours="25"), encoding="utf-8")
    out = tmp_path / "r.json"
    assert cli.main(["pr-check", "--base-dir", str(base), "--head-dir", str(head), "--out", str(out),
                     "--format", "text", "--today", TODAY.isoformat()]) == 0
    data = json.loads(out.read_text())
    assert data["labels"] == ["edit", "valid"] and "25 hours" in data["files"][0]["preview"]


# -- the untrusted artifact ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, note",
    [
        (None, "left no report"),
        (b"not json", "unreadable report"),
        (b"[1, 2]", "unreadable report"),
        (json.dumps({"pr_number": 8, "head_sha": "a" * 40}).encode(), "names pull request #8, not #7"),
        (json.dumps({"pr_number": "7; rm -rf /", "head_sha": "a" * 40}).encode(), "names pull request no valid number"),
        (json.dumps({"pr_number": True, "head_sha": "a" * 40}).encode(), "no valid number"),
        (json.dumps({"pr_number": 7, "head_sha": "b" * 40}).encode(), "about another commit"),
        (b" " * (6 * 1024 * 1024), "unreadable report"),
    ],
)
def test_a_suspicious_artifact_is_ignored_with_a_note(tmp_path, content, note) -> None:
    path = tmp_path / "report.json"
    if content is not None:
        path.write_bytes(content)
    data, notes = read_artifact(str(path), 7, "a" * 40)
    assert data is None and len(notes) == 1 and note in notes[0]
    assert "rm -rf" not in notes[0]


def test_a_matching_artifact_is_read(tmp_path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"pr_number": 7, "head_sha": "a" * 40, "errors": 2}))
    assert read_artifact(str(path), 7, "a" * 40) == ({"pr_number": 7, "head_sha": "a" * 40, "errors": 2}, [])


def test_missing_required_fields_are_named_by_their_labels() -> None:
    body = issue_body_from_posting({"title": "Build a dashboard"})
    missing = missing_required(body)
    assert "Title" not in missing and {"Organization name", "Estimated hours", "Apply by"} <= set(missing)
    assert missing_required("x" * 70_000) == []  # too long: that is the problem to report


def test_bot_commands_load_no_github_client_until_they_run() -> None:
    import subprocess
    import sys

    code = "import sys, generator.cli as c; c.build_parser(); print('github' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "False"


def test_a_moved_posting_is_no_duplicate_of_its_old_self(tmp_path) -> None:
    with_organization(tmp_path)
    (tmp_path / "projects" / "ashgrove-museum-of-maps").mkdir(parents=True, exist_ok=True)
    (tmp_path / PATH).write_text(text(), encoding="utf-8")  # still on the board (the root) until the merge
    moved = "projects/ashgrove-museum-of-maps/visitor-map.yaml"
    renamed = ChangedFile(moved, "renamed", PATH, text().encode(), text().encode())
    review = review_changes(PostingChanges((renamed,), ()), SETTINGS, tmp_path)
    assert review.errors == [] and review.files[0].preview_ready
    added = review_changes(PostingChanges((change("added", None, text(), moved),), ()), SETTINGS, tmp_path)
    assert [p.code for p in added.errors] == ["duplicate-posting"]  # a copy next to the original still is


def test_pr_check_reads_the_skills_list_of_the_base_branch(trees, tmp_path) -> None:
    base, head = trees
    (base / "schema").mkdir()
    (base / "schema" / "skills.yaml").write_text((ROOT / "schema" / "skills.yaml").read_text(encoding="utf-8"))
    (head / "schema").mkdir()
    (head / "schema" / "skills.yaml").write_text("skills:\n  Underwater basket weaving: []\n")
    (head / PATH).write_text(text().replace("  - Accessibility", "  - Underwater basket weaving"), encoding="utf-8")
    out = tmp_path / "r.json"
    cli.main(["pr-check", "--base-dir", str(base), "--head-dir", str(head), "--out", str(out),
              "--today", TODAY.isoformat()])
    data = json.loads(out.read_text())
    assert [p["code"] for p in data["report"]["problems"]] == ["skill-unknown"]
    assert data["outside"] == ["schema/skills.yaml"] and "needs maintainer" in data["labels"]
