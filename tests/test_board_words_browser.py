"""The board's own words come from the label table: the count line, the empty list, "Show N more", the filters'
summary and the note over an unfiltered list read the same on the server's page and from the script, and
"Show N more" says when the next projects could not load, then loads them on the next press.

The board is the samples plus fake postings (more than one page of 50); what each filter should show is read
from projects.json, written by the same build.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

from playwright.sync_api import expect

from generator import labels
from generator.labels import BOARD_PAGE_WORDS, LIST_WORDS, counted, match_text
from generator.site.board_data import CARDS_FOLDER
from site_fixtures import ROOT, click_settled

from board_pages import desktop, open_board, phone, projects, shown_keys, site, wait_count  # noqa: F401

SCRIPTS = ROOT / "generator" / "assets" / "microboard"
TEMPLATE = ROOT / "generator" / "templates" / "microboard" / "board.html"
PAGE_SIZE = 50  # the test board's board_page_size


def fragments(phrase: str | tuple[str, str]) -> list[str]:
    """The words of a phrase between its `{places}`, long enough to be a copy rather than a chance match."""
    forms = [phrase] if isinstance(phrase, str) else list(phrase)
    return [part.strip() for form in forms for part in re.split(r"\{\w+\}", form) if len(part.strip()) >= 6]


def as_json(value) -> object:
    return json.loads(json.dumps(value))


# ---------------------------------------------------------------- one copy


def test_no_script_and_not_the_template_hold_a_copy_of_the_boards_words():
    phrases = [*LIST_WORDS.values(), *BOARD_PAGE_WORDS.values()]
    words = [part for phrase in phrases for part in fragments(phrase)]
    assert "No project matches" in words and "projects match" in words  # the check reads what it should
    for source in [*sorted(SCRIPTS.glob("*.js")), TEMPLATE]:
        text = source.read_text(encoding="utf-8")
        assert [w for w in words if w in text] == [], f"{source.name} writes the board's words itself"


def test_the_server_page_and_board_json_carry_the_label_tables_words(site: Path, projects: list[dict]):
    page = (site / "index.html").read_text(encoding="utf-8")
    board = re.search(r"<div class=\"mb-board\"[^>]*>", page).group(0)
    assert as_json(json.loads(html.unescape(re.search(r"data-words='([^']*)'", board).group(1)))) == \
        as_json(BOARD_PAGE_WORDS)
    assert as_json(json.loads((site / "board.json").read_text())["words"]["list"]) == as_json(LIST_WORDS)
    button = re.search(r'<button[^>]*id="mb-more-button"[^>]*>([^<]*)</button>', page).group(1)
    assert button == counted(LIST_WORDS["more"], PAGE_SIZE)
    empty = re.search(r'<p class="mb-empty"[^>]*>([^<]*)</p>', page).group(1)
    assert html.unescape(empty) == LIST_WORDS["empty"] and len(projects) > 0
    for select in ("mb-within", "mb-open"):  # "Apply-by date within", "Still open for at least": 7 days, ...
        options = page.split(f'id="{select}"')[1].split("</select>")[0]
        days = re.findall(r'<option value="(\d+)">([^<]*)</option>', options)
        assert days and all(text == counted(BOARD_PAGE_WORDS["days"], int(n)) for n, text in days)


def test_the_operators_guide_names_the_tables_and_quotes_their_words():
    guide = (ROOT / "docs" / "operators" / "index.md").read_text(encoding="utf-8")
    section = guide.split("### The board's own words")[1].split("\n## ")[0]
    names = re.findall(r"`([A-Z_]+)`", section)
    assert {"OPEN_PROJECTS", "LIST_WORDS", "BOARD_PAGE_WORDS"} <= set(names)
    assert all(hasattr(labels, name) for name in names), [n for n in names if not hasattr(labels, n)]
    quoted = [match_text(0), match_text(1), match_text(12), LIST_WORDS["empty"], counted(BOARD_PAGE_WORDS["active"], 2),
              counted(BOARD_PAGE_WORDS["days"], 7)]
    assert [q for q in quoted if f'"{q}"' not in section] == []
    assert f"**{counted(LIST_WORDS['more'], PAGE_SIZE)}**" in section


# ---------------------------------------------------------------- what the script writes


def test_the_count_line_the_script_writes_is_the_label_tables_for_none_one_and_many(desktop, base_url, projects):
    hours = Counter(p["hours"] for p in projects)
    alone = next(h for h, n in sorted(hours.items()) if n == 1)  # one posting asks for exactly these hours
    for query, n in [("?hmin=100000", 0), (f"?hmin={alone}&hmax={alone}", 1), ("?hmin=0", len(projects))]:
        open_board(desktop, base_url, query)
        wait_count(desktop, n)
        expect(desktop.locator("#mb-count")).to_have_text(match_text(n))
        assert len(shown_keys(desktop)) == min(n, PAGE_SIZE)
    assert len(projects) > PAGE_SIZE and match_text(len(projects)) == f"{len(projects):,} projects match"
    open_board(desktop, base_url, "?hmin=100000")
    expect(desktop.locator("#mb-empty")).to_have_text(LIST_WORDS["empty"])


def test_the_filters_summary_and_a_typed_number_of_days_use_the_pages_words(desktop, base_url):
    open_board(desktop, base_url, "?within=10&remote=1")
    expect(desktop.locator("#mb-active")).to_have_text(counted(BOARD_PAGE_WORDS["active"], 2))
    expect(desktop.locator("#mb-within option[value='10']")).to_have_text(counted(BOARD_PAGE_WORDS["days"], 10))


def test_when_board_json_cannot_load_the_count_line_says_the_list_is_unfiltered(desktop, base_url):
    asked = []
    desktop.route("**/board.json", lambda route: (asked.append(route.request.url), route.fulfill(status=503)))
    open_board(desktop, base_url, "?hmin=0")
    expect(desktop.locator("#mb-count")).to_have_text(BOARD_PAGE_WORDS["failed"])
    assert asked


def test_show_more_says_when_the_next_projects_could_not_load_and_the_next_press_loads_them(phone, base_url,
                                                                                           projects):
    open_board(phone, base_url, "?hmin=0")  # every posting, newest first: the next page needs card files not yet in
    wait_count(phone, len(projects))
    failed = []
    phone.route(f"**/{CARDS_FOLDER}**", lambda route: (failed.append(route.request.url), route.fulfill(status=503)),
                times=1)
    next_page = min(len(projects) - PAGE_SIZE, PAGE_SIZE)
    more = phone.get_by_role("button", name=counted(LIST_WORDS["more"], next_page), exact=True)
    note = phone.locator("#mb-more-failed")
    assert note.get_attribute("aria-live") == "polite" and note.text_content() == ""

    click_settled(more)
    expect(note).to_have_text(LIST_WORDS["more-failed"])
    assert len(failed) == 1 and len(shown_keys(phone)) == PAGE_SIZE
    expect(more).to_be_visible()

    click_settled(more)
    phone.wait_for_function("n => document.querySelectorAll('#mb-results .mb-card').length === n",
                            arg=PAGE_SIZE + next_page)
    expect(note).to_have_text("")
    assert shown_keys(phone) == [p["id"] for p in projects][:PAGE_SIZE + next_page]
    assert len(failed) == 1


def test_pressing_show_more_again_while_the_next_projects_load_shows_them_once(desktop, base_url, projects):
    open_board(desktop, base_url, "?hmin=0")
    wait_count(desktop, len(projects))
    held, released = [], []

    def slow(route):  # the card files wait, as on a slow connection, until released
        route.continue_() if released else held.append(route)

    desktop.route(f"**/{CARDS_FOLDER}**", slow)
    next_page = min(len(projects) - PAGE_SIZE, PAGE_SIZE)
    more = desktop.get_by_role("button", name=counted(LIST_WORDS["more"], next_page), exact=True)
    click_settled(more)
    while not held:
        desktop.wait_for_timeout(50)
    more.click()
    more.click()
    released.append(True)
    for route in held:
        route.continue_()
    desktop.wait_for_function("n => document.querySelectorAll('#mb-results .mb-card').length === n",
                              arg=PAGE_SIZE + next_page)
    desktop.wait_for_timeout(300)  # a second press's answer would follow at once
    assert shown_keys(desktop) == [p["id"] for p in projects][:PAGE_SIZE + next_page]
    # a second press would draw a page whose cards were never asked for, and fail
    assert desktop.text_content("#mb-more-failed") == ""
