"""Compact pages: the board's own pages (postings, organizations, fields, skills, the board's later pages)
carry a short navigation and no blank lines, and field, skill and organization pages list rows, not cards.
A real `mkdocs build` of fake postings, read back as files."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.compact import collapse_whitespace
from site_fixtures import built, fake_board, mkdocs_build, page_path, parse_html

TOP_SECTIONS = ("Board", "Browse", "Students", "Employers", "Operators", "API and feeds")


class _Visible(HTMLParser):
    """What a browser shows: text outside scripts, runs of white space read as one space (except in <pre>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.raw = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("pre", "textarea", "script", "style"):
            self.raw += 1
        self.parts.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag):
        if tag in ("pre", "textarea", "script", "style"):
            self.raw -= 1
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(data if self.raw else re.sub(r"\s+", " ", data))


def visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return re.sub(r" +", " ", "".join(parser.parts)).strip()


def test_collapsing_white_space_keeps_what_a_browser_shows_and_preformatted_text_byte_for_byte():
    page = ("<!doctype html>\n<html>\n  <body>\n\n    <p>one\n\n      two <a href='x'>link</a>\n    </p>\n"
            "<pre>\n  code\n\n    indented\n</pre>\n   <TEXTAREA name=t>\n\n  typed\n</TEXTAREA>\n"
            "  <script>\n  // a comment\n  var a = 1;\n</script>\n\n\n  <span>a</span>\n  <span>b</span>\n"
            "</body></html>\n")
    short = collapse_whitespace(page)
    assert len(short) < len(page)
    assert "<pre>\n  code\n\n    indented\n</pre>" in short
    assert "<TEXTAREA name=t>\n\n  typed\n</TEXTAREA>" in short
    assert "<script>\n  // a comment\n  var a = 1;\n</script>" in short
    assert "<span>a</span>\n<span>b</span>" in short  # the space between the two words stays
    assert not re.search(r"\n[ \t]*\n", re.sub(r"<(pre|textarea|script)\b.*?</\1>", "KEPT", short, flags=re.S | re.I))
    assert visible(short) == visible(page)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    board = fake_board(tmp_path_factory.mktemp("compact") / "board", 160)
    site = board.parent / "site"
    built(mkdocs_build(board, site))
    return site


def posting_pages(site: Path) -> list[Path]:
    return sorted((site / "projects").glob("*/*/index.html"))


def primary_nav(page: str) -> str:
    return re.search(r'<div class="md-sidebar md-sidebar--primary".*?'
                     r'(?=<div class="md-sidebar md-sidebar--secondary"|<div class="md-content")', page, re.S).group(0)


def test_a_posting_page_links_every_top_level_section_and_not_the_whole_documentation(site):
    page = posting_pages(site)[0].read_text(encoding="utf-8")
    nav = primary_nav(page)
    titles = re.findall(r'class="md-nav__link"><span class="md-ellipsis">([^<]*)</span>', nav)
    assert tuple(titles) == TOP_SECTIONS
    hrefs = re.findall(r'<a href="([^"]*)" class="md-nav__link">', nav)
    assert hrefs[1:] == ["../../../fields/", "../../../students/", "../../../employers/", "../../../operators/",
                         "../../../api/"]
    assert "operators/github/" not in page and "__nav_2" not in page  # the documentation tree stays on docs pages
    assert "md-sidebar--secondary" not in page  # a posting has no table of contents
    outside = re.sub(r"<(pre|textarea|script)\b.*?</\1>", "KEPT", page, flags=re.S)
    assert not re.search(r"\n[ \t]*\n", outside) and not re.search(r"\n[ \t]+<", outside)


def test_documentation_pages_keep_the_whole_navigation(site):
    page = (site / "students" / "index.html").read_text(encoding="utf-8")
    nav = primary_nav(page)
    for href in ("../fields/", "../operators/github/", "../post/", "../employers/skills/"):
        assert f'href="{href}"' in nav, href
    assert "mb-compact-nav" not in page


def test_organization_field_skill_and_later_board_pages_are_compact(site):
    pages = [next((site / "organizations").glob("*/index.html")), next((site / "fields").glob("*/index.html")),
             next((site / "skills").glob("*/index.html")), site / "page" / "2" / "index.html"]
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert "mb-compact-nav" in page and "operators/github/" not in page, path
    assert "mb-compact-nav" not in (site / "index.html").read_text(encoding="utf-8")


def test_field_skill_and_organization_pages_list_rows_with_the_facts_a_student_compares(site):
    data = json.loads((site / "projects.json").read_text(encoding="utf-8"))
    by_url = {p["url"].split("/microboard/", 1)[1]: p for p in data["projects"]}
    for folder in ("fields", "skills", "organizations"):
        path = max((site / folder).glob("*/index.html"), key=lambda p: p.stat().st_size)
        parsed = parse_html(path)
        rows = parsed.with_class("mb-row")
        assert rows and not parsed.with_class("mb-card"), path
        page = path.read_text(encoding="utf-8")
        for href, title, facts in re.findall(
                r'<li class="mb-row"><a class="mb-row__title" href="\.\./\.\./([^"]+)">([^<]+)</a> '
                r'<span class="mb-row__facts">(.*?)</span></li>', page):
            posting = by_url[href]
            assert title == posting["title"].replace("'", "&#39;")
            assert facts.startswith(posting["organization"]["name"].replace("'", "&#39;") + " · ")
            assert f"{posting['hours']} hours" in facts or posting["hours"] == 1
            assert f'<time datetime="{posting["timeline"]["apply_by"]}">' in facts
        assert len(re.findall(r'<li class="mb-row">', page)) == len(rows)


def test_a_skill_row_is_a_fraction_of_a_card(site):
    """The same postings as rows on a skill page and as cards on the board."""
    board = (site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<li class="mb-card">.*?</p>\n</li>', board, re.S)
    skill = max((site / "skills").glob("*/index.html"), key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    rows = re.findall(r'<li class="mb-row">.*?</li>', skill)
    assert cards and rows
    assert sum(map(len, rows)) / len(rows) < 0.4 * sum(map(len, cards)) / len(cards)


def test_projects_json_is_written_without_indentation_and_reads_the_same(site):
    text = (site / "projects.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["count"] == len(data["projects"]) > 0
    assert "\n " not in text and text == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_navigation_of_a_posting_page_is_a_fraction_of_a_documentation_pages(site):
    page = posting_pages(site)[0].read_text(encoding="utf-8")
    docs = page_path(site, "students").read_text(encoding="utf-8")
    assert len(primary_nav(page).encode()) < 1500
    assert len(primary_nav(page)) < len(primary_nav(docs)) / 4
