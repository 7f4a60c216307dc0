"""The board in real headless Chromium: filters, sorting, the URL, the text filter, hostile text, no JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from generator.site.board_data import CARD_COLUMNS, pack, read_board
from search_board import index_matches
from board_pages import count_text, open_board, show_all, shown_keys
from site_fixtures import BUILD_DATE, click_settled, samples_and_fakes_site
from test_site_hostile import HOSTILE_TITLE, KEY as HOSTILE_KEY, hostile_organization, hostile_posting

FAKE_POSTINGS = 90  # with the samples, more than one page of 50


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def with_hostile_posting(board: Path) -> None:
        hostile = board / "projects" / (HOSTILE_KEY + ".yaml")
        hostile.parent.mkdir(parents=True, exist_ok=True)
        hostile.write_text(yaml.safe_dump(hostile_posting(), allow_unicode=True, sort_keys=False), encoding="utf-8")
        (hostile.parent / "organization.yaml").write_text(
            yaml.safe_dump(hostile_organization(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return samples_and_fakes_site(tmp_path_factory.mktemp("browser"), FAKE_POSTINGS, seed=11, more=with_hostile_posting)


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    on_build_day(page)
    page.dialogs = []
    page.errors = []
    page.foreign = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith(base_url) else page.foreign.append(request.url))
    yield page
    assert page.errors == [], page.errors
    assert page.foreign == [], f"requests to other hosts: {page.foreign}"
    context.close()


@pytest.fixture(scope="module")
def projects(site: Path) -> list[dict]:
    """The open postings, newest first (projects.json's order is the board's default order)."""
    return json.loads((site / "projects.json").read_text())["projects"]


# ---------------------------------------------------------------- helpers


def on_build_day(page: Page) -> None:
    """The visitor's clock on the build's day: the script judges deadlines by the visitor's date."""
    import datetime as dt

    page.clock.set_fixed_time(dt.datetime.combine(BUILD_DATE, dt.time(12), tzinfo=dt.timezone.utc))


def all_results(page: Page, expected: list[str]) -> list[str]:
    page.wait_for_function("text => document.querySelector('#mb-count').textContent === text",
                           arg=count_text(len(expected)))
    return show_all(page)


def stable(items: list[dict], key) -> list[str]:
    order = {p["id"]: i for i, p in enumerate(items)}
    return [p["id"] for p in sorted(items, key=lambda p: (key(p), order[p["id"]]))]


def days_left(p: dict) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(p["timeline"]["apply_by"]) - BUILD_DATE).days


# ---------------------------------------------------------------- the tests


def test_each_filter_and_sort_shows_what_the_data_says(page, base_url, projects):
    open_board(page, base_url)
    assert page.is_visible("#mb-filters")
    ids = [p["id"] for p in projects]
    pay = lambda p: p["pay"]["hourly_in_board_currency"]  # noqa: E731
    fields = sorted({p["field"] for p in projects}, key=lambda f: -sum(p["field"] == f for p in projects))
    skill = max({s for p in projects for s in p["skills"]}, key=lambda s: sum(s in p["skills"] for p in projects))
    skill_slug = page.get_attribute(f"#mb-filters input[name=skill] + label:has-text('{skill}')", "for")

    page.select_option("#mb-field", fields[0])
    assert all_results(page, [i for i, p in zip(ids, projects) if p["field"] == fields[0]]) == \
        [p["id"] for p in projects if p["field"] == fields[0]]

    page.select_option("#mb-field", "")
    page.check("#mb-remote")
    expected = [p["id"] for p in projects if p["location"]["type"] == "remote"]
    assert all_results(page, expected) == expected

    page.uncheck("#mb-remote")
    page.check("#mb-mentored")
    expected = [p["id"] for p in projects if p["mentorship"]]
    assert all_results(page, expected) == expected

    page.uncheck("#mb-mentored")
    page.fill("#mb-pay", "30")
    page.press("#mb-pay", "Enter")
    expected = [p["id"] for p in projects if pay(p) is not None and pay(p) >= 30]
    assert all_results(page, expected) == expected

    page.fill("#mb-pay", "")
    page.fill("#mb-hmin", "10")
    page.fill("#mb-hmax", "20")
    page.press("#mb-hmax", "Enter")
    expected = [p["id"] for p in projects if 10 <= p["hours"] <= 20]
    assert all_results(page, expected) == expected

    page.fill("#mb-hmin", "")
    page.fill("#mb-hmax", "")
    page.select_option("#mb-within", "30")
    expected = [p["id"] for p in projects if days_left(p) <= 30]
    assert all_results(page, expected) == expected

    page.select_option("#mb-within", "")
    page.check(f"#{skill_slug}")
    expected = [p["id"] for p in projects if skill in p["skills"]]
    assert all_results(page, expected) == expected
    page.uncheck(f"#{skill_slug}")

    page.select_option("#mb-sort", "closing")
    assert all_results(page, ids) == stable(projects, days_left)
    page.select_option("#mb-sort", "pay")
    assert all_results(page, ids) == stable(projects, lambda p: (pay(p) is None, -(pay(p) or 0)))
    page.select_option("#mb-sort", "hours")
    assert all_results(page, ids) == stable(projects, lambda p: p["hours"])

    # back to the start: the server's own cards and pages again
    page.select_option("#mb-sort", "newest")
    page.wait_for_function("() => !document.querySelector('.mb-pager').hidden")
    assert shown_keys(page) == ids[:50]


def test_the_url_holds_the_filters_and_one_back_leaves_the_board(page, browser, base_url, projects):
    page.goto(f"{base_url}/students/")
    open_board(page, base_url)
    page.select_option("#mb-field", projects[0]["field"])
    page.wait_for_function("() => location.search.includes('field=')")
    page.check("#mb-remote")
    page.select_option("#mb-sort", "pay")
    page.fill("#mb-pay", "25")
    page.press("#mb-pay", "Enter")
    page.wait_for_function("() => location.search.includes('pay=25')")
    url = page.url
    assert "remote=1" in url and "sort=pay" in url
    results = shown_keys(page)
    count = page.text_content("#mb-count")

    other = browser.new_context().new_page()
    on_build_day(other)
    other.goto(url)
    other.wait_for_selector("[data-mb-board][data-ready]", state="attached")
    other.wait_for_function("text => document.querySelector('#mb-count').textContent === text", arg=count)
    assert shown_keys(other) == results
    assert other.input_value("#mb-field") == projects[0]["field"]
    assert other.is_checked("#mb-remote") and other.input_value("#mb-sort") == "pay"
    assert other.input_value("#mb-pay") == "25"
    other.context.close()

    page.go_back()  # filter changes replace the address rather than adding to the history
    page.wait_for_url(f"{base_url}/students/")


def test_the_text_filter_finds_postings_by_skill(page, base_url, projects, site):
    open_board(page, base_url)
    skill = "Grant writing"
    matches = index_matches(site, "grant WRITING")  # the posting index's answer (tests/search_board.py)
    expected = [p["id"] for p in projects if p["id"] in matches]
    assert {p["id"] for p in projects if skill in p["skills"]} <= set(expected)
    page.fill("#mb-q", "grant WRITING")
    shown = all_results(page, expected)
    assert sorted(shown) == sorted(expected)
    # the postings that name the skill come first, newest first; those that only mention the words follow
    named = [p["id"] for p in projects if skill in p["skills"]]
    assert shown[:len(named)] == named
    assert "text=grant+WRITING" in page.url


def test_hostile_text_runs_nothing_on_its_page_or_on_the_board(page, base_url):
    page.goto(f"{base_url}/projects/{HOSTILE_KEY}/")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert HOSTILE_TITLE in page.text_content("h1")
    page.hover(".mb-lede")
    page.click("text=raw link", no_wait_after=True)
    open_board(page, base_url, "?text=window.pwned")  # the board renders the hostile card from its template
    page.wait_for_function("() => document.querySelector('#mb-count').textContent === '1 project matches'")
    assert shown_keys(page) == [HOSTILE_KEY]
    assert page.text_content("#mb-results .mb-slot-title") == HOSTILE_TITLE
    page.hover("#mb-results .mb-card")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == []


def test_without_javascript_the_board_shows_cards_and_pages(browser, base_url, projects):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/")
    assert not page.is_visible("#mb-filters")
    first = [re.search(r"projects/([^/]+/[^/]+)/", h).group(1)
             for h in page.eval_on_selector_all("#mb-results .mb-slot-title", "a => a.map(x => x.getAttribute('href'))")]
    assert first == [p["id"] for p in projects[:50]]
    click_settled(page.locator("a[rel=next]"))
    page.wait_for_url("**/page/2/")
    second = [re.search(r"projects/([^/]+/[^/]+)/", h).group(1)
              for h in page.eval_on_selector_all("#mb-results .mb-slot-title", "a => a.map(x => x.getAttribute('href'))")]
    assert second == [p["id"] for p in projects[50:100]]
    page.click(f"#mb-results a[href*='{second[0]}']")
    assert page.text_content("h1") == projects[50]["title"]
    context.close()


# A card's own words, without the Save button and New mark the browser adds (saved.js).
CARD_TEXTS = """cards => cards.map(card => [
    card.querySelector('.mb-slot-title').getAttribute('href').match(/projects\\/([^/]+\\/[^/]+)\\//)[1],
    (c => { c.querySelectorAll('.mb-card__save, .mb-new').forEach(n => n.remove()); return c; })(card.cloneNode(true))
      .textContent.replace(/\\s+/g, ' ').trim()])"""


def test_script_cards_read_exactly_like_server_cards(browser, base_url, page, projects):
    """The script renders from board.json what the server rendered from the postings: same words, dates included."""
    server: dict[str, str] = {}
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    plain = context.new_page()
    url = f"{base_url}/"
    while url:
        plain.goto(url)
        server.update(dict(plain.eval_on_selector_all("#mb-results .mb-card", CARD_TEXTS)))
        following = plain.query_selector("a[rel=next]")
        url = following.evaluate("a => a.href") if following else None
    context.close()
    open_board(page, base_url, "?sort=closing")
    all_results(page, [p["id"] for p in projects])
    page.wait_for_function("() => [...document.querySelectorAll('#mb-results .mb-slot-summary')]"
                           ".every(s => s.textContent)")
    scripted = dict(page.eval_on_selector_all("#mb-results .mb-card", CARD_TEXTS))
    assert set(scripted) == set(server) == {p["id"] for p in projects}
    assert {k: v for k, v in scripted.items() if v != server[k]} == {}
    texts = " ".join(scripted.values())
    assert re.search(r"closes in \d+ days", texts) and re.search(r"closes in \d+ weeks", texts)


def test_filter_changes_over_ten_thousand_postings_update_the_list_and_the_count(page, base_url, site):
    """board.json swapped for 10,000 rows: each filter change shows its own matches, a page at a time.
    (How fast is the benchmark's business: benchmarks/run.py times the same change in Chromium.)"""
    data = json.loads((site / "board.json").read_text())
    rows = read_board(site)
    many = (rows * (10_000 // len(rows) + 1))[:10_000]
    data.update(pack(many, len(data["fields"])))
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    per = data["cards"]["rows"]

    def cards(route):  # card file N holds rows N*per..: each the card of the posting it repeats
        n = int(route.request.url.rsplit("/", 1)[1].split(".")[0])
        chunk = [[row[name] for name in CARD_COLUMNS] for row in many[n * per:(n + 1) * per]]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(chunk))
    page.route("**/board.json", lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    page.route("**/board-cards/*.json", cards)
    open_board(page, base_url, "?sort=closing")
    page.wait_for_function("() => /projects match/.test(document.querySelector('#mb-count').textContent)")
    counts = page.evaluate("""async () => {
        const board = document.querySelector('[data-mb-board]');
        const settle = async () => {  // until the list shows this query (its cards' files fetched)
            while (board.dataset.shown !== location.search) await new Promise(r => setTimeout(r, 10));
        };
        const count = () => Number(document.querySelector('#mb-count').textContent.replace(/[^0-9]/g, ''));
        const change = async (control, update) => {
            update(control);
            control.dispatchEvent(new Event('change', {bubbles: true}));
            await settle();
            return [count(), document.querySelectorAll('#mb-results .mb-card').length];
        };
        const select = document.querySelector('#mb-field');
        const out = [[count(), document.querySelectorAll('#mb-results .mb-card').length]];
        for (const value of [...select.options].map(o => o.value).slice(1, 5).concat([''])) {
            out.push(await change(select, s => { s.value = value; }));
        }
        out.push(await change(document.querySelector('#mb-remote'), b => { b.checked = !b.checked; }));
        return out;
    }""")
    everything = counts[0][0]
    assert everything > 1000, counts
    by_field = [shown for shown, _ in counts[1:5]]
    assert all(0 < shown < everything for shown in by_field), counts  # each field narrows the list
    assert counts[5][0] == everything, counts  # "any field" again shows them all
    assert 0 < counts[6][0] < everything, counts  # remote only narrows it
    assert all(0 < cards <= data["pageSize"] for _, cards in counts), counts
