"""Posting descriptions: Markdown rendered by our own instance, then sanitised with an explicit allowlist.

The Markdown instance has no attr_list and no md_in_html, so a posting cannot add
attributes or switch Markdown on inside HTML; nh3 then keeps only the tags and
attributes below and links to http, https and mailto. The result is handed to the
site engine as finished HTML: the engine's own Markdown extensions never see it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# No img (a posting must not make a student's browser fetch from other hosts), no
# forms, no iframes, no div/span (nothing to hang page styles or scripts on).
TAGS = frozenset({
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "kbd", "sub", "sup", "del", "s",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a", "abbr",
})
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer ugc"

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style", "template", "textarea", "title", "noscript", "iframe", "object", "svg",
                        "math"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


class _ShiftHeadings(Treeprocessor):
    """A posting's `#` heading sits under the page's own h1 and h2: start its headings at h3."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1] in "123456":
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


class _PostingMarkdown(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_ShiftHeadings(md), "microboard-shift-headings", 1)


def _new_markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["fenced_code", "tables", "sane_lists", _PostingMarkdown()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )


class DescriptionRenderer:
    """One Markdown instance, reset between postings: building one costs more than rendering a posting."""

    def __init__(self) -> None:
        self._md = _new_markdown()

    def __call__(self, text: str) -> str:
        self._md.reset()
        return sanitize(self._md.convert(text))


def sanitize(html: str) -> str:
    """HTML reduced to the allowlist: no scripts, styles, event handlers, classes, ids or unsafe links."""
    return _CLEANER.clean(html)
