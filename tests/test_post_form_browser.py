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


def sample_posting() -> dict:
    source = sorted(p for p in SAMPLE.glob("*.yaml") if p.name != "organization.yaml")[0]
    return yaml.safe_load(source.read_text(encoding="utf-8"))


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


def checked(page) -> None:
    """Wait until the form has checked the answers (it reads the organization's titles first)."""
    page.wait_for_selector("#mb-post-form:not([aria-busy])", state="attached")


def submit(page) -> None:
    page.click("button[type=submit]")
    checked(page)


def reset(page) -> None:
    page.evaluate("document.getElementById('mb-post-form').reset(); document.getElementById('mb-result').hidden = true")


def test_an_empty_form_lists_every_problem_at_the_top_and_takes_focus_there(form_page):
    reset(form_page)
    submit(form_page)
    assert form_page.locator("#mb-result").is_hidden()
    summary = form_page.locator("#mb-error-summary")
    assert summary.is_visible() and form_page.evaluate("document.activeElement.id") == "mb-error-summary"
    assert form_page.title().startswith("Error: ")
    links = summary.locator("a")
    codes = [links.nth(i).get_attribute("data-code") for i in range(links.count())]
    assert codes[0] == "organization-kind" and "missing-field" in codes
    for i in range(links.count()):  # every link leads to a control on the page, whose own message says the same
        target = links.nth(i).get_attribute("href").removeprefix("#")
        control = form_page.locator(f"#{target}")
        assert control.count() == 1
        assert links.nth(i).text_content() in control.evaluate("el => el.closest('.mb-field').textContent")
    title = form_page.locator('[data-path="title"]')
    assert title.get_attribute("aria-invalid") == "true"
    error = form_page.locator("#mb-title-error")
    assert "mb-title-error" in title.get_attribute("aria-describedby").split()
    assert error.text_content().startswith("Error: title is missing")  # the checker's `title`, shown as code
    assert error.locator("code").first.text_content() == "title"
    assert 'add title: "Build a volunteer-hours dashboard"' in error.text_content()


def test_the_keyboard_alone_reaches_each_problem_and_the_answers_stay(form_page):
    data = sample_posting()
    reset(form_page)
    form_page.check('input[name="mb-org-kind"][value="existing"]')
    form_page.fill('[data-slug="organization-slug"]', "tidepool-labs")
    fill(form_page, data)
    fill(form_page, {"title": "Short", "hours": "0"})
    form_page.locator('[data-path="title"]').focus()
    form_page.keyboard.press("Enter")  # submits the form, as Enter in a text box does
    checked(form_page)
    assert form_page.evaluate("document.activeElement.id") == "mb-error-summary"
    form_page.keyboard.press("Tab")
    assert form_page.evaluate("document.activeElement.textContent") == \
        "title is 5 characters long; it must be at least 8"
    form_page.keyboard.press("Enter")
    assert form_page.evaluate("document.activeElement.id") == "mb-title"
    assert form_page.locator('[data-path="title"]').input_value() == "Short"  # what was typed is kept
    assert form_page.locator('[data-path="summary"]').input_value() == data["summary"]
    form_page.keyboard.press("Shift+Tab")  # back to the summary, on to the next problem
    form_page.locator("#mb-error-summary a").nth(1).focus()
    form_page.keyboard.press("Enter")
    assert form_page.evaluate("document.activeElement.id") == "mb-hours"
    assert "it must be at least 1" in form_page.locator("#mb-hours-error").text_content()
    fill(form_page, {"title": "A title long enough for the board", "hours": "12"})
    form_page.keyboard.press("Enter")
    checked(form_page)
    assert form_page.locator("#mb-error-summary").is_hidden() and form_page.locator("#mb-result").is_visible()
    assert not form_page.title().startswith("Error: ")


def test_stars_follow_what_the_posting_needs(form_page):
    reset(form_page)
    star = lambda path: form_page.locator(f'[data-required-marker="{path}"]')  # noqa: E731
    assert star("title").is_visible() and star("timeline.apply_by").is_visible()
    assert star("timeline.due").is_visible() and star("timeline.duration_weeks").is_visible()  # one of the two
    form_page.fill('[data-path="timeline.duration_weeks"]', "4")
    assert star("timeline.due").is_hidden() and star("timeline.duration_weeks").is_hidden()
    form_page.select_option('[data-path="location.type"]', "on-site")
    assert star("location.city").is_visible() and star("location.country").is_visible()
    assert form_page.locator('[data-path="location.city"]').get_attribute("aria-required") == "true"
    form_page.select_option('[data-path="location.type"]', "remote")
    assert star("location.city").is_hidden()
    assert star("mentorship.mentor").is_hidden()
    form_page.fill('[data-path="mentorship.mentor"]', "Dana Ruiz, coordinator")
    assert star("mentorship.check_ins").is_visible()  # a mentorship, once begun, names its check-ins


def test_date_fields_say_what_the_date_picker_shows(form_page):
    """The help names the order of the visitor's locale, as the date box shows it, not YAML's quoted form."""
    base = form_page.url
    browser = form_page.context.browser
    for locale, shown in (("en-US", "mm/dd/yyyy"), ("en-GB", "dd/mm/yyyy"), ("de-DE", "dd.mm.yyyy")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(base)
        help_text = page.locator("#mb-timeline-apply-by-help").text_content()
        context.close()
        assert "in quotes" not in help_text and "YYYY-MM-DD" not in help_text
        assert f"Type it as {shown}, or pick the day in the calendar." in help_text, locale
    assert form_page.locator('[data-path="timeline.apply_by"]').get_attribute("type") == "date"


def test_the_guide_and_the_form_have_titles_of_their_own(form_page, site):
    guide = (site / "employers" / "index.html").read_text(encoding="utf-8")
    guide_title = guide.split("<title>", 1)[1].split("</title>", 1)[0]
    assert form_page.title() != guide_title
    assert form_page.locator("h1").first.text_content() not in guide_title


def test_a_filled_form_makes_a_valid_posting(form_page, tmp_path):
    data = sample_posting()
    data["title"] = "A new project posted from the web form"
    reset(form_page)
    form_page.check('input[name="mb-org-kind"][value="existing"]')
    assert form_page.locator("[data-org-details]").is_hidden()
    fill(form_page, data)
    submit(form_page)
    assert form_page.locator("#mb-result").is_hidden()  # an existing organization is named by its folder
    assert form_page.locator("#mb-organization-slug-error").is_visible()
    form_page.fill('[data-slug="organization-slug"]', "tidepool-labs")
    form_page.fill('[data-slug="project-slug"]', "from-the-web")
    submit(form_page)
    assert form_page.locator("#mb-result").is_visible()
    text = form_page.locator("#mb-yaml").input_value()
    assert yaml.safe_load(text) == data  # no organization block: the organization's file stays as it is
    assert form_page.locator("#mb-org-result").is_hidden()
    assert "Only the owners named in projects/tidepool-labs/organization.yaml" in \
        form_page.locator("#mb-owners-note").text_content()
    target = tmp_path / "projects" / "tidepool-labs" / "from-the-web.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    (target.parent / "organization.yaml").write_bytes((SAMPLE / "organization.yaml").read_bytes())
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "validate", "--today",
                           TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout
    link = urllib.parse.urlsplit(form_page.locator("#mb-open-pr").get_attribute("href"))
    query = urllib.parse.parse_qs(link.query)
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", "/example-org/microboard/new/main")
    assert query["filename"] == ["projects/tidepool-labs/from-the-web.yaml"] and query["value"] == [text]
    issue = urllib.parse.urlsplit(form_page.locator("#mb-open-issue").get_attribute("href"))
    assert issue.path == "/example-org/microboard/issues/new"
    asked = urllib.parse.parse_qs(issue.query)
    assert asked["template"] == ["post-a-project.yml"] and asked["organization-slug"] == ["tidepool-labs"]
    assert asked["organization-name"] == ["Tidepool Labs"]


def test_a_new_organization_gets_its_file_and_goes_through_the_issue_form(form_page, tmp_path):
    data = sample_posting()
    data["title"] = "A first project from a new organization"
    reset(form_page)
    form_page.check('input[name="mb-org-kind"][value="new"]')
    assert form_page.locator("[data-org-details]").is_visible()
    fill(form_page, data)
    submit(form_page)
    assert form_page.locator("#mb-result").is_hidden()  # the new organization's name is required
    fill(form_page, {"organization": {"name": "Harbor Health Clinic", "url": "https://harborhealth.example.org"}})
    submit(form_page)
    assert form_page.locator("#mb-result").is_visible()
    posting_text = form_page.locator("#mb-yaml").input_value()
    org_text = form_page.locator("#mb-org-yaml").input_value()
    assert yaml.safe_load(posting_text) == data
    assert yaml.safe_load(org_text) == {"name": "Harbor Health Clinic", "url": "https://harborhealth.example.org",
                                        "owners": data["owners"]}
    assert "projects/harbor-health-clinic/organization.yaml" in form_page.locator("#mb-org-note").text_content()
    assert form_page.locator("#mb-open-pr").is_hidden()  # one prefilled file link cannot add both files
    issue = urllib.parse.parse_qs(urllib.parse.urlsplit(form_page.locator("#mb-open-issue").get_attribute("href")).query)
    assert issue["organization-name"] == ["Harbor Health Clinic"]
    assert issue["organization-url"] == ["https://harborhealth.example.org"]
    folder = tmp_path / "projects" / "harbor-health-clinic"
    folder.mkdir(parents=True)
    (folder / "first-project.yaml").write_text(posting_text, encoding="utf-8")
    (folder / "organization.yaml").write_text(org_text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "validate", "--today",
                           TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout


def test_hostile_answers_stay_values(form_page):
    data = sample_posting()
    data["summary"] = 'Nice project"\nstatus: closed\nowners: [mallory] # and more'
    data["description"] = "Line one: with a colon\n---\n- not a list\nstatus: filled\n" + "x" * 60 + "\n"
    reset(form_page)
    form_page.check('input[name="mb-org-kind"][value="existing"]')
    form_page.fill('[data-slug="organization-slug"]', "tidepool-labs")
    fill(form_page, data)
    submit(form_page)
    made = yaml.safe_load(form_page.locator("#mb-yaml").input_value())
    assert made["status"] == data["status"] and made["owners"] == data["owners"]
    assert made["summary"] == 'Nice project" status: closed owners: [mallory] # and more'
    assert made["description"] == data["description"]
    assert json.dumps(made, sort_keys=True)


def test_the_form_with_its_errors_shown_passes_axe(form_page):
    """axe-core over the form once problems are shown; the theme's primary-button colour is the palette's."""
    from axe_playwright_python.sync_playwright import Axe

    reset(form_page)
    submit(form_page)
    assert form_page.locator(".mb-field--error").count() > 5
    found = Axe().run(form_page, context={"include": [[".mb-post"]]}).response["violations"]
    ours = [(v["id"], node["html"]) for v in found for node in v["nodes"]
            if not (v["id"] == "color-contrast" and "md-button--primary" in node["html"])]
    assert ours == []


def test_what_the_checker_only_points_out_comes_with_the_posting(form_page):
    data = sample_posting()
    data["skills"] = data["skills"][:1] + ["Basket weaving"]
    reset(form_page)
    form_page.check('input[name="mb-org-kind"][value="existing"]')
    form_page.fill('[data-slug="organization-slug"]', "tidepool-labs")
    fill(form_page, data)
    submit(form_page)
    assert form_page.locator("#mb-error-summary").is_hidden() and form_page.locator("#mb-result").is_visible()
    notes = form_page.locator("#mb-warnings li")
    assert notes.count() == 1 and notes.get_attribute("data-code") == "skill-unknown"
    assert notes.locator(".mb-warning__message").text_content() == \
        "the skill 'Basket weaving' is not in the board's skills list"
    assert yaml.safe_load(form_page.locator("#mb-yaml").input_value())["skills"] == data["skills"]
