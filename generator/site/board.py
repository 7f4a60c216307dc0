"""The board: server-rendered pages of cards (the whole board without JavaScript) and the compact data board.js filters.

board.json holds one short row per open posting, newest first, with fields, skills,
organizations, places and currencies as indexes into lookup tables and dates as days
from the build date (`today`), plus the few words only the script writes (`words`). Summaries, needed only by the text filter, are in board-text.json,
which the script loads the first time someone types.
"""

from __future__ import annotations

import html
import json
from typing import Any

from generator.model import FIELD_LABELS
from generator.site.catalog import Catalog
from generator.site.compact import COMPACT
from generator.site.outputs import PAGE, Linker, Output, SiteOptions
from generator.site.pages import OPEN_PROJECTS, UPDATED_DAYS_AGO, PageRenderer, file_output, label
from generator.validate import load_schema

BOARD_DATA_VERSION = 1
LOCATION_TYPES = ("remote", "hybrid", "on-site")
PAY_TYPES = ("fixed", "hourly", "stipend", "unpaid")
SORTS = (("newest", "Newest"), ("closing", "Closing soon"), ("pay", "Highest pay per hour"),
         ("hours", "Fewest hours"))
WITHIN = (7, 14, 30, 60, 90)
STILL_OPEN = (7, 14, 30)  # "Still open for at least" these many days
# The words the filter script writes that no server page shows: the summary of active filters above the
# results ({n} a number, {label} a filter's words), the panel's closing action and the facet counts.
FILTER_WORDS = {
    "remote": "Remote",
    "mentored": "Mentored",
    "hmin": "≥ {n} h",
    "hmax": "≤ {n} h",
    "pay": "≥ {n} {currency}/h",
    "within": "Closes within {n} days",
    "open": "Open ≥ {n} days",
    "text": "“{n}”",
    "remove": "Remove filter: {label}",
    "show": ["Show {n} project", "Show {n} projects"],
    "none": "none left",
}


def board_pages(catalog: Catalog, renderer: PageRenderer) -> list[Output]:
    template = renderer.env.get_template("microboard/board.html")
    card_template = renderer.card_template()
    skills = sorted(catalog.skills.values(), key=lambda f: (-len(f.open), f.name.casefold()))
    skills = [s for s in skills if s.open]
    fields = [f for f in catalog.fields.values() if f.open]
    levels = study_levels(catalog)
    outputs = []
    for folder, chunk, number, count in renderer.pages_of(catalog.open, ""):
        link = Linker(folder, renderer.options)
        body = renderer.render_listing(
            template, folder, number=number, total=len(catalog.open), cards=renderer.cards(chunk, link.root),
            pager=renderer.pager(link, "", number, count), card_template=card_template,
            fields=fields, skills=skills, levels=levels, sorts=SORTS, within=WITHIN, still_open=STILL_OPEN,
            currency=catalog.settings.currency, page_size=catalog.settings.board_page_size, open_words=OPEN_PROJECTS,
            organizations=len([o for o in catalog.organizations.values() if o.open]))
        feeds = [{"type": "application/atom+xml", "title": "New projects (Atom)", "href": link.file("feed.xml")},
                 {"type": "application/feed+json", "title": "New projects (JSON Feed)",
                  "href": link.file("feed.json")}]
        title = "Open projects" if number == 1 else f"Open projects, page {number}"
        meta: dict[str, Any] = {
            "title": html.escape(title),
            "description": html.escape(f"{len(catalog.open):,} paid micro-internships open now on "
                                       f"{renderer.options.site_name}."),
            "hide": ["navigation", "toc"], "feeds": feeds, "search": {"exclude": True}}
        if number > 1:  # the board's later pages are as many as its postings over the page size
            meta[COMPACT] = True
        outputs.append(Output(folder + "index.md", body, PAGE, meta, in_nav=number == 1))
    return outputs


def study_levels(catalog: Catalog) -> list[tuple[str, str]]:
    """(key, label) of each study level an open posting names, in the schema's order.

    A posting that names no level is open to every level: the script counts it under each option."""
    named = {level for p in catalog.open for level in p.levels}
    order = load_schema()["properties"]["eligibility"]["properties"]["levels"]["items"]["enum"]
    return [(key, label(key)) for key in order if key in named]


def board_data(catalog: Catalog, options: SiteOptions) -> list[Output]:
    """board.json (what the filters need) and board-text.json (summaries for the text filter)."""
    data, text = board_json(catalog)
    return [file_output("board.json", _compact(data)), file_output("board-text.json", _compact(text))]


def board_json(catalog: Catalog) -> tuple[dict[str, Any], dict[str, Any]]:
    settings = catalog.settings
    today = catalog.today
    orgs: dict[str, int] = {}
    fields: dict[str, int] = {}
    skills: dict[str, int] = {}
    places: dict[str, int] = {}
    currencies: dict[str, int] = {}
    levels = {key: i for i, (key, _) in enumerate(study_levels(catalog))}

    def index(table: dict[str, int], key: str) -> int:
        if key not in table:
            table[key] = len(table)
        return table[key]

    rows = []
    for p in catalog.open:
        place = ", ".join(part for part in (p.city, p.region, p.country) if part)
        amount = p.pay_amount
        rows.append([
            p.slug,
            p.title,
            index(orgs, p.org_slug),
            index(fields, p.field),
            [index(skills, name) for name in p.skills],
            p.hours,
            PAY_TYPES.index(p.pay_type),
            int(amount) if amount is not None and float(amount).is_integer() else amount,
            index(currencies, p.currency) if p.currency else -1,
            LOCATION_TYPES.index(p.location_type),
            index(places, place) if place else -1,
            (p.apply_by - today).days,
            (p.posted - today).days,
            1 if p.mentored else 0,
            [levels[level] for level in p.levels],  # empty: the posting states no level, so anyone may apply
        ])
    rates = []
    for code in currencies:
        rate = 1.0 if code == settings.currency else settings.exchange_rates.get(code)
        rates.append([code, rate])
    data = {
        "version": BOARD_DATA_VERSION,
        "today": today.isoformat(),
        "currency": settings.currency,
        "pageSize": settings.board_page_size,
        "columns": ["slug", "title", "org", "field", "skills", "hours", "payType", "amount", "currency",
                    "location", "place", "applyBy", "posted", "mentored", "levels"],
        "orgs": [[slug, catalog.organizations[slug].name] for slug in orgs],
        "fields": [[key, FIELD_LABELS.get(key, label(key))] for key in fields],
        "skills": [[name, catalog.skill_slug(name)] for name in skills],
        "places": list(places),
        "currencies": rates,
        "payTypes": list(PAY_TYPES),
        "locations": list(LOCATION_TYPES),
        "levels": [[key, name] for key, name in study_levels(catalog)],
        "rows": rows,
        "words": {"open": list(OPEN_PROJECTS), "updated": UPDATED_DAYS_AGO, "filters": FILTER_WORDS},
    }
    text = {"version": BOARD_DATA_VERSION, "summaries": [p.summary for p in catalog.open]}
    return data, text


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
