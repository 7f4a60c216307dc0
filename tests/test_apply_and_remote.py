"""The apply button names where it goes; remote postings say which countries they are open to."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.settings import Settings
from generator.site import build_outputs
from generator.validate import validate_paths
from tests.conftest import ROOT, TODAY, place
from tests.site_fixtures import job_postings

VALID = (ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8")
SETTINGS = Settings(today=TODAY)


def organization(board: Path, name: str, url: str | None) -> None:
    folder = board / "projects" / "employer"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"name: {json.dumps(name)}"] + ([f"url: {url}"] if url else []) + ["owners: [dana-ruiz]"]
    (folder / "organization.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def posting_page(board: Path, text: str) -> str:
    place(board, text, "projects/employer/dashboard.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.ok, result.errors
    outputs = {o.path: o for o in build_outputs(result.projects, SETTINGS, TODAY)}
    return str(outputs["projects/employer/dashboard/index.html"].text())


def apply_button(page: str) -> str:
    return re.search(r'<a class="md-button md-button--primary" href="[^"]*"[^>]*>([^<]*)</a>', page).group(1)


@pytest.mark.parametrize("name, org_url, apply_url, expected", [
    ("Harry's", "https://harrys.example.org", "https://harrys.example.org/jobs/1", "Apply on Harry's site"),
    ("Harry’s", "https://harrys.example.org", "https://www.harrys.example.org/jobs", "Apply on Harry’s site"),
    ("Harry’s Diner", "https://harrys.example.org", "https://harrys.example.org/", "Apply on Harry’s Diner’s site"),
    ("Friends of the Ross'", "https://ross.example.org", "https://ross.example.org/apply", "Apply on Friends of the Ross' site"),
    ("Green Valley Food Bank", "https://greenvalley.example.org", "https://jobs.greenvalley.example.org/1",
     "Apply on Green Valley Food Bank’s site"),
    ("Autodesk", "https://www.autodesk.com", "https://autodesk.wd1.myworkdayjobs.com/Ext/job/Intern_R1",
     "Apply on myworkdayjobs.com"),
    ("Acme Trains", None, "https://boards.greenhouse.io/acme/jobs/12", "Apply on greenhouse.io"),
    ("Acme UK", "https://acme.example.co.uk", "https://careers.acme.example.co.uk/1", "Apply on Acme UK’s site"),
])
def test_the_apply_button_names_the_site_it_opens(board, name, org_url, apply_url, expected):
    organization(board, name, org_url)
    page = posting_page(board, VALID.replace("https://greenvalley.example.org/jobs/dashboard", apply_url))
    assert apply_button(page).replace("&#39;", "'") == expected


def test_a_remote_posting_without_a_country_gets_a_warning_at_its_location(board):
    text = VALID.replace("eligibility:\n  countries: [US]\n", "")
    place(board, text, "projects/green-valley/dashboard.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert [(p.code, p.severity, p.line) for p in result.problems] == [("remote-without-country", "warning", 24)]
    place(board, text.replace("  type: remote\n", "  type: remote\n  country: CA\n"), "projects/green-valley/dashboard.yaml")
    assert validate_paths([board / "projects"], SETTINGS, board).problems == []


@pytest.mark.parametrize("where, expected", [
    ("eligibility:\n  countries: [US, CA]\n", ["US", "CA"]),
    ("", ["GB"]),
])
def test_the_job_posting_names_the_countries_a_remote_posting_is_open_to(board, where, expected):
    organization(board, "Green Valley", "https://greenvalley.example.org")
    text = VALID.replace("eligibility:\n  countries: [US]\n", where)
    text = text.replace("  type: remote\n", "  type: remote\n  country: GB\n") if not where else text
    page = posting_page(board, text)
    [data] = job_postings(page)
    assert data["jobLocationType"] == "TELECOMMUTE"
    countries = data["applicantLocationRequirements"]  # one Country, or a list of them
    assert [c["name"] for c in (countries if isinstance(countries, list) else [countries])] == expected
