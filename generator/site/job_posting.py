"""schema.org JobPosting for an open posting, as Microdata on the posting's own article (Google's job-posting
guidelines accept Microdata as well as JSON-LD). Closed postings get none.

The article's visible elements carry the properties a student reads there (in posting.html: the title, the
description with its summary and deliverables, the organization, the field, the dates), so the description is on the page once
and what search engines read cannot differ from what the page shows. The values no element shows as such (an
end-of-day deadline in the board's time zone, pay as a number, the place as an address) are computed here and
placed by posting.html as <meta>/<link> elements inside the article.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from generator.model import Project

SCHEMA = "https://schema.org/"
URL_PROPERTIES = ("url",)  # placed as <link href>: the parser reads it as an address


def end_of_day(day: dt.date, timezone: str) -> str:
    """The last second of `day` in the board's time zone, so a posting is valid through its whole last day."""
    moment = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=ZoneInfo(timezone))
    return moment.isoformat()


def hidden_values(project: Project, timezone: str, url: str | None) -> dict[str, Any]:
    """The JobPosting's values that no element of the article shows as they are; an item is a dict with `@type`."""
    data: dict[str, Any] = {
        "identifier": {"@type": "PropertyValue", "name": project.organization, "value": project.key},
        "validThrough": end_of_day(project.apply_by, timezone),
        "employmentType": "INTERN",
        "skills": ", ".join(project.skills),
        "workHours": f"{project.hours} hours in total",
    }
    if url:
        data["url"] = url
    data.update(_where(project))
    salary = _salary(project)
    if salary:
        data["baseSalary"] = salary
    return data


def tags(values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """`values` as (kind, property, value) for the template to write in order: `item` opens an element with
    itemscope (value: its itemtype), `end` closes it, `link` is a URL, `meta` a text. The template escapes."""
    return list(_tags(values))


def _tags(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for name, value in values.items():
        if name == "@type":
            continue
        for one in value if isinstance(value, list) else [value]:
            if one is None:
                continue
            if isinstance(one, dict):
                yield "item", name, SCHEMA + one["@type"]
                yield from _tags(one)
                yield "end", name, ""
            else:
                yield ("link" if name in URL_PROPERTIES else "meta"), name, str(one)


def _where(project: Project) -> dict[str, Any]:
    if project.remote:
        countries = project.countries or ((project.country,) if project.country else ())
        where: dict[str, Any] = {"jobLocationType": "TELECOMMUTE"}
        if countries:
            where["applicantLocationRequirements"] = [{"@type": "Country", "name": c} for c in countries]
        return where
    address = {"@type": "PostalAddress", "addressLocality": project.city, "addressCountry": project.country}
    if project.region:
        address["addressRegion"] = project.region
    return {"jobLocation": {"@type": "Place", "address": address}}


def _salary(project: Project) -> dict[str, Any] | None:
    if project.pay_type == "unpaid" or project.pay_amount is None:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "value": project.pay_amount}
    if project.pay_type == "hourly":
        value["unitText"] = "HOUR"
    return {"@type": "MonetaryAmount", "currency": project.currency, "value": value}
