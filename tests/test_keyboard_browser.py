"""The board with the keyboard alone, in real headless Chromium: Tab reaches the filters, the skill list, the
cards and the pager in reading order, the focus always shows, and keys operate what Tab reaches."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.site_fixtures import BUILD_DATE, samples_and_fakes_site

FAKE_POSTINGS = 60  # with the samples, more than one page of the board

# What the focused element looks like: a focus indicator is an outline or a shadow that is drawn.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // a visually hidden option (the theme's colour toggle) shows its focus on the label that follows it
  const next = el.nextElementSibling;
  const drawn = el.getBoundingClientRect().width === 0 && next && next.tagName === "LABEL" ? next : el;
  const style = getComputedStyle(drawn);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const box = drawn.getBoundingClientRect();
  return {id: el.id, tag: el.tagName.toLowerCase(), name: el.getAttribute("name") || "",
          cls: el.className && el.className.baseVal === undefined ? el.className : "",
          rel: el.getAttribute("rel") || "", text: (el.textContent || "").trim().slice(0, 60),
          inResults: !!el.closest("#mb-results"), inPager: !!el.closest(".mb-pager"),
          inSkills: !!el.closest(".mb-skill-options"), visible: outline || shadow,
          shown: box.width > 0 && box.height > 0};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_and_fakes_site(tmp_path_factory.mktemp("keyboard"), FAKE_POSTINGS, seed=5)


def board_page(browser, base_url: str, width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time(f"{BUILD_DATE.isoformat()}T12:00:00Z")
    page.goto(base_url + "/")
    page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
    return page


def tab_until(page: Page, done, limit: int = 1000) -> list[dict]:
    """Press Tab until `done(focused)` holds; every stop along the way, in order."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        assert focused is not None, f"Tab left the page after {[s['id'] or s['text'] for s in stops[-5:]]}"
        stops.append(focused)
        if done(focused):
            return stops
    raise AssertionError(f"not reached in {limit} presses of Tab; last stops: {stops[-5:]}")


def position(stops: list[dict], test) -> int:
    return next(i for i, stop in enumerate(stops) if test(stop))


def test_tab_reaches_filters_skills_cards_and_pager_in_order_with_the_focus_always_shown(browser, base_url):
    page = board_page(browser, base_url)
    try:
        stops = tab_until(page, lambda s: s["inPager"] and s["rel"] == "next")
        ids = [s["id"] for s in stops]
        for control in ("mb-q", "mb-sort", "mb-field", "mb-hmin", "mb-hmax", "mb-pay", "mb-within", "mb-remote",
                        "mb-mentored", "mb-reset"):
            assert control in ids, f"Tab never reaches #{control}"
        skills = [s for s in stops if s["inSkills"]]
        assert len(skills) == page.locator(".mb-skill-options input").count(), "every skill box is on the Tab path"
        filters_end = position(stops, lambda s: s["id"] == "mb-reset")
        first_card = position(stops, lambda s: s["inResults"])
        first_page = position(stops, lambda s: s["inPager"])
        assert ids.index("mb-q") < ids.index("mb-field") < filters_end < first_card < first_page
        hidden = [s for s in stops if not s["visible"]]
        assert hidden == [], f"focus not visible on: {hidden}"
        assert all(s["shown"] for s in stops), [s for s in stops if not s["shown"]]
    finally:
        page.context.close()


def test_keys_operate_the_filters_and_the_count_is_announced(browser, base_url):
    page = board_page(browser, base_url)
    try:
        count = page.locator("#mb-count")
        assert count.get_attribute("role") == "status" and count.get_attribute("aria-live") == "polite"
        before = count.text_content()
        tab_until(page, lambda s: s["id"] == "mb-remote")
        page.keyboard.press("Space")
        page.wait_for_function("t => document.querySelector('#mb-count').textContent !== t", arg=before)
        assert page.is_checked("#mb-remote") and "remote=1" in page.url
        assert "match" in count.text_content()  # the live region now says how many projects match
        tab_until(page, lambda s: s["inSkills"])
        skill = page.evaluate("document.activeElement.value")
        after_remote = count.text_content()
        page.keyboard.press("Space")
        page.wait_for_function("t => document.querySelector('#mb-count').textContent !== t", arg=after_remote)
        assert f"skill={skill}" in page.url
        # Clear filters, from the keyboard
        tab_until(page, lambda s: s["id"] == "mb-reset")
        page.keyboard.press("Enter")
        page.wait_for_function("t => document.querySelector('#mb-count').textContent === t", arg=before)
        assert not page.is_checked("#mb-remote")
    finally:
        page.context.close()


def test_enter_on_the_pager_opens_the_next_page(browser, base_url):
    page = board_page(browser, base_url)
    try:
        tab_until(page, lambda s: s["inPager"] and s["rel"] == "next")
        page.keyboard.press("Enter")
        page.wait_for_url("**/page/2/**")
        assert page.locator('.mb-pager [aria-current="page"]').text_content().strip() == "2"
    finally:
        page.context.close()


def test_on_a_phone_the_filters_open_from_the_keyboard(browser, base_url):
    page = board_page(browser, base_url, width=390)
    try:
        assert page.locator("#mb-field").is_hidden()
        stops = tab_until(page, lambda s: s["tag"] == "summary")
        assert stops[-1]["visible"]
        page.keyboard.press("Enter")
        assert page.locator("#mb-field").is_visible()
        stops = tab_until(page, lambda s: s["inSkills"])
        assert all(s["visible"] for s in stops)
    finally:
        page.context.close()


def every_stop(page: Page, limit: int = 600) -> list[dict]:
    """Tab from the top of the page to its end: every stop."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if focused is None or (stops and focused == stops[0]):
            return stops
        stops.append(focused)
    raise AssertionError(f"Tab did not reach the end of the page in {limit} presses")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_focus_shows_on_every_stop_of_a_posting_a_listing_and_a_help_page(browser, base_url, site, width):
    posting = sorted((site / "projects").glob("*/*/index.html"))[0].parent.relative_to(site).as_posix()
    field = sorted(p.name for p in (site / "fields").iterdir() if p.is_dir())[0]
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for path in (f"/{posting}/", f"/fields/{field}/", "/organizations/", "/students/"):
            page.goto(base_url + path)
            stops = every_stop(page)
            assert len(stops) > 5, f"{path}: only {len(stops)} stops"
            hidden = [s for s in stops if not (s["visible"] and s["shown"])]
            assert hidden == [], f"{path} at {width} px: focus not visible on {hidden}"
    finally:
        context.close()
