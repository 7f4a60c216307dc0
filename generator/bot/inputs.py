"""What every bot command reads: the event and artifact files GitHub hands it, and the repository it
acts on, named by the environment. All of it is checked here, and a failure is a `BotError`."""

from __future__ import annotations

import os

from generator import github as gh, github_server, json_files
from generator.commits import is_sha


class BotError(Exception):
    """A command cannot run: a missing setting, an unreadable event file. Exit 2 with the message."""


def connect_repo():
    """The repository in $GITHUB_REPOSITORY, through $GITHUB_API_URL with $GITHUB_TOKEN."""
    if not os.environ.get("GITHUB_TOKEN"):
        raise BotError("GITHUB_TOKEN is not set. In a workflow, pass `GITHUB_TOKEN: ${{ github.token }}` "
                       "in env:; at a terminal, export a token that can read the repository, e.g. "
                       "GITHUB_TOKEN=$(gh auth token)")
    if not os.environ.get("GITHUB_REPOSITORY"):
        raise BotError("GITHUB_REPOSITORY is not set: export GITHUB_REPOSITORY=owner/name")
    api = github_server.api_url_from_environment()
    # GitHub asks integrations that write to pause between requests; a loopback server (tests) does not
    throttle = not github_server.is_loopback(api)
    return gh.get_repo(gh.connect(base_url=api, throttle=throttle))


def read_json(path: str | os.PathLike, what: str, limit: int = 50 * 1024 * 1024) -> dict:
    """A JSON object from a file of at most `limit` bytes; anything else is a BotError naming `what`."""
    data = json_files.read_json(path, what, limit, BotError)
    if not isinstance(data, dict):
        raise BotError(f"the {what} {path} is not a JSON object")
    return data


def positive_int(value: object) -> int | None:
    """An event's number (of a pull request, an issue, a run), or None when it holds none."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def commit_sha(value: object) -> str | None:
    """An event's commit id, or None when it holds none."""
    return value if is_sha(value) else None
