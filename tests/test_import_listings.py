"""benchmarks/import_listings.py: a public internship list in SimplifyJobs' shape becomes a board the
checker judges, and the counts by code say what real data runs into."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

DAY = 86_400
POSTED = 1_727_740_800  # 2024-10-01


def listing(title: str, locations: list[str], *, active: bool = True, url: str = "", terms=("Summer 2025",),
            company: str = "Harry's Trains", posted: int = POSTED) -> dict:
    return {"company_name": company, "title": title, "locations": locations, "terms": list(terms),
            "active": active, "url": url or f"https://jobs.example.com/{len(title)}-{len(locations[0])}",
            "date_posted": posted, "date_updated": posted + DAY, "company_url": "https://simplify.jobs/c/x",
            "sponsorship": "Other", "id": "x", "source": "Simplify", "is_visible": True}


def run(tmp_path: Path, listings: list[dict]) -> dict:
    source = tmp_path / "listings.json"
    source.write_text(json.dumps(listings), encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "import_listings.py"), str(source),
                           "--out", str(tmp_path / "board"), "--json", str(tmp_path / "counts.json"),
                           "--today", "2024-10-24"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "| code | count |" in done.stdout
    return json.loads((tmp_path / "counts.json").read_text(encoding="utf-8"))


def test_a_new_season_and_another_city_are_not_duplicates_but_a_repeat_is(tmp_path):
    counts = run(tmp_path, [
        listing("Software Engineer Intern", ["Chicago, IL"], active=False, terms=["Summer 2024"],
                url="https://jobs.example.com/2024", posted=POSTED - 300 * DAY),
        listing("Software Engineer Intern", ["Chicago, IL"], url="https://jobs.example.com/chicago"),
        listing("Software Engineer Intern", ["Toronto, ON, Canada"], url="https://jobs.example.com/toronto"),
        listing("Software Engineer Intern", ["Chicago, IL"], url="https://jobs.example.com/again",
                posted=POSTED + DAY),
    ])
    assert counts["listings"] == counts["postings"] == 4
    assert counts["errors"] == {"duplicate-posting": 1} and counts["postings_refused"] == 1
    board = tmp_path / "board" / "projects" / "harry-s-trains"
    assert yaml.safe_load((board / "organization.yaml").read_text()) == {"name": "Harry's Trains",
                                                                        "owners": ["board-maintainer"]}
    toronto = next(yaml.safe_load(p.read_text()) for p in board.glob("*.yaml")
                   if "Toronto" in p.read_text())
    assert toronto["location"] == {"type": "on-site", "city": "Toronto", "country": "CA", "region": "ON"}
    assert toronto["timeline"] == {"apply_by": "2024-11-23", "start": "2025-06-01", "due": "2025-08-31"}


def test_what_the_list_lacks_is_counted_by_code(tmp_path):
    counts = run(tmp_path, [
        listing("Data Analyst Intern", ["Remote"]),
        listing("Quant Research Intern", ["Remote in USA"]),
        listing("Finance Intern", ["United States"]),
        listing("Intern", ["Austin, TX"]),
        listing("Marketing Intern", ["NYC"], url="http://jobs.example.com/marketing"),
    ])
    assert counts["warnings"] == {"remote-without-country": 1}
    assert counts["errors"] == {"missing-field": 2, "bad-length": 1, "not-https": 1}
    assert counts["postings_refused"] == 3
