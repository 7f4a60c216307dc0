"""Paged long lists in real Chromium with JavaScript off: a visitor walks the organizations index and a big
organization's pages by their links and meets every entry once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from site_fixtures import ROOT, built, copy_board, launch_chromium, mkdocs_build, serve

VALID = (ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8")
ORGANIZATION = (ROOT / "tests" / "data" / "organization.yaml").read_text(encoding="utf-8")
ORGS, BIG = 7, 8  # seven small organizations, and one with eight postings; three entries a page


def posting(n: int, status: str = "open") -> str:
    return (VALID.replace("title: Build a volunteer-hours dashboard", f"title: Build volunteer dashboard number {n}")
            .replace("status: open", f"status: {status}").replace("/jobs/dashboard", f"/jobs/{n}"))


def organization(name: str) -> str:
    return ORGANIZATION.replace("Green Valley Food Bank", name)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory):
    board = copy_board(tmp_path_factory.mktemp("long") / "board", projects=False)
    (board / "board.yml").write_text((board / "board.yml").read_text() + "board_page_size: 3\n")
    for n in range(ORGS):
        folder = board / "projects" / f"org-{n}"
        folder.mkdir(parents=True)
        (folder / "organization.yaml").write_text(organization(f"Organization {n}"), encoding="utf-8")
        (folder / "dashboard.yaml").write_text(posting(n), encoding="utf-8")
    big = board / "projects" / "big-org"
    big.mkdir()
    (big / "organization.yaml").write_text(organization("Big Organization"), encoding="utf-8")
    for n in range(BIG):
        (big / f"posting-{n}.yaml").write_text(posting(100 + n, "open" if n < 5 else "filled"), encoding="utf-8")
    site = board.parent / "site"
    built(mkdocs_build(board, site))
    with serve(site) as url:
        yield url
    shutil.rmtree(site, ignore_errors=True)


@pytest.fixture(scope="module")
def page(base_url):
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
        yield context.new_page()
        browser.close()


def walk(page, start: str, selector: str) -> list[list[str]]:
    """The entries of each page, following the pager's Next link until there is none."""
    page.goto(start)
    seen = []
    while True:
        seen.append(page.locator(selector).all_inner_texts())
        following = page.locator("a[rel=next]")
        if following.count() == 0:
            return seen
        following.click()
        page.wait_for_load_state()


def test_the_organizations_index_pages_through_every_organization_without_script(page, base_url):
    pages = walk(page, f"{base_url}/organizations/", ".mb-browse-list li a")
    assert [len(names) for names in pages] == [3, 3, 2]
    names = [name for names in pages for name in names]
    assert sorted(names) == sorted([f"Organization {n}" for n in range(ORGS)] + ["Big Organization"])
    assert names[0] == "Big Organization"  # the most open projects first
    page.locator("a[rel=prev]").click()
    assert page.url.rstrip("/").endswith("organizations/page/2")


def test_a_big_organization_pages_its_open_then_past_postings_without_script(page, base_url):
    cards = walk(page, f"{base_url}/organizations/big-org/", ".mb-row > h3, .mb-past li > a")
    assert [len(entries) for entries in cards] == [3, 3, 2]
    titles = [title for entries in cards for title in entries]
    assert sorted(titles) == sorted(f"Build volunteer dashboard number {100 + n}" for n in range(BIG))
    past = page.locator(".mb-past li > a").all_inner_texts()
    assert len(past) == 2 and page.locator(".mb-row").count() == 0
