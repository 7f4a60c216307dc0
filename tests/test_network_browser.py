"""A gathering board in real headless Chromium: gathered cards say where they come from, in the server's pages
and in the cards the script draws, and lead to the partner board and the employer; hostile ones run nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from site_fixtures import BUILD_DATE, serve
from test_network import PWN, network  # noqa: F401 - the module's fixture: four partners, one gathering board


@pytest.fixture
def page(browser, network):  # noqa: F811 - the fixture imported above
    with serve(network["site"]) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime.combine(BUILD_DATE, dt.time(12), tzinfo=dt.timezone.utc))
        page.errors, page.dialogs = [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.base = base
        yield page
        assert page.errors == [] and page.dialogs == []
        context.close()


def cards(page) -> list[dict]:
    return page.eval_on_selector_all("#mb-results .mb-card", """cards => cards.map(card => ({
        title: card.querySelector('.mb-slot-title').textContent,
        href: card.querySelector('.mb-slot-title').href,
        via: card.querySelector('.mb-via').hidden ? null : card.querySelector('.mb-slot-via').textContent,
        apply: card.querySelector('.mb-slot-apply').hidden ? null : card.querySelector('.mb-slot-apply').href}))""")


def test_gathered_cards_say_via_which_board_and_link_to_it_and_the_employer(page, network):  # noqa: F811
    healthy = {p["title"]: p for p in network["healthy"]["projects"]}
    local = network["local"]
    # the script draws the cards once a filter is set: the text filter keeps every sample posting
    page.goto(f"{page.base}/?sort=closing")
    page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
    page.wait_for_function("() => document.querySelectorAll('#mb-results .mb-card').length > 0")
    shown = cards(page)
    gathered = [card for card in shown if card["via"]]
    assert gathered and all(card["via"] == "via Riverside University" for card in gathered
                            if card["title"] in healthy)
    for card in gathered:
        if card["title"] in healthy:
            assert card["href"] == healthy[card["title"]]["url"]
            assert card["apply"] == healthy[card["title"]]["apply"]["url"]
    own = [card for card in shown if card["title"] == local["title"]]
    assert len(own) == 1 and own[0]["via"] is None and own[0]["href"].startswith(page.base)
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_the_server_drawn_board_marks_them_too(browser, network):  # noqa: F811
    with serve(network["site"]) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/")
        vias = page.eval_on_selector_all(".mb-card .mb-via:not([hidden]) .mb-slot-via", "els => els.map(e => e.textContent)")
        assert "via Riverside University" in vias and "via Hostile Board" in vias
        context.close()


def test_a_hostile_gathered_card_runs_nothing(page):
    page.goto(f"{page.base}/?text=scripted")
    page.wait_for_function("() => document.querySelector('#mb-count').textContent === '1 project matches'")
    (card,) = cards(page)
    assert card["title"] == f"Scripted </script><script>{PWN}</script> posting" and card["via"] == "via Hostile Board"
    page.hover("#mb-results .mb-card")
    assert page.evaluate("typeof window.pwned") == "undefined"
    board = json.loads(page.evaluate("() => fetch('board.json').then(r => r.text())"))
    assert board["words"]["via"] == "via {name}"
