"""The compact rows of organization, field and skill pages in real Chromium: they fit a 390 px phone, carry
the Save button and the New-since-last-visit mark the cards carry, and a saved row names its organization."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_fixtures import serve


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def postings(site: Path) -> list[dict]:
    return json.loads((site / "projects.json").read_text(encoding="utf-8"))["projects"]


def busiest(postings: list[dict], key) -> str:
    """The value of `key` shared by the most postings: the listing page with the most rows."""
    counts: dict[str, int] = {}
    for p in postings:
        for value in key(p):
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda value: (counts[value], value))


@pytest.mark.parametrize("kind", ["organizations", "fields", "skills"])
def test_rows_fit_a_390_px_phone_without_sideways_scrolling(site, browser, postings, kind):
    skills = dict(json.loads((site / "board.json").read_text(encoding="utf-8"))["skills"])
    key = {"organizations": lambda p: [p["organization"]["slug"]], "fields": lambda p: [p["field"]],
           "skills": lambda p: [skills[s] for s in p["skills"]]}[kind]
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        page.goto(f"{base}/{kind}/{busiest(postings, key)}/")
        page.wait_for_load_state("networkidle")
        rows = page.locator(".mb-rows > li.mb-row")
        assert rows.count() >= 2
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{kind}: {widths[0]} px of content in a {widths[1]} px window"
        for n in range(rows.count()):
            box = rows.nth(n).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= widths[1]
            expect(rows.nth(n).get_by_text("Apply by")).to_be_visible()
        context.close()


def test_a_row_on_an_organization_page_is_saved_with_its_organization(site, browser, postings):
    org = postings[0]["organization"]
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/organizations/{org['slug']}/")
        row = page.locator(".mb-rows > li.mb-row").first
        title = row.locator("h3").inner_text()
        assert org["name"] not in row.inner_text()  # its own page names it once, above the rows
        save = row.get_by_role("button", name="Save")
        save.click()
        expect(save).to_have_attribute("aria-pressed", "true")
        page.goto(base + "/")
        page.wait_for_selector("[data-mb-board][data-ready]")
        page.get_by_role("button", name="Saved (1)").click()
        item = page.get_by_role("region", name="Saved projects").get_by_role("listitem").first
        expect(item.get_by_role("link", name=title)).to_be_visible()
        expect(item).to_contain_text(org["name"])
        context.close()


def test_rows_of_postings_since_the_last_visit_are_marked_new(site, browser, postings):
    built = dt.date.fromisoformat(json.loads((site / "board.json").read_text(encoding="utf-8"))["today"])
    field = busiest(postings, lambda p: [p["field"]])
    posted = {p["title"]: dt.date.fromisoformat(p["posted"]) for p in postings if p["field"] == field}
    last_visit = sorted(posted.values())[len(posted) // 2]
    expected = {t for t, day in posted.items() if day > last_visit or (built - day).days < 7}
    assert expected and len(expected) < len(posted)
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime.combine(built, dt.time(9, 0)))
        page.goto(f"{base}/fields/{field}/")
        page.evaluate("""(day) => {
            const key = Object.keys(localStorage).find(k => k.endsWith(':visits'));
            localStorage.setItem(key, JSON.stringify({last: Date.parse(day + 'T12:00:00'), previous: null}));
        }""", last_visit.isoformat())
        page.reload()
        page.wait_for_load_state("networkidle")
        marked = ".mb-rows > li.mb-row:has(.mb-new:not([hidden])) > h3"
        expect(page.locator(marked)).to_have_count(len(expected))
        assert set(page.locator(marked).all_inner_texts()) == expected
        context.close()
