"""The web form in real headless Chromium: the browser blocks bad input, and what it makes is a valid posting."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

from playwright.sync_api import sync_playwright

from tests.conftest import ROOT, TODAY
from tests.site_fixtures import launch_chromium, serve

SAMPLE = ROOT / "samples" / "projects" / "tidepool-labs"


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def form_page(site):
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
        page.goto(base + "/post/")
        yield page
        browser.close()
        assert outside == [], "the form must not talk to any other host"


def fill(page, data: dict, prefix: str = "") -> None:
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            fill(page, value, path + ".")
            continue
        target = page.locator(f'[data-path="{path}"]')
        kind = target.get_attribute("data-type")
        if kind == "multi":
            for item in value:
                target.locator(f'input[value="{item}"]').check()
        elif target.evaluate("el => el.tagName") == "SELECT":
            target.select_option(str(value))
        elif isinstance(value, list):
            target.fill("\n".join(map(str, value)))
        else:
            target.fill(str(value).rstrip("\n"))


def reset(page) -> None:
    page.evaluate("document.getElementById('mb-post-form').reset(); document.getElementById('mb-result').hidden = true")


def test_the_browser_blocks_an_empty_form(form_page):
    reset(form_page)
    form_page.click("button[type=submit]")
    assert form_page.locator("#mb-result").is_hidden()
    assert form_page.evaluate("document.getElementById('mb-post-form').checkValidity()") is False
    message = form_page.locator('[data-path="title"]').evaluate("el => el.validationMessage")
    assert message


@pytest.mark.parametrize("path, value, flag", [
    ("apply.email", "not an address", "typeMismatch"),
    ("apply.url", "http://example.org/apply", "patternMismatch"),
    ("compensation.currency", "usd", "patternMismatch"),
    ("hours", "0", "rangeUnderflow"),
    ("title", "Short", "tooShort"),
    ("owners", "@dana", "customError"),
])
def test_the_browser_blocks_bad_values(form_page, path, value, flag):
    reset(form_page)
    control = form_page.locator(f'[data-path="{path}"]')
    control.fill("")
    control.type(value)  # typed, as a person would: length limits apply to typed text
    form_page.locator("#mb-post-form").dispatch_event("input")
    assert control.evaluate(f"el => el.validity.{flag}") is True
    assert control.evaluate("el => el.validationMessage")


def test_a_filled_form_makes_a_valid_posting(form_page, tmp_path):
    source = sorted(SAMPLE.glob("*.yaml"))[0]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["title"] = "A new project posted from the web form"
    reset(form_page)
    fill(form_page, data)
    form_page.fill('[data-slug="project-slug"]', "from-the-web")
    form_page.click("button[type=submit]")
    assert form_page.locator("#mb-result").is_visible()
    text = form_page.locator("#mb-yaml").input_value()
    assert yaml.safe_load(text) == data
    target = tmp_path / "projects" / "tidepool-labs" / "from-the-web.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "validate", "--today",
                           TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout
    link = urllib.parse.urlsplit(form_page.locator("#mb-open-pr").get_attribute("href"))
    query = urllib.parse.parse_qs(link.query)
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", "/example-org/microboard/new/main")
    assert query["filename"] == ["projects/tidepool-labs/from-the-web.yaml"] and query["value"] == [text]
    issue = urllib.parse.urlsplit(form_page.locator("#mb-open-issue").get_attribute("href"))
    assert issue.path == "/example-org/microboard/issues/new"
    assert urllib.parse.parse_qs(issue.query)["template"] == ["post-a-project.yml"]


def test_hostile_answers_stay_values(form_page):
    source = sorted(SAMPLE.glob("*.yaml"))[0]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["summary"] = 'Nice project"\nstatus: closed\nowners: [mallory] # and more'
    data["description"] = "Line one: with a colon\n---\n- not a list\nstatus: filled\n" + "x" * 60 + "\n"
    reset(form_page)
    fill(form_page, data)
    form_page.click("button[type=submit]")
    made = yaml.safe_load(form_page.locator("#mb-yaml").input_value())
    assert made["status"] == data["status"] and made["owners"] == data["owners"]
    assert made["summary"] == 'Nice project" status: closed owners: [mallory] # and more'
    assert made["description"] == data["description"]
    assert json.dumps(made, sort_keys=True)
