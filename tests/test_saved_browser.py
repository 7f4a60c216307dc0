"""Keep and come back, in real headless Chromium: Save on cards and posting pages, a Saved (N) list kept in
the browser only that marks postings closed since, and New marks for postings since the last visit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.site.board_data import read_board
from site_fixtures import serve


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


def board(context, base: str, day: dt.date | None = None):
    page = context.new_page()
    if day:  # the visitor's clock: the build's own day keeps the list as the server rendered it
        page.clock.set_fixed_time(dt.datetime.combine(day, dt.time(9, 0)))
    page.goto(base + "/")
    page.wait_for_selector("[data-mb-board][data-ready]")
    return page


def test_a_saved_card_is_listed_kept_after_a_reload_and_nothing_is_sent(site, browser):
    with serve(site) as base:
        context = browser.new_context()
        page = board(context, base)
        sent = []
        page.on("request", lambda r: sent.append(r) if r.method != "GET" else None)
        card = page.locator("#mb-results .mb-card").first
        title = card.locator(".mb-card__title").inner_text()
        save = card.get_by_role("button", name="Save")
        save.click()
        expect(save).to_have_attribute("aria-pressed", "true")
        page.reload()
        page.wait_for_selector("[data-mb-board][data-ready]")
        saved = page.get_by_role("button", name="Saved (1)")
        saved.click()
        listing = page.get_by_role("region", name="Saved projects")
        expect(listing.get_by_role("link", name=title)).to_be_visible()
        expect(listing).not_to_contain_text("Closed")
        assert not sent
        stored = page.evaluate("() => Object.keys(localStorage)")
        assert any(key.endswith(":saved") for key in stored)
        listing.get_by_role("button", name="Clear the saved list").click()
        expect(page.get_by_role("button", name="Saved (0)")).to_be_visible()
        context.close()


def test_a_posting_page_saves_and_the_list_marks_postings_closed_since(site, browser):
    with serve(site) as base:
        context = browser.new_context()
        page = board(context, base)
        href = page.locator("#mb-results .mb-card__title a").first.get_attribute("href")
        page.goto(base + "/" + href.lstrip("./"))
        title = page.locator("article h1").inner_text()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("button", name="Saved")).to_have_attribute("aria-pressed", "true")
        # one saved posting whose apply-by date has passed, one that has left the board
        page.evaluate("""() => {
            const key = Object.keys(localStorage).find(k => k.endsWith(':saved'));
            const saved = JSON.parse(localStorage.getItem(key));
            saved['projects/gone-org/old-project/'] = {title: 'An old project', org: 'Gone', applyBy: '2099-01-01'};
            saved['projects/late-org/late/'] = {title: 'A late project', org: 'Late', applyBy: '2001-01-01'};
            localStorage.setItem(key, JSON.stringify(saved));
        }""")
        page = board(context, base)
        page.get_by_role("button", name="Saved (3)").click()
        listing = page.get_by_role("region", name="Saved projects")
        items = listing.get_by_role("listitem")
        expect(items).to_have_count(3)
        expect(items.filter(has_text=title)).not_to_contain_text("Closed")
        expect(items.filter(has_text="An old project")).to_contain_text("Closed")
        expect(items.filter(has_text="A late project")).to_contain_text("Closed")
        items.filter(has_text="A late project").get_by_role("button", name="Remove").click()
        expect(page.get_by_role("button", name="Saved (2)")).to_be_visible()
        context.close()


def test_postings_since_the_last_visit_are_marked_new(site, browser):
    data = json.loads((site / "board.json").read_text(encoding="utf-8"))
    built = dt.date.fromisoformat(data["today"])
    rows = read_board(site)
    posted = sorted({built + dt.timedelta(days=row["posted"]) for row in rows})
    last_visit = posted[len(posted) // 2]  # half the postings went up after it
    # marked New: went up since the last visit, or within the week before the build (the card's own mark)
    week = {row["title"] for row in rows if row["posted"] > -7}
    expected = {row["title"] for row in rows
                if built + dt.timedelta(days=row["posted"]) > last_visit} | week
    assert expected and len(expected) < len(rows)
    with serve(site) as base:
        context = browser.new_context()
        page = board(context, base, built)
        page.wait_for_load_state("networkidle")
        first = "(selector) => [...document.querySelectorAll(selector)].map(a => a.textContent.trim())"
        # a first visit marks only what went up in the last week
        assert set(page.evaluate(first, "#mb-results .mb-card:has(.mb-new:not([hidden])) .mb-card__title a")) \
            == week & set(page.evaluate(first, "#mb-results .mb-card__title a"))
        page.evaluate("""(day) => {
            const key = Object.keys(localStorage).find(k => k.endsWith(':visits'));
            localStorage.setItem(key, JSON.stringify({last: Date.parse(day + 'T12:00:00'), previous: null}));
        }""", last_visit.isoformat())
        page = board(context, base, built)
        page.wait_for_load_state("networkidle")
        titles = "(selector) => [...document.querySelectorAll(selector)].map(a => a.textContent.trim())"
        shown = set(page.evaluate(titles, "#mb-results .mb-card__title a"))
        expect(page.locator("#mb-results .mb-new:not([hidden])")).to_have_count(len(expected & shown))
        assert set(page.evaluate(titles, "#mb-results .mb-card:has(.mb-new:not([hidden])) .mb-card__title a")) \
            == expected & shown
        expect(page.locator(".mb-new:not([hidden])").first).to_have_text("New")
        context.close()
