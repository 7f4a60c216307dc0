"""The bot's commands: the glue between GitHub (through generator/github.py) and Microboard's checks.

    python -m generator pr-check --base-dir base --head-dir pr --out report/report.json
    python -m generator report-comment --event "$GITHUB_EVENT_PATH" --artifact report/report.json
    python -m generator issue-to-pr --event "$GITHUB_EVENT_PATH"
    python -m generator review 42
    python -m generator housekeeping

`pr-check` runs in the pull request's own workflow with a read-only token and no API calls: the
trusted code (the base branch's generator, installed from `--base-dir`) reads the pull request's
files in `--head-dir` as data. Everything else talks to GitHub with GITHUB_TOKEN, GITHUB_REPOSITORY
and GITHUB_API_URL from the environment.

What comes from GitHub events, artifacts, issues and pull requests is data written by strangers.
It decides nothing by itself: the pull request for a report is found by the head commit the
workflow_run event names, the report is recomputed from GitHub's own copy of the files, and every
piece of stranger text in a comment goes through `markdown_text`.

One module a job: `pr_check` (stage 1, no token), `report_comment` (stage 2), `issue_to_pr` with
`issue_feedback`, `review_command`, `housekeeping_command`; `pull_requests` writes a report back to a
pull request, `trees` compares two checkouts, `inputs` reads events and connects to the repository.
This module only registers the commands, and imports a job (and PyGithub) when it runs, so
`python -m generator validate` pays nothing for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.exit_codes import EXIT_USAGE
from generator.settings import Settings, SettingsError

COMMANDS = ("pr-check", "report-comment", "issue-to-pr", "review", "housekeeping")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register the bot's subcommands on the `python -m generator` parser."""
    check = commands.add_parser("pr-check", help="check a pull request's postings: base code, head files as data")
    check.add_argument("--base-dir", required=True, help="checkout of the base branch (trusted: settings, skills)")
    check.add_argument("--head-dir", required=True, help="checkout of the pull request (read as data only)")
    check.add_argument("--event", help="the pull_request event JSON, for the number and head commit")
    check.add_argument("--out", help="write the JSON report (the artifact for report-comment) here")
    check.add_argument("--summary", help="append the Markdown report to this file ($GITHUB_STEP_SUMMARY)")
    check.add_argument("--stage-dir", help="assemble the base board with the pull request's projects/ here, "
                                           "for `python -m generator --root DIR build`")
    check.add_argument("--format", choices=["github", "text", "markdown", "json"], default="github",
                       help="what to print (default: GitHub annotations)")
    check.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    comment = commands.add_parser("report-comment", help="post or update the report comment and labels "
                                                         "(the workflow_run stage)")
    comment.add_argument("--event", required=True, help="the workflow_run event JSON ($GITHUB_EVENT_PATH)")
    comment.add_argument("--artifact", help="the report.json the pull request's run uploaded (untrusted)")
    comment.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    issue = commands.add_parser("issue-to-pr", help="turn a 'Post a project' issue into a pull request, "
                                                    "or comment with what to fix")
    issue.add_argument("--event", required=True, help="the issues event JSON ($GITHUB_EVENT_PATH)")
    issue.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    review = commands.add_parser("review", help="print the bot's report on a pull request (for maintainers)")
    review.add_argument("number", type=int, help="the pull request's number")
    review.add_argument("--format", choices=["markdown", "text", "json"], default="markdown")
    review.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    house = commands.add_parser("housekeeping", help="propose closing expired postings; remind owners "
                                                     "before deadlines")
    house.add_argument("--dry-run", action="store_true", help="print what would happen; change nothing")
    house.add_argument("--reminder-issue", type=int,
                       help="the issue that collects deadline reminders (default: $MICROBOARD_REMINDER_ISSUE)")
    house.add_argument("--today", help="act as on this date (YYYY-MM-DD)")


def run(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    """Run one of COMMANDS; GitHub failures and bad input become a message and exit code 2."""
    from generator.bot.inputs import BotError
    from generator.github import GitHubError

    try:
        if args.command == "pr-check":
            from generator.bot.pr_check import pr_check
            return pr_check(args)
        if args.command == "report-comment":
            from generator.bot.report_comment import report_comment
            return report_comment(args, settings, root)
        if args.command == "issue-to-pr":
            from generator.bot.issue_to_pr import issue_to_pr_guarded
            return issue_to_pr_guarded(args, settings, root)
        if args.command == "review":
            from generator.bot.review_command import review_command
            return review_command(args, settings, root)
        if args.command == "housekeeping":
            from generator.bot.housekeeping_command import housekeeping_command
            return housekeeping_command(args, settings, root)
    except (BotError, GitHubError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    raise ValueError(f"not a bot command: {args.command}")
