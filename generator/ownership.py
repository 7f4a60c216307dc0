"""Who may change a posting: every posting names its owners, and only they (or a maintainer) change it.

Pure rules, no GitHub calls: the bot (generator/bot/) gathers the facts over the API and hands
them in, so the same rules serve the pull-request report, the issue form and `review`.

* A new posting must list the pull request's author among its `owners`.
* An edit, rename or deletion is judged by the owners of the *base* version (the file as it is on
  the board now): the author must be one of them. A pull request cannot make its author an owner
  by editing the owners list, because the list it proposes is not the one that counts.
* A maintainer lifts a refusal: the `maintainer-approved` label, or an approving review by someone
  with write access (generator.github.approved_by_maintainer). An author with write access is a
  maintainer and needs no approval.

Who "the author" is. Normally the pull request's author. Two kinds of pull request are opened by
the board's own bot and are judged differently:

* `microboard/issue-<n>` (the issue form): judged as the author of issue n, who filled in the form.
* `microboard/housekeeping` (the daily job): may only close postings (status and updated change,
  nothing else); anything more needs a maintainer.

Both are trusted only when the pull request's author is the bot account (github-actions[bot], or
the GitHub App named in MICROBOARD_BOT_LOGINS) *and* its head branch lives in the board's own
repository. Anyone can name a fork's branch `microboard/issue-1`; only the bot can open a pull
request as the bot, and only people with write access can push branches to the board.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.load import load_bytes

DEFAULT_BOT_LOGINS = ("github-actions[bot]",)
BOT_LOGINS_ENV = "MICROBOARD_BOT_LOGINS"
ISSUE_BRANCH_PREFIX = "microboard/issue-"  # the issue form's branch for issue n: microboard/issue-n
ISSUE_BRANCH = re.compile(re.escape(ISSUE_BRANCH_PREFIX) + r"([1-9][0-9]{0,9})")
HOUSEKEEPING_BRANCH = "microboard/housekeeping"
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?")
BOT_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\[bot\]")
# What housekeeping may change in a posting; anything else in its pull request needs a maintainer.
HOUSEKEEPING_KEYS = frozenset({"status", "updated"})

OK, APPROVED, REFUSED = "ok", "approved", "refused"


def bot_logins(extra: str | None = None) -> frozenset[str]:
    """github-actions[bot] plus the accounts named in MICROBOARD_BOT_LOGINS (comma-separated).

    A GitHub App's pull requests are authored by `<app-slug>[bot]`; operators who use an App
    token list that login there. Entries that are not bot logins are ignored.
    """
    raw = os.environ.get(BOT_LOGINS_ENV, "") if extra is None else extra
    named = {part.strip() for part in raw.split(",") if part.strip()}
    return frozenset(DEFAULT_BOT_LOGINS) | {n for n in named if BOT_LOGIN.fullmatch(n)}


def same_login(a: str | None, b: str | None) -> bool:
    """GitHub logins are case-insensitive."""
    return bool(a) and bool(b) and a.casefold() == b.casefold()


@dataclass(frozen=True)
class Author:
    """Who a pull request is judged as."""

    login: str  # the person whose rights count
    via: str = ""  # "", "issue" (a bot pull request from an issue form), "housekeeping", "bot"
    issue: int | None = None
    maintainer: bool = False  # has write access to the board

    def describe(self) -> str:
        if self.via == "issue":
            return f"@{self.login} (through issue #{self.issue})"
        if self.via == "housekeeping":
            return "the board's daily housekeeping"
        if self.via == "bot":
            return f"the bot account {self.login}"
        return f"@{self.login}"


def effective_author(
    pr_author: str,
    head_ref: str,
    head_repo: str | None,
    base_repo: str,
    issue_author: Callable[[int], str | None],
    bots: Iterable[str] | None = None,
) -> Author:
    """The Author a pull request is judged as (see the module's docstring).

    `issue_author(n)` returns the author of issue n, or None if n is not an issue (a pull
    request, or nothing); it is called only for a trusted bot pull request.
    """
    bots = frozenset(bots) if bots is not None else bot_logins()
    is_bot = any(same_login(pr_author, b) for b in bots)
    own_branch = head_repo is not None and head_repo.casefold() == base_repo.casefold()
    if not (is_bot and own_branch):
        return Author(pr_author)
    match = ISSUE_BRANCH.fullmatch(head_ref)
    if match:
        number = int(match.group(1))
        login = issue_author(number)
        if login and LOGIN.fullmatch(login):
            return Author(login, "issue", number)
        return Author(pr_author, "bot")
    if head_ref == HOUSEKEEPING_BRANCH:
        return Author(pr_author, "housekeeping")
    return Author(pr_author, "bot")


def owners_of(content: bytes | None) -> tuple[str, ...] | None:
    """The `owners` of a posting's bytes, or None if the file holds no readable owners list."""
    if content is None:
        return None
    doc = load_bytes(content, "posting")
    data = doc.data if isinstance(doc.data, dict) else None
    owners = data.get("owners") if data else None
    if not isinstance(owners, list):
        return None
    found = tuple(o for o in owners if isinstance(o, str) and LOGIN.fullmatch(o))
    return found or None


def only_closing(base: bytes | None, head: bytes | None) -> bool:
    """True if `head` differs from `base` only in status (now closed or filled) and updated."""
    if base is None or head is None:
        return False
    before, after = load_bytes(base, "base").data, load_bytes(head, "head").data
    if not isinstance(before, dict) or not isinstance(after, dict):
        return False
    if after.get("status") not in ("closed", "filled"):
        return False
    strip = lambda data: {k: v for k, v in data.items() if k not in HOUSEKEEPING_KEYS}  # noqa: E731
    return strip(before) == strip(after)


@dataclass(frozen=True)
class Verdict:
    """The ownership result for one changed posting."""

    state: str  # ok, approved (refused, but a maintainer approved), refused
    message: str

    @property
    def refused(self) -> bool:
        return self.state == REFUSED


@dataclass(frozen=True)
class PostingChange:
    """What a change does to one posting file: how (added, modified, renamed, removed), at which path,
    and the owners the file names on the board (base) and in the change (head); None: none readable."""

    status: str
    path: str
    base_owners: tuple[str, ...] | None = None
    head_owners: tuple[str, ...] | None = None


def refuse_or_approve(reason: str, approved: Callable[[], bool]) -> Verdict:
    """A refusal for `reason`, unless a maintainer approved the pull request."""
    if approved():
        return Verdict(APPROVED, f"{reason}; a maintainer approved this pull request")
    return Verdict(REFUSED, reason)


def judge(change: PostingChange, author: Author, approved: Callable[[], bool], *,
          closing_only: bool = False) -> Verdict:
    """May `author` make this change? `approved()` is asked only when the answer would be no."""
    status, path, base_owners, head_owners = change.status, change.path, change.base_owners, change.head_owners
    who = author.describe()
    if author.maintainer:
        return Verdict(OK, f"{who} is a maintainer of the board")
    if status in ("added", "copied"):
        if head_owners and any(same_login(author.login, o) for o in head_owners) and author.via in ("", "issue"):
            return Verdict(OK, f"new posting; {who} is listed among its owners")
        if author.via in ("", "issue"):
            reason = (f"a new posting must list its author among its owners: add {author.login} to the "
                      f"owners list of {path}")
        else:
            reason = f"{who} does not add postings on its own"
    else:
        if author.via == "housekeeping" and closing_only:
            return Verdict(OK, "housekeeping: only status and updated change, to close an expired posting")
        if base_owners is None:
            reason = (f"the version of {path} on the board names no readable owners, so nobody but a "
                      "maintainer can change it")
        elif author.via in ("", "issue") and any(same_login(author.login, o) for o in base_owners):
            return Verdict(OK, f"{who} is an owner of the posting on the board")
        else:
            owners = ", ".join(base_owners)
            action = {"removed": "delete", "renamed": "move"}.get(status, "change")
            reason = (f"{who} may not {action} {path}: its owners on the board are {owners}. Only they can "
                      "change it; ask one of them, or ask a maintainer to approve this pull request")
    return refuse_or_approve(reason, approved)
