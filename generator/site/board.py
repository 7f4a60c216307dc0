"""The board: server-rendered pages of cards (the whole board without JavaScript) and the compact data board.js filters.

board.json holds one short row per open posting, newest first, with fields, skills,
organizations, places and currencies as indexes into lookup tables and dates as days
from the build date (`today`), plus the few words only the script writes (`words`). The text
filter searches the word index in search/ (generator.site.search_index), fetched piece by piece
the first time someone types.
"""

from __future__ import annotations

import html
import json
from typing import Any

from generator.model import FIELD_LABELS
from generator.site.core import PAGE, Catalog, Linker, Output, SiteOptions
from generator.site.feeds import FEED_FOLDERS, FOLLOW_WORDS
from generator.site.pages import OPEN_PROJECTS, UPDATED_DAYS_AGO, PageRenderer, file_output, label

BOARD_DATA_VERSION = 1
LOCATION_TYPES = ("remote", "hybrid", "on-site")
PAY_TYPES = ("fixed", "hourly", "stipend", "unpaid")
SORTS = (("newest", "Newest"), ("closing", "Closing soon"), ("pay", "Highest pay per hour"),
         ("hours", "Fewest hours"))
WITHIN = (7, 14, 30, 60, 90)
# When nothing matches: the closest word postings use, and what each filter in use is hiding
# ({filter} is the filter's own label on the form).
NEAREST_WORD = "Search for {word} instead"
HIDDEN_BY_FILTER = "{n} more without {filter}"


def board_pages(catalog: Catalog, renderer: PageRenderer) -> list[Output]:
    template = renderer.env.get_template("microboard/board.html")
    card_template = renderer.card_template()
    skills = sorted(catalog.skills.values(), key=lambda f: (-len(f.open), f.name.casefold()))
    skills = [s for s in skills if s.open]
    fields = [f for f in catalog.fields.values() if f.open]
    outputs = []
    for folder, chunk, number, count in renderer.pages_of(catalog.open, ""):
        link = Linker(folder, renderer.options)
        body = renderer.render_listing(
            template, folder, number=number, total=len(catalog.open), cards=renderer.cards(chunk, link.root),
            pager=renderer.pager(link, "", number, count), card_template=card_template,
            fields=fields, skills=skills, sorts=SORTS, within=WITHIN,
            currency=catalog.settings.currency, page_size=catalog.settings.board_page_size, open_words=OPEN_PROJECTS,
            follow=FOLLOW_WORDS["all"],
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
        outputs.append(Output(folder + "index.md", body, PAGE, meta, in_nav=number == 1))
    return outputs


def board_data(catalog: Catalog, options: SiteOptions) -> list[Output]:
    """board.json: what the filters need."""
    return [file_output("board.json", _compact(board_json(catalog)))]


def board_json(catalog: Catalog) -> dict[str, Any]:
    settings = catalog.settings
    today = catalog.today
    orgs: dict[str, int] = {}
    fields: dict[str, int] = {}
    skills: dict[str, int] = {}
    places: dict[str, int] = {}
    currencies: dict[str, int] = {}

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
                    "location", "place", "applyBy", "posted", "mentored"],
        "orgs": [[slug, catalog.organizations[slug].name] for slug in orgs],
        "fields": [[key, FIELD_LABELS.get(key, label(key))] for key in fields],
        "skills": [[name, catalog.skill_slug(name)] for name in skills],
        "places": list(places),
        "currencies": rates,
        "payTypes": list(PAY_TYPES),
        "locations": list(LOCATION_TYPES),
        "rows": rows,
        "words": {"open": list(OPEN_PROJECTS), "updated": UPDATED_DAYS_AGO, "nearest": NEAREST_WORD,
                  "hidden": HIDDEN_BY_FILTER, "follow": FOLLOW_WORDS},
        "feeds": FEED_FOLDERS,
    }
    return data


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
