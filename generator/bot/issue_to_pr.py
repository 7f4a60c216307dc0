"""`issue-to-pr`: a "Post a project" issue becomes a pull request on the bot's branch for it, or a
comment that says what to change; whatever happens, the person who filed the issue is told."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import github as gh, ownership as own, review as rv
from generator.bot.inputs import BotError, connect_repo, positive_int, read_json
from generator.bot.issue_feedback import issue_feedback
from generator.bot.pull_requests import check_pull_request, publish
from generator.changes import ChangedFile, PostingChanges
from generator.exit_codes import EXIT_FAILED, EXIT_OK
from generator.from_issue import check_issue
from generator.issue_form import POST_LABEL, POST_TITLE_PREFIX
from generator.report import markdown_text
from generator.settings import Settings

ISSUE_MARKER = "<!-- microboard-issue -->"


def _event_issue(path: str) -> dict:
    event = read_json(path, "event file")
    issue = event.get("issue")
    if not isinstance(issue, dict) or positive_int(issue.get("number")) is None:
        raise BotError("the event file holds no issue: this command runs on the issues event")
    return issue


def _names(labels: object) -> set[str]:
    if not isinstance(labels, list):
        return set()
    return {str(label.get("name")) for label in labels if isinstance(label, dict)}


def issue_to_pr(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    issue = _event_issue(args.event)
    number = issue["number"]
    if "pull_request" in issue:
        print(f"#{number} is a pull request, not an issue: nothing to do")
        return EXIT_OK
    title = issue.get("title") if isinstance(issue.get("title"), str) else ""
    if POST_LABEL not in _names(issue.get("labels")) and not title.startswith(POST_TITLE_PREFIX):
        print(f"issue #{number} is not a 'Post a project' issue (no '{POST_LABEL}' label or {POST_TITLE_PREFIX} title)")
        return EXIT_OK
    if issue.get("state") == "closed":
        print(f"issue #{number} is closed: nothing to do")
        return EXIT_OK
    author = (issue.get("user") or {}).get("login")
    if not isinstance(author, str) or not own.LOGIN.fullmatch(author.removesuffix("[bot]")):
        raise BotError("the issue names no author")
    body = issue.get("body") if isinstance(issue.get("body"), str) else ""
    result = check_issue(body, author, settings, root)
    repo = connect_repo()
    extra: list[str] = []
    path = result.posting.path
    existing = (Path(root) / path) if path else None  # the base branch's checkout: trusted
    replacing = existing is not None and existing.is_file() and not existing.is_symlink()
    if replacing and result.ok:
        owners = own.owners_of(existing.read_bytes()) or ()
        if not any(own.same_login(author, o) for o in owners) and \
                gh.collaborator_permission(repo, author) not in gh.WRITE_PERMISSIONS:
            extra.append(f"{path} is already on the board and belongs to {', '.join(owners) or 'nobody'}. "
                         "Choose another Project short name, or ask one of its owners to change it.")
    org = result.organization
    if result.ok and org is not None and not org.may_post(author) and \
            gh.collaborator_permission(repo, author) not in gh.WRITE_PERMISSIONS:
        extra.append(org.refusal(author))  # an organization's owners decide who posts for it
    if not result.ok or extra:
        gh.upsert_comment(repo, number, ISSUE_MARKER, issue_feedback(result, body, extra))
        print(f"issue #{number}: needs changes; commented")
        return EXIT_OK
    text = result.posting.yaml_text()
    org_files = org.files if org is not None else {}
    review = rv.review_changes(
        PostingChanges((ChangedFile(path, "modified" if replacing else "added", None,
                                    existing.read_bytes() if replacing else None, text.encode()),)
                       + tuple(ChangedFile(p, "added", None, None, t.encode()) for p, t in org_files.items()),
                       ()),
        settings, root, author=own.Author(author, "issue", number), approved=lambda: False)
    posting_title = " ".join(str(result.posting.data.get("title", "")).split())[:100] or path
    pr_body = "\n".join([
        f"Closes #{number}", "",
        f"Opened by Microboard from the “Post a project” form in issue #{number} by @{author}. "
        "Edit the issue to change this posting: the pull request follows.", "",
        review.markdown()])
    try:
        pr_number, created = gh.open_or_update_pull_request(
            repo, own.ISSUE_BRANCH_PREFIX + str(number), settings.branch, {path: text, **org_files},
            f"Post: {posting_title}", pr_body, f"Post {path}\n\nFrom issue #{number}.", settings.projects_dir)
    except gh.NothingToPropose:
        gh.upsert_comment(repo, number, ISSUE_MARKER,
                          f"✅ This posting is already on the board exactly as written ({markdown_text(path)}): "
                          "there is nothing to change.\n")
        print(f"issue #{number}: already on the board")
        return EXIT_OK
    # a pull request made with GITHUB_TOKEN starts no workflows: post the report on it now
    publish(repo, check_pull_request(repo, pr_number, settings, root))
    verb = "opened" if created else "updated"
    lines = [f"### ✅ Thank you! Pull request #{pr_number} proposes your posting", "",
             f"It will be saved as {markdown_text(path)}. A maintainer reviews it before it appears on the "
             "board. To change something, edit this issue: the pull request follows.", ""]
    if replacing:
        lines += ["It replaces the posting already at that address.", ""]
    if result.posting.notes:
        lines += ["**Notes:**", ""] + [f"- {markdown_text(n)}" for n in result.posting.notes] + [""]
    # the review adds what only the board can tell, such as a new organization's look-alike name
    warnings = [p for p in dict.fromkeys(list(result.problems) + review.problems) if not p.is_error]
    if warnings:
        lines += ["**Worth a look:**", ""] + [f"- {markdown_text(p.message)} ({markdown_text(p.hint)})"
                                              for p in warnings] + [""]
    if org_files:
        lines += [f"It also creates your organization's file, {markdown_text(next(iter(org_files)))}, with you as "
                  "its owner: only its owners can post for the organization or change how it is presented.", ""]
    posting_review = next(f for f in review.files if f.path == path)
    if posting_review.preview_ready:
        lines += ["**Preview:**", "", rv.preview_markdown(posting_review.project, settings.build_date())]
    gh.upsert_comment(repo, number, ISSUE_MARKER, "\n".join(lines))
    print(f"issue #{number}: pull request #{pr_number} {verb}")
    return EXIT_OK


FAILURE_COMMENT = (
    "### ⚠️ The board could not handle this posting just now\n\n"
    "Something failed on the board's side while your answers were being checked: this is not a mistake in "
    "what you wrote, and nothing has been published or lost. The board's maintainers can see what happened "
    "in the workflow run.\n\n"
    "You can try again by editing this issue (the ··· menu at its top, then **Edit**, then save). If this "
    "message comes back, a maintainer will follow up here.\n")


def issue_to_pr_guarded(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    """`issue-to-pr`, ending in a comment on the issue whatever happens.

    Answers the checks cannot use get a comment that says what to change (issue_to_pr does that);
    anything unexpected still gets a comment, one without internals, and a failed run (EXIT_FAILED)
    whose log tells the maintainers where it failed.
    """
    issue = _event_issue(args.event)  # without an issue number there is nobody to tell: exit 2
    try:
        return issue_to_pr(args, settings, root)
    except BotError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure must reach the person who filed the issue
        number = issue["number"]
        print(f"error: issue #{number} could not be handled: {_where(error)}", file=sys.stderr)
        try:
            gh.upsert_comment(connect_repo(), number, ISSUE_MARKER, FAILURE_COMMENT)
            print(f"issue #{number}: the author was told on the issue", file=sys.stderr)
        except Exception as again:  # noqa: BLE001 - GitHub itself may be what failed
            print(f"error: the comment on issue #{number} could not be written either: {_where(again)}",
                  file=sys.stderr)
        return EXIT_FAILED


def _where(error: BaseException) -> str:
    """One line for the workflow log: what failed and in which line of Microboard."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    place = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:300]}{place}"


# -- for maintainers ---------------------------------------------------------------------------------
