"""Text a stranger wrote, quoted in the bot's comments, cannot become a link, a mention or an issue reference.

The comments are rendered by cmark-gfm, GitHub's own Markdown (through `cmarkgfm`), with its autolink
extension. GitHub then finds @-mentions, #-references and GH- references in the rendered text; the
patterns below are the triggers those filters need (a backslash escape does not stop them: it is
gone from the rendered text, which the test shows first).
"""

from __future__ import annotations

import html
import re

import cmarkgfm
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from generator.report import WORD_JOINER, markdown_text
from generator.review import preview_markdown  # noqa: F401 - the card quotes postings through markdown_text

TRIGGERS = {
    "mention": re.compile(r"(?<![A-Za-z0-9_`])@[A-Za-z0-9]"),
    "issue reference": re.compile(r"(?<![A-Za-z0-9_&])#\d"),
    "GH- reference": re.compile(r"(?i)\bgh-\d"),
    "URL": re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://"),
    "www link": re.compile(r"(?i)\bwww\."),
    "e-mail": re.compile(r"[A-Za-z0-9._+-]@[A-Za-z0-9]"),
    "commit id": re.compile(r"(?i)\b(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b"),
}


def render(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown)


def visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def triggers(text: str) -> list[str]:
    return [name for name, pattern in TRIGGERS.items() if pattern.search(text)]


HOSTILE = ["see https://evil.example/login", "http://x.y", "ftp://files.example", "www.evil.example",
           "WWW.Evil.Example", "@mallory", "cc @acme/owners", "#123", "fixes #1", "GH-123", "gh-9",
           "acme/board#42", "write to jobs@evil.example", "mailto:jobs@evil.example",
           "commit a5c3785ed8d6a35868bc169f07e40e889087fd2e", "<img src=x onerror=alert(1)>",
           "[click](https://evil.example)", "![x](https://evil.example/x.png)", "| break | the table |",
           "**bold** _it_ `code`", "C# and C++", "\\@escaped", "\\#7"]


def test_a_backslash_escape_does_not_stop_githubs_filters() -> None:
    # why the word joiner: after rendering, "\@user" is "@user" again, and GitHub's filters see that
    assert triggers(visible(render("\\@mallory and \\#12"))) == ["mention", "issue reference"]
    assert "<a " in render("https://evil.example")


@pytest.mark.parametrize("text", HOSTILE)
def test_stranger_text_renders_as_the_same_words_and_nothing_more(text: str) -> None:
    for markdown in (f"- {markdown_text(text)}", f"| a | b |\n|---|---|\n| {markdown_text(text)} | x |"):
        rendered = render(markdown)
        assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered
        shown = visible(rendered)
        assert triggers(shown) == [], shown
        if markdown.startswith("|"):
            cells = re.findall(r"<td>(.*?)</td>", rendered, re.S)
            assert len(cells) == 2 and visible(cells[1]) == "x"  # one row, two cells: no table broken
            shown = visible(cells[0])
        assert shown.replace(WORD_JOINER, "") == text  # reads exactly as written


PIECES = st.sampled_from(HOSTILE + ["word", " ", "-", "/", ".", ":", "#", "@", "www", "https", "://", "GH", "42",
                                   "deadbeef1", "\n", "\r\n", WORD_JOINER])


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=12).map("".join))
def test_no_text_becomes_a_link_mention_or_reference(text: str) -> None:
    rendered = render(f"- {markdown_text(text)}")
    assert "<a " not in rendered and "<img" not in rendered
    assert triggers(visible(rendered)) == []


def test_control_characters_and_direction_overrides_show_as_a_replacement_mark() -> None:
    text = "Map\x00the\x1b[31mgallery\x7f\x85 \u202eevil\u2066x\u2069 tab\there"
    shown = visible(render(f"- {markdown_text(text)}"))
    assert shown == "Map\ufffdthe\ufffd[31mgallery\ufffd\ufffd \ufffdevil\ufffdx\ufffd tab\there"
