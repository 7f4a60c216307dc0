"""The sample board built with `mkdocs build --strict` and the repository's mkdocs.yml, then read back as files."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from icalendar import Calendar

from generator.site.board_data import read_board

from site_fixtures import (BUILD_DATE, ROOT, built, copy_board, job_postings, load_open_keys, mkdocs_build,
                           page_path, parse_html, sample_board)

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example-org.github.io/microboard/"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_board(tmp_path_factory.mktemp("sample") / "board")


@pytest.fixture(scope="module")
def site(sample: Path) -> Path:
    site = sample.parent / "site"
    built(mkdocs_build(sample, site))
    return site


@pytest.fixture(scope="module")
def keys(sample: Path) -> tuple[set[str], set[str]]:
    open_keys, closed_keys = load_open_keys(sample)
    assert open_keys and closed_keys, "the samples should hold open and closed postings"
    return open_keys, closed_keys


def board_keys(site: Path) -> list[str]:
    """Posting keys on every server-rendered page of the board, in order."""
    pages = [site / "index.html", *sorted((site / "page").glob("*/index.html"),
                                          key=lambda p: int(p.parent.name))] if (site / "page").is_dir() \
        else [site / "index.html"]
    found = []
    for page in pages:
        for link in parse_html(page).with_class("mb-slot-title"):
            href = link.attrs["href"]
            if href != "#":
                found.append(re.search(r"projects/([^/]+/[^/]+)/", href).group(1))
    return found


def test_the_board_lists_exactly_the_open_postings_newest_first(site, keys):
    open_keys, closed_keys = keys
    listed = board_keys(site)
    assert sorted(listed) == sorted(open_keys)
    rows = read_board(site)
    assert [row["key"] for row in rows] == listed
    assert [f"{row['org']}/{row['slug']}" for row in rows] == listed
    posted = [row["posted"] for row in rows]
    assert posted == sorted(posted, reverse=True)
    assert not set(listed) & closed_keys


def test_the_board_has_a_live_count_and_works_without_javascript(site, keys):
    page = parse_html(site / "index.html")
    count = page.find("p", id="mb-count")[0]
    assert count.attrs["aria-live"] == "polite"
    assert "hidden" in page.find("form", id="mb-filters")[0].attrs  # shown by the script only
    assert page.find("template", id="mb-card-template")
    assert any(s.attrs.get("src", "").endswith("assets/microboard/board.js") for s in page.scripts)
    assert (site / "assets/microboard/board.js").is_file() and (site / "assets/microboard/microboard.css").is_file()


def test_closed_postings_keep_their_page_with_a_banner_noindex_and_no_job_posting(site, keys):
    _, closed_keys = keys
    for key in closed_keys:
        page = parse_html(page_path(site, f"projects/{key}"))
        assert page.with_class("mb-closed"), key
        assert page.find("meta", name="robots")[0].attrs["content"] == "noindex"
        assert job_postings(page_path(site, f"projects/{key}")) == []
        assert not page.with_class("md-button--primary"), f"{key} still has an apply button"


def test_every_open_posting_page_is_one_valid_job_posting_in_microdata(site, keys):
    open_keys, _ = keys
    for key in open_keys:
        page = parse_html(page_path(site, f"projects/{key}"))
        assert not page.find("meta", name="robots")
        [data] = job_postings(page_path(site, f"projects/{key}"))
        assert data["@type"] == "JobPosting" and data["employmentType"] == "INTERN"
        for name in ("title", "description", "datePosted", "validThrough", "hiringOrganization"):
            assert data[name], (key, name)
        assert data["hiringOrganization"]["name"]
        assert data["url"] == f"{SITE_URL}projects/{key}/"
        assert dt.date.fromisoformat(data["validThrough"][:10]) >= BUILD_DATE
        if data.get("jobLocationType") == "TELECOMMUTE":
            assert "jobLocation" not in data
        else:
            address = data["jobLocation"]["address"]
            assert address["@type"] == "PostalAddress" and address["addressLocality"] and address["addressCountry"]
        salary = data.get("baseSalary")
        if salary:
            assert salary["@type"] == "MonetaryAmount" and salary["currency"] and float(salary["value"]["value"]) > 0
        # what the markup says is what the page shows: the title is the page's own heading
        [heading] = page.find("h1")
        assert heading.attrs.get("itemprop") == "title"


def test_feeds_list_open_postings_newest_first_with_site_url_links(site, keys):
    open_keys, _ = keys
    atom = ET.parse(site / "feed.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").attrib["href"] for e in entries]
    assert all(link.startswith(SITE_URL + "projects/") for link in links)
    assert {link.removeprefix(SITE_URL + "projects/").rstrip("/") for link in links} == open_keys
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    feed = json.loads((site / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == SITE_URL + "feed.json"
    assert [item["url"] for item in feed["items"]] == links
    for field_feed in (site / "fields").glob("*/feed.xml"):
        field = field_feed.parent.name
        for entry in ET.parse(field_feed).getroot().findall(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}category").attrib["term"] == field


def test_the_deadline_calendar_has_one_all_day_event_per_open_posting(site, keys):
    open_keys, _ = keys
    calendar = Calendar.from_ical((site / "deadlines.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(open_keys)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert event.decoded("DTEND") - start == dt.timedelta(days=1)
        assert str(event["URL"]).startswith(SITE_URL)


def test_projects_json_matches_the_open_postings(site, keys):
    open_keys, _ = keys
    data = json.loads((site / "projects.json").read_text())
    assert data["version"] == 1 and data["generated"] == BUILD_DATE.isoformat()
    assert data["count"] == len(open_keys) == len(data["projects"])
    assert {p["id"] for p in data["projects"]} == open_keys
    assert all(p["status"] == "open" for p in data["projects"])
    schema = json.loads((site / "schema/project.schema.json").read_text())
    assert schema == json.loads((ROOT / "schema/project.schema.json").read_text())


def test_facet_pages_and_the_sitemap_cover_every_posting(site, keys):
    open_keys, closed_keys = keys
    sitemap = (site / "sitemap.xml").read_text()
    for key in open_keys | closed_keys:
        assert f"{SITE_URL}projects/{key}/" in sitemap
        org = key.split("/")[0]
        assert page_path(site, f"organizations/{org}").is_file()
    for key in closed_keys:  # past postings are listed on their organization's page
        org_page = page_path(site, f"organizations/{key.split('/')[0]}").read_text()
        assert f"projects/{key}/" in org_page
    data = json.loads((site / "board.json").read_text())
    for field, _ in data["fields"]:
        assert page_path(site, f"fields/{field}").is_file() and (site / f"fields/{field}/feed.xml").is_file()
    for _, slug in data["skills"]:
        assert page_path(site, f"skills/{slug}").is_file()


def test_posting_pages_are_not_in_the_navigation_and_the_posting_index_holds_them(site, keys):
    open_keys, closed_keys = keys
    key = sorted(open_keys)[0]
    text = page_path(site, f"projects/{key}").read_text()
    assert not [other for other in open_keys | closed_keys if other != key and f"projects/{other}/" in text]
    index = json.loads((site / "search/search_index.json").read_text())
    locations = [d["location"] for d in index["docs"]]
    assert not any(location.startswith("projects/") for location in locations)
    rows = [row for n in range(len(open_keys)) if (site / f"search/rows-{n}.json").is_file()
            for row in json.loads((site / f"search/rows-{n}.json").read_text())]
    assert {row[0] for row in rows} == {f"projects/{k}/" for k in open_keys}


def test_no_page_asks_another_host_for_anything(site):
    for page in [site / "index.html", *list((site / "projects").glob("*/*/index.html"))[:5]]:
        for element in parse_html(page).elements:
            for name in ("src",) + (("href",) if element.tag == "link" else ()):
                value = element.attrs.get(name) or ""
                # a canonical or feed address, or a Microdata value (<link itemprop>): named, never fetched
                assert not value.startswith(("http://", "https://", "//")) or element.attrs.get("rel") in (
                    "canonical", "alternate") or "itemprop" in element.attrs, (page, element)


def test_the_cli_builds_the_same_site_with_a_build_date(tmp_path):
    import subprocess
    import sys

    board = copy_board(tmp_path / "board")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(tmp_path / "out"),
                             "--today", "2040-12-31", "--strict"], cwd=board, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out/projects.json").read_text())
    assert data["generated"] == "2040-12-31" and data["count"] == 0  # every sample has closed by then
    assert "No projects are open right now" in (tmp_path / "out/index.html").read_text()


def test_a_validation_error_fails_a_strict_build_with_the_validators_messages(tmp_path):
    board = copy_board(tmp_path / "board")
    broken = board / "projects/brightloop/zz-below-the-floor.yaml"
    broken.write_bytes((ROOT / "tests/broken/pay-below-floor.yaml").read_bytes())
    result = mkdocs_build(board, tmp_path / "site", strict=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"projects/brightloop/zz-below-the-floor\.yaml:\d+:\d+: error: .*\[pay-below-floor\]", output)
    assert "Traceback" not in output
