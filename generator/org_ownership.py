"""Who may post under an organization's folder and who may change how the organization is presented.

Pure rules over facts the caller gathers (like generator/ownership.py, whose `judge` still decides for
a posting's own owners):

* Adding a posting under an organization that exists on the board: the author must be one of the
  organization's owners as on the board (the base branch). A pull request cannot add itself to the
  owners, because the list it proposes is not the one that counts.
* Editing, closing or deleting a posting: its own owners (base version) or the organization's owners.
* Changing or deleting organization.yaml: one of its owners on the board.
* A new organization (no organization.yaml on the board) is created by the pull request that adds
  its organization.yaml; its postings in the same pull request are judged by their own owners.
* A maintainer lifts any refusal (the `approved` callable), and an author with write access needs none.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.ownership import OK, Author, PostingChange, Verdict, judge, refuse_or_approve, same_login


def _is_among(author: Author, owners: tuple[str, ...] | None) -> bool:
    """Only a person acting for themselves (directly or through the issue form) counts as an owner."""
    return bool(owners) and author.via in ("", "issue") and any(same_login(author.login, o) for o in owners)


def who_may_post(org_name: str, org_file: str, org_owners: tuple[str, ...]) -> str:
    owners = ", ".join(org_owners)
    return (f"only the owners of {org_name} ({org_file}: {owners}) may post under its folder or change how it "
            "is presented; ask one of them to add you to its owners, or ask a maintainer to approve")


def judge_posting(change: PostingChange, author: Author, approved: Callable[[], bool], *,
                  org_owners: tuple[str, ...] | None, org_name: str = "", org_file: str = "",
                  closing_only: bool = False) -> Verdict:
    """May `author` make this change to a posting under an organization?

    `org_owners` are the organization's owners on the board, None when the organization is not on the
    board yet (created by this pull request) or has no readable organization.yaml there.
    """
    who = author.describe()
    if author.maintainer:
        return Verdict(OK, f"{who} is a maintainer of the board")
    if change.status in ("added", "copied"):
        if org_owners is None:  # a new organization: the posting's own owners decide, as for any new posting
            return judge(change, author, approved, closing_only=closing_only)
        if _is_among(author, org_owners):
            return Verdict(OK, f"new posting; {who} is an owner of {org_name}")
        reason = f"{who} may not add {change.path}: " + who_may_post(org_name, org_file, org_owners)
        return refuse_or_approve(reason, approved)
    if _is_among(author, org_owners):
        return Verdict(OK, f"{who} is an owner of {org_name}")
    return judge(change, author, approved, closing_only=closing_only)


def judge_organization(
    status: str,
    path: str,
    base_owners: tuple[str, ...] | None,
    author: Author,
    approved: Callable[[], bool],
) -> Verdict:
    """May `author` create, change or delete this organization.yaml?"""
    who = author.describe()
    if author.maintainer:
        return Verdict(OK, f"{who} is a maintainer of the board")
    if status in ("added", "copied") and base_owners is None:
        if author.via in ("", "issue"):
            return Verdict(OK, f"creates a new organization; {who} opened it")
        return refuse_or_approve(f"{who} does not create organizations on its own", approved)
    if base_owners is None:
        return refuse_or_approve(f"the version of {path} on the board names no readable owners, so only a "
                                 "maintainer can change it", approved)
    if _is_among(author, base_owners):
        return Verdict(OK, f"{who} is an owner of the organization on the board")
    action = "delete" if status == "removed" else "change"
    reason = (f"{who} may not {action} {path}: its owners on the board are {', '.join(base_owners)}. Only they "
              "can change how the organization is presented; ask one of them, or ask a maintainer to approve "
              "this pull request")
    return refuse_or_approve(reason, approved)
