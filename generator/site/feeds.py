"""Feeds and data files: Atom and JSON Feed of new postings, for the whole board and per field, skill,
organization and for remote postings; the deadlines calendar (the soonest CALENDAR_LIMIT), whole and per field;
projects.json (the read-only API, documented in docs/api.md) and the schema at a stable URL.

Every Atom feed names assets/microboard/feed.xsl as its stylesheet, so a browser that opens one shows a readable page
that says what a feed is and how to subscribe, instead of raw XML.

All of it lists open postings only, newest first, and is reproducible: times come from
the postings' dates, never from the clock. The board's and the remote feed carry each posting's whole
description; a field's, skill's or organization's feed (one per facet, so a posting is in several) carries
its summary and facts as text only, and links to the page, for the newest FACET_FEED_LIMIT. Data files are
written without indentation: their readers are programs.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any, Callable, Sequence
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from generator.formats import long_date
from generator.labels import FACT_LABELS, FIELD_LABELS, LOCATION_LABELS
from generator.model import Project
from generator.site.catalog import Catalog
from generator.site.outputs import Linker, Output, SiteOptions, absolute
from generator.site.pages import file_output, hourly_text, label, plural

API_VERSION = 1
FEED_LIMIT = 100  # feeds announce new postings; projects.json lists all of them
CALENDAR_LIMIT = 1_000  # a calendar holds the soonest deadlines: a calendar app downloads it again every few hours
FACET_FEED_LIMIT = 20  # a field's, skill's or organization's feed: a reader polling it only needs the recent ones
COMPACT = {"ensure_ascii": False, "separators": (",", ":")}
PACKAGED_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "project.schema.json"

Describe = Callable[[Project], str]
STYLESHEET = "assets/microboard/feed.xsl"
# Where each feed lives; board.json passes these to the board's Follow link ({key}: a field,
# skill or organization key). Each folder holds feed.xml and feed.json.
FEED_FOLDERS = {"all": "", "field": "fields/{key}/", "skill": "skills/{key}/",
                "organization": "organizations/{key}/", "remote": "remote/"}


def all_feeds(catalog: Catalog, options: SiteOptions, describe: Describe) -> list[Output]:
    site = options.site_name
    outputs = feed_pair(catalog.open, catalog, options, describe, "", f"{site}: new projects", "")
    outputs += [
        file_output("deadlines.ics", calendar(catalog.open, options)),
        file_output("projects.json", projects_api(catalog, options, describe)),
    ]
    for facet in catalog.fields.values():
        folder = FEED_FOLDERS["field"].format(key=facet.key)
        outputs += facet_feed_pair(facet.open, catalog, options, folder, f"{site}: new {facet.name.lower()} projects")
        outputs.append(file_output(folder + "deadlines.ics",
                                   calendar(facet.open, options, f"{facet.name} application deadlines")))
    for facet in catalog.skills.values():
        folder = FEED_FOLDERS["skill"].format(key=facet.key)
        outputs += facet_feed_pair(facet.open, catalog, options, folder, f"{site}: new projects using {facet.name}")
    for facet in catalog.organizations.values():
        folder = FEED_FOLDERS["organization"].format(key=facet.key)
        outputs += facet_feed_pair(facet.open, catalog, options, folder, f"{site}: new projects from {facet.name}")
    remote = [p for p in catalog.open if p.location_type == "remote"]
    outputs += feed_pair(remote, catalog, options, describe, FEED_FOLDERS["remote"],
                         f"{site}: new remote projects", "")
    return outputs


def facet_feed_pair(projects: Sequence[Project], catalog: Catalog, options: SiteOptions, folder: str,
                    title: str) -> list[Output]:
    """A field's, skill's or organization's feeds: the newest postings' summaries and facts, linking to each page."""
    return feed_pair(projects, catalog, options, None, folder, title, folder, FACET_FEED_LIMIT)


def feed_pair(projects: Sequence[Project], catalog: Catalog, options: SiteOptions, describe: Describe | None,
              folder: str, title: str, home: str, limit: int = FEED_LIMIT) -> list[Output]:
    """feed.xml (Atom) and feed.json (JSON Feed) of the newest of these postings, in `folder`.

    Each entry has the summary and facts as text; with `describe`, also a content of the facts as a list and
    then the description (`describe(project)`)."""
    newest = list(projects[:limit])
    return [file_output(folder + "feed.xml", atom(newest, options, describe, folder + "feed.xml", title, home,
                                                  catalog.today)),
            file_output(folder + "feed.json", json_feed(newest, options, describe, title, folder + "feed.json"))]


def facts(project: Project) -> list[tuple[str, str]]:
    """What a feed entry says besides the summary: hours, pay, place and apply-by date, labelled."""
    return [(FACT_LABELS["hours"], plural(project.hours, "hour")), (FACT_LABELS["pay"], project.pay_text),
            (FACT_LABELS["place"], project.location_text), (FACT_LABELS["apply_by"], long_date(project.apply_by))]


def facts_text(project: Project) -> str:
    return " · ".join(f"{name}: {value}" for name, value in facts(project))


def facts_html(project: Project) -> str:
    items = "".join(f"<li><strong>{html.escape(name)}:</strong> {html.escape(value)}</li>"
                    for name, value in facts(project))
    return f"<ul>{items}</ul>"


def schema_file(options: SiteOptions) -> Output:
    path = options.schema_path if options.schema_path and Path(options.schema_path).is_file() else PACKAGED_SCHEMA
    return file_output("schema/project.schema.json", Path(path).read_bytes())


def organization_schema_file() -> Output:
    """The schema of organization.yaml, beside the posting's, for editors and API readers."""
    return file_output("schema/organization.schema.json", PACKAGED_SCHEMA.with_name("organization.schema.json").read_bytes())


def _link(options: SiteOptions, target: str) -> str:
    """Absolute when the site has a site_url (feeds need it), else relative to the site root."""
    return absolute(options, target) or target


def _page(options: SiteOptions, project: Project) -> str:
    """A posting's page: here, or on the partner board it was gathered from (it has no page here)."""
    return project.source.page_url if project.source else _link(options, project.url_path)


def _identity(options: SiteOptions, project: Project) -> str | None:
    return project.source.page_url if project.source else absolute(options, project.url_path)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)


def _changed(project: Project) -> dt.date:
    return project.updated or project.posted


# ---------------------------------------------------------------- Atom


def atom(projects: Sequence[Project], options: SiteOptions, describe: Describe | None, path: str, title: str,
         home: str, today: dt.date) -> bytes:
    feed = FeedGenerator()
    feed.id(absolute(options, path) or f"urn:microboard:feed:{path}")
    feed.title(title)
    feed.link(href=_link(options, home), rel="alternate")
    feed.link(href=_link(options, path), rel="self", type="application/atom+xml")
    feed.language("en")
    feed.generator("Microboard")
    feed.updated(_midnight(max((_changed(p) for p in projects), default=today)))
    feed.subtitle("A feed: paste its address into a feed reader to hear of each new project.")
    for project in projects:
        entry = feed.add_entry(order="append")
        url = _page(options, project)
        entry.id(_identity(options, project) or f"urn:microboard:project:{project.key}")
        entry.title(project.title)
        entry.link(href=url, rel="alternate")
        entry.published(_midnight(project.posted))
        entry.updated(_midnight(_changed(project)))
        entry.author({"name": project.organization})
        entry.summary(f"{project.summary} {facts_text(project)}")
        if describe:
            entry.content(facts_html(project) + describe(project), type="html")
        entry.category(term=project.field, label=FIELD_LABELS.get(project.field, label(project.field)))
    return _with_stylesheet(feed.atom_str(pretty=False), Linker(path.rsplit("/", 1)[0] + "/" if "/" in path else "",
                                                                   options).file(STYLESHEET))


def _with_stylesheet(document: bytes, href: str) -> bytes:
    """The Atom document with an xml-stylesheet instruction after its XML declaration."""
    declaration, rest = document.split(b"?>", 1)
    instruction = f'<?xml-stylesheet type="text/xsl" href="{html.escape(href)}"?>'.encode()
    return declaration + b"?>\n" + instruction + rest


# ---------------------------------------------------------------- JSON Feed 1.1


def json_feed(projects: Sequence[Project], options: SiteOptions, describe: Describe | None, title: str,
              path: str = "feed.json") -> str:
    items = []
    for project in projects:
        item: dict[str, Any] = {
            "id": _identity(options, project) or project.key,
            "url": _page(options, project),
            "title": project.title,
            # JSON Feed needs content: without a description, the summary and facts are it, as text
            **({"summary": f"{project.summary} {facts_text(project)}",
                "content_html": facts_html(project) + describe(project)} if describe
               else {"content_text": f"{project.summary} {facts_text(project)}"}),
            "date_published": _midnight(project.posted).isoformat().replace("+00:00", "Z"),
            "date_modified": _midnight(_changed(project)).isoformat().replace("+00:00", "Z"),
            "authors": [{"name": project.organization, **({"url": project.organization_url}
                                                           if project.organization_url else {})}],
            "tags": [FIELD_LABELS.get(project.field, project.field), *project.skills],
            "_microboard": {"apply_by": project.apply_by.isoformat(), "hours": project.hours,
                            "pay": project.pay_text, "location": project.location_text,
                            "mentored": project.mentored,
                            **({"via": project.source.name} if project.source else {})},
        }
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": _link(options, ""),
        "feed_url": _link(options, path),
        "description": "Open micro-internships, newest first.",
        "language": "en",
        "items": items,
    }
    return json.dumps(feed, **COMPACT) + "\n"


# ---------------------------------------------------------------- iCalendar


def calendar(projects: Sequence[Project], options: SiteOptions, name: str = "application deadlines") -> bytes:
    """The deadlines of `projects`, the soonest CALENDAR_LIMIT of them, one all-day event each."""
    host = urlsplit(options.site_url).hostname if options.site_url else None
    cal = Calendar()
    cal.add("prodid", "-//Microboard//Application deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{options.site_name}: {name}")
    for project in sorted(projects, key=lambda p: (p.apply_by, p.key))[:CALENDAR_LIMIT]:
        event = Event()
        event.add("uid", f"{project.org_slug}.{project.slug}@{host or 'microboard'}")
        event.add("dtstamp", _midnight(_changed(project)))
        event.add("dtstart", project.apply_by)
        event.add("dtend", project.apply_by + dt.timedelta(days=1))
        event.add("summary", ics_text(f"Last day to apply: {project.title} ({project.organization})"))
        url = _page(options, project)
        event.add("description", ics_text(f"{project.summary}\n\n{project.pay_text}, {project.hours} hours. {url}"))
        if _identity(options, project):
            event.add("url", url)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [FIELD_LABELS.get(project.field, project.field)])
        cal.add_component(event)
    return cal.to_ical()


ICS_BACKSLASH = "\uff3c"  # a fullwidth reverse solidus: it reads as a backslash and escapes nothing


def ics_text(text: str) -> str:
    """Text a calendar shows as written. One kind of line break: the iCalendar writer escapes a newline but
    passes a carriage return through, and a bare one ends the content line early in many calendar readers.
    No backslash: the writer leaves `\\N` unescaped, so a title holding it would show a line break (and readers
    differ on `\\n`); a look-alike keeps the text as the employer wrote it, to the eye."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", ICS_BACKSLASH)


# ---------------------------------------------------------------- projects.json


def projects_api(catalog: Catalog, options: SiteOptions, describe: Describe) -> str:
    """The read-only API: every open posting, newest first. Its shape is documented in docs/api.md.

    Only the board's own postings: a posting gathered from a partner board is that board's to publish."""
    projects = [api_project(p, catalog, options, describe) for p in catalog.open if p.source is None]
    data = {
        "version": API_VERSION,
        "generated": catalog.today.isoformat(),
        "site_url": options.site_url,
        "gather": catalog.settings.allow_gathering,
        "currency": catalog.settings.currency,
        "count": len(projects),
        "projects": projects,
    }
    return json.dumps(data, **COMPACT) + "\n"


def api_project(p: Project, catalog: Catalog, options: SiteOptions, describe: Describe) -> dict[str, Any]:
    hourly = catalog.board_hourly(p)
    return {
        "id": p.key,
        "url": _link(options, p.url_path),
        "title": p.title,
        "organization": {"slug": p.org_slug, "name": p.organization, "url": p.organization_url},
        "summary": p.summary,
        "description_html": describe(p),
        "deliverables": list(p.deliverables),
        "field": p.field,
        "skills": list(p.skills),
        "tags": list(p.tags),
        "hours": p.hours,
        "timeline": {"apply_by": p.apply_by.isoformat(), "start": _iso(p.start), "due": _iso(p.due),
                     "duration_weeks": p.duration_weeks},
        "pay": {"type": p.pay_type, "amount": p.pay_amount, "currency": p.currency, "text": p.pay_text,
                "hourly": round(p.effective_hourly, 2) if p.effective_hourly is not None else None,
                "hourly_in_board_currency": round(hourly, 2) if hourly is not None else None,
                "hourly_text": hourly_text(p) or None},
        "location": {"type": p.location_type, "label": LOCATION_LABELS[p.location_type], "city": p.city,
                     "region": p.region, "country": p.country, "timezones": list(p.timezones)},
        "eligibility": {"levels": list(p.levels), "countries": list(p.countries),
                        "work_authorization": p.work_authorization},
        "mentorship": ({"mentor": p.mentor, "check_ins": p.check_ins, "feedback": list(p.feedback),
                        "learning_outcomes": list(p.learning_outcomes)} if p.mentored else None),
        "apply": {"url": p.apply_url, "email": p.apply_email, "instructions": p.apply_instructions},
        "posted": p.posted.isoformat(),
        "updated": _iso(p.updated),
        "status": "open",
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
