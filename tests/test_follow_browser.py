"""The board's Follow link in real headless Chromium: the narrowest feed for the filters in use, and a
feed that opens as a readable page."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from generator.site.board_data import read_board
from site_fixtures import launch_chromium, serve


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def board_data(site: Path) -> list[dict]:
    return read_board(site)


def open_board(page, base: str, query: str = ""):
    page.goto(base + "/" + query)
    page.wait_for_selector("[data-mb-board][data-ready]")
    page.wait_for_function("() => document.querySelector('[data-mb-board]').dataset.shown === location.search")


def follow_path(page) -> str:
    return urlparse(page.get_by_role("link", name="Follow", exact=False).first.evaluate("a => a.href")).path


def test_follow_offers_the_narrowest_feed_for_the_filters(site, board_data):
    rows = board_data
    field_key = max({r["fieldKey"] for r in rows}, key=lambda f: sum(1 for r in rows if r["fieldKey"] == f))
    field_name = json.loads((site / "board.json").read_text(encoding="utf-8"))["fields"]
    field_name = dict(field_name)[field_key]
    in_field = sum(1 for r in rows if r["fieldKey"] == field_key)
    remote_count = sum(1 for r in rows if r["locationType"] == "remote")
    skill_name, skill_slug = rows[0]["skillNames"][0], rows[0]["skillSlugs"][0]
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(base + "/")
        page.wait_for_selector("[data-mb-board][data-ready]")
        expect(page.get_by_role("link", name="Follow new projects", exact=True)).to_have_attribute("href", "./feed.xml")

        open_board(page, base, f"?skill={skill_slug}")
        link = page.get_by_role("link", name=f"Follow new projects using {skill_name}")
        expect(link).to_be_visible()
        assert follow_path(page) == f"/skills/{skill_slug}/feed.xml"

        open_board(page, base, f"?field={field_key}&remote=1")
        narrowest = ("field", field_key) if in_field <= remote_count else ("remote", None)
        if narrowest[0] == "field":
            expect(page.get_by_role("link", name=f"Follow new {field_name} projects")).to_be_visible()
            assert follow_path(page) == f"/fields/{field_key}/feed.xml"
        else:
            expect(page.get_by_role("link", name="Follow new remote projects")).to_be_visible()
            assert follow_path(page) == "/remote/feed.xml"

        open_board(page, base, "?remote=1")
        page.get_by_role("link", name="Follow new remote projects").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("new remote projects")
        expect(page.get_by_text("This is a feed.")).to_be_visible()
        expect(page.get_by_role("link", name="Back to the board")).to_be_visible()
        browser.close()
