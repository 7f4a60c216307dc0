"""axe-core's WCAG 2.0/2.1 A and AA rules on every kind of page, in light and dark, on a desk and on a phone.

The sample board is built with the repository's mkdocs.yml and served under its site_url's path (so the
404 page, whose links are absolute, finds its stylesheets), then each page is audited in Chromium by the
axe-core that axe-playwright-python bundles.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.conftest import ROOT
from tests.site_fixtures import serve

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = ("light", "dark")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
KINDS = ("board", "board-filtered", "posting", "closed-posting", "organization", "field", "skill", "post",
         "post-with-errors", "students", "employers", "operators", "404")


def audit(page: Page) -> list[dict]:
    """The violations axe finds on the page as it stands, WCAG 2.0/2.1 A and AA rules only.

    The page is first scrolled through once, as a reader would: cards below the fold skip rendering
    (content-visibility: auto) until they come near the screen, and axe reads the colours of what is rendered.
    Then it waits for what the scrolling set moving (the theme's header tabs) to settle."""
    page.evaluate("""async () => {
        const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) { scrollTo(0, y); await frame(); }
        scrollTo(0, 0); await frame();
        await Promise.all(document.getAnimations().map(animation => animation.finished));  // the header's, back
    }""")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:40]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def base(sample_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """The sample site served at the path of its site_url, as GitHub Pages serves a project site."""
    settings = yaml.safe_load((ROOT / "board.yml").read_text(encoding="utf-8"))
    prefix = urllib.parse.urlsplit(settings["site_url"]).path.strip("/")
    root = tmp_path_factory.mktemp("served")
    (root / prefix).parent.mkdir(parents=True, exist_ok=True)
    (root / prefix).symlink_to(sample_site, target_is_directory=True)
    with serve(root) as url:
        yield f"{url}/{prefix}"


@pytest.fixture(scope="module")
def paths(sample_site: Path) -> dict[str, str]:
    """A page of each kind, chosen from what the build wrote."""
    projects = json.loads((sample_site / "projects.json").read_text(encoding="utf-8"))["projects"]
    posting = urllib.parse.urlsplit(projects[0]["url"]).path.split("/projects/", 1)[1]
    closed = next(page.parent.relative_to(sample_site).as_posix()
                  for page in sorted((sample_site / "projects").glob("*/*/index.html"))
                  if "mb-posting--closed" in page.read_text(encoding="utf-8"))
    first = projects[0]
    return {
        "board": "/",
        "board-filtered": "/?remote=1&sort=closing&field=" + urllib.parse.quote(first["field"]),
        "posting": f"/projects/{posting}",
        "closed-posting": f"/{closed}/",
        "organization": f"/organizations/{first['organization']['slug']}/",
        "field": f"/fields/{first['field']}/",
        "skill": "/skills/" + sorted(p.name for p in (sample_site / "skills").iterdir() if p.is_dir())[0] + "/",
        "post": "/post/",
        "post-with-errors": "/post/",
        "students": "/students/",
        "employers": "/employers/",
        "operators": "/operators/",
        "404": "/404.html",
    }


def open_page(browser, base: str, path: str, kind: str, scheme: str, width: str):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + path)
    if kind.startswith("board"):
        page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
    if kind == "post-with-errors":
        page.evaluate("document.querySelector('.md-content form').requestSubmit()")
    page.wait_for_load_state("networkidle")
    return context, page, errors


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_no_wcag_a_or_aa_violations(browser, base, paths, kind, scheme, width):
    context, page, errors = open_page(browser, base, paths[kind], kind, scheme, width)
    try:
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == ("slate" if scheme == "dark" else "default"), "the page follows the visitor's scheme"
        violations = audit(page)
        assert violations == [], f"{kind}, {scheme}, {width}:\n{describe(violations)}"
        assert errors == []
    finally:
        context.close()


# ---------------------------------------------------------------- zoom, motion, layout, without JavaScript


@pytest.mark.parametrize("kind", KINDS)
def test_200_percent_zoom_needs_no_horizontal_scrolling(browser, base, paths, kind):
    """A 1280 px window at 200 % zoom is 640 CSS pixels wide at twice the pixel density."""
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(base + paths[kind])
        page.wait_for_load_state("networkidle")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{kind}: the page is {widths[0]} px wide in a {widths[1]} px window"
    finally:
        context.close()


def transition_seconds(browser, base: str, motion: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion=motion)
    try:
        page = context.new_page()
        page.goto(base + "/")
        return page.evaluate("""() => Math.max(...getComputedStyle(document.querySelector('.mb-card'))
                                          .transitionDuration.split(',').map(parseFloat))""")
    finally:
        context.close()


def test_reduced_motion_turns_transitions_off(browser, base):
    assert transition_seconds(browser, base, "no-preference") >= 0.1
    assert transition_seconds(browser, base, "reduce") < 0.001


def test_without_javascript_the_field_skill_and_organization_pages_stand_where_the_filters_would(
        browser, base, sample_site):
    projects = json.loads((sample_site / "projects.json").read_text(encoding="utf-8"))["projects"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "/")
        narrow = page.locator("nav.mb-narrow")
        assert narrow.is_visible() and page.locator("#mb-filters").is_hidden()
        # in the filters' place: after the board's heading, before the results
        order = page.evaluate("""() => {
          const n = document.querySelector('nav.mb-narrow'), f = document.querySelector('#mb-filters'),
                r = document.querySelector('#mb-results');
          return [n.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING,
                  n.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING];
        }""")
        assert all(order)
        hrefs = narrow.locator("a").evaluate_all("links => links.map(a => a.href)")
        paths = {urllib.parse.urlsplit(href).path for href in hrefs}
        prefix = urllib.parse.urlsplit(base).path
        assert {f"{prefix}/skills/", f"{prefix}/organizations/"} <= paths
        fields = {p.split("/fields/")[1].strip("/") for p in paths if "/fields/" in p}
        assert fields == {project["field"] for project in projects}, "every field with open projects is linked"
        for href in hrefs:
            assert context.request.get(href).ok, href
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "/")
        page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
        assert page.locator("#mb-filters").is_visible() and page.locator("nav.mb-narrow").is_hidden()
    finally:
        context.close()


def test_the_board_and_every_employers_page_lead_to_the_form(browser, base, sample_site):
    employers = sorted(p.parent.relative_to(sample_site).as_posix()
                       for p in (sample_site / "employers").rglob("index.html"))
    assert len(employers) >= 2
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        titles = {}
        for path in ["", *employers, "post"]:
            page.goto(f"{base}/{path}/".replace("//", "/").replace(":/", "://"))
            titles[path] = page.title()
            if path == "post":
                continue
            action = page.get_by_role("link", name="Post a project", exact=True).first
            assert action.is_visible(), f"/{path}/ has no visible Post a project action"
            assert action.bounding_box()["y"] < 844, f"/{path}/: the action is not in the first screen"
            target = urllib.parse.urlsplit(action.evaluate("a => a.href")).path
            assert target == urllib.parse.urlsplit(base).path + "/post/", target
        assert titles["employers"] != titles["post"], titles
    finally:
        context.close()


def test_the_filter_column_stays_in_view_while_the_results_scroll(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "/")
        page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
        page.mouse.wheel(0, 2500)
        page.wait_for_function("window.scrollY > 1500")
        box = page.locator("#mb-filters").bounding_box()
        assert 0 <= box["y"] < 200, box
        assert box["y"] + box["height"] <= 900, "the whole column fits the window (it scrolls inside)"
    finally:
        context.close()


def test_the_search_placeholder_fits_on_a_phone(browser, base):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base + "/")
        page.wait_for_selector("[data-mb-board][data-ready]", state="attached")
        room, needed = page.evaluate("""() => {
          const input = document.querySelector('#mb-q'), style = getComputedStyle(input);
          const context = document.createElement('canvas').getContext('2d');
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return [room, context.measureText(input.placeholder).width];
        }""")
        assert needed <= room, f"the placeholder needs {needed:.0f} px, the box has {room:.0f}"
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["board", "board-filtered", "organization", "field", "skill"])
def test_cards_and_rows_are_list_items_with_headings_in_order(browser, base, paths, kind):
    context, page, errors = open_page(browser, base, paths[kind], kind, "light", "desktop")
    try:
        cards = page.evaluate("""() => [...document.querySelectorAll('ol.mb-cards, ol.mb-rows')].map(list =>
            [...list.children].map(item => [item.tagName, item.querySelectorAll('h2,h3,h4,h5,h6').length]))""")
        assert cards and cards[0], f"{kind}: no list of cards"
        assert all(item == ["LI", 1] for items in cards for item in items), cards
        levels = page.evaluate("""() => [...document.querySelector('.md-content, main').querySelectorAll(
            'h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])""")
        skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert levels[0] == 1 and skips == [], f"{kind}: heading levels {levels}"
    finally:
        context.close()
