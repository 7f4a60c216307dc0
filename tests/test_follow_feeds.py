"""Feeds to follow what a student filtered: per field, skill, organization and remote, in Atom and JSON
Feed, read back with feedparser; a deadlines calendar per field, read back with icalendar."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from lxml import etree

from generator.model import LOCATION_LABELS, long_date


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def open_postings(site: Path) -> list[dict]:
    return json.loads((site / "projects.json").read_text(encoding="utf-8"))["projects"]


@pytest.fixture(scope="module")
def skill_slugs(site: Path) -> dict[str, str]:
    return dict(json.loads((site / "board.json").read_text(encoding="utf-8"))["skills"])


def feed_urls(site: Path, folder: str) -> tuple[set[str], set[str]]:
    atom = feedparser.parse((site / folder / "feed.xml").read_bytes())
    assert not atom.bozo, atom.bozo_exception
    assert atom.version == "atom10"
    data = json.loads((site / folder / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"].endswith(folder + "feed.json")
    return {e.link for e in atom.entries}, {item["url"] for item in data["items"]}


def test_every_feed_lists_exactly_the_open_postings_it_names(site, open_postings, skill_slugs):
    groups: dict[str, set[str]] = {"": {p["url"] for p in open_postings},
                                   "remote/": {p["url"] for p in open_postings if p["location"]["type"] == "remote"}}
    for p in open_postings:
        groups.setdefault(f"fields/{p['field']}/", set()).add(p["url"])
        groups.setdefault(f"organizations/{p['organization']['slug']}/", set()).add(p["url"])
        for skill in p["skills"]:
            groups.setdefault(f"skills/{skill_slugs[skill]}/", set()).add(p["url"])
    assert len(groups["remote/"]) and len(groups) > 20
    for folder, expected in groups.items():
        atom, json_feed = feed_urls(site, folder)
        assert atom == json_feed == expected, folder


def test_feed_entries_carry_the_summary_hours_pay_place_and_apply_by_date(site, open_postings):
    by_url = {p["url"]: p for p in open_postings}
    atom = feedparser.parse((site / "remote/feed.xml").read_bytes())
    data = json.loads((site / "remote/feed.json").read_text(encoding="utf-8"))
    texts = [(e.link, e.summary, e.content[0].value) for e in atom.entries]
    texts += [(item["url"], item["summary"], item["content_html"]) for item in data["items"]]
    assert texts
    for url, summary, content in texts:
        p = by_url[url]
        apply_by = long_date(dt.date.fromisoformat(p["timeline"]["apply_by"]))
        for text in (summary, content):
            assert p["summary"] in summary
            assert f"{p['hours']} hours" in text and p["pay"]["text"] in text
            assert LOCATION_LABELS[p["location"]["type"]] in text and apply_by in text


def test_atom_feeds_show_a_readable_page_that_explains_how_to_subscribe(site):
    for path in [site / "feed.xml", site / "remote/feed.xml", *sorted(site.glob("skills/*/feed.xml"))[:3]]:
        head = path.read_bytes()[:300].decode("utf-8")
        href = re.search(r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', head).group(1)
        stylesheet = (path.parent / href).resolve()
        assert stylesheet == (site / "assets/microboard/feed.xsl").resolve() and stylesheet.is_file()
        page = etree.XSLT(etree.parse(str(stylesheet)))(etree.parse(str(path)))
        text = " ".join(etree.HTML(str(page)).itertext())
        assert "This is a feed" in text and "feed reader" in text and "e-mail" in text
        for entry in feedparser.parse(path.read_bytes()).entries:
            assert entry.title in text


def test_each_field_has_its_own_deadlines_calendar(site, open_postings):
    fields = {p["field"] for p in open_postings}
    for field in fields:
        calendar = Calendar.from_ical((site / f"fields/{field}/deadlines.ics").read_bytes())
        events = calendar.walk("VEVENT")
        expected = sorted(p["timeline"]["apply_by"] for p in open_postings if p["field"] == field)
        assert sorted(e.decoded("dtstart").isoformat() for e in events) == expected
        assert "deadlines" in str(calendar.get("x-wr-calname"))
    whole = Calendar.from_ical((site / "deadlines.ics").read_bytes())
    assert len(whole.walk("VEVENT")) == len(open_postings)


def test_a_calendar_holds_the_soonest_deadlines_up_to_its_limit(monkeypatch):
    """A calendar app downloads a subscribed calendar again every few hours: on a large board each calendar keeps
    the soonest CALENDAR_LIMIT deadlines, the later ones join as the sooner ones pass."""
    from generator.settings import Settings
    from generator.site import build_outputs, feeds
    from generator.validate import validate_paths
    from tests.conftest import ROOT, TODAY

    result = validate_paths([ROOT / "samples" / "projects"], Settings(today=TODAY), ROOT)
    assert result.ok, result.errors
    open_now = [p for p in result.projects if p.is_open(TODAY)]
    monkeypatch.setattr(feeds, "CALENDAR_LIMIT", 3)
    outputs = {o.path: o for o in build_outputs(result.projects, Settings(today=TODAY), TODAY)}
    soonest = sorted(open_now, key=lambda p: (p.apply_by, p.key))[:3]
    events = Calendar.from_ical(outputs["deadlines.ics"].text()).walk("VEVENT")
    assert len(open_now) > 3
    assert [e.decoded("dtstart") for e in events] == [p.apply_by for p in soonest]
    assert [str(e.get("uid")) for e in events] == [f"{p.org_slug}.{p.slug}@microboard" for p in soonest]
    for field in {p.field for p in open_now}:
        in_field = sorted((p for p in open_now if p.field == field), key=lambda p: (p.apply_by, p.key))[:3]
        field_events = Calendar.from_ical(outputs[f"fields/{field}/deadlines.ics"].text()).walk("VEVENT")
        assert [e.decoded("dtstart") for e in field_events] == [p.apply_by for p in in_field]


def test_the_docs_give_the_calendars_limit_as_the_build_applies_it():
    from generator.site.feeds import CALENDAR_LIMIT
    from tests.conftest import ROOT

    for page in ("docs/students.md", "docs/api.md"):
        [line] = [line for line in (ROOT / page).read_text(encoding="utf-8").splitlines() if "`/deadlines.ics`" in line
                  or line.startswith("| `deadlines.ics`")]
        assert f"{CALENDAR_LIMIT:,} soonest" in line, page
