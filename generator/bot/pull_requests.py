"""Reporting on one pull request: its review from GitHub's copy of its files, written back as the one
report comment, its labels and its commit status. Every command that ends in a report comes here."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from generator import approvals as apv, github as gh, ownership as own, review as rv
from generator.report import markdown_text
from generator.review import Review
from generator.settings import Settings


@dataclasses.dataclass
class PullCheck:
    """What the bot found on one pull request: the review (None when it cannot be checked whole) and
    the facts about approval and target branch that decide what is written back."""

    info: Any  # generator.github.PullRequestInfo
    review: Review | None
    stale_label: bool = False  # the maintainer-approved label is there but was not given on this head
    recorded: str | None = None  # the head commit of the bot's previous report
    into_default: bool = True  # into the repository's default branch: only then is a status set
    too_many: Any = None  # generator.github.TooManyFiles when GitHub cannot list every changed file


def check_pull_request(repo, number: int, settings: Settings, root: Path, *, notes: list[str] | None = None,
                       bots: frozenset[str] | None = None) -> PullCheck:
    """The report on pull request `number`, from GitHub's copy of its files and its reviews, with whether
    its approval label still counts (generator/approvals.py) and whether it goes into the default branch."""
    info = gh.pull_request_info(repo, number)
    into_default = info.base_ref == gh.default_branch(repo)
    recorded = apv.recorded_head(gh.own_comment_body(repo, number, gh.REPORT_MARKER), gh.REPORT_MARKER)
    stale = apv.label_is_stale(info.labels, gh.APPROVAL_LABEL, info.head_sha, recorded)
    try:
        changes = gh.changed_postings(repo, number, head_sha=info.head_sha, projects_dir=settings.projects_dir)
    except gh.TooManyFiles as error:
        return PullCheck(info, None, stale, recorded, into_default, error)
    note = apv.stale_note(gh.APPROVAL_LABEL, info.head_sha, recorded) if stale else None
    review = _review(repo, info, changes, settings, root, notes=notes, bots=bots, stale_note=note)
    if not into_default:
        review.notes.append(f"This pull request goes into {markdown_text(info.base_ref)}, not the board's "
                            "default branch: the bot reports on it but sets no commit status.")
    return PullCheck(info, review, stale, recorded, into_default)


def _review(repo, info, changes, settings: Settings, root: Path, *, notes: list[str] | None,
            bots: frozenset[str] | None, stale_note: str | None) -> Review:
    number = info.number

    def issue_author(n: int) -> str | None:
        try:
            issue = gh.get_issue(repo, n)
        except gh.GitHubError as error:
            if error.status == 404:
                return None
            raise
        return None if issue.is_pull_request else issue.author

    author = own.effective_author(info.author, info.head_ref, info.head_repo, info.base_repo, issue_author, bots)
    if author.via in ("", "issue"):
        author = dataclasses.replace(
            author, maintainer=gh.collaborator_permission(repo, author.login) in gh.WRITE_PERMISSIONS)
    notes = list(notes or [])
    if info.state != "open":
        notes.append("This pull request is closed; the report describes its last commit.")
    if author.via == "bot":
        notes.append("This pull request was opened by the bot account, but not from an issue form or "
                     "housekeeping branch of this repository: a maintainer must review it.")
    if stale_note:
        notes.append(stale_note)
    # the label counts only for the head commit it was given on (generator/approvals.py), and only if it
    # was there when the head was read: one added since is counted by the run its adding starts
    label_counts = stale_note is None and gh.APPROVAL_LABEL in info.labels
    return rv.review_changes(changes, settings, root, author=author,
                             approved=lambda: gh.approved_by_maintainer(repo, number, label_counts=label_counts,
                                                                        head_sha=info.head_sha),
                             notes=notes, number=number, head_sha=info.head_sha)


def publish(repo, check: PullCheck, extra: list[str] | None = None) -> None:
    """Write what `check` found back to its pull request: the one report comment (or the refusal to
    check), its managed labels and its commit status.

    The comment names the head commit it is about (generator/approvals.py). A stale approval label is
    removed, with a comment saying why. The status is set only on pull requests into the default
    branch: a status belongs to a commit, and a success earned against another base branch would
    show on the same commit in a pull request into the default branch.
    """
    number, head_sha, review = check.info.number, check.info.head_sha, check.review
    if review is not None:
        head = apv.head_line(review.head_sha) if review.head_sha else ""
        gh.upsert_comment(repo, number, gh.REPORT_MARKER, head + review.markdown(extra or []))
        gh.set_labels(repo, number, review.labels(), set(rv.MANAGED_LABELS), rv.LABEL_STYLES)
        status_sha, ok, status = review.head_sha, review.ok, _status_text(review)
    else:
        gh.upsert_comment(repo, number, gh.REPORT_MARKER,
                          apv.head_line(head_sha) + too_many_files_markdown(check.too_many))
        gh.set_labels(repo, number, {rv.NEEDS_MAINTAINER}, set(rv.MANAGED_LABELS), rv.LABEL_STYLES)
        status_sha, ok, status = head_sha, False, "too many files to check: see the report comment"
    if check.stale_label and gh.remove_label(repo, number, gh.APPROVAL_LABEL):
        gh.comment_on_issue(repo, number, apv.stale_comment(gh.APPROVAL_LABEL, head_sha, check.recorded))
    if status_sha and check.into_default:
        gh.set_commit_status(repo, status_sha, ok, status)


def too_many_files_text(error) -> str:
    return (f"This pull request changes {error.changed:,} files, and GitHub lists at most {error.listed:,} files "
            "of a pull request: the bot cannot read all of them, so it checks none rather than pass a part. "
            "Split the change into pull requests of fewer files (each posting is one file).")


def too_many_files_markdown(error) -> str:
    return "\n".join(["## Microboard check: ❌ Too many files to check", "", too_many_files_text(error), "",
                      "<sub>Microboard checks every push to this pull request and updates this comment.</sub>"]) + "\n"


def _status_text(review: Review) -> str:
    """One line for the merge box; the report comment has the details."""
    if review.errors:
        return f"{len(review.errors)} error(s) in the postings: see the report comment"
    if review.ok:
        return "postings valid, ownership checked"
    return "a maintainer must approve: see the report comment"
