"""schema.org JobPosting for an open posting, following Google's job-posting guidelines.

Every value here is shown on the posting's page too. Closed postings get none.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from generator.model import FIELD_LABELS, Project


def script_json(data: Any) -> str:
    """JSON that is safe inside <script>: `<`, `>`, `&` and the JS line separators are escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def end_of_day(day: dt.date, timezone: str) -> str:
    """The last second of `day` in the board's time zone, so a posting is valid through its whole last day."""
    moment = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=ZoneInfo(timezone))
    return moment.isoformat()


def job_posting(project: Project, description_html: str, timezone: str, url: str | None) -> dict[str, Any]:
    """The JobPosting object for one open posting; `description_html` is the sanitised description."""
    deliverables = "".join(f"<li>{_text(item)}</li>" for item in project.deliverables)
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": project.title,
        "description": f"<p>{_text(project.summary)}</p>{description_html}<p>Deliverables:</p><ul>{deliverables}</ul>",
        "identifier": {"@type": "PropertyValue", "name": project.organization, "value": project.key},
        "datePosted": project.posted.isoformat(),
        "validThrough": end_of_day(project.apply_by, timezone),
        "employmentType": "INTERN",
        "hiringOrganization": _organization(project),
        "industry": FIELD_LABELS.get(project.field, project.field),
        "skills": ", ".join(project.skills),
        "workHours": f"{project.hours} hours in total",
    }
    if url:
        data["url"] = url
    if project.start:
        data["jobStartDate"] = project.start.isoformat()
    data.update(_where(project))
    salary = _salary(project)
    if salary:
        data["baseSalary"] = salary
    return data


def _text(value: str) -> str:
    from html import escape

    return escape(value, quote=False)


def _organization(project: Project) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": project.organization}
    if project.organization_url:
        org["sameAs"] = project.organization_url
    return org


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
