"""A board whose daily build has stopped never shows a closed opportunity as open: real Chromium, the visitor's clock."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.labels import LIST_WORDS, counted, match_text
from site_fixtures import BUILD_DATE, ROOT, built, copy_board, mkdocs_build

ORGANIZATION = ROOT / "tests" / "data" / "organization.yaml"  # Green Valley Food Bank
VALID = yaml.safe_load((ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8"))
SOON, LATER = 55, 5  # postings closing 3 days after the build, and 100 days after it


def posting(number: int, apply_by: dt.date) -> str:
    data = json.loads(json.dumps(VALID))
    data.update(title=f"Build volunteer dashboard number {number:03}", posted=(BUILD_DATE - dt.timedelta(days=number
                                                                                                        )).isoformat())
    data["timeline"] = {"apply_by": apply_by.isoformat(), "duration_weeks": 2}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    board = copy_board(tmp_path_factory.mktemp("stale") / "board", projects=False)
    for number in range(SOON + LATER):
        days = 100 if number < LATER else 3  # the later-closing ones are the newest
        path = board / f"projects/green-valley/dashboard-{number:03}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ORGANIZATION, path.parent / "organization.yaml")  # postings name no organization
        path.write_text(posting(number, BUILD_DATE + dt.timedelta(days=days)), encoding="utf-8")
    site = board.parent / "site"
    built(mkdocs_build(board, site, strict=False))
    return site


@pytest.fixture
def visit(browser, base_url):
    """Open a page of the site with the visitor's clock at noon, `days` after the build date."""
    contexts = []

    def open_at(path: str, days: int, javascript: bool = True):
        context = browser.new_context(timezone_id="UTC", java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        noon = dt.datetime.combine(BUILD_DATE + dt.timedelta(days=days), dt.time(12), tzinfo=dt.timezone.utc)
        page.clock.set_fixed_time(noon)
        page.goto(f"{base_url}/{path}")
        if javascript and path == "":
            page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
        return page

    yield open_at
    for context in contexts:
        context.close()


def card_titles(page) -> list[str]:
    return page.eval_on_selector_all(".mb-cards .mb-slot-title", "links => links.map(a => a.textContent)")


def row_titles(page) -> list[str]:
    return page.eval_on_selector_all(".mb-rows h3 > a", "links => links.map(a => a.textContent)")


def test_on_the_build_day_the_board_is_the_servers(visit):
    page = visit("", 0)
    assert page.text_content("#mb-count").startswith(f"{SOON + LATER} open projects")
    assert page.is_visible(".mb-pager") and not page.is_visible("#mb-stale")
    assert len(card_titles(page)) == 50 and page.errors == []


def test_a_day_later_deadlines_count_from_the_visitors_day_without_a_note(visit):
    page = visit("", 1)
    page.wait_for_function("() => !document.querySelector('.mb-pager') || document.querySelector('.mb-pager').hidden")
    assert page.text_content("#mb-count") == f"{SOON + LATER} open projects"
    closes = page.eval_on_selector_all("#mb-results .mb-slot-closes", "s => s.map(x => x.textContent)")
    assert closes.count("closes in 2 days") == 50 - LATER and closes.count("") == LATER  # 99 days off: the date alone
    assert not page.is_visible("#mb-stale")
    assert page.text_content("#mb-more-button") == counted(LIST_WORDS["more"], SOON + LATER - 50)
    assert page.errors == []


def test_a_stale_board_takes_closed_postings_off_and_says_how_old_it_is(visit):
    page = visit("", 10)
    page.wait_for_function("() => document.querySelector('#mb-count').textContent === '5 open projects'")
    assert len(card_titles(page)) == LATER
    assert all(re.fullmatch(r"Build volunteer dashboard number 00[0-4]", t) for t in card_titles(page))
    assert page.text_content("#mb-stale") == "Updated 10 days ago" and page.is_visible("#mb-stale")
    assert not page.is_visible(".mb-pager") and not page.is_visible("#mb-more-button")
    page.select_option("#mb-sort", "closing")
    page.wait_for_function("text => document.querySelector('#mb-count').textContent === text", arg=match_text(5))
    page.select_option("#mb-sort", "newest")
    page.wait_for_function("() => document.querySelector('#mb-count').textContent === '5 open projects'")
    assert page.errors == []


def test_when_everything_has_closed_the_board_says_nothing_is_open(visit):
    page = visit("", 200)
    page.wait_for_function("() => document.querySelector('#mb-count').textContent === '0 open projects'")
    assert page.is_visible("#mb-empty") and page.text_content("#mb-empty") == LIST_WORDS["none-open"]
    assert card_titles(page) == [] and page.text_content("#mb-stale") == "Updated 200 days ago"


def test_the_words_the_script_writes_come_from_the_builds_data(site):
    words = json.loads((site / "board.json").read_text(encoding="utf-8"))["words"]
    script = (ROOT / "generator/assets/microboard/board.js").read_text(encoding="utf-8")
    assert words["updated"] == "Updated {n} days ago" and words["open"] == ["open project", "open projects"]
    for text in ("Updated", "days ago", "open project"):
        assert text not in script.replace("open projects", "").split("*/", 1)[1]


SOON_PAGE = "projects/green-valley/dashboard-010/"


def test_a_posting_page_past_its_deadline_says_so_by_the_visitors_day(visit):
    page = visit(SOON_PAGE, 3)  # the last day to apply: still open
    assert page.is_visible(".mb-apply") and not page.is_visible(".mb-closed")
    page = visit(SOON_PAGE, 4)
    page.wait_for_selector(".mb-closed", state="visible")
    assert f"Applications closed on {(BUILD_DATE + dt.timedelta(days=3)):%d %B %Y}." in page.text_content(".mb-closed")
    assert not page.is_visible(".mb-apply") and not page.is_visible(".mb-fact--deadline .mb-fact__extra")
    assert page.is_visible("text=Applications are closed.") and page.errors == []


def test_without_javascript_the_builds_verdict_stands(visit):
    page = visit(SOON_PAGE, 30, javascript=False)
    assert page.is_visible(".mb-apply") and not page.is_visible(".mb-closed")
    board = visit("", 30, javascript=False)
    assert board.text_content("#mb-count").startswith(f"{SOON + LATER} open projects")


@pytest.mark.parametrize("path", ["fields/data/", "skills/python/", "organizations/green-valley/"])
def test_field_skill_and_organization_pages_take_closed_rows_off(visit, path):
    page = visit(path, 0)
    on_build_day = len(row_titles(page))
    assert on_build_day == 50  # a page of rows
    assert page.locator(".mb-rows .mb-new:visible").count() == 7  # posted 0 to 6 days before the build
    page = visit(path, 10)
    page.wait_for_function("n => document.querySelectorAll('.mb-row').length === n", arg=LATER)
    assert all(re.fullmatch(r"Build volunteer dashboard number 00[0-4]", t) for t in row_titles(page))
    assert page.locator(".mb-rows .mb-new:visible").count() == 0  # ten days on, none is new any more
    assert page.errors == []
    assert len(row_titles(visit(path, 10, javascript=False))) == on_build_day


def test_closes_in_is_counted_again_from_the_visitors_day(visit):
    page = visit(SOON_PAGE, 0)
    assert page.text_content(".mb-fact--deadline .mb-fact__extra") == "closes in 3 days"
    page = visit(SOON_PAGE, 1)
    page.wait_for_function("() => document.querySelector('.mb-fact--deadline .mb-fact__extra').textContent"
                           " === 'closes in 2 days'")
    page = visit(SOON_PAGE, 3)
    page.wait_for_function("() => document.querySelector('.mb-fact--deadline .mb-fact__extra').textContent"
                           " === 'closes today'")
    assert page.is_visible(".mb-apply") and not page.is_visible(".mb-closed")
    listing = visit("fields/data/", 1)
    listing.wait_for_function("() => [...document.querySelectorAll('.mb-slot-closes')].some(s => s.textContent"
                              " === 'closes in 2 days')")
    closes = listing.eval_on_selector_all(".mb-slot-closes", "s => s.map(x => x.textContent)")
    assert len(row_titles(listing)) == 50 and "closes in 3 days" not in closes and listing.errors == []
