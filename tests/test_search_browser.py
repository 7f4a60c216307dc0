"""Search in real headless Chromium: the index loads only when a visitor reaches for search, and then works."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.site_fixtures import launch_chromium, serve


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


def test_the_first_view_loads_no_search_index_and_no_sitemap(site):
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "/")
        page.wait_for_selector("[data-mb-board][data-ready]")
        page.wait_for_load_state("networkidle")
        assert not [u for u in requested if "search_index.json" in u or "sitemap.xml" in u], requested
        assert page.locator('link[rel="alternate"][type="application/atom+xml"]').count() >= 1
        page.click(".md-search__input")
        page.fill(".md-search__input", "dashboard")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert any("search_index.json" in u for u in requested)
        titles = page.locator(".md-search-result__item").all_inner_texts()
        assert any("dashboard" in t.lower() for t in titles)
        browser.close()


def test_a_search_link_loads_the_index_at_once(site):
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(base + "/?q=logo")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert page.locator(".md-search-result__item").count() >= 1
        browser.close()


def test_on_a_phone_opening_search_loads_the_index(site):
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "/")
        page.wait_for_load_state("networkidle")
        assert not any("search_index.json" in u for u in requested)
        page.click("label[for=__search]")
        page.fill(".md-search__input", "logo")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert any("search_index.json" in u for u in requested)
        browser.close()
