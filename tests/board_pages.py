"""What the browser tests of the board's filters share: a board of the sample postings plus 90 fake ones, built
once per test module, its open postings, and phone and desktop pages whose clock stands on the build day and
whose script errors fail the test."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect

from generator.labels import LIST_WORDS
from generator.labels import match_text as count_text  # the board's count line once filters are on
from site_fixtures import BUILD_DATE, click_settled, samples_and_fakes_site

FAKE_POSTINGS = 90
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_and_fakes_site(tmp_path_factory.mktemp("filters"), FAKE_POSTINGS, seed=11)


@pytest.fixture(scope="module")
def projects(site: Path) -> list[dict]:
    """The open postings, newest first (the board's default order)."""
    return json.loads((site / "projects.json").read_text())["projects"]


def new_page(browser, device: dict) -> Page:
    context = browser.new_context(**device)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.combine(BUILD_DATE, dt.time(12), tzinfo=dt.timezone.utc))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def checked_page(browser, device: dict) -> Iterator[Page]:
    """A page on `device` for one test, which must end without script errors."""
    page = new_page(browser, device)
    yield page
    assert page.errors == [], page.errors
    page.context.close()


@pytest.fixture
def phone(browser):
    yield from checked_page(browser, PHONE)


@pytest.fixture
def desktop(browser):
    yield from checked_page(browser, DESKTOP)


def open_board(page: Page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/{query}")
    page.wait_for_selector("[data-mb-board][data-ready]", state="attached")


# The "Show N more" button's name, any N, in the label table's words.
MORE = re.compile("^(?:" + "|".join(re.escape(form).replace(re.escape("{n}"), r"[\d,]+")
                                   for form in LIST_WORDS["more"]) + ")$")


def wait_count(page: Page, n: int) -> None:
    expect(page.get_by_role("status")).to_have_text(count_text(n))


def shown_keys(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("#mb-results .mb-slot-title", "links => links.map(a => a.href)")
    return [re.search(r"/projects/([^/]+/[^/]+)/", href).group(1) for href in hrefs]


def show_all(page: Page) -> list[str]:
    """Press "Show N more" until every result shows (each press fetches its cards first); the keys shown."""
    more = page.get_by_role("button", name=MORE)
    while more.is_visible():
        before = len(shown_keys(page))
        click_settled(more)
        page.wait_for_function("n => document.querySelectorAll('#mb-results .mb-card').length > n", arg=before)
    return shown_keys(page)


def remote(p: dict) -> bool:
    return p["location"]["type"] == "remote"


def days_left(p: dict) -> int:
    return (dt.date.fromisoformat(p["timeline"]["apply_by"]) - BUILD_DATE).days
