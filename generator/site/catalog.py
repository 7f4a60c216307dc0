"""The postings as the site sees them on one build date: what is open, and every field, skill and
organization with its postings, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from generator.model import FIELD_LABELS, Project
from generator.settings import Settings
from generator.slugs import SLUG, slugify


def skill_slug(name: str) -> str:
    """A skill's URL name: `C#` is `c-sharp`, `Node.js` is `node-js`."""
    return slugify(name.lower().replace("#", " sharp ").replace("+", " plus ").replace("&", " and "))


@dataclass
class Facet:
    """A field, a skill or an organization, with its postings newest first."""

    key: str
    name: str
    open: list[Project] = field(default_factory=list)
    past: list[Project] = field(default_factory=list)
    about: str | None = None
    url: str | None = None


def newest_first(projects: Iterable[Project]) -> list[Project]:
    ordered = sorted(projects, key=lambda p: p.key)
    return sorted(ordered, key=lambda p: (p.posted, p.updated or p.posted), reverse=True)


class Catalog:
    """The postings as the site sees them on one build date: what is open, and every facet."""

    def __init__(self, projects: Sequence[Project], settings: Settings, today: dt.date) -> None:
        self.settings = settings
        self.today = today
        for project in projects:  # the validator checked them; a path is only ever built from a checked slug
            if not (SLUG.fullmatch(project.org_slug) and SLUG.fullmatch(project.slug)):
                raise ValueError(f"unsafe slug in {project.path}")
        self.projects = newest_first(projects)
        self.open = [p for p in self.projects if p.is_open(today)]
        self.past = [p for p in self.projects if not p.is_open(today)]
        self.fields: dict[str, Facet] = {key: Facet(key, label) for key, label in FIELD_LABELS.items()}
        self.organizations: dict[str, Facet] = {}
        self.skills: dict[str, Facet] = {}
        self._skill_slugs: dict[str, str] = {}
        for project in self.projects:
            is_open = project.is_open(today)
            facets = [self._field(project.field), self._organization(project)]
            facets += [self._skill(name) for name in project.skills]
            for facet in facets:
                (facet.open if is_open else facet.past).append(project)
        self.organizations = dict(sorted(self.organizations.items(), key=lambda kv: kv[1].name.casefold()))
        self.skills = dict(sorted(self.skills.items(), key=lambda kv: kv[1].name.casefold()))

    def _field(self, key: str) -> Facet:
        if key not in self.fields:
            self.fields[key] = Facet(key, key.replace("-", " ").capitalize())
        return self.fields[key]

    def _organization(self, project: Project) -> Facet:
        facet = self.organizations.get(project.org_slug)
        if facet is None:  # every posting of a folder shares its organization.yaml
            facet = self.organizations[project.org_slug] = Facet(
                project.org_slug, project.organization, about=project.organization_about,
                url=project.organization_url)
        return facet

    def skill_slug(self, name: str) -> str:
        slug = self._skill_slugs.get(name)
        if slug is None:
            base = skill_slug(name) or "skill"
            slug, number = base, 2
            taken = set(self._skill_slugs.values())
            while slug in taken:  # two spellings that slugify alike keep distinct pages
                slug, number = f"{base}-{number}", number + 1
            self._skill_slugs[name] = slug
        return slug

    def _skill(self, name: str) -> Facet:
        slug = self.skill_slug(name)
        if slug not in self.skills:
            self.skills[slug] = Facet(slug, name)
        return self.skills[slug]

    def board_hourly(self, project: Project) -> float | None:
        """Effective pay per hour in the board's currency, or None (unpaid, or no exchange rate)."""
        hourly = project.effective_hourly
        if hourly is None or not project.currency:
            return None
        return self.settings.to_board_currency(hourly, project.currency)
