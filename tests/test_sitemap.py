"""The sitemap lists the engine's pages and Microboard's documents; past the protocol's 50,000 addresses a file,
sitemap.xml becomes a sitemap index of files that each stay within it. Read back with lxml."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
from pathlib import Path

from lxml import etree

from generator.site import document
from generator.site.outputs import DOCUMENT, Output, SiteOptions

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://example-org.github.io/microboard/"
TODAY = dt.date(2026, 12, 1)


def engine_sitemap(site: Path, pages: int) -> None:
    """A sitemap as MkDocs' theme writes it, and its .gz copy."""
    entries = "".join(f"    <url>\n         <loc>{SITE_URL}page-{n}/</loc>\n         <lastmod>2026-11-30</lastmod>\n"
                      f"    </url>\n" for n in range(pages))
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + entries + "</urlset>")
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode()))


def documents(count: int) -> list[Output]:
    return [Output(f"projects/org-{n % 7}/posting-{n}/index.html", lambda: "", DOCUMENT) for n in range(count)]


def locations(path: Path, tag: str) -> list[str]:
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{NS}{tag}"
    return [loc.text for loc in root.iter(f"{NS}loc")]


def test_the_documents_join_the_engines_sitemap(tmp_path):
    engine_sitemap(tmp_path, 3)
    document.add_to_sitemap(tmp_path, documents(4), SiteOptions(site_url=SITE_URL), TODAY)
    listed = locations(tmp_path / "sitemap.xml", "urlset")
    assert listed == [f"{SITE_URL}page-{n}/" for n in range(3)] + [
        f"{SITE_URL}projects/org-{n % 7}/posting-{n}/" for n in range(4)]
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()) == (tmp_path / "sitemap.xml").read_bytes()
    assert not list(tmp_path.glob("sitemap-*.xml"))


def test_past_the_limit_the_sitemap_becomes_an_index_of_files_within_it(tmp_path, monkeypatch):
    monkeypatch.setattr(document, "SITEMAP_LIMIT", 10)
    engine_sitemap(tmp_path, 6)
    before = tmp_path / "before"
    before.mkdir()
    shutil.copy(tmp_path / "sitemap.xml", before / "sitemap.xml")
    document.add_to_sitemap(tmp_path, documents(19), SiteOptions(site_url=SITE_URL), TODAY)
    parts = locations(tmp_path / "sitemap.xml", "sitemapindex")
    assert parts == [f"{SITE_URL}sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = []
    for n in (1, 2, 3):
        part = locations(tmp_path / f"sitemap-{n}.xml", "urlset")
        assert 0 < len(part) <= 10
        listed += part
    assert listed == locations(before / "sitemap.xml", "urlset") + [
        f"{SITE_URL}projects/org-{n % 7}/posting-{n}/" for n in range(19)]
    lastmods = etree.parse(str(tmp_path / "sitemap-1.xml")).getroot().findall(f"{NS}url/{NS}lastmod")
    assert lastmods[0].text == "2026-11-30" and lastmods[-1].text == TODAY.isoformat()  # each keeps its own day
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()) == (tmp_path / "sitemap.xml").read_bytes()


def test_without_a_site_url_there_is_no_sitemap_to_add_to(tmp_path):
    engine_sitemap(tmp_path, 2)
    before = (tmp_path / "sitemap.xml").read_bytes()
    document.add_to_sitemap(tmp_path, documents(3), SiteOptions(site_url=None), TODAY)
    assert (tmp_path / "sitemap.xml").read_bytes() == before
