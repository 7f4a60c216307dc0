"""`housekeeping`: the daily job proposes closing expired postings in one pull request on its own
branch, and reminds owners of deadlines on the reminder issue (generator/housekeeping.py decides what)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from generator import github as gh, housekeeping as hk
from generator.bot.inputs import BotError, connect_repo
from generator.bot.pull_requests import check_pull_request, publish
from generator.exit_codes import EXIT_OK
from generator.ownership import HOUSEKEEPING_BRANCH
from generator.settings import Settings


def housekeeping_command(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    plan = hk.plan(root, settings)
    issue = args.reminder_issue
    if issue is None and os.environ.get("MICROBOARD_REMINDER_ISSUE", "").strip():
        value = os.environ["MICROBOARD_REMINDER_ISSUE"].strip()
        if not value.isdigit() or int(value) <= 0:
            raise BotError(f"MICROBOARD_REMINDER_ISSUE must be an issue number, not {value!r}")
        issue = int(value)
    report = [f"Housekeeping for {plan.today.isoformat()}: {len(plan.closings)} posting(s) to close, "
              f"{len(plan.reminders)} reminder(s) due."]
    report += [f"- close {c.project.path} (apply by {c.project.apply_by})" for c in plan.closings]
    report += [f"- remind {p.path} (apply by {p.apply_by})" for p in plan.reminders]
    report += [f"- skipped {s}" for s in plan.skipped]
    if plan.reminders and issue is None:
        report.append("warning: no reminder issue: set the repository variable MICROBOARD_REMINDER_ISSUE "
                      "to the number of an issue that collects deadline reminders")
    if args.dry_run:
        print("\n".join(report))
        return EXIT_OK
    repo = connect_repo() if (plan.closings or (plan.reminders and issue)) else None
    if plan.closings:
        files = {c.project.path: c.new_text for c in plan.closings}
        try:
            number, created = gh.open_or_update_pull_request(
                repo, HOUSEKEEPING_BRANCH, settings.branch, files, hk.pull_request_title(plan.closings),
                hk.pull_request_body(plan.closings), hk.commit_message(plan.closings), settings.projects_dir)
            report.append(f"pull request #{number} {'opened' if created else 'updated'}")
            # a GITHUB_TOKEN pull request starts no workflows: report on it now, as the issue form does
            publish(repo, check_pull_request(repo, number, settings, root))
        except gh.NothingToPropose:
            report.append("nothing to propose: the base branch already has these changes")
    if plan.reminders and issue is not None:
        repository = repo.full_name if repo is not None else ""
        for project in plan.reminders:
            gh.upsert_comment(repo, issue, hk.reminder_marker(project),
                              hk.reminder_body(project, repository, settings.branch))
        report.append(f"reminders are on issue #{issue}")
    print("\n".join(report))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("\n".join(report) + "\n")
    return EXIT_OK
