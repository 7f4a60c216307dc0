"""Postings that repeat one another on the board: the same role at the same place and dates, or the same role
with the same apply link.

Only live postings count (open, and not past their apply-by date): a closed, filled or expired posting
never blocks a new one. The same title is fine when the place or the dates tell the postings apart
(an internship in two cities, or in summer and in autumn), as long as each has its own apply link: one
link behind two postings of one title is one posting shown twice. Different roles may share a link (a
small organization's one "work with us" page). When two postings clash, the problem lands on
the newer one: a file already on the board beats a new one, then the earlier `posted` date wins, then
the path that sorts first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urlsplit, urlunsplit

from generator.messages import say
from generator.problems import ERROR, Problem


@dataclass(frozen=True)
class Listing:
    """What the cross-file checks compare, read from a posting's data, checked or not."""

    path: str
    org_slug: str
    title: str
    identity: tuple  # organization, title, place and dates: no two live postings share it
    same_link: tuple | None  # organization, title and apply URL (scheme and host in lowercase, no fragment or end slash)
    on_board: bool  # already published (a sibling file not in this change), so never the newer one
    posted: str

    @property
    def order(self) -> tuple:
        return (not self.on_board, self.posted, self.path)


def listing_of(path: str, org_slug: str, data: Any, today: dt.date, on_board: bool = False) -> Listing | None:
    """The posting as the duplicate checks see it; None when it is not live or cannot be read."""
    try:
        timeline = data["timeline"]
        if data.get("status") != "open" or dt.date.fromisoformat(timeline["apply_by"]) < today:
            return None
        title = data["title"].strip()
        where = data.get("location") or {}
        # lower(), not casefold(): the web form compares the same way in the browser (String.toLowerCase)
        identity = (org_slug, title.lower(), where.get("type"), _fold(where.get("city")),
                    _fold(where.get("region")), where.get("country"), timeline.get("start"), timeline.get("due"),
                    timeline.get("duration_weeks"))
        hash(identity)  # a file that is not valid may hold lists where text belongs: then it is unreadable here
        link = _link((data.get("apply") or {}).get("url"))
        same_link = (org_slug, title.lower(), link) if link else None
        return Listing(path, org_slug, title, identity, same_link, on_board, str(data.get("posted")))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def duplicates(checked: Iterable[Listing], others: Iterable[Listing] = ()) -> list[Problem]:
    """Problems for the checked postings that repeat another live posting; `others` (postings that are
    not being checked, e.g. the rest of the board) are compared but never reported on."""
    checked = list(checked)
    reported = {listing.path for listing in checked}
    problems: list[Problem] = []
    by_identity: dict[tuple, Listing] = {}
    by_link: dict[tuple, Listing] = {}
    for listing in sorted([*checked, *others], key=lambda item: item.order):
        first = by_identity.setdefault(listing.identity, listing)
        if first is not listing:
            if listing.path in reported:
                problems.append(_same_posting(listing, first))
            continue
        if listing.same_link:
            first = by_link.setdefault(listing.same_link, listing)
            if first is not listing and listing.path in reported:
                problems.append(_same_link(listing, first))
    return problems


def _same_posting(new: Listing, first: Listing) -> Problem:
    return Problem(new.path, 1, 1, ERROR, *say("duplicate-posting", first=first.path, title=repr(new.title)),
                   ("title",), related=first.path)


def _same_link(new: Listing, first: Listing) -> Problem:
    return Problem(new.path, 1, 1, ERROR, *say("duplicate-apply-url", first=first.path, title=repr(new.title)),
                   ("apply", "url"), related=first.path)


def _fold(value: Any) -> Any:
    return " ".join(value.split()).lower() if isinstance(value, str) else value


def _link(url: Any) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))
