"""Compact pages: the board's own pages (postings, organizations, fields, skills, the board's later
pages) number in the tens of thousands, so each carries only what a visitor of that page needs.

A page whose meta has `compact: true` gets a short navigation of the site's top-level sections
instead of the whole documentation tree (main.html), and loses the blank lines and indentation
the theme's templates leave between tags. Text inside <pre>, <textarea>, <script> and <style>
is kept byte for byte; elsewhere a run of white space that holds a line break becomes one line
break, which a browser shows exactly as it showed the run.
"""

from __future__ import annotations

import re

COMPACT = "compact"  # the page meta flag

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BLANK = re.compile(r"[ \t\r\f]*\n\s*")


def is_compact(meta: object) -> bool:
    return isinstance(meta, dict) and meta.get(COMPACT) is True


def collapse_whitespace(page: str) -> str:
    """`page` without the blank lines and indentation between tags; what a browser shows is unchanged."""
    parts = _KEPT.split(page)
    # split() yields text, whole kept element, its tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_BLANK.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out).strip() + "\n"
