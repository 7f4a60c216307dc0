"""Compact pages: the board's own pages (postings, organizations, fields, skills, the board's later
pages) number in the tens of thousands, so each carries only what a visitor of that page needs.

A page whose meta has `compact: true` gets a short navigation of the site's top-level sections
instead of the whole documentation tree (main.html), and loses the blank lines and indentation
the theme's templates leave between tags. Text inside <pre>, <textarea>, <script> and <style>
is kept byte for byte; elsewhere a run of white space that holds a line break becomes one line
break, which a browser shows exactly as it showed the run. The theme's inline icons (menu, search,
logo...) move into one shared file, icons.svg, that each page references instead of repeating them.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

COMPACT = "compact"  # the page meta flag
ICONS_PATH = "assets/microboard/icons.svg"

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BLANK = re.compile(r"[ \t\r\f]*\n\s*")


def is_compact(meta: object) -> bool:
    return isinstance(meta, dict) and meta.get(COMPACT) is True


def collapse_whitespace(page: str, icons: "IconSprite | None" = None, page_dir: str = "") -> str:
    """`page` without the blank lines and indentation between tags; what a browser shows is unchanged.
    With `icons`, inline icons become references into the sprite (`page_dir`: the page's folder in the site)."""
    parts = _KEPT.split(page)
    # split() yields text, whole kept element, its tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            part = _BLANK.sub("\n", part)
            out.append(icons.reference(part, page_dir) if icons is not None else part)
        elif kind == 1:
            out.append(part)
    return "".join(out).strip() + "\n"


_SVG = re.compile(r"<svg\b([^>]*)>(.*?)</svg>", re.S)
_VIEW_BOX = re.compile(r'\bviewBox="([^"]*)"')


class IconSprite:
    """The inline icons of compact pages, each kept once in ICONS_PATH and referenced with <use>."""

    def __init__(self) -> None:
        self.symbols: dict[str, tuple[str, str]] = {}  # id -> (viewBox, inner markup)

    def reference(self, text: str, page_dir: str) -> str:
        target = posixpath.relpath(ICONS_PATH, page_dir or ".")

        def swap(match: re.Match) -> str:
            attrs, inner = match.group(1), match.group(2)
            view_box = _VIEW_BOX.search(attrs)
            # only plain icons: an icon with ids or links of its own stays where it is
            if view_box is None or not inner.strip() or re.search(r"\b(id|href)=|<(use|script|style)\b", inner):
                return match.group(0)
            key = "i" + hashlib.sha1(f"{view_box.group(1)} {inner}".encode()).hexdigest()[:10]
            self.symbols.setdefault(key, (view_box.group(1), inner))
            return f'<svg{attrs}><use href="{target}#{key}"></use></svg>'

        return _SVG.sub(swap, text)

    def text(self) -> str:
        symbols = "".join(f'<symbol id="{key}" viewBox="{box}">{inner}</symbol>\n'
                          for key, (box, inner) in sorted(self.symbols.items()))
        return f'<svg xmlns="http://www.w3.org/2000/svg">\n{symbols}</svg>\n'
