"""What a student's browser downloads on the board: nothing for the filters until they are used, then
board.json and the files of the cards it shows, never every posting's texts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.site.board_data import read_board
from site_fixtures import BUILD_NOON, built, click_settled, fake_board, mkdocs_build

POSTINGS = 500  # more than a page of cards in the largest field


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    board = fake_board(tmp_path_factory.mktemp("first-view") / "board", POSTINGS, seed=5)
    site = board.parent / "site"
    built(mkdocs_build(board, site, strict=False))
    return site


def fresh_page(browser, base_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time(BUILD_NOON)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.goto(base_url + "/")
    page.wait_for_selector("[data-mb-board][data-ready]")
    page.wait_for_load_state("networkidle")
    return context, page


def shown(page) -> None:
    page.wait_for_function("() => document.querySelector('[data-mb-board]').dataset.shown === location.search"
                           " && location.search !== ''")
    page.wait_for_load_state("networkidle")


def card_files(urls: list[str]) -> list[int]:
    return sorted(int(m.group(1)) for u in urls if (m := re.search(r"/board-cards/(\d+)\.json$", u)))


def files_holding(site, rows: list[int]) -> list[int]:
    """The card files that hold these rows of board.json, each once."""
    per = json.loads((site / "board.json").read_text(encoding="utf-8"))["cards"]["rows"]
    return sorted({row // per for row in rows})


def shown_rows(page) -> list[int]:
    return [int(r) for r in page.eval_on_selector_all("#mb-results [data-mb-row]", "cards => cards.map(c => c.dataset.mbRow)")]


def test_the_first_view_loads_no_board_data_no_search_script_and_no_search_worker(browser, base_url):
    context, page = fresh_page(browser, base_url)
    loaded = [u.rsplit("/", 1)[1] for u in page.requested]
    assert not [name for name in loaded if name in {"board.json", "board-keys.json", "search.js"}], loaded
    assert not card_files(page.requested) and not [u for u in page.requested if "/workers/" in u]
    context.close()


def test_a_filter_fetches_the_files_holding_the_cards_it_shows_and_no_others(browser, base_url, site):
    rows = read_board(site)
    context, page = fresh_page(browser, base_url)
    fields = [row["fieldKey"] for row in rows]
    field = max(set(fields), key=fields.count)
    page.select_option("#mb-field", field)
    shown(page)
    on_screen = shown_rows(page)
    expected = [i for i, row in enumerate(rows) if row["fieldKey"] == field]
    assert on_screen == expected[:len(on_screen)] and 0 < len(on_screen) < len(expected)
    assert card_files(page.requested) == files_holding(site, on_screen)
    titles = page.eval_on_selector_all("#mb-results .mb-slot-title", "links => links.map(a => a.textContent)")
    assert titles == [rows[i]["title"] for i in on_screen]

    page.requested.clear()
    click_settled(page.locator("#mb-more-button"))  # the next page: its own cards' files, once each
    page.wait_for_function("n => document.querySelectorAll('#mb-results .mb-card').length > n", arg=len(on_screen))
    page.wait_for_load_state("networkidle")
    more = shown_rows(page)[len(on_screen):]
    assert card_files(page.requested) == sorted(set(files_holding(site, more)) - set(files_holding(site, on_screen)))
    assert not [u for u in page.requested if u.endswith("/board.json")]
    context.close()


def test_the_text_filter_loads_the_search_script_and_only_index_pieces(browser, base_url, site):
    context, page = fresh_page(browser, base_url)
    page.fill("#mb-q", "analytcs")  # a slip: still found
    shown(page)
    loaded = [u.rsplit("/", 1)[1] for u in page.requested]
    assert "search.js" in loaded and "index.json" in loaded
    assert int(page.get_attribute("[data-mb-board]", "data-total")) > 0
    assert page.locator("#mb-results .mb-card").count() > 0
    assert card_files(page.requested) == files_holding(site, shown_rows(page))
    context.close()


def test_the_text_filter_finds_a_word_only_a_postings_description_uses_typed_with_an_accent_and_a_slip(
        browser, base_url, site):
    """The word index covers the description and deliverables, not only the card's short texts."""
    import yaml

    from generator.site.folding import words
    from search_board import index_matches

    rows = read_board(site)
    board = site.parent / "board"
    for row in rows:
        posting = yaml.safe_load((board / "projects" / f"{row['key']}.yaml").read_text(encoding="utf-8"))
        short = set(words(" ".join([row["title"], row["summary"], row["orgName"], *row["skillNames"]])))
        long = [w for w in words(posting["description"] + " " + " ".join(posting["deliverables"]))
                if len(w) >= 6 and w.isalpha() and w.isascii() and not any(s.startswith(w[:4]) for s in short)]
        if long:
            word, key = long[0], row["key"]
            break
    typed = word[0].upper() + "é" + word[2:] if word[1] == "e" else word[:3] + word[4:]  # an accent, or a slip
    context, page = fresh_page(browser, base_url)
    found = page.evaluate("""async (typed) => {
        await new Promise((resolve) => {
          const script = document.createElement('script');
          script.src = document.querySelector('[data-mb-board]').dataset.search;
          script.onload = resolve;
          document.head.appendChild(script);
        });
        return (await window.microboardSearch(typed, './')).rows;
    }""", typed)
    keys = [row["key"] for row in rows]
    assert key in {keys[r] for r in found}
    assert {keys[r] for r in found} == index_matches(site, typed)
    context.close()
