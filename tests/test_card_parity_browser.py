"""Server cards and script cards read the same, on the build's day and on the visitor's: real build, real Chromium.

Edge values go through both: fractions of a cent, 1 hour, a currency with and one without an exchange
rate, month ends, a leap day, deadlines at each boundary of the relative words, postings just new and
just not. The expected words come from generator.formats, judged for the visitor's day.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.formats import closes_text, day_text, is_new
from site_fixtures import BUILD_DATE, ROOT, built, copy_board, mkdocs_build

ORGANIZATION = ROOT / "tests" / "data" / "organization.yaml"  # Green Valley Food Bank
VALID = yaml.safe_load((ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8"))
LONG_WORD = "Reconcile-the-volunteer-sign-in-sheets-with-the-warehouse-ledger-entries-and-the-donor-database"


def day(offset: int) -> str:
    return (BUILD_DATE + dt.timedelta(days=offset)).isoformat()


# slug: (changes to the valid posting); every one is in the data field, so one field page lists them all
EDGES = {
    "fee-of-800-01": {"pay": ("fixed", 800.01, "USD"), "hours": 40,
                      "timeline": {"apply_by": day(0), "duration_weeks": 4}, "posted": day(0)},
    "half-a-cent": {"pay": ("hourly", 20.005, "USD"), "hours": 1, "timeline": {"apply_by": day(1), "duration_weeks": 1},
                    "posted": day(-6)},
    "euro-stipend": {"pay": ("stipend", 2345.5, "EUR"), "hours": 30,
                     "timeline": {"apply_by": day(13), "duration_weeks": 4}, "posted": day(-7)},
    "yen-without-a-rate": {"pay": ("fixed", 250000, "JPY"), "hours": 20,
                           "timeline": {"apply_by": day(14), "duration_weeks": 2}, "posted": day(-1)},
    "month-end": {"timeline": {"apply_by": "2026-12-31", "start": "2027-01-31", "due": "2027-02-28"},
                  "location": {"type": "hybrid", "city": "Oslo", "country": "NO"},
                  "eligibility": {"levels": ["undergraduate", "graduate"]}},
    "leap-day": {"timeline": {"apply_by": "2028-02-29", "start": "2028-02-29", "due": "2028-03-31"},
                 "posted": "2024-02-29", "location": {"type": "on-site", "city": "Leeds", "region": "West Yorkshire",
                                                      "country": "GB"}},
    "seven-weeks": {"pay": ("fixed", 1000.005, "USD"), "hours": 40, "timeline": {"apply_by": day(55),
                                                                                  "duration_weeks": 3},
                    "location": {"type": "remote", "timezones": ["America/New_York", "Europe/London"]},
                    "eligibility": {"countries": ["US", "CA"], "levels": ["recent-graduate"]}},
    "eight-weeks": {"pay": ("hourly", 19.999, "GBP"), "timeline": {"apply_by": day(56), "duration_weeks": 2},
                    "title": LONG_WORD[:100]},
}


def posting(slug: str, edge: dict) -> str:
    data = json.loads(json.dumps(VALID))
    data["title"] = edge.get("title", f"Build the {slug.replace('-', ' ')} dashboard")
    data["summary"] = f"{LONG_WORD} for the {slug} case, on a phone too."
    data["timeline"] = edge["timeline"]
    data["posted"] = edge.get("posted", day(-30))
    data["hours"] = edge.get("hours", 20)
    if "pay" in edge:
        kind, amount, currency = edge["pay"]
        data["compensation"] = {"type": kind, "amount": amount, "currency": currency}
    for key in ("location", "eligibility"):
        if key in edge:
            data[key] = edge[key]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    board = copy_board(tmp_path_factory.mktemp("parity") / "board", projects=False)
    folder = board / "projects" / "green-valley"
    folder.mkdir(parents=True)
    shutil.copyfile(ORGANIZATION, folder / "organization.yaml")
    for slug, edge in EDGES.items():
        (folder / f"{slug}.yaml").write_text(posting(slug, edge), encoding="utf-8")
    site = board.parent / "site"
    built(mkdocs_build(board, site, strict=False))
    return site


@pytest.fixture
def visit(browser, base_url):
    """A page of the site with the visitor's clock at noon, `days` after the build date."""
    contexts = []

    def open_at(path: str, days: int = 0, javascript: bool = True, width: int = 1280):
        context = browser.new_context(timezone_id="UTC", java_script_enabled=javascript,
                                      viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.clock.set_fixed_time(dt.datetime.combine(BUILD_DATE + dt.timedelta(days=days), dt.time(12),
                                                      tzinfo=dt.timezone.utc))
        page.goto(f"{base_url}/{path}")
        if javascript and path.split("?")[0] == "":
            page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
        return page

    yield open_at
    for context in contexts:
        context.close()


# what a card says, by the posting's slug: its whole text, and the parts that depend on the day
# (the Save button saved.js adds is the visitor's own, not the card's: it is taken out first)
CARDS = """cards => cards.map(card => [card, card.querySelector('.mb-card__save')]).map(([card, save]) => [
    card.querySelector('.mb-slot-title').getAttribute('href').match(/projects\\/[^/]+\\/([^/]+)\\//)[1],
    {text: card.textContent.replace(save ? save.textContent : '', '').replace(/\\s+/g, ' ').trim(),
     visible: card.innerText.replace(save ? save.innerText : '', '').replace(/\\s+/g, ' ').trim(),
     closes: card.querySelector('.mb-slot-closes').hidden ? null : card.querySelector('.mb-slot-closes').textContent,
     isNew: !card.querySelector('.mb-slot-new').hidden,
     pay: card.querySelector('.mb-slot-pay').textContent + ' · ' + card.querySelector('.mb-slot-hourly').textContent,
     deadline: card.querySelector('.mb-slot-deadline').textContent,
     posted: card.querySelector('.mb-slot-posted').textContent}])"""


def lay_out_every_card(page) -> None:
    """Cards off screen skip layout until scrolled to (content-visibility), and then have no innerText."""
    page.evaluate("() => document.querySelectorAll('.mb-card')"
                  ".forEach(c => { c.style.contentVisibility = 'visible'; })")


ROWS = """rows => rows.map(row => [
    row.querySelector('h3 a').getAttribute('href').match(/projects\\/[^/]+\\/([^/]+)\\//)[1],
    {closes: row.querySelector('.mb-slot-closes').hidden ? null : row.querySelector('.mb-slot-closes').textContent,
     isNew: !!row.querySelector('.mb-slot-new') && !row.querySelector('.mb-slot-new').hidden,
     deadline: row.querySelector('.mb-slot-deadline').textContent}])"""


def cards(page, selector: str = "#mb-results .mb-card") -> dict[str, dict]:
    lay_out_every_card(page)
    return dict(page.eval_on_selector_all(selector, CARDS))


def script_cards(page) -> dict[str, dict]:
    """The script's cards once all are shown (their texts come from board-cards/N.json)."""
    page.wait_for_function("() => document.querySelector('#mb-results [data-mb-row]')")
    page.wait_for_function("() => [...document.querySelectorAll('#mb-results .mb-slot-summary')]"
                           ".every(s => s.textContent)")
    return cards(page)


def expected(days: int) -> dict[str, dict]:
    """What each posting open on the visitor's day should say, from the one Python formatter."""
    today = BUILD_DATE + dt.timedelta(days=days)
    out = {}
    for slug, edge in EDGES.items():
        apply_by = dt.date.fromisoformat(edge["timeline"]["apply_by"])
        posted = dt.date.fromisoformat(edge.get("posted", day(-30)))
        if apply_by >= today:
            out[slug] = {"closes": closes_text(apply_by, today), "isNew": is_new(posted, today),
                         "deadline": day_text(apply_by), "posted": f"Posted {day_text(posted)}"}
    return out


def day_parts(found: dict[str, dict]) -> dict[str, dict]:
    return {slug: {key: card[key] for key in ("closes", "isNew", "deadline", "posted")} for slug, card in found.items()}


def test_script_cards_read_exactly_like_server_cards_on_the_build_day(visit):
    server = cards(visit("", javascript=False))
    page = visit("?sort=closing")
    scripted = script_cards(page)
    assert set(server) == set(EDGES) and set(scripted) == set(EDGES)
    assert {slug: (scripted[slug]["text"], scripted[slug]["visible"]) for slug in EDGES} == \
        {slug: (server[slug]["text"], server[slug]["visible"]) for slug in EDGES}
    assert day_parts(server) == expected(0) and page.errors == []


def test_the_edge_values_read_as_a_person_expects(visit):
    server = cards(visit("", javascript=False))
    visible = {slug: card["visible"] for slug, card in server.items()}
    pay = {slug: card["pay"] for slug, card in server.items()}
    assert "800.01 USD fixed fee · ≈ 20 USD an hour" == pay["fee-of-800-01"]
    assert "10 hours a week for 4 weeks" in visible["fee-of-800-01"] and "closes today" in visible["fee-of-800-01"]
    assert pay["half-a-cent"] == "20.01 USD per hour · " and "1 hour in all" in visible["half-a-cent"]
    assert "2,345.50 EUR stipend · ≈ 78.18 EUR an hour" == pay["euro-stipend"]
    assert "about 8 hours a week for 4 weeks" in visible["euro-stipend"]
    assert "250,000 JPY fixed fee · ≈ 12,500 JPY an hour" == pay["yen-without-a-rate"]
    assert "Apply by 31 Dec 2026 closes in 5 weeks" in visible["month-end"]
    assert "For undergraduates or graduate students" in visible["month-end"]
    assert "Hybrid · Oslo, NO" in visible["month-end"]
    assert visible["leap-day"].endswith("Apply by 29 Feb 2028 Python Data visualization Mentored")
    assert "Posted 29 Feb 2024" in visible["leap-day"] and "On site · Leeds, West Yorkshire, GB" in visible["leap-day"]
    assert "Remote · US or CA only · New York or London time" in visible["seven-weeks"]
    assert "1,000.01 USD fixed fee · ≈ 25 USD an hour" == pay["seven-weeks"]
    assert "closes in 7 weeks" in visible["seven-weeks"] and "For recent graduates" in visible["seven-weeks"]
    assert pay["eight-weeks"] == "20 GBP per hour · " and "closes in" not in visible["eight-weeks"]
    assert {slug for slug, card in server.items() if card["isNew"]} == {"fee-of-800-01", "half-a-cent",
                                                                       "yen-without-a-rate"}


@pytest.mark.parametrize("days", [1, 6, 7, 13, 42])
def test_on_the_visitors_day_the_board_and_the_field_page_say_what_the_server_would(visit, days):
    """The board's cards and the field page's rows, rewritten for the visitor's day by the scripts."""
    want = expected(days)
    board = visit("", days)
    board.wait_for_function("n => document.querySelectorAll('#mb-results [data-mb-row]').length === n",
                            arg=len(want))
    assert day_parts(script_cards(board)) == want and board.errors == []
    listing = visit("fields/data/", days)
    listing.wait_for_function("n => document.querySelectorAll('.mb-row').length === n", arg=len(want))
    rows = dict(listing.eval_on_selector_all(".mb-row", ROWS))
    assert rows == {slug: {key: card[key] for key in ("closes", "isNew", "deadline")} for slug, card in want.items()}
    assert listing.errors == []


def test_a_posting_page_counts_its_deadline_from_the_visitors_day(visit):
    for days, words in ((0, "closes in 13 days"), (1, "closes in 12 days"), (12, "closes tomorrow"),
                        (13, "closes today")):
        page = visit("projects/green-valley/euro-stipend/", days)
        page.wait_for_function("w => document.querySelector('[data-mb-closes]').textContent === w", arg=words)
        assert words == closes_text(dt.date.fromisoformat(day(13)), BUILD_DATE + dt.timedelta(days=days))


@pytest.mark.parametrize("path", ["", "?sort=closing", "fields/data/", "organizations/green-valley/",
                                  "projects/green-valley/eight-weeks/"])
def test_on_a_390_pixel_phone_no_card_scrolls_sideways(visit, path):
    page = visit(path, width=390)
    if path == "?sort=closing":
        script_cards(page)
    lay_out_every_card(page)
    widths = page.evaluate("""() => ({
        page: document.documentElement.scrollWidth, window: window.innerWidth,
        cards: [...document.querySelectorAll('.mb-card, .mb-row, .mb-posting')].map(c => [c.scrollWidth, c.clientWidth,
                 c.getBoundingClientRect().right])})""")
    assert widths["cards"] and widths["page"] <= widths["window"] == 390
    assert all(scroll <= client and right <= 390 for scroll, client, right in widths["cards"]), widths["cards"]


def test_pay_per_hour_in_the_boards_currency_orders_and_filters_as_the_build_computed(visit, site):
    """The script sorts and filters by the build's rate (exchange rates applied in Python), never its own sum."""
    from generator.formats import hourly_rate
    from generator.settings import load_settings

    settings = load_settings(site.parent / "board")
    rates = {}
    for slug, edge in EDGES.items():
        kind, amount, currency = edge.get("pay", ("fixed", 800, "USD"))
        rates[slug] = settings.to_board_currency(hourly_rate(kind, amount, edge.get("hours", 20)), currency)
    newest = list(cards(visit("", javascript=False)))  # the board's order, which breaks ties
    by_pay = sorted(EDGES, key=lambda s: (rates[s] is None, -(rates[s] or 0), newest.index(s)))
    assert by_pay[0] == "euro-stipend" and by_pay[-1] == "yen-without-a-rate"
    page = visit("?sort=pay")
    assert list(script_cards(page)) == by_pay
    page = visit("?pay=25")
    assert sorted(script_cards(page)) == sorted(s for s in EDGES if rates[s] is not None and rates[s] >= 25)
