"""The board's search in real headless Chromium: it forgives a slip, accents and apostrophe style,
finds Japanese titles, says what to try when nothing matches, and the header's search finds postings too."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from search_board import TITLES, search_board
from site_fixtures import BUILD_DATE, built, mkdocs_build, serve

ANALYTICS = "Analyze where freelancers drop out of onboarding"  # uses the skill product-analytics


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    board = search_board(tmp_path_factory.mktemp("search-board"))
    out = board / "site"
    built(mkdocs_build(board, out))
    return out


def board_page(browser, base: str):
    page = browser.new_page()
    page.goto(base + "/")
    page.wait_for_selector("[data-mb-board][data-ready]")
    return page


def shown(page, text: str) -> None:
    """Wait until the list shows this search (the board marks which query it shows)."""
    page.wait_for_function("text => new URLSearchParams(location.search).get('text') === text"
                           " && document.querySelector('[data-mb-board]').dataset.shown === location.search", arg=text)


def search_for(page, text: str) -> list[str]:
    page.get_by_role("searchbox", name="Search", exact=True).fill(text)
    shown(page, text)
    return page.locator("#mb-results .mb-card__title").all_inner_texts()


@pytest.mark.parametrize("query, title", [
    ("analytcs", ANALYTICS),                    # one slip in a long word
    ("Zurich", TITLES["loreal"]),               # the place, without its accent
    ("zürich", TITLES["loreal"]),
    ("loreal", TITLES["loreal"]),               # the organization, typed plainly
    ("L'Oreal", TITLES["loreal"]),              # a straight apostrophe for a curly one
    ("L’ORÉAL", TITLES["loreal"]),
    ("korber", TITLES["korber"]),
    ("Estee", TITLES["estee"]),
    ("データ分析", TITLES["korber"]),            # a Japanese title, from its start
    ("分析", TITLES["korber"]),                  # and a word inside it
])
def test_the_board_search_forgives(site, browser, query, title):
    with serve(site) as base:
        page = board_page(browser, base)
        titles = search_for(page, query)
        assert title in titles, (query, titles)
        page.close()


@pytest.mark.parametrize("query", [
    "otboarding",   # the second letter wrong (onboarding)
    "oboarding",    # the second letter left out
    "ownboarding",  # a letter added second
    "obnoarding",   # the second and third letters swapped
    "onboardng",    # a slip further on
])
def test_a_slip_at_the_second_letter_is_forgiven_like_any_other(site, browser, query):
    """The index is looked up near the word's first two letters and through its slip index
    (search/skips-N.json); the results are the ones the rule gives over the whole vocabulary."""
    from search_board import index_matches

    expected = index_matches(site, query)
    assert expected
    with serve(site) as base:
        page = board_page(browser, base)
        search_for(page, query)
        shown = {re.search(r"/projects/([^/]+/[^/]+)/", href).group(1) for href in page.eval_on_selector_all(
            "#mb-results .mb-slot-title", "links => links.map(a => a.href)")}
        assert shown == expected, query
        page.close()


def test_a_slip_is_forgiven_from_five_letters_on(site, browser):
    with serve(site) as base:
        page = board_page(browser, base)
        assert search_for(page, "Lyon") == [TITLES["estee"]]
        assert search_for(page, "Lyonn") == [TITLES["estee"]]  # five letters: one slip forgiven
        assert search_for(page, "Lypn") == []  # four: typed as it is
        page.close()


def test_when_nothing_matches_the_board_offers_the_nearest_word(site, browser):
    with serve(site) as base:
        page = board_page(browser, base)
        assert search_for(page, "anlytcs") == []  # two slips: not forgiven
        offer = page.get_by_role("button", name="Search for analytics instead")
        expect(offer).to_be_visible()
        offer.click()
        expect(page.get_by_role("searchbox", name="Search", exact=True)).to_have_value("analytics")
        expect(page.locator("#mb-results .mb-card__title", has_text=ANALYTICS)).to_be_visible()
        assert parse_qs(urlparse(page.url).query)["text"] == ["analytics"]
        page.close()


def test_when_a_filter_hides_every_match_the_board_says_how_many_and_lifts_it(site, browser):
    with serve(site) as base:
        page = board_page(browser, base)
        page.goto(base + "/?remote=1")
        page.wait_for_selector("[data-mb-board][data-ready]")
        assert search_for(page, "Zurich") == []
        lift = page.get_by_role("button", name="1 more without Remote only")
        expect(lift).to_be_visible()
        lift.click()
        expect(page.get_by_role("checkbox", name="Remote only")).not_to_be_checked()
        expect(page.locator("#mb-results .mb-card__title")).to_have_text([TITLES["loreal"]])
        page.close()


def test_the_header_search_finds_postings_without_accents_and_hands_over_to_the_board(site, browser):
    with serve(site) as base:
        page = browser.new_page()
        page.goto(base + "/students/")
        page.click(".md-search__input")
        page.fill(".md-search__input", "Zurich")
        found = page.locator(".mb-search-projects").get_by_role("link", name=TITLES["loreal"])
        expect(found).to_be_visible(timeout=20_000)
        assert found.get_attribute("href").endswith("/projects/loreal/survey-shoppers-geneva-store/")
        for query, title in [("分析", TITLES["korber"]), ("KORBER", TITLES["korber"]), ("estee", TITLES["estee"])]:
            page.fill(".md-search__input", query)
            expect(page.locator(".mb-search-projects").get_by_role("link", name=title)).to_be_visible()
        page.fill(".md-search__input", "Zurich")
        expect(found).to_be_visible()
        page.locator(".mb-search-projects").get_by_role("link", name="Show all 1 on the board").click()
        page.wait_for_selector("[data-mb-board][data-ready]")
        assert parse_qs(urlparse(page.url).query)["text"] == ["Zurich"]
        expect(page.locator("#mb-results .mb-card__title")).to_have_text([TITLES["loreal"]])
        page.close()


def test_the_first_view_downloads_no_posting_index_and_no_board_data_until_used(site, browser):
    with serve(site) as base:
        page = browser.new_page()
        page.clock.set_fixed_time(dt.datetime.combine(BUILD_DATE, dt.time(9)))  # a list as fresh as its build
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "/")
        page.wait_for_selector("[data-mb-board][data-ready]")
        page.wait_for_load_state("networkidle")
        assert not [u for u in requested if re.search(r"/search/(index|words-|postings-|rows-)|board\.json", u)]
        page.get_by_role("searchbox", name="Search", exact=True).focus()  # a sign of use: the data comes
        page.wait_for_load_state("networkidle")
        assert [u for u in requested if u.endswith("/board.json")]
        page.close()


def test_the_site_search_finds_an_organization_typed_without_accents(site, browser):
    with serve(site) as base:
        page = browser.new_page()
        page.goto(base + "/students/")
        page.click(".md-search__input")
        page.locator(".md-search__input").press_sequentially("korber")  # the theme searches on key presses
        result = page.locator(".md-search-result__item", has_text="Körber Pharma")
        expect(result.first).to_be_visible(timeout=20_000)
        page.close()
