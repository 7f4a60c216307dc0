"""The same board on Zensical: the sample board built by both engines publishes the same pages, posts and data.

Zensical is a test dependency (CI installs it from the lock), so these tests run everywhere the suite does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from site_fixtures import BUILD_DATE, ROOT, job_postings, launch_chromium, serve

TODAY = BUILD_DATE.isoformat()  # the browser's pages start on this day too (site_fixtures.launch_chromium)
ENGINE_FILES = {"search/search_index.json", "search.json", "sitemap.xml", "sitemap.xml.gz", "objects.inv"}  # each engine's own


def _build(engine: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", "--engine", engine, "--site-dir", str(out),
                           "--today", TODAY], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for engine in ("mkdocs", "zensical"):
        out = tmp_path_factory.mktemp(engine) / "site"
        done = _build(engine, out)
        assert done.returncode == 0, done.stdout + done.stderr
        built[engine] = out
    return built


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _board_files(site: Path) -> dict[str, bytes]:
    """The board's own data files (feeds, calendar, API, schema), not the engine's assets or search index."""
    found = {}
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and path.suffix in (".xml", ".json", ".ics") and relative not in ENGINE_FILES:
            found[relative] = path.read_bytes()
    return found


def test_both_engines_publish_the_same_urls_and_the_same_data_files(sites):
    mkdocs, zensical = sites["mkdocs"], sites["zensical"]
    assert _pages(mkdocs) == _pages(zensical)
    assert len([p for p in _pages(mkdocs) if p.startswith("projects/")]) == 30
    files = _board_files(mkdocs)
    assert {"feed.xml", "feed.json", "deadlines.ics", "projects.json", "board.json"} <= set(files)
    assert files == _board_files(zensical), "feeds, calendar and API are the same bytes"
    for asset in ("assets/microboard/board.js", "assets/microboard/microboard.css"):
        assert (zensical / asset).read_bytes() == (ROOT / "generator" / asset).read_bytes()


def test_postings_organizations_fields_and_skills_are_the_same_documents_from_both_engines(sites):
    documents = sorted(p for p in _pages(sites["mkdocs"])
                       if p.split("/")[0] in ("projects", "organizations", "fields", "skills") and p.count("/") >= 2)
    assert len([p for p in documents if p.startswith("projects/")]) == 30 and "organizations/brightloop/index.html" in documents
    for page in documents:
        texts = {engine: (site / page).read_text(encoding="utf-8") for engine, site in sites.items()}
        assert texts["mkdocs"] == texts["zensical"], page
        assert texts["mkdocs"].startswith("<!doctype html>") and texts["mkdocs"].count("<h1") == 1, page
        if page.startswith("projects/") and 'itemtype="https://schema.org/JobPosting"' in texts["mkdocs"]:
            [posting] = job_postings(texts["mkdocs"])  # the same page from both: the same JobPosting
            assert posting["title"] and posting["validThrough"]
    sitemaps = {engine: (site / "sitemap.xml").read_text(encoding="utf-8") for engine, site in sites.items()}
    for engine, sitemap in sitemaps.items():
        assert "<loc>https://example-org.github.io/microboard/organizations/brightloop/</loc>" in sitemap, engine
        assert sitemap.count("/microboard/projects/") == 30, engine


def test_the_site_search_of_zensical_leaves_postings_to_the_boards_own_index_as_mkdocs_does(sites):
    index = json.loads((sites["zensical"] / "search.json").read_text(encoding="utf-8"))
    locations = {item["location"].split("#")[0] for item in index["items"]}
    assert "students/" in locations, "the hand-written pages are in Zensical's search"
    assert not any(place.startswith("projects/") for place in locations), "postings are in search/, not here"
    assert "" not in locations, "the board page is excluded from the site search, as with MkDocs"
    assert {"organizations/brightloop/", "fields/data/", "skills/sql/"} <= locations, "found as with MkDocs"
    assert (sites["zensical"] / "search" / "index.json").read_bytes() == (sites["mkdocs"] / "search" / "index.json").read_bytes()


def test_the_boards_filters_work_in_chromium_on_both_engines(sites):
    projects = json.loads((sites["mkdocs"] / "projects.json").read_text(encoding="utf-8"))["projects"]
    expected = sorted(p["id"] for p in projects if p["field"] == "data" and p["location"]["type"] == "remote")
    assert expected, "the samples have remote data postings"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for engine, site in sites.items():
                with serve(site) as base:
                    page = browser.new_page()
                    page.goto(f"{base}/?field=data&remote=1")
                    page.wait_for_function("n => document.querySelectorAll('#mb-results .mb-card').length === n",
                                           arg=len(expected), timeout=10_000)
                    links = page.eval_on_selector_all("#mb-results a[href*='projects/']", "as => as.map(a => a.href)")
                    shown = {re.search(r"/projects/([^/]+/[^/]+)/", href).group(1) for href in links}
                    assert sorted(shown) == expected, engine
                    page.close()
        finally:
            browser.close()


def test_running_zensical_directly_fails_and_points_at_the_way_to_build(tmp_path):
    """`zensical build` runs no plugin of ours: instead of a site without the board, it stops with an error."""
    import shutil

    for name in ("mkdocs.yml", "board.yml"):
        shutil.copyfile(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    done = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode != 0
    assert "index.md" in done.stdout + done.stderr
    assert not (tmp_path / "site" / "index.html").exists(), "no board-less home page was published"
    assert "python -m generator build --engine zensical" in (tmp_path / "docs" / "index.md").read_text()
