"""`review`: a maintainer's look at the bot's report on one pull request, printed, nothing written."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.bot.inputs import BotError, connect_repo
from generator.bot.pull_requests import check_pull_request, too_many_files_text
from generator.exit_codes import EXIT_OK, EXIT_PROBLEMS
from generator.settings import Settings


def review_command(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    if args.number <= 0:
        raise BotError("give a pull request number, e.g. python -m generator review 42")
    repo = connect_repo()
    check = check_pull_request(repo, args.number, settings, root)
    if check.review is None:
        print(too_many_files_text(check.too_many))
        return EXIT_PROBLEMS
    review = check.review
    if args.format == "json":
        sys.stdout.write(json.dumps(review.as_dict(), indent=2, ensure_ascii=False) + "\n")
    elif args.format == "text":
        sys.stdout.write(review.text())
    else:
        sys.stdout.write(review.markdown())
    return EXIT_OK if review.ok else EXIT_PROBLEMS


# -- housekeeping ------------------------------------------------------------------------------------
