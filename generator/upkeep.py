"""Commands that keep a board running untended, for the daily workflow and for operators:

    python -m generator keepalive            # re-enable the scheduled workflows (resets the 60-day clock)
    python -m generator health --build-report FILE --build-outcome R --deploy-outcome R
    python -m generator doctor [--summary FILE] [--create-labels]

They talk to GitHub only through `generator.github`, with GITHUB_TOKEN, GITHUB_REPOSITORY and
GITHUB_API_URL from the environment, as the bot's other commands do.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from generator.settings import Settings, SettingsError
from generator.site_size import archive_bytes

COMMANDS = ("keepalive", "health", "doctor")


def add_commands(commands: argparse._SubParsersAction) -> None:
    keep = commands.add_parser("keepalive", help="re-enable the scheduled workflows, so GitHub never pauses them "
                                                 "in a quiet repository")
    keep.add_argument("--workflow", action="append", metavar="FILE",
                      help="a workflow file name to keep on (default: every workflow here with a schedule)")

    health = commands.add_parser("health", help="open, update or close the one 'Board health' issue after the "
                                                "daily run")
    health.add_argument("--build-report", help="the JSON report of `python -m generator build --report`")
    health.add_argument("--site-dir", help="the built site, to measure its size (default: the report's site_bytes)")
    health.add_argument("--build-outcome", default=os.environ.get("MICROBOARD_BUILD_OUTCOME"),
                        help="how the build ended: success, failure, cancelled, skipped "
                             "(default: $MICROBOARD_BUILD_OUTCOME)")
    health.add_argument("--deploy-outcome", default=os.environ.get("MICROBOARD_DEPLOY_OUTCOME"),
                        help="how the deployment ended (default: $MICROBOARD_DEPLOY_OUTCOME)")
    health.add_argument("--dry-run", action="store_true", help="print the findings; read or change nothing on GitHub")
    health.add_argument("--summary", help="append the findings to this file ($GITHUB_STEP_SUMMARY)")

    doctor = commands.add_parser("doctor", help="check this board's setup and say what is missing")
    doctor.add_argument("--offline", action="store_true", help="only the checks that need no GitHub token")
    doctor.add_argument("--create-labels", action="store_true", help="create the labels Microboard needs")
    doctor.add_argument("--summary", help="append the result as Markdown to this file ($GITHUB_STEP_SUMMARY)")


def run(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    from generator.bot.inputs import BotError
    from generator.github import GitHubError
    from generator.health import HealthInputError

    try:
        if args.command == "keepalive":
            return keepalive_command(args, root)
        if args.command == "health":
            return health_command(args, settings)
        if args.command == "doctor":
            return doctor_command(args, root)
    except (BotError, GitHubError, HealthInputError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    raise ValueError(f"not an upkeep command: {args.command}")


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def _run_url() -> str:
    server, repo, run = (os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    return f"{server}/{repo}/actions/runs/{run}" if server.startswith("https://") and repo and run.isdigit() else ""


# -- keepalive -------------------------------------------------------------------------------------


def keepalive_command(args: argparse.Namespace, root: Path) -> int:
    from generator import github as gh
    from generator.bot.inputs import connect_repo
    from generator.doctor import scheduled_workflows

    files = args.workflow or scheduled_workflows(root)
    if not files:
        print("no scheduled workflows here: nothing to keep alive")
        return EXIT_OK
    before = gh.enable_workflows(connect_repo(), files)
    for file, state in before.items():
        note = "" if state == "active" else f" (it was {state.replace('_', ' ')})"
        print(f"kept {file} on{note}")
    return EXIT_OK


# -- health ----------------------------------------------------------------------------------------


def health_command(args: argparse.Namespace, settings: Settings) -> int:
    from generator import github as gh, health
    from generator.bot.inputs import connect_repo

    report, report_error = None, ""
    if args.build_report:
        try:
            report = health.read_build_report(args.build_report)
        except health.HealthInputError as exc:
            report_error = str(exc)
    site_bytes = archive_bytes(args.site_dir) if args.site_dir and Path(args.site_dir).is_dir() else None
    repo, pages = None, None
    if not args.dry_run:
        repo = connect_repo()
        try:
            info = gh.pages_info(repo)
            pages = health.PagesState(True, info is not None, info.build_type if info else None)
        except gh.GitHubError as error:
            if error.status not in (401, 403):
                raise
            pages = health.PagesState(False, error=str(error))
    findings = health.assess(build_outcome=args.build_outcome, deploy_outcome=args.deploy_outcome, report=report,
                             report_error=report_error, site_bytes=site_bytes, pages=pages)
    today, run_url = settings.build_date().isoformat(), _run_url()
    text = health.summary(findings)
    if pages is not None and not pages.checked:
        text += "\nPages settings not checked: give the job `pages: read`.\n"
    if repo is None:
        print(health.issue_body(findings, run_url=run_url, today=today) if findings else text)
        return EXIT_OK
    if findings:
        earlier = gh.find_marked_issue(repo, health.HEALTH_MARKER, health.HEALTH_LABEL)
        before = health.codes_in(earlier.body) if earlier and earlier.state == "open" else set()
        number, what = gh.open_or_update_marked_issue(
            repo, health.HEALTH_MARKER, health.HEALTH_LABEL, health.HEALTH_LABEL_STYLE, health.HEALTH_TITLE,
            health.issue_body(findings, run_url=run_url, today=today),
            comment=None if earlier is None or earlier.state != "open" else health.new_findings_comment(findings, before))
        text += f"\nThe health issue #{number} was {what}.\n"
    else:
        closed = gh.close_marked_issue(repo, health.HEALTH_MARKER, health.HEALTH_LABEL,
                                       health.all_well_comment(today, run_url))
        if closed:
            text += f"\nThe health issue #{closed} was closed.\n"
    print(text, end="")
    _append(args.summary, text)
    return EXIT_OK


# -- doctor ----------------------------------------------------------------------------------------


def doctor_command(args: argparse.Namespace, root: Path) -> int:
    from generator import doctor
    from generator.bot.inputs import connect_repo

    checks = doctor.local_checks(root)
    if args.offline:
        checks.append(doctor.Check("GitHub", doctor.UNKNOWN, "not asked (--offline): Pages, workflows, labels and "
                                   "the issue form's token need GITHUB_TOKEN and GITHUB_REPOSITORY."))
    elif not os.environ.get("GITHUB_TOKEN") or not os.environ.get("GITHUB_REPOSITORY"):
        checks.append(doctor.Check("GitHub", doctor.UNKNOWN, "not asked: export GITHUB_REPOSITORY=owner/name and "
                                   "GITHUB_TOKEN=$(gh auth token) (an admin's token sees the most) and run again."))
    else:
        remote, pages_url = doctor.remote_checks(connect_repo(), root, args.create_labels)
        checks = [doctor.site_url_check(root, pages_url), *checks[1:], *remote]
    print(doctor.as_text(checks), end="")
    _append(args.summary, doctor.as_markdown(checks))
    return EXIT_PROBLEMS if any(c.status == doctor.MISSING for c in checks) else EXIT_OK
