"""Posting, organization, field and skill pages are complete documents in Microboard's slim chrome: read
back as a browser reads them, linked into the site, listed in the sitemap and the site search, and usable
without JavaScript."""

from __future__ import annotations

import contextlib
import json
import posixpath
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

import html5lib
import pytest
from playwright.sync_api import expect

from tests.site_fixtures import job_postings, serve

POSTING = "projects/brightloop/analyze-onboarding-drop-off/"
DOCUMENTS = (POSTING, "organizations/brightloop/", "fields/data/", "skills/sql/")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _document(site: Path, folder: str):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(
        (site / folder / "index.html").read_bytes())


def _lands_on(site: Path, folder: str, href: str) -> Path:
    """The file a relative link on the page in `folder` opens, as a static server answers it."""
    target = posixpath.normpath(posixpath.join(folder, href.split("?")[0].split("#")[0]))
    path = site / ("" if target == "." else target)
    return path / "index.html" if path.is_dir() else path


@pytest.mark.parametrize("folder", DOCUMENTS)
def test_the_page_is_a_complete_document_in_the_boards_own_chrome(sample_site, folder):
    text = (sample_site / folder / "index.html").read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>\n<html lang=\"en\">")
    document = _document(sample_site, folder)  # strict: a parse error fails
    head = document.find("head")
    assert head.find("meta[@charset='utf-8']") is not None and head.find("meta[@name='viewport']") is not None
    assert head.find("title").text.endswith(" - Microboard") and head.find("meta[@name='description']") is not None
    [canonical] = head.findall("link[@rel='canonical']")
    assert canonical.get("href") == f"https://example-org.github.io/microboard/{folder}"
    styles = [link.get("href") for link in head.findall("link[@rel='stylesheet']")]
    assert [_lands_on(sample_site, folder, href).name for href in styles] == ["microboard.css", "document.css"]
    assert all(_lands_on(sample_site, folder, href).is_file() for href in styles)
    # none of the theme's chrome: no drawer, tabs, search dialog or palette form, no inline theme configuration
    classes = " ".join(element.get("class") or "" for element in document.iter())
    assert "md-header" not in classes and "md-tabs" not in classes and "md-search" not in classes
    assert "__md_scope" not in text and "md-nav" not in classes
    skip = document.find(".//a[@class='mb-skip']")
    assert skip.get("href") == "#mb-main" and document.find(".//main[@id='mb-main']") is not None
    header = document.find(".//header[@class='mb-top']")
    name = header.find("a[@class='mb-top__name']")
    assert name.text == "Microboard" and _lands_on(sample_site, folder, name.get("href")) == sample_site / "index.html"
    links = {a.text: a.get("href") for a in header.iter("a") if a is not name}
    # the top of the site's navigation (mkdocs.yml), then the web form
    assert list(links)[:3] == ["Board", "Browse", "Students"] and list(links)[-1] == "Post a project"
    for href in links.values():
        assert _lands_on(sample_site, folder, href).is_file(), href
    assert _lands_on(sample_site, folder, links["Post a project"]) == sample_site / "post" / "index.html"
    form = header.find(".//form[@role='search']")
    assert form.get("method") == "get" and _lands_on(sample_site, folder, form.get("action")) == sample_site / "index.html"
    assert form.find(".//input[@name='q']") is not None
    assert document.find(".//footer[@class='mb-bottom']") is not None


def test_an_open_posting_is_its_job_posting_and_keeps_its_scripts(sample_site):
    document = _document(sample_site, POSTING)
    [article] = document.iter("article")
    assert article.get("itemscope") is not None and article.get("itemtype") == "https://schema.org/JobPosting"
    [posting] = job_postings(sample_site / POSTING / "index.html")
    assert posting["url"] == f"https://example-org.github.io/microboard/{POSTING}"
    sources = [_lands_on(sample_site, POSTING, s.get("src")).name for s in document.iter("script") if s.get("src")]
    # the words first: the others read them; the colour scheme's script is the body's first element, not deferred
    assert sources == ["words.js", "saved.js", "color-scheme.js", "card-dates.js", "deadline.js"]
    body = document.find("body")
    assert body[0].tag == "script" and body[0].get("src").endswith("color-scheme.js")
    assert body[0].get("defer") is None and body[0].get("async") is None
    assert [s for s in document.iter("script") if not s.get("src") and s.get("type") is None] == []
    assert all(_lands_on(sample_site, POSTING, s.get("src")).is_file() for s in document.iter("script") if s.get("src"))


def test_the_sitemap_and_the_site_search_still_know_the_documents(sample_site):
    sitemap = ET.parse(sample_site / "sitemap.xml").getroot()
    listed = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    for folder in DOCUMENTS + ("students/", ""):
        assert f"https://example-org.github.io/microboard/{folder}" in listed, folder
    postings = {p.parent.relative_to(sample_site).as_posix() for p in (sample_site / "projects").glob("*/*/index.html")}
    assert {f"https://example-org.github.io/microboard/{p}/" for p in postings} <= listed
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = {doc["location"]: doc for doc in index["docs"]}
    assert found["organizations/brightloop/"]["title"] == "Brightloop"
    assert "fields/data/" in found and "skills/sql/" in found
    assert not any(place.startswith("projects/") for place in found), "postings are in search/, not here"


def test_without_javascript_the_header_leads_to_the_board_the_form_and_a_search(sample_site, browser):
    with serve(sample_site) as base:
        context = browser.new_context(java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(f"{base}/{POSTING}")
            assert page.locator("main h1").inner_text()
            page.get_by_role("link", name="Post a project").click()
            assert page.url == f"{base}/post/"
            page.go_back()
            page.fill("#mb-q", "onboarding funnel")
            page.press("#mb-q", "Enter")
            page.wait_for_url(f"{base}/?q=onboarding+funnel")
            assert page.locator("[data-mb-board]").count() == 1
        finally:
            context.close()


@contextlib.contextmanager
def dark_system(site: Path, browser) -> Iterator[tuple[str, object]]:
    """(the site's address, a page) in a browser whose system asks for the dark scheme."""
    with serve(site) as base:
        context = browser.new_context(color_scheme="dark")
        try:
            yield base, context.new_page()
        finally:
            context.close()


def test_with_javascript_the_save_button_and_the_scheme_work(sample_site, browser):
    with dark_system(sample_site, browser) as (base, page):
        page.goto(f"{base}/{POSTING}")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("button", name="Saved")).to_have_attribute("aria-pressed", "true")
        assert any(key.endswith(":saved") for key in page.evaluate("Object.keys(localStorage)"))
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"


def test_a_scheme_chosen_on_the_themes_pages_wins_over_the_systems(sample_site, browser):
    """Material stores the visitor's choice under the site root's path; every document reads it before painting."""
    with dark_system(sample_site, browser) as (base, page):
        page.goto(f"{base}/")
        page.evaluate("__md_set('__palette', {index: 0, color: {scheme: 'default'}})")  # as the theme's toggle
        for folder in DOCUMENTS:
            page.goto(f"{base}/{folder}")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default", folder


def test_with_file_urls_every_link_of_a_document_names_a_file_that_exists(tmp_path):
    """`use_directory_urls: false` (a site opened from a folder, without a server): the header, the styles and
    scripts, the pager and the cards' links of every document lead to files the build wrote."""
    from tests.site_fixtures import built, copy_board, mkdocs_build

    board = copy_board(tmp_path / "board")
    config = board / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    site = tmp_path / "site"
    built(mkdocs_build(board, site))
    pages = sorted(p for top in ("projects", "organizations", "fields", "skills")
                   for p in (site / top).rglob("index.html") if p.parent != site / top)
    assert len([p for p in pages if p.is_relative_to(site / "projects")]) == 30
    checked = 0
    for page in pages:
        folder = page.parent.relative_to(site).as_posix() + "/"
        document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        for element in document.iter():
            for name in ("href", "src", "action"):
                value = element.get(name)
                if not value or value.startswith(("#", "mailto:")) or urllib.parse.urlsplit(value).scheme:
                    continue
                target = posixpath.normpath(posixpath.join(folder, value.split("#")[0]))
                assert not value.endswith("/") and (site / target).is_file(), (folder, value)
                checked += 1
    assert checked > 30 * 10
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/microboard/projects/brightloop/analyze-onboarding-drop-off/index.html" not in sitemap
    assert sitemap.count("/microboard/projects/") == 30
