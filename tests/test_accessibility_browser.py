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
from playwright.sync_api import Page, sync_playwright

from tests.conftest import ROOT, TODAY
from tests.site_fixtures import launch_chromium, serve

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = ("light", "dark")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
KINDS = ("board", "board-filtered", "posting", "closed-posting", "organization", "field", "skill", "post",
         "post-with-errors", "students", "employers", "operators", "404")


def audit(page: Page) -> list[dict]:
    """The violations axe finds on the page as it stands, WCAG 2.0/2.1 A and AA rules only."""
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


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


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
        page.evaluate("document.getElementById('mb-post-form').requestSubmit()")
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
