"""The board's filters in real headless Chromium, on a phone (390 px) and on a desktop: the phone panel and its
"Show N projects" action, the summary of active filters, counts that follow the other filters, number boxes that
apply while typing, the "still open" and study-level filters, the history, and the pager while filtering.

The board is the samples plus fake postings (more than one page of 50); what each filter should show is read
from projects.json, written by the same build.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from generator.model import FIELD_LABELS
from generator.site.pages import label
from site_fixtures import built, click_settled, copy_board, mkdocs_build, serve, settled

from board_pages import (DESKTOP, MORE, PHONE, count_text, days_left, desktop, new_page, open_board, phone,  # noqa: F401
                         projects, remote, show_all, shown_keys, site, wait_count)








def all_results(page: Page, n: int) -> list[str]:
    wait_count(page, n)
    return show_all(page)






def in_view(page: Page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def filters_toggle(page: Page):
    """The panel's toggle: a <summary>, which has no ARIA role, so it is found by its visible words."""
    return page.locator("summary").filter(has_text=re.compile(r"^Filters"))


# ---------------------------------------------------------------- a phone


def test_on_a_phone_the_panel_ends_with_show_n_projects_which_closes_it_at_the_first_result(phone, base_url,
                                                                                           projects):
    open_board(phone, base_url)
    remote_box = phone.get_by_role("checkbox", name=re.compile(r"^Remote only"))
    assert not remote_box.is_visible()  # the panel starts closed: results first
    filters_toggle(phone).click()
    remote_box.check()
    fits = [p["id"] for p in projects if remote(p) and p["hours"] <= 20]
    hours_to = phone.get_by_role("spinbutton", name="to", exact=True)
    hours_to.click()
    hours_to.press_sequentially("20")
    show = phone.get_by_role("button", name=f"Show {len(fits)} projects")
    expect(show).to_be_visible()
    # the count stays in sight while the student works down the panel
    phone.get_by_role("group", name="Uses any of these skills").scroll_into_view_if_needed()
    assert in_view(phone, show)
    show.click()
    expect(remote_box).to_be_hidden()
    first = phone.locator("#mb-results .mb-card").first
    assert in_view(phone, first.get_by_role("link").first)
    expect(first.get_by_role("link").first).to_be_focused()
    assert in_view(phone, phone.get_by_role("status"))
    assert all_results(phone, len(fits)) == fits


def test_a_shared_link_opens_at_the_results_with_each_filter_summarised_and_removable(phone, base_url, projects):
    field = max(FIELD_LABELS, key=lambda f: sum(p["field"] == f and remote(p) and p["hours"] <= 20 for p in projects))
    open_board(phone, base_url, f"?field={field}&remote=1&hmax=20")
    fits = [p["id"] for p in projects if p["field"] == field and remote(p) and p["hours"] <= 20]
    wait_count(phone, len(fits))
    assert shown_keys(phone) == fits[:50]
    assert not phone.get_by_role("checkbox", name=re.compile(r"^Remote only")).is_visible()  # panel closed
    assert in_view(phone, phone.get_by_role("status"))  # opened at the results, below the heading
    summary = phone.get_by_role("list", name="Active filters")
    expect(summary.get_by_role("button")).to_have_text([FIELD_LABELS[field], "Remote", "≤ 20 h"])
    assert "3 active" in filters_toggle(phone).text_content()

    summary.get_by_role("button", name="Remove filter: Remote").click()
    fits = [p["id"] for p in projects if p["field"] == field and p["hours"] <= 20]
    assert all_results(phone, len(fits)) == fits
    assert "remote" not in phone.url and f"field={field}" in phone.url and "hmax=20" in phone.url
    expect(summary.get_by_role("button")).to_have_text([FIELD_LABELS[field], "≤ 20 h"])
    expect(summary.get_by_role("button").first).to_be_focused()
    summary.get_by_role("button", name=f"Remove filter: {FIELD_LABELS[field]}").click()
    summary.get_by_role("button", name="Remove filter: ≤ 20 h").click()
    expect(summary).to_be_hidden()
    phone.wait_for_function("() => location.search === ''")
    expect(phone.get_by_role("status")).to_have_text(f"{len(projects)} open projects · page 1 of 3")


def test_on_a_desktop_the_filters_stay_beside_the_results_without_the_panel_action(desktop, base_url, projects):
    open_board(desktop, base_url, "?remote=1")
    remote_box = desktop.get_by_role("checkbox", name=re.compile(r"^Remote only"))
    expect(remote_box).to_be_checked()
    assert remote_box.is_visible()
    assert not desktop.get_by_role("button", name=re.compile(r"^Show \d+ projects?$")).is_visible()
    form = desktop.get_by_role("search", name="Filter projects").bounding_box()
    results = desktop.get_by_role("status").bounding_box()
    assert form["x"] + form["width"] <= results["x"]  # side by side
    expect(desktop.get_by_role("list", name="Active filters").get_by_role("button")).to_have_text(["Remote"])


# ---------------------------------------------------------------- counts that tell the truth


def test_option_counts_follow_the_other_filters_and_an_option_with_no_match_cannot_be_picked(desktop, base_url,
                                                                                            projects):
    open_board(desktop, base_url)
    field_box = desktop.get_by_role("combobox", name="Field")

    def options() -> dict[str, tuple[str, bool]]:
        return dict((o[0], (o[1], o[2])) for o in field_box.evaluate(
            "s => [...s.options].filter(o => o.value).map(o => [o.value, o.textContent, o.disabled])"))

    desktop.get_by_role("checkbox", name=re.compile(r"^Remote only")).check()
    wait_count(desktop, sum(map(remote, projects)))
    for key, (text, disabled) in options().items():
        n = sum(p["field"] == key and remote(p) for p in projects)
        assert text == f"{FIELD_LABELS[key]} ({n})" if n else f"{FIELD_LABELS[key]} (none left)", text
        assert disabled == (n == 0)

    field = projects[0]["field"]
    field_box.select_option(field)
    in_field = [p for p in projects if p["field"] == field]
    wait_count(desktop, sum(map(remote, in_field)))
    # remote's own count is what checking it shows; mentored's follows field and remote
    expect(desktop.get_by_role("checkbox", name=re.compile(r"^Remote only"))).to_have_accessible_name(
        f"Remote only ({sum(map(remote, in_field))})")
    mentored = sum(bool(p["mentorship"]) and remote(p) for p in in_field)
    expect(desktop.get_by_role("checkbox", name=re.compile(r"^Mentored only"))).to_have_accessible_name(
        f"Mentored only ({mentored})" if mentored else "Mentored only (none left)")
    skill = max({s for p in in_field for s in p["skills"]}, key=lambda s: sum(s in p["skills"] for p in in_field))
    n = sum(skill in p["skills"] and remote(p) for p in in_field)
    expect(desktop.get_by_role("checkbox", name=re.compile(rf"^{re.escape(skill)} \("))).to_have_accessible_name(
        f"{skill} ({n})" if n else f"{skill} (none left)")

    # the fewest hours left: every other field, and every skill those postings do not use, says so and is disabled
    fewest = min(p["hours"] for p in projects)
    small = [p for p in projects if p["hours"] <= fewest]
    desktop.get_by_role("checkbox", name=re.compile(r"^Remote only")).uncheck()
    field_box.select_option("")
    hours_to = desktop.get_by_role("spinbutton", name="to", exact=True)
    hours_to.fill(str(fewest))
    hours_to.press("Enter")
    wait_count(desktop, len(small))
    for key, (text, disabled) in options().items():
        n = sum(p["field"] == key for p in small)
        assert disabled == (n == 0), (key, text)
        assert text == (f"{FIELD_LABELS[key]} ({n})" if n else f"{FIELD_LABELS[key]} (none left)")
    assert any(disabled for _, disabled in options().values())
    unused = next(s for p in projects for s in p["skills"] if all(s not in q["skills"] for q in small))
    unused_box = desktop.get_by_role("checkbox", name=re.compile(rf"^{re.escape(unused)} \("))
    expect(unused_box).to_be_disabled()
    expect(unused_box).to_have_accessible_name(f"{unused} (none left)")


def test_number_boxes_apply_while_typing(desktop, base_url, projects):
    open_board(desktop, base_url)
    hours_to = desktop.get_by_role("spinbutton", name="to", exact=True)
    hours_to.click()
    hours_to.press_sequentially("12")  # no Enter, no leaving the box
    wait_count(desktop, sum(p["hours"] <= 12 for p in projects))
    assert "hmax=12" in desktop.url
    expect(hours_to).to_be_focused()
    pay = desktop.get_by_role("spinbutton", name=re.compile(r"^Minimum pay per hour"))
    pay.click()
    pay.press_sequentially("30")
    hourly = lambda p: p["pay"]["hourly_in_board_currency"]  # noqa: E731
    wait_count(desktop, sum(p["hours"] <= 12 and hourly(p) is not None and hourly(p) >= 30 for p in projects))


def test_still_open_for_at_least_and_study_level(desktop, base_url, projects):
    open_board(desktop, base_url)
    desktop.get_by_role("combobox", name="Still open for at least").select_option("14")
    expected = [p["id"] for p in projects if days_left(p) >= 14]
    assert 0 < len(expected) < len(projects)
    assert all_results(desktop, len(expected)) == expected

    levels = lambda p: (p.get("eligibility") or {}).get("levels") or []  # noqa: E731
    level_box = desktop.get_by_role("combobox", name="Study level")
    for key, text in level_box.evaluate("s => [...s.options].filter(o => o.value).map(o => [o.value, o.textContent])"):
        n = sum(days_left(p) >= 14 and (not levels(p) or key in levels(p)) for p in projects)
        assert text == f"{label(key)} ({n})", text
    level_box.select_option("graduate")
    # a posting that states no study level is open to every level
    expected = [p["id"] for p in projects if days_left(p) >= 14 and (not levels(p) or "graduate" in levels(p))]
    assert [p for p in projects if levels(p) and "graduate" not in levels(p) and days_left(p) >= 14]
    assert all_results(desktop, len(expected)) == expected
    assert "open=14" in desktop.url and "level=graduate" in desktop.url
    expect(desktop.get_by_role("list", name="Active filters").get_by_role("button")).to_have_text(
        ["Open ≥ 14 days", "Graduate"])


def test_the_study_level_filter_is_offered_only_where_postings_state_one(browser, tmp_path):
    board = copy_board(tmp_path / "board")
    for posting in (board / "projects").rglob("*.yaml"):
        text = posting.read_text(encoding="utf-8")
        if "levels:" in text:  # drop every eligibility.levels block
            text = re.sub(r"\n  levels:\n(    - .*\n)+", "\n", text)
            posting.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    built(mkdocs_build(board, site, strict=False))
    assert json.loads((site / "board.json").read_text())["levels"] == []
    page = new_page(browser, DESKTOP)
    with serve(site) as url:
        open_board(page, url, "?level=graduate")
        assert page.get_by_role("combobox", name="Study level").count() == 0
        expect(page.get_by_role("combobox", name="Field")).to_be_visible()
    assert page.errors == []
    page.context.close()


# ---------------------------------------------------------------- history


def test_filter_changes_replace_the_address_so_one_back_leaves_the_board(phone, base_url, projects):
    phone.goto(f"{base_url}/students/")
    open_board(phone, base_url)
    filters_toggle(phone).click()
    phone.get_by_role("checkbox", name=re.compile(r"^Remote only")).check()
    phone.get_by_role("combobox", name="Field").select_option(projects[0]["field"])
    phone.get_by_role("combobox", name="Sort by").select_option("closing")
    phone.wait_for_function("() => location.search.includes('sort=closing')")
    assert "remote=1" in phone.url and "field=" in phone.url
    phone.go_back()
    phone.wait_for_url(f"{base_url}/students/")


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_back_after_show_more_returns_to_the_same_card_at_the_same_place(browser, base_url, projects, device):
    page = new_page(browser, device)
    open_board(page, base_url, "?sort=closing")
    wait_count(page, len(projects))
    click_settled(page.get_by_role("button", name=MORE))
    page.wait_for_function("() => document.querySelectorAll('#mb-results .mb-card').length > 50")
    target = page.locator("#mb-results .mb-card").nth(60)
    key = shown_keys(page)[60]
    link = target.get_by_role("link").first
    before = settled(link)["y"]
    link.click()
    page.wait_for_url(f"**/projects/{key}/")
    page.go_back()
    page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
    page.wait_for_function("() => document.querySelectorAll('#mb-results .mb-card').length > 60")
    assert shown_keys(page)[60] == key
    after = page.locator("#mb-results .mb-card").nth(60).get_by_role("link").first
    page.wait_for_function("y => Math.abs(document.querySelectorAll('#mb-results .mb-card')[60]"
                           ".querySelector('a').getBoundingClientRect().y - y) < 2", arg=before)
    assert abs(after.bounding_box()["y"] - before) < 2
    assert page.errors == []
    page.context.close()


# ---------------------------------------------------------------- the pager


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_pager_hides_while_filtering_and_returns_with_the_whole_board(browser, base_url, projects, device):
    page = new_page(browser, device)
    open_board(page, base_url)
    pages = page.get_by_role("navigation", name="Pages")
    expect(pages).to_be_visible()
    if device is PHONE:
        filters_toggle(page).click()
    page.get_by_role("checkbox", name=re.compile(r"^Remote only")).check()
    wait_count(page, sum(map(remote, projects)))
    expect(pages).to_be_hidden()
    assert not page.get_by_role("link", name="Page 2").is_visible()
    assert not page.get_by_role("link", name=re.compile("Next")).is_visible()
    page.get_by_role("checkbox", name=re.compile(r"^Remote only")).uncheck()
    expect(pages).to_be_visible()
    # a filtered address on a later page shows the filter's results from the first, with no pages
    open_board(page, base_url, "page/2/?remote=1")
    assert all_results(page, sum(map(remote, projects))) == [p["id"] for p in projects if remote(p)]
    expect(pages).to_be_hidden()
    assert page.errors == []
    page.context.close()


def test_without_javascript_the_pages_work_and_no_filter_controls_show(browser, base_url, projects):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(f"{base_url}/")
    assert not page.get_by_role("search", name="Filter projects").is_visible()
    assert not page.get_by_role("button", name=re.compile(r"^Show")).is_visible()
    click_settled(page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 2"))
    page.wait_for_url("**/page/2/")
    assert shown_keys(page) == [p["id"] for p in projects[50:100]]
    context.close()
