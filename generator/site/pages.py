"""The HTML pages: a page per posting, per organization, per field and per skill, and the browse pages.

Templates are compiled once per build; a card is rendered once per posting and reused on
every list it appears in, with its links made relative to each page by a cheap replace.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import urllib.parse
from pathlib import Path
from typing import Any, Iterable, Sequence

import jinja2

from generator.formats import (closes_text, day_text, hours_text, is_new, levels_text, long_date,
                               per_hour_text)
from generator.labels import CHECK_IN_LABELS, FEEDBACK_LABELS, FIELD_LABELS, word
from generator.model import Project, apply_button_text
from generator.site.catalog import Catalog, Facet
from generator.site.document import Chrome, document
from generator.site.outputs import FILE, PAGE, Linker, Output, SiteOptions, absolute
from generator.site.folding import fold
from generator.site.job_posting import hidden_values, tags
from generator.site.markdown import DescriptionRenderer
from generator.site.rows import row_view

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Stands for the relative way to the site root in cached card HTML; YAML cannot carry
# this control character, so no posting text can contain it.
ROOT_TOKEN = "\x01"


def environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """Our templates, with the site's overrides (e.g. overrides/microboard/card.html) found first."""
    loader = jinja2.FileSystemLoader([str(d) for d in template_dirs] + [str(PACKAGE_TEMPLATES)])
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
    env.filters["day"] = day_text
    env.filters["long_date"] = long_date
    env.filters["plural"] = plural
    return env


# ---------------------------------------------------------------- words shared with board.js


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (many or singular + 's')}"




CARD_LABELS = {"apply_by": word("apply-by"), "mentored": word("mentored"), "skills": word("skills")}


def hourly_text(project: Project) -> str:
    """`≈ 24 USD an hour` for fees and stipends; empty for hourly and unpaid postings."""
    return per_hour_text(project.pay_type, project.pay_amount, project.currency, project.hours)


def label(value: str) -> str:
    return value.replace("-", " ").capitalize()


_EMAIL = re.compile(r"[A-Za-z0-9._+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def safe_email(address: str | None) -> str | None:
    """An address plain enough for a mailto: link (no `?`, `&` or `%` that would add headers)."""
    return address if address and _EMAIL.fullmatch(address) else None


def safe_link(url: str | None) -> str | None:
    """Only https and http links leave the site (the schema asks for https already)."""
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


# ---------------------------------------------------------------- the renderer


class PageRenderer:
    def __init__(self, catalog: Catalog, options: SiteOptions) -> None:
        self.catalog = catalog
        self.options = options
        self.today = catalog.today
        self.env = environment(options.template_dirs)
        self.description = _Descriptions()
        self._cards: dict[str, str] = {}
        self._card_macro = self.env.get_template("microboard/card.html").module.card
        self._rows: dict[tuple[str, bool], str] = {}
        self._row_macro = self.env.get_template("microboard/row.html").module.row
        self._posting = self.env.get_template("microboard/posting.html")
        self._listing = self.env.get_template("microboard/listing.html")
        self._organization = self.env.get_template("microboard/organization.html")
        self._browse = self.env.get_template("microboard/browse.html")
        self.chrome = Chrome(self.env, options)

    # -- cards

    def card_view(self, project: Project, link: Linker) -> dict[str, Any]:
        catalog = self.catalog
        via = project.source
        return {
            # a gathered posting has no page here: its card leads to its page on the partner board
            "href": via.page_url if via else link.page(project.url_path),
            "via": word("via", name=via.name) if via else "",
            "apply_href": safe_link(project.apply_url) if via else None,
            "apply_text": word("apply-at-employer"),
            "title": project.title,
            "org": catalog.organizations[project.org_slug].name,
            "org_href": link.page(f"organizations/{project.org_slug}/"),
            "field": FIELD_LABELS.get(project.field, label(project.field)),
            "field_href": link.page(f"fields/{project.field}/"),
            "summary": project.summary,
            "hours": hours_text(project.hours, project.weeks),
            "pay": project.pay_text,
            "hourly": hourly_text(project),
            "where": project.location_text,
            "levels_text": levels_text(project.levels),
            "posted": project.posted,
            "posted_text": word("posted", day=day_text(project.posted)),
            "new": is_new(project.posted, self.today),
            "new_text": word("new"),
            "label": CARD_LABELS,
            "apply_by": project.apply_by,
            "closes": closes_text(project.apply_by, self.today),
            "skills": [(name, link.page(f"skills/{catalog.skill_slug(name)}/")) for name in project.skills],
            "mentored": project.mentored,
        }

    def card(self, project: Project) -> str:
        """The card's HTML with ROOT_TOKEN where the way to the site root goes."""
        cached = self._cards.get(project.key)
        if cached is None:
            link = Linker("", self.options)
            link.root = ROOT_TOKEN
            cached = self._cards[project.key] = str(self._card_macro(self.card_view(project, link)))
        return cached

    def cards(self, projects: Iterable[Project], root: str) -> str:
        return "".join(self.card(p) for p in projects).replace(ROOT_TOKEN, root)

    def row(self, project: Project, with_org: bool = True) -> str:
        """The posting's compact row (row.html), with ROOT_TOKEN where the way to the site root goes."""
        cached = self._rows.get((project.key, with_org))
        if cached is None:
            link = Linker("", self.options)
            link.root = ROOT_TOKEN
            view = row_view(project, link, self.catalog, self.today, with_org)
            cached = self._rows[(project.key, with_org)] = str(self._row_macro(view))
        return cached

    def rows(self, projects: Iterable[Project], root: str, with_org: bool = True) -> str:
        return "".join(self.row(p, with_org) for p in projects).replace(ROOT_TOKEN, root)

    def card_template(self) -> str:
        """The empty card board.js fills in: the same macro, so script and server cards look the same."""
        blank = {"href": "#", "via": "", "apply_href": "#", "apply_text": word("apply-at-employer"), "title": "", "org": "",
                 "org_href": "#", "field": "", "field_href": "#",
                 "summary": "", "hours": "", "pay": "", "hourly": "", "where": "", "levels_text": "",
                 "posted": None, "posted_text": "", "new": True, "new_text": word("new"), "label": CARD_LABELS, "apply_by": None,
                 "closes": "",
                 "skills": [("", "#")], "mentored": True}
        return str(self._card_macro(blank))

    # -- listings, shared by the board, fields and skills

    def pages_of(self, projects: Sequence[Any], base_dir: str) -> list[tuple[str, Sequence[Any], int, int]]:
        """(page folder, postings (or other entries) on it, number, count) for each page of a paginated list."""
        size = max(self.catalog.settings.board_page_size, 1)
        count = max((len(projects) + size - 1) // size, 1)
        result = []
        for number in range(1, count + 1):
            folder = base_dir if number == 1 else f"{base_dir}page/{number}/"
            result.append((folder, projects[(number - 1) * size: number * size], number, count))
        return result

    def pager(self, link: Linker, base_dir: str, number: int, count: int) -> dict[str, Any] | None:
        if count <= 1:
            return None

        def href(n: int) -> str:
            return link.page(base_dir if n == 1 else f"{base_dir}page/{n}/")

        window = sorted({1, count, *range(max(number - 2, 1), min(number + 2, count) + 1)})
        items, previous = [], 0
        for n in window:
            if n - previous > 1:
                items.append({"gap": True, "number": None, "href": None, "current": False})
            items.append({"gap": False, "number": n, "href": href(n), "current": n == number})
            previous = n
        return {"items": items, "number": number, "count": count,
                "prev": href(number - 1) if number > 1 else None,
                "next": href(number + 1) if number < count else None}

    def render_listing(self, template: jinja2.Template, folder: str, **context: Any) -> str:
        link = Linker(folder, self.options)
        return template.render(link=link, site=self.options, today=self.today, **context)

    # -- posting pages

    def posting_pages(self) -> list[Output]:
        return [self.posting_page(p) for p in self.catalog.projects if p.source is None]

    def posting_page(self, project: Project) -> Output:
        """The posting's page, a complete document made when it is written (document.py)."""
        folder = project.url_path
        meta: dict[str, Any] = {"title": html.escape(project.title), "description": html.escape(project.summary)}
        # The site search leaves postings to the posting index (search/, see search_index.py), which
        # the header's search reads too: a whole-board lunr index is megabytes at 10,000 postings.
        meta["search"] = {"exclude": True}
        if not project.is_open(self.today):
            meta["robots"] = "noindex"
        return document(folder, meta, functools.partial(self._posting_document, project, meta))

    def posting_body(self, project: Project) -> str:
        """The posting's article (and its scripts), without the page around it."""
        link = Linker(project.url_path, self.options)
        description = self.description(project)
        view = self.card_view(project, link)
        view.update(self._posting_details(project, description, project.is_open(self.today)))
        return self._posting.render(p=view, link=link, site=self.options, today=self.today)

    def _posting_document(self, project: Project, meta: dict[str, Any]) -> str:
        return self.chrome(project.url_path, self.posting_body(project), meta)

    def _posting_details(self, project: Project, description: str, is_open: bool) -> dict[str, Any]:
        settings = self.catalog.settings
        repository = settings.repository
        edit = (f"{self.options.github_url}/{repository}/edit/{settings.branch}/{project.path}"
                if repository and not project.path.startswith(("/", "..")) else None)
        return {
            "is_open": is_open,
            # the schema.org JobPosting's values no element shows (job_posting.py); None: no JobPosting
            "job_posting": tags(hidden_values(project, settings.timezone, absolute(self.options, project.url_path)))
            if is_open else None,
            "closed_reason": project.closed_reason(self.today),
            # what the page says once its deadline has passed, shown by script when a visitor comes later
            "closed_later": project.closed_reason(project.apply_by + dt.timedelta(days=1)) if is_open else None,
            "summary": project.summary,
            "description": description,
            "deliverables": project.deliverables,
            "tags": project.tags,
            "start": project.start,
            "due": project.due,
            "duration_weeks": project.duration_weeks,
            # the total beside the hours fact when that fact says hours a week (and so the weeks too)
            "hours_in_all": hours_text(project.hours, None) if (project.weeks or 0) > 1 else None,
            "posted": project.posted,
            "updated": project.updated,
            "location_type": project.location_type,
            "timezones": project.timezones,
            "levels": [label(level) for level in project.levels],
            "countries": project.countries,
            "work_authorization": project.work_authorization,
            "mentor": project.mentor,
            "check_ins": CHECK_IN_LABELS.get(project.check_ins or "", project.check_ins),
            "feedback": [FEEDBACK_LABELS.get(item, item) for item in project.feedback],
            "learning_outcomes": project.learning_outcomes,
            "apply_url": safe_link(project.apply_url),
            "apply_label": apply_button_text(project),
            "apply_email": safe_email(project.apply_email),
            "apply_email_text": project.apply_email,
            "apply_instructions": project.apply_instructions,
            "contact_name": project.contact_name,
            "contact_email": safe_email(project.contact_email),
            "contact_email_text": project.contact_email,
            "owners": project.owners,
            "organization_about": project.organization_about,
            "organization_url": safe_link(project.organization_url),
            "edit_url": edit,
            "status": project.status,
        }

    # -- organization, field and skill pages

    def facet_pages(self) -> list[Output]:
        catalog = self.catalog
        outputs: list[Output] = []
        for org in catalog.organizations.values():
            outputs += self.organization_pages(org)
        for facet in catalog.fields.values():
            outputs += self.listing_pages(facet, f"fields/{facet.key}/", "field")
        for facet in catalog.skills.values():
            outputs += self.listing_pages(facet, f"skills/{facet.key}/", "skill")
        outputs += self.browse_pages()
        return outputs

    def organization_pages(self, org: Facet) -> list[Output]:
        """An organization's open postings as compact rows, then its past ones as a list, paged like the board."""
        base_dir = f"organizations/{org.key}/"
        entries = [(True, p) for p in org.open] + [(False, p) for p in org.past]
        outputs = []
        for folder, chunk, number, count in self.pages_of(entries, base_dir):
            title = org.name if number == 1 else f"{org.name}, page {number}"
            meta: dict[str, Any] = {"title": html.escape(title), "description": html.escape(
                f"Micro-internships at {org.name}: {plural(len(org.open), 'open project')}.")}
            if number == 1:
                meta.update({"search": {"boost": 1.5},
                             "search_html": f"<p>{html.escape(org.about or org.name)}</p>{_folded_html(org.name)}"})
            else:
                meta["search"] = {"exclude": True}
            body = functools.partial(self.organization_body, org, folder, chunk, number, count)
            outputs.append(document(folder, meta, functools.partial(self._wrap, folder, body, meta)))
        return outputs

    def organization_body(self, org: Facet, folder: str, chunk: Sequence[tuple[bool, Project]], number: int,
                          count: int) -> str:
        base_dir = f"organizations/{org.key}/"
        link = Linker(folder, self.options)
        past = [{"title": p.title, "href": link.page(p.url_path), "reason": p.closed_reason(self.today),
                 "posted": p.posted} for is_open, p in chunk if not is_open]
        rows = self.rows([p for is_open, p in chunk if is_open], link.root, with_org=False)
        return self.render_listing(self._organization, folder, org=org, url=safe_link(org.url), rows=rows,
                                   past=past, number=number, pager=self.pager(link, base_dir, number, count),
                                   open_elsewhere=not rows and bool(org.open))

    def _wrap(self, folder: str, body: Any, meta: dict[str, Any]) -> str:
        return self.chrome(folder, body(), meta)

    def listing_pages(self, facet: Facet, base_dir: str, kind: str) -> list[Output]:
        outputs = []
        feed = f"{base_dir}feed.xml" if kind == "field" else None
        title = f"{facet.name} projects" if kind == "field" else f"Projects using {facet.name}"
        for folder, chunk, number, count in self.limited(self.pages_of(facet.open, base_dir)):
            link = Linker(folder, self.options)
            meta: dict[str, Any] = {"title": html.escape(title if number == 1 else f"{title}, page {number}"),
                                    "description": html.escape(f"{plural(len(facet.open), 'open project')}: "
                                                               f"{title.lower()} on {self.options.site_name}.")}
            if feed:
                meta["feeds"] = [{"type": "application/atom+xml", "title": f"{facet.name} projects",
                                  "href": link.file(feed)}]
            meta["search"] = {"boost": 2} if number == 1 else {"exclude": True}
            meta["search_html"] = f"<p>{plural(len(facet.open), 'open project')}</p>"
            body = functools.partial(self.listing_body, facet, base_dir, kind, title, folder, chunk, number, count)
            outputs.append(document(folder, meta, functools.partial(self._wrap, folder, body, meta)))
        return outputs

    def limited(self, pages: list[tuple[str, Sequence[Any], int, int]]) -> list[tuple[str, Sequence[Any], int, int]]:
        """The first `listing_page_limit` pages of the board's, a field's or a skill's list (0: all), each told the new
        count."""
        limit = self.catalog.settings.listing_page_limit
        if not limit or len(pages) <= limit:
            return pages
        return [(folder, chunk, number, limit) for folder, chunk, number, _ in pages[:limit]]

    def cut_short(self, total: int, number: int, count: int) -> int | None:
        """On the last of `count` limited pages of a list of `total`: how many it lists, if fewer than `total`
        (the page then says where the rest are); otherwise None."""
        listed = min(total, count * max(self.catalog.settings.board_page_size, 1))
        return listed if number == count and listed < total else None

    def listing_body(self, facet: Facet, base_dir: str, kind: str, title: str, folder: str,
                     chunk: Sequence[Project], number: int, count: int) -> str:
        link = Linker(folder, self.options)
        feed = f"{base_dir}feed.xml" if kind == "field" else None
        listed = self.cut_short(len(facet.open), number, count)
        more = None
        if listed is not None:  # the list stops at listing_page_limit pages
            more = {"listed": listed, "href": link.page("") + "?" + urllib.parse.urlencode({kind: facet.key})}
        return self.render_listing(
            self._listing, folder, title=title, facet=facet, kind=kind, number=number,
            rows=self.rows(chunk, link.root), pager=self.pager(link, base_dir, number, count),
            feed=link.file(feed) if feed else None, more=more)

    def browse_pages(self) -> list[Output]:
        catalog = self.catalog
        lists = {
            "fields": ("Fields", "Every kind of work on the board.", catalog.fields.values()),
            "skills": ("Skills", "Every skill the postings ask for.", catalog.skills.values()),
            "organizations": ("Organizations", "Everyone who posts here.", catalog.organizations.values()),
        }
        outputs = []
        for key, (title, intro, facets) in lists.items():
            base_dir = f"{key}/"
            items = [{"name": f.name, "key": f.key, "open": len(f.open), "past": len(f.past)} for f in facets]
            if key != "fields":  # fields are a fixed list; the others only show who has something open first
                items.sort(key=lambda item: (-item["open"], item["name"].casefold()))
            # a long list (a board with a thousand organizations) is paged like the board, and works without script
            for folder, chunk, number, count in self.pages_of(items, base_dir):
                link = Linker(folder, self.options)
                shown = [dict(item, href=link.page(f"{key}/{item['key']}/")) for item in chunk]
                body = self.render_listing(self._browse, folder, title=title, intro=intro, items=shown, kind=key,
                                           number=number, pager=self.pager(link, base_dir, number, count))
                meta = {"title": html.escape(title if number == 1 else f"{title}, page {number}"),
                        "description": html.escape(intro), "hide": ["toc"], "search": {"exclude": True}}
                outputs.append(Output(folder + "index.md", body, PAGE, meta, in_nav=number == 1))
        return outputs


class _Descriptions:
    """Sanitised description HTML per posting, rendered once and shared by the page and the feeds."""

    def __init__(self) -> None:
        self._render = DescriptionRenderer()
        self._cache: dict[str, str] = {}

    def __call__(self, project: Project) -> str:
        cached = self._cache.get(project.key)
        if cached is None:
            cached = self._cache[project.key] = self._render(project.description)
        return cached


def _folded_html(name: str) -> str:
    """The name as the site search should also find it, typed without accents or curly apostrophes."""
    folded = fold(name)
    return f"<p>{html.escape(folded)}</p>" if folded != name.lower() else ""


def file_output(path: str, content: str | bytes) -> Output:
    """A file, kept as the UTF-8 it is written as: a text with one character beyond Latin-1 would take two or four
    bytes a character in memory until the build ends (projects.json is tens of megabytes on a large board)."""
    return Output(path, content.encode("utf-8") if isinstance(content, str) else content, FILE)
