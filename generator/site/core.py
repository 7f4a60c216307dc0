"""Postings in, the site's pages and files out, without knowing which engine publishes them.

`build_outputs` is the whole site as data: a list of `Output`s. A page's content is the
finished HTML of its body (trusted template output around sanitised posting HTML); a
file's content is written as it is. The MkDocs plugin is one adapter for these; another
engine needs only to place pages at their paths and copy files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from generator.model import FIELD_LABELS, Project
from generator.settings import Settings
from generator.slugs import SLUG, slugify

PAGE, FILE = "page", "file"


@dataclass(frozen=True)
class Output:
    """One thing to publish.

    path: where it goes, POSIX, relative to the site root. Pages are named as their
      Markdown source would be (`projects/acme/logo/index.md` becomes `.../index.html`).
    content: a page's body as finished HTML, or a file's text or bytes.
    kind: PAGE or FILE.
    meta: for pages: `title` and `description` (HTML-escaped, as themes print them
      unescaped), `robots`, `jsonld` (script-safe JSON text), `feeds`, `search`, `hide`,
      and `search_html`: the short HTML a site search should index instead of the body.
    in_nav: pages the site's navigation may list (the board and the browse pages);
      posting, organization, field and skill pages are never listed one by one.
    """

    path: str
    content: str | bytes
    kind: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = False


@dataclass(frozen=True)
class SiteOptions:
    """What the core needs to know about the site that hosts it."""

    site_url: str | None = None
    site_name: str = "Microboard"
    directory_urls: bool = True
    template_dirs: tuple[Path, ...] = ()
    schema_path: Path | None = None


# ---------------------------------------------------------------- slugs and links


def skill_slug(name: str) -> str:
    """A skill's URL name: `C#` is `c-sharp`, `Node.js` is `node-js`."""
    return slugify(name.lower().replace("#", " sharp ").replace("+", " plus ").replace("&", " and "))


class Linker:
    """URLs from one page to another, relative (the site works from any folder) or absolute (feeds)."""

    def __init__(self, page_dir: str, options: SiteOptions) -> None:
        depth = len([part for part in page_dir.split("/") if part])
        self.root = "../" * depth or "./"
        self.index = "" if options.directory_urls else "index.html"
        self.page_dir = page_dir

    def page(self, target_dir: str) -> str:
        """A page given by its folder, e.g. `skills/python/` ('' is the board)."""
        if not target_dir:
            return self.root + self.index if self.index else self.root
        return self.root + target_dir.strip("/") + "/" + self.index

    def file(self, target: str) -> str:
        return self.root + target


def absolute(options: SiteOptions, target: str) -> str | None:
    """`target` (a site path) under site_url, or None when the site has no site_url."""
    if not options.site_url:
        return None
    base = options.site_url if options.site_url.endswith("/") else options.site_url + "/"
    return base + target


# ---------------------------------------------------------------- the catalog


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


# ---------------------------------------------------------------- the whole site


def build_outputs(projects: Sequence[Project], settings: Settings, today: dt.date,
                  options: SiteOptions | None = None) -> list[Output]:
    """Every page and file of the site for these (validated) postings on the build date `today`."""
    from generator.site import board, feeds, pages, search_index
    from generator.site.post_form import post_form_page

    options = options or SiteOptions()
    catalog = Catalog(projects, settings, today)
    renderer = pages.PageRenderer(catalog, options)
    outputs: list[Output] = []
    outputs += board.board_pages(catalog, renderer)
    outputs += board.board_data(catalog, options)
    outputs += search_index.search_outputs(catalog, options)
    outputs += renderer.posting_pages()
    outputs += renderer.facet_pages()
    outputs += feeds.all_feeds(catalog, options, renderer.description)
    outputs.append(feeds.schema_file(options))
    outputs.append(feeds.organization_schema_file())
    outputs.append(post_form_page(settings, options, Linker("post/", options).file("assets/microboard/post-form.js"),
                                  [(slug, facet.name) for slug, facet in catalog.organizations.items()]))
    return outputs
