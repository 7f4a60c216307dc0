"""How much Microboard reports about one file and one pull request, so that hostile input costs little.

A 60 KB posting can hold thousands of mistakes (unknown keys, list items, skills). Nobody reads
past the first few dozen, and computing a hint for each (a closest-match search, a position in the
file) is what makes such a file slow. So:

* at most `MAX_PROBLEMS_PER_FILE` problems are listed for a file, and one more line says how many
  were left out (errors and warnings), from which line on;
* at most `MAX_PROBLEMS_PER_REVIEW` are listed for a whole pull request, the same way;
* expensive hints (suggestions of what was meant) are only worked out while a file is below its
  limit, and at most MAX_PROBLEMS_PER_REVIEW of them for a whole pull request (`hint_budget`):
  `hint_budget_left` says whether one more is worth the time;
* a message or hint that quotes the posting is cut to `MAX_TEXT` characters.

GitHub's files API lists at most `GITHUB_LISTED_FILES` files of a pull request; a pull request
that changes more cannot be checked whole and is refused (generator.github.TooManyFiles).
"""

from __future__ import annotations

import contextvars
import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from generator.problems import ERROR, WARNING, Problem

MAX_PROBLEMS_PER_FILE = 50
MAX_PROBLEMS_PER_REVIEW = 200
MAX_TEXT = 300
GITHUB_LISTED_FILES = 3000
MORE_PROBLEMS = "more-problems"


_HINTS: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("microboard_hints", default=None)


@contextmanager
def hint_budget(total: int = MAX_PROBLEMS_PER_REVIEW) -> Iterator[None]:
    """Within this block, at most `total` costly hints are worked out in all (one pull request's files)."""
    token = _HINTS.set([total])
    try:
        yield
    finally:
        _HINTS.reset(token)


def hint_budget_left(problems: Sequence[Problem]) -> bool:
    """True, and one hint used up, while a costly hint is worth computing: the file has fewer problems
    than are listed, and the enclosing `hint_budget` (if any) is not spent."""
    if len(problems) >= MAX_PROBLEMS_PER_FILE:
        return False
    budget = _HINTS.get()
    if budget is None:
        return True
    if budget[0] <= 0:
        return False
    budget[0] -= 1
    return True


def _short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def shorten(problem: Problem) -> Problem:
    """The problem with its message and hint cut to MAX_TEXT characters."""
    if len(problem.message) <= MAX_TEXT and len(problem.hint) <= MAX_TEXT and len(problem.file) <= MAX_TEXT:
        return problem
    return dataclasses.replace(problem, file=_short(problem.file), message=_short(problem.message),
                               hint=_short(problem.hint))


def left_out(rest: Sequence[Problem], where: str) -> Problem:
    """One line standing for the problems not listed: how many, of which kind, from where."""
    first = rest[0]
    errors = sum(1 for p in rest if p.is_error)
    warnings = len(rest) - errors
    return Problem(first.file, first.line, first.column, ERROR if errors else WARNING, MORE_PROBLEMS,
                   f"{len(rest)} more problem(s) {where} are not listed ({errors} error(s), {warnings} warning(s)), "
                   f"the first at line {first.line}",
                   "fix the problems listed and check again; the rest are listed then")


def cap_file(problems: Sequence[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """The first `limit` problems of one file (in the order given), then one line counting the rest."""
    if len(problems) <= limit:
        return [shorten(p) for p in problems]
    return [shorten(p) for p in problems[:limit]] + [left_out(problems[limit:], "in this file")]


def cap_review(per_file: Sequence[Sequence[Problem]], limit: int = MAX_PROBLEMS_PER_REVIEW) -> list[list[Problem]]:
    """Every file's problems, listed while the pull request's total stays within `limit`.

    Lines that count left-out problems do not use up the total. A file past the total keeps what fits
    and one line counting the rest; a line that already counts left-out problems stays, so no count is
    lost.
    """
    out: list[list[Problem]] = []
    budget = limit
    for problems in per_file:
        listed = [p for p in problems if p.code != MORE_PROBLEMS]
        counted = [p for p in problems if p.code == MORE_PROBLEMS]
        if len(listed) <= budget:
            out.append(list(problems))
            budget -= len(listed)
            continue
        hidden = listed[budget:]
        out.append(listed[:budget] + [left_out(hidden, "in this file (this pull request has more than can be listed)")]
                   + counted)
        budget = 0
    return out
