"""The web form derives the same slugs as generator/slugs.py, in real headless Chromium.

The browser gets the rule from the build; for a character it cannot spell it derives nothing and
asks for a short name, so it may decline, but it never proposes a slug the server would not make.
"""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import sync_playwright

from generator.slugs import BROWSER_RANGES, slugify
from tests.site_fixtures import launch_chromium, serve

NAMES = ["Körber", "L'Oréal", "L’Oréal", "Яндекс", "Straße der Ölmühle", "Ærø Ø", "Ελληνικά", "Łódź Ćwiczenia",
         "Đà Nẵng Tech", "Þórsmörk", "Œuvre ½", "Green Valley Food Bank", "CON", "nul", "Com1", "!!!", "",
         "  --Tidepool   Labs--  ", "a" * 300, "The Very Long Name of an Organization that Goes On and On Beyond",
         "Ｆｕｌｌｗｉｄｔｈ", "ﬁnance", "x² + y²", "naïve café", "İstanbul", "Ğ ş Ç"]


@pytest.fixture(scope="module")
def page(sample_site):
    with serve(sample_site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        tab = browser.new_page()
        tab.goto(base + "/post/")
        tab.wait_for_function("typeof window.microboardSlugify === 'function'")
        yield tab
        browser.close()


def in_browser(page, names: list[str]) -> list[str | None]:
    return page.evaluate("names => names.map(n => window.microboardSlugify(n))", names)


def test_the_browser_derives_the_servers_slugs(page) -> None:
    got = in_browser(page, NAMES)
    assert got == [slugify(name) for name in NAMES]


def test_the_browser_declines_what_it_cannot_spell_and_never_differs(page) -> None:
    rng = random.Random(20261201)
    points = [p for start, stop in BROWSER_RANGES for p in range(start, stop)]
    points += [rng.randrange(0x250, 0x3000) for _ in range(400)] + [0x200B, 0x1F680, 0x4E2C, 0x0627]
    names = ["".join(chr(rng.choice(points)) for _ in range(rng.randrange(1, 8))) + " x" for _ in range(1500)]
    names += [chr(p) + "a" for p in points]
    got = in_browser(page, names)
    differing = [(n, g, slugify(n)) for n, g in zip(names, got) if g is not None and g != slugify(n)]
    assert differing == []
    spelled = sum(g is not None for g in got[-len(points):])
    assert spelled >= len([p for start, stop in BROWSER_RANGES for p in range(start, stop)])  # the ranges it is given
    assert in_browser(page, ["北京大学", "🚀 Rocket"]) == [None, None]  # the employer writes the short name


def test_an_underivable_name_asks_for_a_short_name(page) -> None:
    # the organization's name is asked for only when the posting introduces a new organization
    page.check('input[name="mb-org-kind"][value="new"]')
    page.fill('[data-path="organization.name"]', "北京大学")
    page.fill('[data-slug="organization-slug"]', "")
    box = page.locator('[data-slug="organization-slug"]')

    def slug_problems() -> list[str]:
        found = page.evaluate("window.microboardFormProblems()")
        return [p["message"] for p in found if p["field"] == "organization-slug"]

    assert slug_problems() == ["a short name cannot be made from this name"]
    page.click("button[type=submit]")
    page.wait_for_selector("#mb-post-form:not([aria-busy])", state="attached")
    assert "write a short name yourself" in page.locator("#mb-organization-slug-error").text_content()
    box.fill("peking-university")
    assert slug_problems() == []
    for reserved in ("con", "nul", "lpt1"):
        box.fill(reserved)
        assert slug_problems() == ["this short name is not one the board can use"], reserved
    box.fill("")
    box.type("a" * 70)  # typed, as a person would: the length limit applies to typed text
    assert box.input_value() == "a" * 64
