"""The board's quick filters in real headless Chromium: on a phone, a row of one-tap buttons above the results
that set the panel's own filters (one state: the panel, the summary, the address and Back agree), with counts
that follow the other filters; hidden on a desktop and without JavaScript. And a search in the default order
puts the postings whose field, place, skills or title hold its words first.

The board is the samples plus fake postings; what each button should show is read from projects.json, written
by the same build, and the buttons' words from generator.labels.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from generator.labels import FIELD_LABELS, QUICK_WORDS
from generator.site.quickbar import QUICK_HOURS, QUICK_OPEN
from board_pages import (PHONE, days_left, desktop, new_page, open_board, phone, projects, remote,  # noqa: F401
                         show_all, shown_keys, site, wait_count)



def quick(page: Page, label: str):
    """A quick filter by its words (its accessible name is the words, then its count in brackets)."""
    return page.get_by_role("group", name=QUICK_WORDS["group"]).get_by_role(
        "button", name=re.compile(r"^" + re.escape(label) + r" \("))


def count_of(button) -> int:
    return int(re.search(r"\(([\d,]+)\)", button.text_content()).group(1).replace(",", ""))










UP_TO_20 = QUICK_WORDS["hmax"].format(n=20)
OPEN_7 = QUICK_WORDS["open"].format(n=QUICK_OPEN)


# ---------------------------------------------------------------- a phone


def test_on_a_phone_the_row_shows_every_quick_filter_with_the_whole_boards_counts(phone, base_url, projects):
    open_board(phone, base_url)
    row = phone.get_by_role("group", name=QUICK_WORDS["group"])
    expect(row).to_be_visible()
    # above the results: the row ends before the count and the first card begin
    assert row.bounding_box()["y"] < phone.locator("#mb-count").bounding_box()["y"]
    # it scrolls sideways on its own; the page does not
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert phone.evaluate("(el => el.scrollWidth > el.clientWidth)(document.querySelector('#mb-quickbar'))")
    expected = {QUICK_WORDS["remote"]: sum(map(remote, projects)),
                QUICK_WORDS["mentored"]: sum(bool((p.get("mentorship") or {}).get("mentor")) for p in projects),
                OPEN_7: sum(days_left(p) >= QUICK_OPEN for p in projects)}
    expected.update({QUICK_WORDS["hmax"].format(n=n): sum(p["hours"] <= n for p in projects) for n in QUICK_HOURS})
    fields = {p["field"] for p in projects}
    expected.update({FIELD_LABELS[f]: sum(p["field"] == f for p in projects) for f in fields})
    for label, n in expected.items():
        button = quick(phone, label)
        expect(button).to_have_attribute("aria-pressed", "false")
        assert count_of(button) == n, label
    # the fields follow the presets, the most common first
    names = [b.text_content() for b in row.get_by_role("button").all()]
    field_counts = [count_of(b) for b in row.get_by_role("button").all()[len(names) - len(fields):]]
    assert field_counts == sorted(field_counts, reverse=True)


def test_a_quick_filter_is_the_panels_own_filter_one_tap_on_one_tap_off(phone, base_url, projects):
    open_board(phone, base_url)
    button = quick(phone, QUICK_WORDS["remote"])
    button.tap()
    expect(button).to_have_attribute("aria-pressed", "true")
    wait_count(phone, sum(map(remote, projects)))
    assert "remote=1" in phone.url
    assert phone.locator("#mb-remote").is_checked()  # in the closed panel
    summary = phone.get_by_role("list", name="Active filters")
    expect(summary.get_by_role("button", name=f"Remove filter: {QUICK_WORDS['remote']}")).to_be_visible()
    button.tap()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(summary).to_be_hidden()
    assert "remote=1" not in phone.url
    # the panel's change shows on the row too
    phone.locator("summary").filter(has_text=re.compile(r"^Filters")).tap()
    phone.get_by_role("checkbox", name=re.compile(r"^Remote only")).check()
    expect(button).to_have_attribute("aria-pressed", "true")


def test_counts_follow_the_other_filters_and_the_hours_buttons_take_turns(phone, base_url, projects):
    open_board(phone, base_url)
    quick(phone, QUICK_WORDS["remote"]).tap()
    fits = [p for p in projects if remote(p)]
    wait_count(phone, len(fits))
    data = quick(phone, FIELD_LABELS["data"])
    expect(data).to_contain_text(f"({sum(p['field'] == 'data' for p in fits)})")
    up_to_20 = quick(phone, UP_TO_20)
    expect(up_to_20).to_contain_text(f"({sum(p['hours'] <= 20 for p in fits)})")
    up_to_10 = quick(phone, QUICK_WORDS["hmax"].format(n=10))
    up_to_10.tap()
    wait_count(phone, sum(p["hours"] <= 10 for p in fits))
    up_to_20.tap()
    wait_count(phone, sum(p["hours"] <= 20 for p in fits))
    expect(up_to_20).to_have_attribute("aria-pressed", "true")
    expect(up_to_10).to_have_attribute("aria-pressed", "false")
    assert phone.locator("#mb-hmax").input_value() == "20"
    # the tapped button slid to the middle of the row: the one after it is in reach without a swipe
    box = quick(phone, OPEN_7).bounding_box()
    assert 0 <= box["x"] + box["width"] / 2 <= PHONE["viewport"]["width"]
    quick(phone, OPEN_7).tap()
    data.tap()
    expected = [p["id"] for p in fits if p["hours"] <= 20 and days_left(p) >= QUICK_OPEN and p["field"] == "data"]
    assert expected, "the fake board has remote data postings of at most 20 hours"
    wait_count(phone, len(expected))
    assert shown_keys(phone) == expected
    # the row went to the top of the screen: it, the count, the summary and the first result are in view
    for what in (phone.get_by_role("group", name=QUICK_WORDS["group"]), phone.get_by_role("status"),
                 phone.get_by_role("list", name="Active filters"), phone.locator("#mb-results .mb-slot-title").first):
        expect(what).to_be_in_viewport(ratio=1)
    assert phone.locator("#mb-field").input_value() == "data"
    # a field that nothing fits any more is disabled, unless it is the one chosen
    empty = [f for f in {p["field"] for p in projects}
             if not any(p["field"] == f and p["hours"] <= 20 and days_left(p) >= QUICK_OPEN for p in fits)]
    for f in empty:
        expect(quick(phone, FIELD_LABELS[f])).to_be_disabled()
    expect(data).to_be_enabled()


def test_the_address_and_back_keep_the_quick_filters(phone, base_url, projects):
    open_board(phone, base_url, "?field=data&hmax=20")
    expect(quick(phone, FIELD_LABELS["data"])).to_have_attribute("aria-pressed", "true")
    expect(quick(phone, UP_TO_20)).to_have_attribute("aria-pressed", "true")
    quick(phone, QUICK_WORDS["remote"]).tap()
    expected = [p["id"] for p in projects if p["field"] == "data" and p["hours"] <= 20 and remote(p)]
    wait_count(phone, len(expected))
    phone.locator("#mb-results .mb-slot-title").first.tap()
    phone.wait_for_url(re.compile(r"/projects/"))
    phone.go_back()
    phone.wait_for_selector("[data-mb-board][data-ready]", state="attached")
    wait_count(phone, len(expected))
    for label in (FIELD_LABELS["data"], UP_TO_20, QUICK_WORDS["remote"]):
        expect(quick(phone, label)).to_have_attribute("aria-pressed", "true")
    # removing a filter from the summary lifts its button
    phone.get_by_role("button", name=f"Remove filter: {FIELD_LABELS['data']}").tap()
    expect(quick(phone, FIELD_LABELS["data"])).to_have_attribute("aria-pressed", "false")
    assert "field=" not in phone.url


def test_a_search_puts_postings_whose_field_and_place_hold_its_words_first(phone, base_url, projects):
    open_board(phone, base_url)
    search = phone.get_by_role("searchbox", name="Search")
    search.tap()
    search.press_sequentially("data remote")
    phone.wait_for_function("() => document.querySelector('[data-mb-board]').getAttribute('data-shown')"
                            " === '?text=data+remote'")
    keys = show_all(phone)
    fits = [p["id"] for p in projects if p["field"] == "data" and remote(p)]
    assert fits and keys[:len(fits)] == fits  # every data posting that is remote, newest first
    others = keys[len(fits):]
    assert others, "postings that only mention the words follow"
    by_id = {p["id"]: p for p in projects}
    assert not any(by_id[k]["field"] == "data" and remote(by_id[k]) for k in others)
    # in plain newest order a posting that only mentions the words would come before the last fit
    newest = [p["id"] for p in projects if p["id"] in set(keys)]
    assert newest != keys


# ---------------------------------------------------------------- a desktop, and no JavaScript


def test_on_a_desktop_the_row_is_hidden_and_the_filters_stay_a_column(desktop, base_url, projects):
    open_board(desktop, base_url, "?remote=1")
    expect(desktop.locator("#mb-quickbar")).to_be_hidden()
    expect(desktop.get_by_role("checkbox", name=re.compile(r"^Remote only"))).to_be_visible()
    expect(desktop.get_by_role("checkbox", name=re.compile(r"^Remote only"))).to_be_checked()
    wait_count(desktop, sum(map(remote, projects)))


def test_without_javascript_the_row_stays_hidden_and_the_narrow_down_links_serve(browser, base_url):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(f"{base_url}/")
    expect(page.locator("#mb-quickbar")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Narrow down").get_by_role("link", name=FIELD_LABELS["data"])) \
        .to_be_visible()
    context.close()
