"""`pr-check`, stage 1: the pull request's own workflow checks its postings with the base branch's code,
reading the head checkout as data, with a read-only token and no API calls. It leaves the report as an
artifact for `report-comment`, which trusts none of it."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from generator import bounds
from generator.bot.inputs import BotError, commit_sha, positive_int, read_json
from generator.bot.pull_requests import too_many_files_markdown, too_many_files_text
from generator.bot.trees import stage_board, tree_changes
from generator.exit_codes import EXIT_OK, EXIT_PROBLEMS
from generator.github import TooManyFiles, cap_body
from generator.report import as_github
from generator.review import review_changes
from generator.settings import load_settings

ARTIFACT_SCHEMA = "microboard-pr-check/1"
SUMMARY_LIMIT = 1_000_000  # GitHub shows at most 1 MiB of a step summary


def _write_artifact(path: str, data: dict) -> None:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _refuse_pr_check(args: argparse.Namespace, number: int | None, head_sha: str | None, base_sha: str | None,
                     error) -> int:
    """pr-check on a pull request too large to check whole: one error, in every output, and no verdict."""
    message = too_many_files_text(error)
    if args.out:
        _write_artifact(args.out, {"schema": ARTIFACT_SCHEMA, "pr_number": number, "head_sha": head_sha,
                                   "base_sha": base_sha, "errors": 1, "warnings": 0, "ok": False, "refused": message})
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(too_many_files_markdown(error))
    if args.format == "github":
        print(f"::error title=Too many files::{message}")
    elif args.format == "json":
        print(json.dumps({"ok": False, "refused": message}))
    else:
        print(message)
    return EXIT_PROBLEMS


def pr_check(args: argparse.Namespace) -> int:
    base_dir, head_dir = Path(args.base_dir), Path(args.head_dir)
    for folder, name in ((base_dir, "--base-dir"), (head_dir, "--head-dir")):
        if not folder.is_dir():
            raise BotError(f"{name} {folder} is not a folder")
    settings = load_settings(base_dir)  # the base branch's settings: a pull request cannot lower the pay floor
    if args.today:
        settings = settings.with_today(args.today)
    number = head_sha = base_sha = None
    if args.event:
        event = read_json(args.event, "event file")
        pull = event.get("pull_request") if isinstance(event.get("pull_request"), dict) else {}
        number = positive_int(pull.get("number"))
        head_sha = commit_sha((pull.get("head") or {}).get("sha"))
        base_sha = commit_sha((pull.get("base") or {}).get("sha"))
    with tempfile.TemporaryDirectory(prefix="microboard-stage-") as scratch:
        stage = Path(args.stage_dir) if args.stage_dir else Path(scratch) / "board"
        changes = tree_changes(base_dir, head_dir, settings.projects_dir, skip={stage})
        changed = len(changes.files) + len(changes.outside)
        if changed > bounds.GITHUB_LISTED_FILES:  # the report stage could not read them all: refuse here too
            return _refuse_pr_check(args, number, head_sha, base_sha, TooManyFiles(changed, bounds.GITHUB_LISTED_FILES))
        # the staged board is the base board with the pull request's postings: the skills list comes from
        # the base branch, and duplicate titles are looked for among the pull request's postings
        stage_board(base_dir, head_dir, stage, settings.projects_dir)
        review = review_changes(changes, settings, stage, number=number, head_sha=head_sha, base_root=base_dir)
    if args.out:
        _write_artifact(args.out, {"schema": ARTIFACT_SCHEMA, "pr_number": number, "head_sha": head_sha,
                                   "base_sha": base_sha, "errors": len(review.errors),
                                   "warnings": len(review.problems) - len(review.errors), **review.as_dict()})
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(cap_body(review.markdown(), SUMMARY_LIMIT) + "\n")
    if args.format == "github":
        sys.stdout.write(as_github(len(review.files), review.problems))
        if changes.outside:
            print(f"::notice title=Outside projects/::this pull request also changes {len(changes.outside)} "
                  "file(s) outside projects/; a maintainer must review it")
    elif args.format == "markdown":
        sys.stdout.write(review.markdown())
    elif args.format == "json":
        sys.stdout.write(json.dumps(review.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(review.text())
    return EXIT_PROBLEMS if review.errors else EXIT_OK
