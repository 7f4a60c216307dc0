"""Postings from partner boards, made ours: each converted back to a posting document and judged by our
own validator, against our schema and our settings, like a posting in a pull request.

A partner board's projects.json is untrusted data. Nothing in it is published as it came:
`description_html` is sanitised again with the same rules as our own descriptions, every other
value passes the schema and the board's checks (pay floor, https links, characters), and a posting
that fails is left out with its reason. Gathered postings get organization slugs prefixed with their
source's id, so they can never take the place of a local posting or organization; a posting that
is already on the board (locally, or from an earlier source) is shown once, and local wins.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

import yaml

from generator.load import Document
from generator.model import Project, Via
from generator.settings import Settings, Source, source_address_ok
from generator.site.markdown import sanitize
from generator.sources import CACHED, FETCHED, MISSING, UNCHANGED, Outcome, fetch_all
from generator.validate import Checker, Result

# Gathered postings name no GitHub owners of ours: this stands in for them, so the schema's rule holds.
GATHERED_OWNER = "gathered"
WARNING, INFO = "warning", "info"
REASONS_PER_SOURCE = 20  # left-out postings named one by one in the log; the rest are counted


@dataclass(frozen=True)
class Note:
    """One line for the build log about a source (level WARNING or INFO)."""

    level: str
    source: str
    text: str


@dataclass
class Gathered:
    projects: list[Project] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def gather(settings: Settings, local: Iterable[Project], root: Path, today: dt.date) -> Gathered:
    """The open postings of every source in `settings.sources` that this board may show, and what happened."""
    outcomes = fetch_all(settings.sources, Path(root) / settings.sources_cache, settings.sources_timeout)
    return combine(outcomes, settings, local, root, today)


def combine(outcomes: Iterable[Outcome], settings: Settings, local: Iterable[Project], root: Path,
            today: dt.date) -> Gathered:
    local = list(local)
    gathered = Gathered()
    seen = _Seen()
    seen.add_board(local)
    local_orgs = {p.org_slug for p in local}
    checker = Checker(settings, Path(root))
    for outcome in outcomes:
        name = outcome.source.name
        if outcome.state == MISSING:
            gathered.notes.append(Note(WARNING, name, f"{outcome.source.url} {outcome.reason}, and the build has no "
                                                      "earlier copy: its postings are left out"))
            continue
        if outcome.state == CACHED:
            gathered.notes.append(Note(WARNING, name, f"{outcome.source.url} {outcome.reason}: showing its postings "
                                                      f"from the copy fetched {outcome.copied}"))
        feed = outcome.feed or {}
        if feed.get("gather") is False:
            gathered.notes.append(Note(WARNING, name, f"{outcome.source.url} asks other boards not to show its "
                                                      "postings (gather: false): they are left out"))
            continue
        valid, reasons, skipped = [], [], 0
        for item in feed.get("projects", []):
            project, reason = remote_project(item, outcome.source, settings, checker, today)
            if project is None:
                if reason:
                    reasons.append(reason)
                else:
                    skipped += 1
            elif project.org_slug in local_orgs:
                reasons.append(f"{project.key}: its organization would take the place of this board's own "
                               f"{project.org_slug}")
            else:
                valid.append(project)
        taken = [project for project in valid if not seen.has(project)]
        skipped += len(valid) - len(taken)
        seen.add_board(taken)
        gathered.projects += taken
        state = {FETCHED: "fetched", UNCHANGED: "unchanged since the last build", CACHED: "last good copy"}
        gathered.notes.append(Note(INFO, name, f"{len(taken)} postings shown ({state[outcome.state]}); "
                                               f"{skipped} closed, filtered out or already on the board"))
        for reason in reasons[:REASONS_PER_SOURCE]:
            gathered.notes.append(Note(WARNING, name, f"left out {reason}"))
        if len(reasons) > REASONS_PER_SOURCE:
            gathered.notes.append(Note(WARNING, name, f"and {len(reasons) - REASONS_PER_SOURCE} more postings left "
                                                      "out for errors"))
    return gathered


def summary_markdown(notes: Iterable[Note]) -> str:
    """The partner boards' warnings as a Markdown section for the GitHub job summary (their text escaped:
    ids and messages come from strangers); empty when there is nothing to warn about."""
    from generator.report import markdown_text

    warnings = [note for note in notes if note.level == WARNING]
    if not warnings:
        return ""
    lines = ["### Partner boards", ""]
    lines += [f"- {markdown_text(note.source)}: {markdown_text(note.text)}" for note in warnings]
    return "\n".join(lines) + "\n\n"


def append_step_summary(notes: Iterable[Note], environ: Mapping[str, str] = os.environ) -> bool:
    """Add the partner boards' warnings to the GitHub job summary, when there is one and something to say."""
    target, text = environ.get("GITHUB_STEP_SUMMARY"), summary_markdown(notes)
    if not target or not text:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text)
    return True


# ---------------------------------------------------------------- one posting


def remote_project(item: Any, source: Source, settings: Settings, checker: Checker,
                   today: dt.date) -> tuple[Project | None, str]:
    """(project, "") when the posting is valid, open and wanted; (None, reason) when it is invalid;
    (None, "") when it is valid but closed or outside the source's filter."""
    if not isinstance(item, dict):
        return None, "an entry that is not a posting"
    shown_id = str(item.get("id"))[:80]
    org = _part(item, "organization")
    org_slug, slug = org.get("slug"), _project_slug(item.get("id"), org.get("slug"))
    if not isinstance(org_slug, str) or slug is None:
        return None, f"{shown_id!r}: its id is not <organization-slug>/<project-slug>"
    page = item.get("url")
    if not _same_board(page, source.url):
        return None, f"{shown_id}: its url is not a page of {urlsplit(source.url).hostname}"
    local_org = f"{source.id}-{org_slug}"
    shown = f"{settings.projects_dir}/{local_org}/{slug}.yaml"
    checker.organization_texts.setdefault(local_org, _organization_yaml(org))
    doc = Document(shown, data=posting_document(item))
    result = Result()
    checker.check_document(doc, Path(checker.root) / shown, result)
    if result.errors or not result.projects:
        first = result.errors[0] if result.errors else None
        where = f" ({'.'.join(str(part) for part in first.field)})" if first and first.field else ""
        return None, f"{shown_id}: {first.message if first else 'not a posting'}{where}"
    project = dataclasses.replace(result.projects[0], source=Via(source.name, page))
    if not project.is_open(today) or not wanted(project, source):
        return None, ""
    return project, ""


def posting_document(item: dict[str, Any]) -> dict[str, Any]:
    """A projects.json entry as the posting file it came from (values as sent: the validator judges them).

    Keys whose value is null or empty are left out, as a posting file leaves them out."""
    timeline, pay, where = _part(item, "timeline"), _part(item, "pay"), _part(item, "location")
    who, mentoring, apply = _part(item, "eligibility"), _part(item, "mentorship"), _part(item, "apply")
    description = item.get("description_html")
    document = {
        "title": item.get("title"),
        "summary": item.get("summary"),
        "description": sanitize(description) if isinstance(description, str) else None,
        "deliverables": item.get("deliverables"),
        "field": item.get("field"),
        "skills": item.get("skills"),
        "tags": item.get("tags"),
        "hours": item.get("hours"),
        "timeline": _kept(timeline, "apply_by", "start", "due", "duration_weeks"),
        "compensation": _kept(pay, "type", "amount", "currency"),
        "location": _kept(where, "type", "city", "region", "country", "timezones"),
        "eligibility": _kept(who, "levels", "countries", "work_authorization"),
        "mentorship": _kept(mentoring, "mentor", "check_ins", "feedback", "learning_outcomes"),
        "apply": _kept(apply, "url", "email", "instructions"),
        "owners": [GATHERED_OWNER],
        "status": item.get("status"),
        "posted": item.get("posted"),
        "updated": item.get("updated"),
    }
    return {key: value for key, value in document.items() if value not in (None, [], {}, "")}


def wanted(project: Project, source: Source) -> bool:
    """Whether a posting passes the source's filter in board.yml."""
    if source.fields and project.field not in source.fields:
        return False
    if source.remote_only and project.location_type != "remote":
        return False
    if source.countries:
        places = {project.country, *project.countries} - {None}
        return bool(places & set(source.countries)) or (project.remote and not places)
    return True


# ---------------------------------------------------------------- the same posting twice


def _apply_key(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.strip())
    return f"{(parts.hostname or '').lower()}{parts.path.rstrip('/')}?{parts.query}"


class _Seen:
    """Postings already on the board, by apply link and by organization name and title.

    An apply link identifies a posting only when one posting of its board uses it: many organizations send
    every applicant to one "work with us" page, and their postings are not one posting."""

    def __init__(self) -> None:
        self.keys: set[tuple[str, str]] = set()

    def has(self, project: Project) -> bool:
        return _named(project) in self.keys or ("apply", _apply_key(project.apply_url)) in self.keys

    def add_board(self, projects: list[Project]) -> None:
        links = Counter(_apply_key(p.apply_url) for p in projects)
        for project in projects:
            self.keys.add(_named(project))
            link = _apply_key(project.apply_url)
            if link and links[link] == 1:
                self.keys.add(("apply", link))


def _named(project: Project) -> tuple[str, str]:
    return ("named", f"{project.organization.casefold().strip()}\n{project.title.casefold().strip()}")


# ---------------------------------------------------------------- small helpers


def _part(item: dict[str, Any], key: str) -> dict[str, Any]:
    value = item.get(key)
    return value if isinstance(value, dict) else {}


def _kept(part: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: part[key] for key in keys if part.get(key) not in (None, [], "")}


def _project_slug(identity: Any, org_slug: Any) -> str | None:
    """The project's slug from an id `<org-slug>/<project-slug>` (checked as a slug by the validator's path rule)."""
    if not isinstance(identity, str) or not isinstance(org_slug, str) or identity.count("/") != 1:
        return None
    first, slug = identity.split("/")
    return slug if first == org_slug and slug else None


def _same_board(page: Any, feed_url: str) -> bool:
    """A posting's page must be on its board's own host, with an address a source may have."""
    if not source_address_ok(page):
        return False
    return urlsplit(page).hostname == urlsplit(feed_url).hostname


def _organization_yaml(org: dict[str, Any]) -> bytes:
    """The organization as the organization.yaml it would be (values as sent: the validator judges them)."""
    data = {"name": org.get("name"), "url": org.get("url"), "owners": [GATHERED_OWNER]}
    data = {key: value for key, value in data.items() if value is not None}
    try:
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    except yaml.YAMLError:
        return b"name: null\n"
