"""Feeds and data files: Atom and JSON Feed of new postings (and per field), the deadlines calendar,
projects.json (the read-only API, documented in docs/api.md) and the schema at a stable URL.

All of it lists open postings only, newest first, and is reproducible: times come from
the postings' dates, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable, Sequence
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from generator.model import FIELD_LABELS, LOCATION_LABELS, Project
from generator.site.catalog import Catalog
from generator.site.outputs import Output, SiteOptions, absolute
from generator.site.pages import file_output, hourly_text, label

API_VERSION = 1
FEED_LIMIT = 100  # feeds announce new postings; projects.json and the calendar list all of them
PACKAGED_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "project.schema.json"

Describe = Callable[[Project], str]


def all_feeds(catalog: Catalog, options: SiteOptions, describe: Describe) -> list[Output]:
    site = options.site_name
    outputs = [
        file_output("feed.xml", atom(catalog.open[:FEED_LIMIT], options, describe, "feed.xml",
                                     f"{site}: new projects", "", catalog.today)),
        file_output("feed.json", json_feed(catalog.open[:FEED_LIMIT], options, describe, f"{site}: new projects")),
        file_output("deadlines.ics", calendar(catalog.open, options)),
        file_output("projects.json", projects_api(catalog, options, describe)),
    ]
    for facet in catalog.fields.values():
        path = f"fields/{facet.key}/feed.xml"
        outputs.append(file_output(path, atom(facet.open[:FEED_LIMIT], options, describe, path,
                                              f"{site}: new {facet.name.lower()} projects",
                                              f"fields/{facet.key}/", catalog.today)))
    return outputs


def schema_file(options: SiteOptions) -> Output:
    path = options.schema_path if options.schema_path and Path(options.schema_path).is_file() else PACKAGED_SCHEMA
    return file_output("schema/project.schema.json", Path(path).read_bytes())


def organization_schema_file() -> Output:
    """The schema of organization.yaml, beside the posting's, for editors and API readers."""
    return file_output("schema/organization.schema.json", PACKAGED_SCHEMA.with_name("organization.schema.json").read_bytes())


def _link(options: SiteOptions, target: str) -> str:
    """Absolute when the site has a site_url (feeds need it), else relative to the site root."""
    return absolute(options, target) or target


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)


def _changed(project: Project) -> dt.date:
    return project.updated or project.posted


# ---------------------------------------------------------------- Atom


def atom(projects: Sequence[Project], options: SiteOptions, describe: Describe, path: str, title: str,
         home: str, today: dt.date) -> bytes:
    feed = FeedGenerator()
    feed.id(absolute(options, path) or f"urn:microboard:feed:{path}")
    feed.title(title)
    feed.link(href=_link(options, home), rel="alternate")
    feed.link(href=_link(options, path), rel="self", type="application/atom+xml")
    feed.language("en")
    feed.generator("Microboard")
    feed.updated(_midnight(max((_changed(p) for p in projects), default=today)))
    for project in projects:
        entry = feed.add_entry(order="append")
        url = _link(options, project.url_path)
        entry.id(absolute(options, project.url_path) or f"urn:microboard:project:{project.key}")
        entry.title(project.title)
        entry.link(href=url, rel="alternate")
        entry.published(_midnight(project.posted))
        entry.updated(_midnight(_changed(project)))
        entry.author({"name": project.organization})
        entry.summary(project.summary)
        entry.content(describe(project), type="html")
        entry.category(term=project.field, label=FIELD_LABELS.get(project.field, label(project.field)))
    return feed.atom_str(pretty=True)


# ---------------------------------------------------------------- JSON Feed 1.1


def json_feed(projects: Sequence[Project], options: SiteOptions, describe: Describe, title: str) -> str:
    items = []
    for project in projects:
        item: dict[str, Any] = {
            "id": absolute(options, project.url_path) or project.key,
            "url": _link(options, project.url_path),
            "title": project.title,
            "summary": project.summary,
            "content_html": describe(project),
            "date_published": _midnight(project.posted).isoformat().replace("+00:00", "Z"),
            "date_modified": _midnight(_changed(project)).isoformat().replace("+00:00", "Z"),
            "authors": [{"name": project.organization, **({"url": project.organization_url}
                                                           if project.organization_url else {})}],
            "tags": [FIELD_LABELS.get(project.field, project.field), *project.skills],
            "_microboard": {"apply_by": project.apply_by.isoformat(), "hours": project.hours,
                            "pay": project.pay_text, "location": project.location_text,
                            "mentored": project.mentored},
        }
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": _link(options, ""),
        "feed_url": _link(options, "feed.json"),
        "description": "Open micro-internships, newest first.",
        "language": "en",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- iCalendar


def calendar(projects: Sequence[Project], options: SiteOptions) -> bytes:
    host = urlsplit(options.site_url).hostname if options.site_url else None
    cal = Calendar()
    cal.add("prodid", "-//Microboard//Application deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{options.site_name}: application deadlines")
    for project in sorted(projects, key=lambda p: (p.apply_by, p.key)):
        event = Event()
        event.add("uid", f"{project.org_slug}.{project.slug}@{host or 'microboard'}")
        event.add("dtstamp", _midnight(_changed(project)))
        event.add("dtstart", project.apply_by)
        event.add("dtend", project.apply_by + dt.timedelta(days=1))
        event.add("summary", _ics_text(f"Last day to apply: {project.title} ({project.organization})"))
        url = _link(options, project.url_path)
        event.add("description", _ics_text(f"{project.summary}\n\n{project.pay_text}, {project.hours} hours. {url}"))
        if absolute(options, project.url_path):
            event.add("url", url)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [FIELD_LABELS.get(project.field, project.field)])
        cal.add_component(event)
    return cal.to_ical()


def _ics_text(text: str) -> str:
    """Text with one kind of line break: the iCalendar writer escapes a newline but passes a carriage
    return through, and a bare one ends the content line early in many calendar readers."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- projects.json


def projects_api(catalog: Catalog, options: SiteOptions, describe: Describe) -> str:
    """The read-only API: every open posting, newest first. Its shape is documented in docs/api.md."""
    projects = [api_project(p, catalog, options, describe) for p in catalog.open]
    data = {
        "version": API_VERSION,
        "generated": catalog.today.isoformat(),
        "site_url": options.site_url,
        "currency": catalog.settings.currency,
        "count": len(projects),
        "projects": projects,
    }
    # no indentation: at 10,000 postings it would add 4 MB to the file, and to every board that reads it
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


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
