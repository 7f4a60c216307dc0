"""`report-comment`, stage 2: on workflow_run, with a token that may write, the bot finds the pull
request by the head commit the event names, checks GitHub's own copy of its files and writes the
report back. The first stage's artifact is the pull request author's to forge: it is read with a
size limit, only its integers are used, and it never decides the report."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator import github as gh, github_server
from generator.bot.inputs import BotError, commit_sha, connect_repo, positive_int, read_json
from generator.bot.pull_requests import check_pull_request, publish, too_many_files_text
from generator.exit_codes import EXIT_OK
from generator.settings import Settings

ARTIFACT_LIMIT = 5 * 1024 * 1024  # bytes of the pull-request run's report read at most
CONCLUSIONS = {"success", "failure", "cancelled", "timed_out", "action_required", "neutral", "skipped",
               "stale", "startup_failure"}


def read_artifact(path: str | None, number: int, head_sha: str) -> tuple[dict | None, list[str]]:
    """The pull-request run's report, if it is about this pull request and commit; with notes on why not.

    Whoever opened the pull request controls that run and so this file: it is read with a size
    limit, only its integers are used, and it never decides the report.
    """
    if not path or not Path(path).is_file():
        return None, ["The pull request's check run left no report; the bot checked the postings itself."]
    try:
        data = read_json(path, "artifact", ARTIFACT_LIMIT)
    except BotError:
        return None, ["The pull request's check run left an unreadable report; it was ignored."]
    claimed = data.get("pr_number")
    if positive_int(claimed) != number:
        shown = f"#{claimed}" if positive_int(claimed) else "no valid number"
        return None, [f"The check run's report names pull request {shown}, not #{number}; it was ignored."]
    if commit_sha(data.get("head_sha")) != head_sha:
        return None, ["The check run's report is about another commit; it was ignored."]
    return data, []


def report_comment(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    event = read_json(args.event, "event file")
    run = event.get("workflow_run")
    if not isinstance(run, dict):
        raise BotError("the event file holds no workflow_run: this command runs on the workflow_run event")
    head_sha = commit_sha(run.get("head_sha"))
    if head_sha is None:
        raise BotError("the workflow_run event names no head commit")
    repo = connect_repo()
    info = gh.find_pull_request_for_commit(repo, head_sha)
    if info is None:
        print(f"no open pull request has {head_sha[:12]} as its head (pushed again, or closed): nothing to report")
        return EXIT_OK
    artifact, notes = read_artifact(args.artifact, info.number, head_sha)
    extra = []
    conclusion = run.get("conclusion") if run.get("conclusion") in CONCLUSIONS else "unknown"
    run_id = positive_int(run.get("id"))
    server = github_server.server_url()
    link = f" ([the run]({server}/{repo.full_name}/actions/runs/{run_id}))" if run_id else ""
    mark = {"success": "✅", "failure": "❌"}.get(conclusion, "⚠️")
    extra.append(f"{mark} The pull request's check run (validation and site build): {conclusion}{link}.")
    try:
        check = check_pull_request(repo, info.number, settings, root, notes=notes)
    except gh.HeadMoved as moved:
        print(f"{moved}: nothing to report; the run for the new head reports on it")
        return EXIT_OK
    if check.review is None:
        publish(repo, check)
        print(f"pull request #{info.number}: {too_many_files_text(check.too_many)}")
        return EXIT_OK
    review = check.review
    if artifact is not None:
        claimed = artifact.get("errors")
        if isinstance(claimed, int) and not isinstance(claimed, bool) and claimed != len(review.errors):
            extra.append(f"The check run reported {claimed} error(s); the bot's own check found "
                         f"{len(review.errors)}. The bot's result stands.")
    publish(repo, check, extra)
    print(f"reported on pull request #{info.number}: {review.headline()}; labels {sorted(review.labels())}")
    return EXIT_OK


# -- the issue form ----------------------------------------------------------------------------------
