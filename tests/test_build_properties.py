"""Property: if the validator accepts a posting, the build publishes it and every output parses.

Arbitrary Unicode (control characters, surrogates, noncharacters, direction controls, line
separators, markup and quotes) goes into every text field; whatever the validator lets through
is built by the core (`build_outputs`, no MkDocs) and each output is read back with a real parser:
html5lib for HTML, extruct for the postings' Microdata, json for projects.json, the board data and JSON Feed, feedparser and
a strict XML parser for Atom, icalendar for the calendar. One full MkDocs build adds the sitemap
and the finished pages.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import html5lib
import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from generator.load import load_bytes
from generator.settings import Settings
from generator.site.core import build_outputs
from generator.site.feeds import ics_text
from generator.site.outputs import DOCUMENT, FILE, PAGE, SiteOptions
from generator.schema import ORG_SCHEMA_PATH, load_schema
from generator.validate import Checker, Result
from site_fixtures import ROOT, built, copy_board, job_postings, mkdocs_build

TODAY = dt.date(2026, 11, 21)
SAMPLE = ROOT / "samples" / "projects" / "brightloop" / "analyze-onboarding-drop-off.yaml"
SHOWN = "projects/brightloop/analyze-onboarding-drop-off.yaml"
BASE = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
# the organization's own file is drawn with the posting: its name and about text reach every page too
BASE["organization"] = yaml.safe_load((SAMPLE.parent / "organization.yaml").read_text(encoding="utf-8"))
BASE["location"] = {"type": "hybrid", "city": "Austin", "region": "Texas", "country": "US",
                    "timezones": ["America/Chicago"]}
SETTINGS = Settings(today=TODAY)
OPTIONS = SiteOptions(site_url="https://board.example/jobs/")
SCHEMA = load_schema()
ORG_SCHEMA = load_schema(ORG_SCHEMA_PATH)
ATOM = "{http://www.w3.org/2005/Atom}"

# Every character Unicode has, surrogates included, with the troublemakers drawn often; most fields
# draw from the text people really write (markup, quotes and joiners included) so that most postings
# are accepted and reach the build.
TROUBLE = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9b\r\n\t\u2028\u2029\u202e\u2066\u200b\u200c\u200d\ufeff\ufffe\uffff" \
          "<>&\"'`]]>-->{{}}%\\:#*_[]()!@"
MARKUP = "<>&\"'`]]>-->{{}}%\\:#*_[]()!@|\u200c\u200d "
anything = st.one_of(st.characters(exclude_categories=()), st.sampled_from(TROUBLE))
written = st.one_of(st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Cn")), st.sampled_from(MARKUP),
                    st.characters(min_codepoint=0x20, max_codepoint=0x7e))


def text_for(schema: dict, cap: int = 60, multiline: bool = False):
    """A field's text, within its lengths: (as people write it, from anything Unicode has)."""
    low = schema.get("minLength", 0)
    high = max(low, min(schema.get("maxLength", cap), cap))
    usual = st.one_of(written, st.sampled_from("\n\t\u202e\u2066\u2069\u200b\ufeff")) if multiline else written
    return st.text(usual, min_size=low, max_size=high), st.text(anything, min_size=low, max_size=high)


def field_schema(*path: str) -> dict:
    node = SCHEMA
    if path[0] == "organization":  # organization.yaml's fields, by its own schema
        node, path = ORG_SCHEMA, path[1:]
    for part in path:
        node = node["items"] if part == "[]" else node["properties"][part]
    return node


TEXT_FIELDS = {
    ("title",): text_for(field_schema("title")),
    ("summary",): text_for(field_schema("summary")),
    ("description",): text_for(field_schema("description"), 200, multiline=True),
    ("organization", "name"): text_for(field_schema("organization", "name")),
    ("organization", "about"): text_for(field_schema("organization", "about"), multiline=True),
    ("eligibility", "work_authorization"): text_for(field_schema("eligibility", "work_authorization")),
    ("mentorship", "mentor"): text_for(field_schema("mentorship", "mentor")),
    ("apply", "instructions"): text_for(field_schema("apply", "instructions"), multiline=True),
    ("contact", "name"): text_for(field_schema("contact", "name")),
    ("location", "city"): text_for(field_schema("location", "city")),
    ("location", "region"): text_for(field_schema("location", "region")),
}
LIST_FIELDS = {
    ("deliverables",): (text_for(field_schema("deliverables", "[]")), 1),
    ("mentorship", "learning_outcomes"): (text_for(field_schema("mentorship", "learning_outcomes", "[]")), 1),
    ("skills",): (text_for(field_schema("skills", "[]"), 20), 1),
}
TAGS = st.lists(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True), max_size=3, unique=True)
URL_PATHS = st.text(st.sampled_from("abcxyz0189/?#&=%._-~'()!*+,;:@"), max_size=20)
URL_TAILS = st.text(anything, max_size=20)


@st.composite
def postings(draw) -> dict:
    """The sample with about half its text fields replaced; in a hostile posting, by anything Unicode has."""
    data = json.loads(json.dumps(BASE))
    hostile = draw(st.booleans())

    def put(path: tuple, value) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    for path, (usual, anything_at_all) in TEXT_FIELDS.items():
        if draw(st.booleans()):
            put(path, draw(anything_at_all if hostile else usual))
    for path, ((usual, anything_at_all), low) in LIST_FIELDS.items():
        if draw(st.booleans()):
            put(path, draw(st.lists(anything_at_all if hostile else usual, min_size=low, max_size=3, unique=True)))
    data["tags"] = draw(TAGS)
    if draw(st.booleans()):
        data["apply"]["url"] = "https://brightloop.example.com/" + draw(URL_TAILS if hostile else URL_PATHS)
    return data


def dump(data: dict) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=10_000).encode("utf-8")


def check(data: dict) -> Result:
    """The posting checked as the board would: beside its organization.yaml (the drawn `organization`)."""
    posting = {key: value for key, value in data.items() if key != "organization"}
    result = Result(files_checked=1)
    Checker(SETTINGS, ROOT, organizations={"brightloop": dump(data["organization"])}).check_document(
        load_bytes(dump(posting), SHOWN), ROOT / SHOWN, result)
    return result


def parse_html(fragment: str) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(fragment)


def parse_output(output, title: str) -> None:
    """Read one output back with the parser its readers use; fail on anything they would refuse."""
    path, content = output.path, output.text()
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    assert b"\r" not in data.replace(b"\r\n", b""), f"a bare carriage return in {path}"
    if output.kind == PAGE:
        parse_html(str(content))
        for key in ("title", "description"):
            if key in output.meta:
                parse_html(str(output.meta[key]))
        if output.meta.get("search_html"):
            parse_html(str(output.meta["search_html"]))
        return
    if output.kind == DOCUMENT:  # a whole document, doctype to </html>
        document = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(str(content))
        assert document.find("head/title").text.endswith(f" - {OPTIONS.site_name}")
        assert not [s for s in document.iter("script") if s.get("type") == "application/ld+json"]
        for posting in job_postings(str(content)):  # the Microdata a search engine reads
            assert posting["title"] and posting["description"] and posting["validThrough"], path
        for key in ("title", "description", "search_html"):
            if key in output.meta:
                parse_html(str(output.meta[key]))
        return
    assert output.kind == FILE
    if path.endswith(".xml"):
        root = ET.fromstring(data)
        feed = feedparser.parse(data)
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        if path == "feed.xml":
            [entry] = root.findall(f"{ATOM}entry")
            assert entry.find(f"{ATOM}title").text == title
    elif path.endswith(".ics"):
        calendar = icalendar.Calendar.from_ical(data)
        events = calendar.walk("VEVENT")  # the whole board's calendar, or one field's (this posting's, or empty)
        assert len(events) == 1 if path == "deadlines.ics" else len(events) <= 1
        for event in events:
            assert ics_text(title) in str(event["SUMMARY"])  # as written, a backslash as its look-alike
    elif path.endswith(".json"):
        parsed = json.loads(data)
        if path == "projects.json":
            assert parsed["projects"][0]["title"] == title
        if path == "feed.json":
            assert parsed["items"][0]["title"] == title
    elif path == "assets/microboard/words.js":  # the scripts' words: one assignment of a JSON object
        prefix, suffix = b"window.microboardWords=", b";\n"
        assert data.startswith(prefix) and data.endswith(suffix)
        assert set(json.loads(data[len(prefix):-len(suffix)])) == {"cards", "saved"}
    else:
        pytest.fail(f"no parser for {path}")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=postings())
@example(data={**BASE, "title": "Build\x01 a dashboard"})  # the control characters the Atom feed cannot carry
@example(data={**BASE, "title": "Build\x0b a dashboard\x1b"})
@example(data={**BASE, "title": "Build a dashboard\x00"})
@example(data={**BASE, "title": "000000\\N"})  # a backslash and N: the calendar writer would make it a line break
def test_any_posting_the_validator_accepts_builds_and_every_output_parses(data):
    result = check(data)
    event("refused" if not result.ok else "accepted")
    if not result.ok:  # refused: said where, and nothing is published
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in result.errors)
        assert not result.projects
        return
    [project] = result.projects
    outputs = build_outputs(result.projects, SETTINGS, TODAY, OPTIONS)
    assert any(o.path == f"projects/{project.key}/index.html" for o in outputs)
    for output in outputs:
        parse_output(output, project.title)


# ---------------------------------------------------------------- the whole site, once, through MkDocs

# The most awkward posting the validator accepts: markup, quotes, entities, right-to-left text with
# its isolates in the description, joiners, emoji, CJK, combining marks, private use, astral planes.
AWKWARD = {
    "title": "<b>Café</b> & \"Naïve\" ]]> 'analyst' \U0001F469\u200d\U0001F4BB --> \u0645\u06cc\u200c\u062e",
    "organization": {**BASE["organization"], "name": "O'Brien & <Söhne> \u4e2d\u6587 e\u0301", "url": "https://example.org/a?b=1&c='d'",
                     "about": "Line one\n\tLine two \u2067\u05e9\u05dc\u05d5\u05dd\u2069 \ue000 \U00010348"},
    "summary": "A summary with </script><script>alert(1)</script> and {{ jinja }} and {% raw %} ${x}",
    "description": "Para one with \u200b and [link](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n"
                   "| a | b |\n|---|---|\n| <x> | &amp; |\n\n```\n</code>\n```\n" + "x" * 40,
    "deliverables": ["<em>Report</em> & \"slides\"", "CDATA ]]> end"],
    "skills": ["C#", "<Rust>", "\u65e5\u672c\u8a9e"],
    "mentorship": {**BASE["mentorship"], "mentor": "Zoë \"mentor\" <m>",
                   "learning_outcomes": ["Learn & <grow> \U0001F680"]},
    "apply": {"url": "https://example.org/apply?x='y'&z=%0D%0A#top", "instructions": "Write\n\tback & <now>"},
    "contact": {"name": "Ana <ana> & Co", "email": "ana@example.org"},
}


def test_the_awkward_posting_is_accepted_and_the_built_site_parses(tmp_path):
    data = {**json.loads(json.dumps(BASE)), **AWKWARD}
    assert check(data).ok, [p.message for p in check(data).problems if p.is_error]
    board = copy_board(tmp_path / "board", projects=False)
    target = board / SHOWN
    target.parent.mkdir(parents=True)
    posting = {key: value for key, value in data.items() if key != "organization"}
    target.write_text(yaml.safe_dump(posting, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    (target.parent / "organization.yaml").write_text(
        yaml.safe_dump(data["organization"], sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    site = tmp_path / "site"
    built(mkdocs_build(board, site, today=TODAY, strict=False))
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith("/projects/brightloop/analyze-onboarding-drop-off/") for loc in locations)
    pages = [site / "index.html", site / "projects/brightloop/analyze-onboarding-drop-off/index.html",
             site / "organizations/brightloop/index.html"]
    for page in pages:
        document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        assert document.find(".//body") is not None
    posting = html5lib.parse((site / "projects/brightloop/analyze-onboarding-drop-off/index.html").read_bytes(),
                             namespaceHTMLElements=False)
    [job_posting] = job_postings(site / "projects/brightloop/analyze-onboarding-drop-off/index.html")
    assert job_posting["title"] == AWKWARD["title"]
    code = [s for s in posting.iter("script") if s.get("type") != "application/json"]
    assert not [s for s in code if "alert(1)" in (s.text or "") + (s.get("src") or "")]
    assert not [a for a in posting.iter("a") if (a.get("href") or "").startswith("javascript:")]
    feed = (site / "feed.xml").read_bytes()
    assert not feedparser.parse(feed).bozo
    assert ET.fromstring(feed).find(f"{ATOM}entry/{ATOM}title").text == AWKWARD["title"]
    [event] = icalendar.Calendar.from_ical((site / "deadlines.ics").read_bytes()).walk("VEVENT")
    assert AWKWARD["title"] in str(event["SUMMARY"])
    assert json.loads((site / "projects.json").read_text(encoding="utf-8"))["projects"][0]["title"] == AWKWARD["title"]
    assert json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"][0]["title"] == AWKWARD["title"]
