"""The posting model: a validated document turned into typed values the site and the bot share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from generator.formats import closes_text, hourly_rate, long_date, money, pay_text, weeks_of, where_text
from generator.labels import CHECK_IN_LABELS, FEEDBACK_LABELS, FIELD_LABELS, LOCATION_LABELS, PAY_LABELS, word
from generator.organization import Organization

# The labels live in generator.labels, the formats in generator.formats; imported here for callers of the model.
__all__ = ["CHECK_IN_LABELS", "FEEDBACK_LABELS", "FIELD_LABELS", "LOCATION_LABELS", "PAY_LABELS", "Project",
           "closes_text", "long_date", "money", "project_from_data"]


@dataclass(frozen=True)
class Via:
    """Where a gathered posting comes from: the partner board's name and the posting's own page there."""

    name: str
    page_url: str


@dataclass(frozen=True)
class Project:
    path: str
    org_slug: str
    slug: str
    title: str
    org: Organization  # from the folder's organization.yaml, never from the posting
    summary: str
    description: str
    deliverables: tuple[str, ...]
    field: str
    skills: tuple[str, ...]
    tags: tuple[str, ...]
    hours: int
    apply_by: dt.date
    start: dt.date | None
    due: dt.date | None
    duration_weeks: int | None
    pay_type: str
    pay_amount: float | None
    currency: str | None
    location_type: str
    city: str | None
    region: str | None
    country: str | None
    timezones: tuple[str, ...]
    levels: tuple[str, ...]
    countries: tuple[str, ...]
    work_authorization: str | None
    mentor: str | None
    check_ins: str | None
    feedback: tuple[str, ...]
    learning_outcomes: tuple[str, ...]
    apply_url: str | None
    apply_email: str | None
    apply_instructions: str | None
    contact_name: str | None
    contact_email: str | None
    owners: tuple[str, ...]
    status: str
    posted: dt.date
    updated: dt.date | None
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False, default_factory=dict)
    source: Via | None = None  # set on postings gathered from a partner board (generator.remote_postings)

    @property
    def key(self) -> str:
        """The posting's identity: `<org-slug>/<project-slug>`."""
        return f"{self.org_slug}/{self.slug}"

    @property
    def organization(self) -> str:
        return self.org.name

    @property
    def organization_url(self) -> str | None:
        return self.org.url

    @property
    def organization_about(self) -> str | None:
        return self.org.about

    @property
    def url_path(self) -> str:
        return f"projects/{self.org_slug}/{self.slug}/"

    @property
    def remote(self) -> bool:
        return self.location_type == "remote"

    @property
    def mentored(self) -> bool:
        return bool(self.mentor)

    @property
    def effective_hourly(self) -> float | None:
        """Pay per hour in the posting's currency: the hourly rate, or the fee spread over the hours."""
        return hourly_rate(self.pay_type, self.pay_amount, self.hours)

    def is_open(self, today: dt.date) -> bool:
        return self.status == "open" and self.apply_by >= today

    def closed_reason(self, today: dt.date) -> str | None:
        if self.status == "filled":
            return word("filled")
        if self.status == "closed":
            return word("closed-by-employer")
        if self.apply_by < today:
            return word("applications-closed-on", day=long_date(self.apply_by))
        return None

    @property
    def location_text(self) -> str:
        """`Remote · US only · New York time`, `Hybrid · Oslo, NO`."""
        return where_text(self.location_type, self.city, self.region, self.country, self.countries, self.timezones)

    @property
    def pay_text(self) -> str:
        return pay_text(self.pay_type, self.pay_amount, self.currency)

    @property
    def weeks(self) -> int | None:
        """The weeks the work spreads over, when the posting says (a duration, or a start and a due date)."""
        return weeks_of(self.duration_weeks, self.start, self.due)


def possessive(name: str) -> str:
    """`Acme’s`, but `Harry's` and `Ross’` stay as written: a name that is already possessive gets no second ’s."""
    name = name.strip()
    if name.endswith(("'", "’")) or name.casefold().endswith(("'s", "’s")):
        return name
    return f"{name}’s"


def site_domain(url: str | None) -> str | None:
    """The registrable part of a link's host, as a visitor recognises it: `adobe.wd5.myworkdayjobs.com` ->
    `myworkdayjobs.com`, `jobs.example.co.uk` -> `example.co.uk`. None for a link without a host."""
    try:
        host = (urlsplit(url or "").hostname or "").rstrip(".")
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if not labels:
        return None
    # a two-letter country ending under a short second level (co.uk, com.au, ac.jp) keeps three labels
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def apply_button_text(project: "Project") -> str:
    """What the apply button says: the organization's own site, or the other site the link opens (a job
    board such as myworkdayjobs.com), so a student knows where the click goes."""
    target = site_domain(project.apply_url)
    if target and target != site_domain(project.organization_url):
        return word("apply-on-site", site=target)
    return word("apply-on-own-site", owner=possessive(project.organization))




def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def project_from_data(path: str, org: Organization, slug: str, data: dict[str, Any]) -> Project:
    """Build the model from data that has passed validation (types and formats are trusted here)."""
    timeline = data["timeline"]
    pay = data["compensation"]
    where = data["location"]
    who = data.get("eligibility") or {}
    mentoring = data.get("mentorship") or {}
    apply = data["apply"]
    contact = data.get("contact") or {}
    return Project(
        path=path,
        org_slug=org.slug,
        slug=slug,
        title=data["title"].strip(),
        org=org,
        summary=data["summary"].strip(),
        description=data["description"],
        deliverables=tuple(data["deliverables"]),
        field=data["field"],
        skills=tuple(data["skills"]),
        tags=tuple(data.get("tags") or ()),
        hours=int(data["hours"]),
        apply_by=_date(timeline["apply_by"]),
        start=_date(timeline.get("start")),
        due=_date(timeline.get("due")),
        duration_weeks=timeline.get("duration_weeks"),
        pay_type=pay["type"],
        pay_amount=pay.get("amount"),
        currency=pay.get("currency"),
        location_type=where["type"],
        city=where.get("city"),
        region=where.get("region"),
        country=where.get("country"),
        timezones=tuple(where.get("timezones") or ()),
        levels=tuple(who.get("levels") or ()),
        countries=tuple(who.get("countries") or ()),
        work_authorization=who.get("work_authorization"),
        mentor=mentoring.get("mentor"),
        check_ins=mentoring.get("check_ins"),
        feedback=tuple(mentoring.get("feedback") or ()),
        learning_outcomes=tuple(mentoring.get("learning_outcomes") or ()),
        apply_url=apply.get("url"),
        apply_email=apply.get("email"),
        apply_instructions=apply.get("instructions"),
        contact_name=contact.get("name"),
        contact_email=contact.get("email"),
        owners=tuple(data["owners"]),
        status=data["status"],
        posted=_date(data["posted"]),
        updated=_date(data.get("updated")),
        raw=data,
    )
