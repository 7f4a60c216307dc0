"""The board in numbers: stats.json counts what the postings say, and the page draws the same figures accessibly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import html5lib

from site_fixtures import ROOT

TODAY = dt.date(2026, 11, 21)
SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _board(variants):
    """The first sample posting, varied: one posting per dict of changed fields."""
    from generator.settings import load_settings
    from generator.validate import validate_paths

    settings = load_settings(ROOT)
    result = validate_paths([ROOT / "samples" / "projects"], settings, ROOT)
    base = next(p for p in result.projects if p.currency == "USD")
    defaults = {"status": "open", "posted": TODAY - dt.timedelta(days=3), "updated": None,
                "apply_by": TODAY + dt.timedelta(days=30)}
    projects = [dataclasses.replace(base, slug=f"posting-{n}", **{**defaults, **changes})
                for n, changes in enumerate(variants)]
    return projects, settings


def _outputs(projects, settings):
    from generator.site import build_outputs

    return {o.path: o for o in build_outputs(projects, settings, TODAY)}


VARIANTS = [
    {"hours": 8, "field": "data", "skills": ("SQL", "Excel"), "pay_type": "fixed", "pay_amount": 240, "mentor": "Ana"},
    {"hours": 15, "field": "data", "skills": ("SQL",), "pay_type": "hourly", "pay_amount": 25, "mentor": "Ana"},
    {"hours": 15, "field": "design", "skills": ("Figma",), "pay_type": "hourly", "pay_amount": 31, "mentor": None},
    {"hours": 25, "field": "writing", "skills": ("SQL", "Copywriting"), "pay_type": "stipend", "pay_amount": 1000,
     "mentor": "Bo"},
    {"hours": 40, "field": "data", "skills": ("Excel",), "pay_type": "fixed", "pay_amount": 800, "mentor": "Cy"},
    # filled 12 days after it went up, and posted long before the rest
    {"hours": 10, "field": "design", "skills": ("Figma",), "pay_type": "fixed", "pay_amount": 300, "mentor": None,
     "status": "filled", "posted": TODAY - dt.timedelta(days=60), "updated": TODAY - dt.timedelta(days=48)},
]


def test_stats_json_counts_the_open_postings_by_field_hours_pay_mentoring_and_skill():
    projects, settings = _board([dict(v) for v in VARIANTS])
    stats = json.loads(_outputs(projects, settings)["stats.json"].content)

    assert (stats["open"], stats["all"], stats["currency"], stats["pay_floor"]) == (5, 6, "USD", settings.pay_floor)
    assert {r["key"]: r["postings"] for r in stats["by_field"]} == {"data": 3, "design": 1, "writing": 1}
    assert {r["hours"]: r["postings"] for r in stats["hours"]} == {"5–10": 1, "11–20": 2, "21–30": 1, "31–40": 1}
    assert stats["mentored"] == {"mentored": 4, "not_mentored": 1, "share": 0.8}
    assert stats["top_skills"][:2] == [{"skill": "SQL", "postings": 3}, {"skill": "Excel", "postings": 2}]
    # 240/8 = 30, 25, 31, 1000/25 = 40, 800/40 = 20 USD an hour
    assert stats["pay_per_hour"]["median"] == 30
    assert sum(b["postings"] for b in stats["pay_per_hour"]["bins"]) == 5
    floor = settings.pay_floor
    assert all(b["below_floor"] == (b["to"] <= floor) for b in stats["pay_per_hour"]["bins"])
    assert any(b["to"] == floor for b in stats["pay_per_hour"]["bins"]), "the floor is a bin edge"
    assert stats["days_to_fill"] == {"known": 1, "median": 12, "days": [12]}


def test_open_postings_over_time_follow_posting_deadline_and_filling():
    projects, settings = _board([dict(v) for v in VARIANTS])
    points = json.loads(_outputs(projects, settings)["stats.json"].content)["open_over_time"]
    by_week = {p["week"]: p["open"] for p in points}
    assert points[-1] == {"week": TODAY.isoformat(), "open": 5}
    # 49 days ago only the posting that was filled 48 days ago was open; 8 weeks ago it was not posted yet
    assert by_week[(TODAY - dt.timedelta(weeks=7)).isoformat()] == 1
    assert by_week[(TODAY - dt.timedelta(weeks=9)).isoformat()] == 0
    assert by_week[(TODAY - dt.timedelta(weeks=1)).isoformat()] == 0  # the open ones went up 3 days ago


def _figures(body: str):
    document = html5lib.parse(body, namespaceHTMLElements=True)
    return document, document.findall(f".//{XHTML}section")


def test_each_chart_is_an_svg_image_named_by_its_sentence_with_the_table_behind_it():
    projects, settings = _board([dict(v) for v in VARIANTS])
    outputs = _outputs(projects, settings)
    page = outputs["numbers/index.md"]
    assert page.in_nav and page.meta["title"] == "Board in numbers"
    document, sections = _figures(page.content)
    ids = {element.get("id") for element in document.iter() if element.get("id")}
    titles = [s.find(f"{XHTML}h2").text for s in sections]
    assert titles == ["Open postings over time", "Open postings by field", "Hours asked for", "Pay per hour",
                      "Mentored postings", "Days from posting to filled", "Skills asked for most"]
    for section in sections:
        svg = section.find(f".//{SVG}svg")
        assert svg is not None and svg.get("role") == "img" and svg.get("viewBox")
        assert svg.get("aria-labelledby") in ids
        rows = section.findall(f".//{XHTML}tbody/{XHTML}tr")
        assert rows, "every chart has its table"
        # colours come from the page (light and dark schemes), and nothing is fetched from elsewhere
        for element in svg.iter():
            for name in ("fill", "stroke"):
                assert element.get(name) in (None, "none", "currentColor"), (element.tag, element.get(name))
            assert not any(str(v).startswith(("http:", "https:", "//")) for k, v in element.attrib.items()
                           if k.endswith("href"))
    mentored = next(s for s in sections if s.find(f"{XHTML}h2").text == "Mentored postings")
    assert "80 %" in ET.tostring(mentored, encoding="unicode")


def test_names_from_postings_stay_text_inside_the_charts():
    projects, settings = _board([{"skills": ("<script>alert(1)</script>",), "hours": 10, "mentor": "x"}])
    body = _outputs(projects, settings)["numbers/index.md"].content
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_an_empty_board_says_there_is_nothing_to_count():
    from generator.settings import load_settings

    outputs = _outputs([], load_settings(ROOT))
    stats = json.loads(outputs["stats.json"].content)
    assert stats["open"] == 0 and stats["pay_per_hour"]["bins"] == [] and stats["mentored"]["share"] is None
    assert "nothing to count yet" in outputs["numbers/index.md"].content
    assert not re.search(r"<svg", outputs["numbers/index.md"].content)
