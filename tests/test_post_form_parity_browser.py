"""The web form and the validator agree: each answer set is filled in Chromium, and the files the form makes
are run through the real validator. Both accept the same answers, and refuse the others with the same codes,
messages and hints."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from playwright.sync_api import sync_playwright

from generator.settings import load_settings
from generator.validate import validate_paths
from tests.conftest import TODAY
from tests.site_fixtures import copy_board, launch_chromium, mkdocs_build, built, serve

ORG = "tidepool-labs"
SLUG = "from-the-form"
BASE_SOURCE = "interview-clinic-front-desk-staff.yaml"
TITLE_TAKEN = "Prototype two-way SMS appointment reminders"  # another posting of the same organization
_SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "projects" / ORG


def _sample(name: str) -> dict:
    return yaml.safe_load((_SAMPLES / name).read_text(encoding="utf-8"))


_TAKEN = _sample("prototype-sms-appointment-reminders.yaml")
# where and when that posting is, as its file says (the same title there is the same posting)
TAKEN_PLACE_AND_DATES = {"location.type": _TAKEN["location"]["type"], "location.city": None, "location.region": None,
                         "location.country": _TAKEN["location"]["country"],
                         "timeline.apply_by": _TAKEN["timeline"]["apply_by"],
                         "timeline.start": _TAKEN["timeline"]["start"], "timeline.due": None,
                         "timeline.duration_weeks": str(_TAKEN["timeline"]["duration_weeks"])}
# two days before the base posting's start (a due date may not come before it)
DUE_BEFORE_START = (dt.date.fromisoformat(_sample(BASE_SOURCE)["timeline"]["start"])
                    - dt.timedelta(days=2)).isoformat()


@pytest.fixture(scope="module")
def board(tmp_path_factory) -> Path:
    """The sample postings as a board's own, with a board.yml that allows no unpaid work and converts EUR."""
    board = copy_board(tmp_path_factory.mktemp("parity") / "board")
    settings = yaml.safe_load((board / "board.yml").read_text(encoding="utf-8"))
    assert settings["pay_floor"] == 20 and settings["currency"] == "USD" and settings["exchange_rates"]["EUR"] == 1.08
    assert not settings.get("allow_unpaid")
    return board


@pytest.fixture(scope="module")
def page(board, tmp_path_factory):
    site = tmp_path_factory.mktemp("parity") / "site"
    built(mkdocs_build(board, site, TODAY))
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        failures: list[str] = []
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto(base + "/post/")
        yield page
        browser.close()
        assert failures == []


def base_answers(board: Path) -> dict:
    data = yaml.safe_load((board / "projects" / ORG / BASE_SOURCE).read_text(encoding="utf-8"))
    data["title"] = "Map how patients book their first appointment"
    return data


# (name, changes to the base answers: dotted path -> what is typed, None to leave the field empty)
CASES = [
    ("valid", {}),
    ("valid-hourly-eur-above-floor", {"compensation.type": "hourly", "compensation.amount": "19",
                                       "compensation.currency": "EUR"}),
    ("fixed-fee-below-floor", {"compensation.amount": "100", "hours": "10"}),
    ("hourly-below-floor", {"compensation.type": "hourly", "compensation.amount": "15.5"}),
    ("eur-fee-below-floor", {"compensation.amount": "150", "compensation.currency": "EUR", "hours": "10"}),
    ("valid-unknown-currency-not-checked", {"compensation.amount": "100", "compensation.currency": "JPY"}),
    ("valid-unlisted-skill", {"skills": ["Customer research", "Basket weaving"]}),
    ("valid-long-project", {"hours": "60", "compensation.amount": "1500"}),
    ("unpaid-refused", {"compensation.type": "unpaid", "compensation.amount": None, "compensation.currency": None}),
    ("unpaid-with-amount", {"compensation.type": "unpaid"}),
    ("hours-zero", {"hours": "0"}),
    ("hours-not-whole", {"hours": "10.5"}),
    ("hours-in-words", {"hours": "ten"}),
    ("title-too-short", {"title": "Short"}),
    ("apply-by-before-posted", {"timeline.apply_by": "2026-01-01"}),
    ("due-before-start", {"timeline.due": DUE_BEFORE_START}),
    ("no-end-date", {"timeline.due": None}),
    ("valid-duration-instead-of-due", {"timeline.due": None, "timeline.duration_weeks": "6"}),
    ("hybrid-without-city", {"location.city": None, "location.country": None}),
    ("country-lowercase", {"location.country": "us"}),
    ("apply-link-http", {"apply.url": "http://tidepool.example.com/apply"}),
    ("apply-link-with-space", {"apply.url": "https://tidepool.example.com/apply now"}),
    ("apply-email-malformed", {"apply.email": "jobs at tidepool"}),
    ("no-way-to-apply", {"apply.email": None}),
    ("skill-alias-and-repeat", {"skills": ["js", "User research", "User research"]}),
    ("owner-with-at", {"owners": ["@jonah-whitfield"]}),
    ("unknown-time-zone", {"location.timezones": ["America/New_Yrok"]}),
    ("placeholder-left", {"summary": "TODO write one sentence about the project for the card"}),
    # the same title is another posting when the place or the dates differ (generator/duplicates.py) ...
    ("valid-same-title-other-place-and-dates", {"title": TITLE_TAKEN}),
    # ... and the same posting twice when they are the same
    ("duplicate-title", {"title": TITLE_TAKEN, **TAKEN_PLACE_AND_DATES}),
    ("duplicate-title-other-case", {"title": TITLE_TAKEN.upper(), **TAKEN_PLACE_AND_DATES}),
    # one apply link behind two postings of one title, elsewhere: the link's host case and end slash do not count
    ("duplicate-apply-link", {"title": TITLE_TAKEN,
                              "apply.url": "https://Tidepool-Labs.example.com/careers/sms-reminders/"}),
    ("deliverable-too-short", {"deliverables": ["Note", "A ranked list of problems"]}),
    ("tag-not-lowercase", {"tags": ["Health Care"]}),
    ("mentorship-without-check-ins", {"mentorship.check_ins": None}),
    ("contact-email-malformed", {"contact.email": "jonah@"}),
    ("zero-width-space-in-title", {"title": "Map how patients\u200b book their first appointment"}),
    ("control-character-in-summary", {"summary": "Talk to the people who check patients in\x01 at eight clinics"}),
    ("direction-control-in-contact", {"contact.name": "Jonah \u202eWhitfield"}),
    ("valid-direction-control-in-description", {"description": "\u202eShown right to left, and long enough to be a "
                                                "description of the work on its own."}),
]


def fill_answers(page, answers: dict, prefix: str = "") -> None:
    for key, value in answers.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            fill_answers(page, value, path + ".")
        else:
            type_answer(page, path, value)


def type_answer(page, path: str, value) -> None:
    target = page.locator(f'[data-path="{path}"]')
    if target.get_attribute("data-type") == "multi":
        for box in target.locator("input").all():
            box.set_checked(box.get_attribute("value") in (value or []))
    elif target.evaluate("el => el.tagName") == "SELECT":
        target.select_option("" if value is None else str(value))
    elif isinstance(value, list):
        target.fill("\n".join(map(str, value)))
    else:
        target.fill("" if value is None else str(value).rstrip("\n"))


def form_verdict(page, answers: dict, changes: dict, new_org: dict | None = None) -> tuple[list[dict], dict]:
    page.evaluate("document.getElementById('mb-post-form').reset()")
    page.check(f'input[name="mb-org-kind"][value="{"new" if new_org else "existing"}"]')
    page.fill('[data-slug="organization-slug"]', "harbor-health-clinic" if new_org else ORG)
    page.fill('[data-slug="project-slug"]', SLUG)
    fill_answers(page, answers)
    if new_org:
        fill_answers(page, {"organization": new_org})
    for path, value in changes.items():
        type_answer(page, path, value)
    return page.evaluate("window.microboardFormProblems()"), page.evaluate("window.microboardFormFiles()")


def validator_verdict(board: Path, tmp_path: Path, files: dict) -> list[dict]:
    root = tmp_path / "board"
    shutil.copytree(board / "projects", root / "projects")
    shutil.copytree(board / "schema", root / "schema")
    shutil.copy(board / "board.yml", root / "board.yml")
    posting = root / files["where"]["file"]
    posting.parent.mkdir(parents=True, exist_ok=True)
    posting.write_text(files["yaml"], encoding="utf-8")
    checked = [posting]  # what a pull request adds, as the board's check validates it
    if files["orgYaml"]:
        (posting.parent / "organization.yaml").write_text(files["orgYaml"], encoding="utf-8")
        checked.append(posting.parent / "organization.yaml")
    settings = load_settings(root).with_today(TODAY.isoformat())
    result = validate_paths(checked, settings, root)
    made = {files["where"]["file"], str(Path(files["where"]["file"]).parent / "organization.yaml")}
    return [p.as_dict() for p in result.problems if p.file in made]


# The validator's "did you mean" suggestions come from difflib; the form gives the rest of the hint.
SUGGESTED = {"timezone-unknown": "use IANA", "skill-unknown": "see the skills list"}


def same_words(form: list[dict], validator: list[dict]) -> tuple[list, list]:
    """Both sides as sorted (severity, code, message, hint). The form does not judge the apply-by date against
    a day: whether it has passed is the reviewer's day's question, not the one the employer fills the form on."""
    def shown(problem: dict) -> tuple:
        hint = problem["hint"]
        if problem["code"] in SUGGESTED:
            hint = hint[hint.find(SUGGESTED[problem["code"]]):]
        return problem["severity"], problem["code"], problem["message"], hint
    validator = [p for p in validator if p["code"] != "apply-by-passed"]
    return sorted(map(shown, form)), sorted(map(shown, validator))


@pytest.mark.parametrize("name, changes", CASES, ids=[case[0] for case in CASES])
def test_the_form_and_the_validator_agree(page, board, tmp_path, name, changes):
    form, files = form_verdict(page, base_answers(board), changes)
    validator = validator_verdict(board, tmp_path, files)
    form_side, validator_side = same_words(form, validator)
    assert form_side == validator_side
    refused = any(severity == "error" for severity, *_ in form_side)
    assert refused is not name.startswith("valid")  # the corpus holds what it says: valid sets and each kind of broken one


@pytest.mark.parametrize("name, organization", [
    ("new-organization", {"name": "Harbor Health Clinic", "url": "https://harborhealth.example.org"}),
    ("new-organization-name-too-short", {"name": "H"}),
    ("new-organization-link-http", {"name": "Harbor Health Clinic", "url": "http://harborhealth.example.org"}),
])
def test_a_new_organization_is_checked_as_its_file_is(page, board, tmp_path, name, organization):
    form, files = form_verdict(page, base_answers(board), {}, new_org=organization)
    assert files["orgYaml"]
    validator = validator_verdict(board, tmp_path, files)
    form_side, validator_side = same_words(form, validator)
    assert form_side == validator_side
    assert any(severity == "error" for severity, *_ in form_side) is (name != "new-organization")


def test_a_fee_below_the_floor_is_refused_before_a_link_is_made(page, board):
    """100 USD for 10 hours is 10 USD an hour: the form says so, in the validator's words, and makes no link."""
    form_verdict(page, base_answers(board), {"compensation.amount": "100", "hours": "10"})
    page.click("button[type=submit]")
    page.wait_for_selector("#mb-post-form:not([aria-busy])", state="attached")
    assert page.locator("#mb-result").is_hidden()
    summary = page.locator("#mb-error-summary")
    assert summary.is_visible()
    assert summary.locator("a").all_text_contents() == [
        "the pay works out to 10 USD an hour, below this board's floor of 20 USD an hour"]
    error = page.locator('[data-field="compensation.amount"] .mb-error')
    assert "pay at least 20 USD an hour, so at least 200 USD for 10 hours, or reduce the estimated hours" in \
        error.text_content()
