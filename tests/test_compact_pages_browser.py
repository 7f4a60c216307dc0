"""A compact posting page in real Chromium: its icons come from the shared icons.svg, and on a phone the
menu button opens the short navigation of the site's sections; without JavaScript the posting still reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from site_fixtures import built, fake_board, launch_chromium, mkdocs_build, serve

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    board = fake_board(tmp_path_factory.mktemp("compact-browser") / "board", 20)
    site = board.parent / "site"
    built(mkdocs_build(board, site))
    return site


@pytest.fixture(scope="module")
def posting_url(site: Path):
    first = sorted((site / "projects").glob("*/*/index.html"))[0].parent.relative_to(site).as_posix()
    with serve(site) as url:
        yield f"{url}/{first}/"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def icon_box(page, selector: str) -> dict:
    """The drawn size of an icon's <use>: zero when the sprite or the symbol is missing."""
    return page.eval_on_selector(f"{selector} svg use",
                                 "u => { const b = u.getBBox(); return {w: b.width, h: b.height}; }")


def test_the_header_icons_are_drawn_from_the_shared_sprite(browser, posting_url):
    page = browser.new_page(viewport=PHONE)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(posting_url)
    page.wait_for_load_state("networkidle")
    assert sum(url.endswith("/assets/microboard/icons.svg") for url in requests) == 1
    for selector in ('.md-header label[for="__drawer"]', '.md-header label[for="__search"]'):
        box = icon_box(page, selector)
        assert box["w"] > 10 and box["h"] > 10, (selector, box)
    page.set_viewport_size({"width": 1280, "height": 800})  # the logo shows on wide screens
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-header .md-logo')).display !== 'none'")
    box = icon_box(page, ".md-header .md-logo")
    assert box["w"] > 10 and box["h"] > 10, box
    page.close()


def test_on_a_phone_the_menu_opens_the_sections_and_a_section_opens(browser, posting_url):
    page = browser.new_page(viewport=PHONE)
    page.goto(posting_url)
    nav = page.locator(".md-sidebar--primary .md-nav__link")
    on_screen = ("() => { const b = document.querySelector('.md-sidebar--primary .md-nav__link')"
                 ".getBoundingClientRect(); return b.width > 0 && b.left >= 0 && b.right <= innerWidth; }")
    assert not page.evaluate(on_screen)  # the drawer waits off screen
    page.click('.md-header label[for="__drawer"]')
    page.wait_for_function(on_screen)
    assert nav.all_text_contents() == ["Board", "Browse", "Students", "Employers", "Operators", "API and feeds"]
    page.get_by_role("link", name="Students").click()
    page.wait_for_url("**/students/")
    page.close()


def test_without_javascript_the_posting_reads_and_links_to_the_sections(browser, posting_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(posting_url)
    assert page.locator("article.mb-posting h1").is_visible()
    assert page.locator(".mb-posting .mb-apply").is_visible()
    hrefs = page.eval_on_selector_all(".md-sidebar--primary a.md-nav__link", "links => links.map(a => a.href)")
    assert len(hrefs) == 6 and all(h.startswith("http://127.0.0.1") for h in hrefs)
    context.close()
