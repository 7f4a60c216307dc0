"""A first-time employer posts the co-op's survey project with the web form, starting from the home page.

Played as a person would: find the "Post a project" action on the board, say the organization is new,
fill the fields by their visible labels, press the button once, and take the files the form makes. The
files then go through the real validator: valid on the first attempt. The steps are counted for the
employers' guide (tests/test_employer_walkthrough.py holds the same project for the other routes).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import sync_playwright

from tests.conftest import TODAY
from tests.site_fixtures import copy_board, launch_chromium, mkdocs_build, built, serve
from tests.test_employer_walkthrough import APPLY_BY, CO_OP, _assert_the_co_op_posting

# what the employer types, field by visible label, in the order the form asks
TYPED = [
    ("Organization short name", "northside-food-co-op"),
    ("Project short name", "analyze-our-member-survey"),
    ("Organization name", CO_OP["Organization name"]),
    ("Organization website", CO_OP["Organization website"]),
    ("About the organization", CO_OP["About the organization"]),
    ("Title", CO_OP["Title"]),
    ("Summary", CO_OP["Summary"]),
    ("Description", CO_OP["Description"]),
    ("Deliverables", CO_OP["Deliverables"]),
    ("Skills", CO_OP["Skills"]),
    ("Estimated hours", CO_OP["Estimated hours"]),
    ("Owners", CO_OP["Owners"]),
    ("Apply by", APPLY_BY.isoformat()),
    ("Duration in weeks", CO_OP["Duration in weeks"]),
    ("Amount", CO_OP["Amount"]),
    ("Currency", CO_OP["Currency"]),
    ("Country", CO_OP["Country"]),
    ("Mentor", CO_OP["Mentor"]),
    ("Application e-mail", CO_OP["Application e-mail"]),
]
CHOSEN = [("Field", "data"), ("Pay type", "fixed"), ("Work arrangement", "remote"), ("Check-ins", "weekly"),
          ("Status", "open")]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    board = copy_board(tmp_path_factory.mktemp("walk") / "board")
    out = tmp_path_factory.mktemp("walk") / "site"
    built(mkdocs_build(board, out, TODAY))
    return out


def _field(page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\b"), exact=False).first


def test_a_first_time_employer_posts_with_the_web_form_from_the_home_page(site, tmp_path):
    steps: list[str] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/")
        steps.append("open the board")
        page.get_by_role("link", name="Post a project").first.click()
        steps.append("follow Post a project")
        page.wait_for_url(re.compile(r"/post/"))
        page.get_by_role("radio", name=re.compile("^No: this posting introduces it")).check()
        steps.append("say the organization is new")
        for label, value in TYPED:
            field = _field(page, label)
            field.fill(value)
            steps.append(f"type {label}")
        for label, value in CHOSEN:
            _field(page, label).select_option(value)
            steps.append(f"choose {label}")
        page.get_by_role("button", name="Check and make the posting").click()
        steps.append("press Check and make the posting")
        page.wait_for_selector("#mb-result:not([hidden])", timeout=10_000)
        summary = page.locator(".mb-error-summary")
        assert summary.count() == 0 or not summary.first.is_visible(), summary.first.inner_text()
        posting = page.locator("#mb-yaml").input_value()
        organization = page.locator("#mb-org-yaml").input_value()
        path = page.locator("#mb-result-path").inner_text()
        browser.close()
    assert "projects/northside-food-co-op/analyze-our-member-survey.yaml" in path
    board = tmp_path / "board"
    target = board / "projects" / "northside-food-co-op"
    target.mkdir(parents=True)
    (target / "analyze-our-member-survey.yaml").write_text(posting, encoding="utf-8")
    (target / "organization.yaml").write_text(organization, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "--format", "json", "--today",
                           TODAY.isoformat()], cwd=board, capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and [p for p in report["problems"] if p["severity"] == "error"] == [], report
    data = yaml.safe_load(posting)
    _assert_the_co_op_posting(data)
    assert data["owners"] == ["rosa-diaz"]
    # one pass: the form took the answers as typed, and nothing needed a second attempt
    assert len(steps) == 3 + len(TYPED) + len(CHOSEN) + 1
