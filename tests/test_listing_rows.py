"""Organization, field and skill pages list a compact row per posting (title, organization, hours, pay, place,
apply-by, written as the cards write them); their feeds carry the newest postings' summaries and facts as text; the data
files are written compactly and read back the same."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path

import feedparser
import lxml.html
import pytest

from generator.formats import day_text, hours_text
from generator.settings import Settings
from generator.site import build_outputs
from generator.site.feeds import FACET_FEED_LIMIT
from generator.validate import validate_paths
from tests.conftest import ROOT, TODAY, place

VALID = (ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8")
COUNT = 55  # a page of 50 rows and five on a second; more postings than a facet feed holds
DESCRIPTION = "Our coordinators track volunteer hours in spreadsheets."


def posting(n: int) -> str:
    """Posting n was posted n days before the build: posting 0 is the newest."""
    return (VALID.replace("title: Build a volunteer-hours dashboard", f"title: Build volunteer dashboard number {n:03}")
            .replace("/jobs/dashboard", f"/jobs/{n}")
            .replace('posted: "2026-10-01"', f'posted: "{(TODAY - dt.timedelta(days=n)).isoformat()}"'))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    board = tmp_path_factory.mktemp("rows")
    (board / "projects").mkdir()
    for n in range(COUNT):
        place(board, posting(n), f"projects/green-valley/dashboard-{n:03}.yaml")
    settings = Settings(today=TODAY, board_page_size=50)
    result = validate_paths([board / "projects"], settings, board)
    assert result.ok, result.errors
    outputs = {o.path: o.text() for o in build_outputs(result.projects, settings, TODAY)}
    return {p.title: p for p in result.projects}, outputs


def rows(outputs: dict, path: str) -> list:
    return lxml.html.document_fromstring(outputs[path]).xpath("//ol[@class='mb-rows']/li[@class='mb-row']")


@pytest.mark.parametrize("folder", ["fields/data/", "skills/python/", "organizations/green-valley/"])
def test_listing_pages_show_a_row_per_posting_with_the_facts_the_cards_show(built, folder):
    projects, outputs = built
    first, second = rows(outputs, folder + "index.html"), rows(outputs, folder + "page/2/index.html")
    assert [len(first), len(second)] == [50, COUNT - 50]
    assert "mb-card" not in outputs[folder + "index.html"]  # no card markup on listing pages
    for row in first + second:
        link = row.xpath("h3/a")[0]
        project = projects[link.text_content()]
        page_folder = folder if row in first else folder + "page/2/"
        assert posixpath.normpath(posixpath.join(page_folder, link.get("href"))) + "/" == project.url_path
        facts = row.xpath("p")[0]
        text = facts.text_content()
        expected = [hours_text(project.hours, project.weeks), project.pay_text, project.location_text,
                    f"Apply by {day_text(project.apply_by)}"]
        assert all(f" {fact}" in f" {text}" for fact in expected), text
        assert facts.xpath("time[contains(@class, 'mb-slot-deadline')]")[0].get("datetime") == project.apply_by.isoformat()
        organization = [a.text_content() for a in facts.xpath("a")]
        # a field's or a skill's rows name the organization; its own page does not repeat it on every row
        assert organization == ([] if folder.startswith("organizations/") else ["Green Valley Food Bank"])


def test_rows_mark_new_postings_with_the_day_they_were_posted(built):
    projects, outputs = built
    marks = {}
    for row in rows(outputs, "skills/python/index.html"):
        badge = row.xpath(".//*[contains(@class, 'mb-new')]")
        marks[row.xpath("h3/a")[0].text_content()] = badge[0].get("datetime") if badge else None
    assert marks["Build volunteer dashboard number 000"] == TODAY.isoformat()
    assert marks["Build volunteer dashboard number 006"] == (TODAY - dt.timedelta(days=6)).isoformat()
    assert marks["Build volunteer dashboard number 007"] is None  # a week old: no longer new
    assert all(projects[title].posted.isoformat() == day for title, day in marks.items() if day)


def feed_items(outputs: dict, folder: str) -> tuple[list, list]:
    atom = feedparser.parse(outputs[folder + "feed.xml"])
    assert not atom.bozo, atom.bozo_exception
    return atom.entries, json.loads(outputs[folder + "feed.json"])["items"]


@pytest.mark.parametrize("folder", ["fields/data/", "skills/python/", "organizations/green-valley/"])
def test_a_facet_feed_carries_the_newest_postings_summaries_and_facts(built, folder):
    projects, outputs = built
    entries, items = feed_items(outputs, folder)
    newest = [f"Build volunteer dashboard number {n:03}" for n in range(FACET_FEED_LIMIT)]
    assert [e.title for e in entries] == [i["title"] for i in items] == newest
    for entry, item in zip(entries, items):
        project = projects[item["title"]]
        assert "content" not in entry and "content_html" not in item  # the page has the description
        for text in (entry.summary, item["content_text"]):
            assert text.startswith(project.summary) and f"Pay: {project.pay_text}" in text and "800 USD" in text
            assert f"Hours: {project.hours} hours" in text and "Place: Remote" in text
            assert "Apply by: 1 March 2036" in text and DESCRIPTION not in text
        assert item["_microboard"]["apply_by"] == "2036-03-01" and item["url"].endswith(project.url_path)


def test_the_boards_own_feed_keeps_each_postings_description(built):
    _, outputs = built
    entries, items = feed_items(outputs, "")
    assert len(entries) == len(items) == COUNT
    assert all(DESCRIPTION in item["content_html"] for item in items)
    assert all(DESCRIPTION in entry.content[0].value for entry in entries)


def test_projects_json_is_written_compactly_and_reads_back_whole(built):
    projects, outputs = built
    text = outputs["projects.json"].decode("utf-8")  # files are kept as the bytes they are written as
    assert text.count("\n") == 1 and '": ' not in text.split('"projects"')[0]  # one line, no padding
    data = json.loads(text)
    assert data["version"] == 1 and data["count"] == COUNT == len(data["projects"])
    assert {p["title"] for p in data["projects"]} == set(projects)
    assert all(p["description_html"].startswith("<p>" + DESCRIPTION) for p in data["projects"])
