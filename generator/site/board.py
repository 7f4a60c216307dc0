"""The board: server-rendered pages of cards (the whole board without JavaScript) and the compact data board.js filters.

board.json holds one short row per open posting, newest first, with fields, skills and
organizations as indexes into lookup tables and dates as days from the build date (`today`). The card's texts
come written by generator.formats, each distinct one once in `texts`; the words and limits for what depends on
the visitor's date are in `words`. Summaries, for the cards the script shows, are in board-text.json, which the
script loads the first time it shows cards of its own. The text filter searches the word index in search/
(generator.site.search_index), fetched piece by piece the first time someone types.
"""

from __future__ import annotations

import html
import json
from typing import Any

from generator.formats import browser_words, hours_text, levels_text
from generator.labels import (FIELD_LABELS, FILTER_WORDS, FOLLOW_WORDS, HIDDEN_BY_FILTER, NEAREST_WORD, OPEN_PROJECTS,
                               QUICK_WORDS, UPDATED_DAYS_AGO, word)
from generator.site.catalog import Catalog
from generator.site.feeds import FEED_FOLDERS
from generator.site.outputs import PAGE, Linker, Output, SiteOptions
from generator.site.pages import PageRenderer, file_output, hourly_text, label, safe_link
from generator.site.quickbar import quick_filters
from generator.validate import load_schema

BOARD_DATA_VERSION = 1
LOCATION_TYPES = ("remote", "hybrid", "on-site")
PAY_TYPES = ("fixed", "hourly", "stipend", "unpaid")
SORTS = (("newest", "Newest"), ("closing", "Closing soon"), ("pay", "Highest pay per hour"),
         ("hours", "Fewest hours"))
WITHIN = (7, 14, 30, 60, 90)
STILL_OPEN = (7, 14, 30)  # "Still open for at least" these many days


def board_pages(catalog: Catalog, renderer: PageRenderer) -> list[Output]:
    template = renderer.env.get_template("microboard/board.html")
    card_template = renderer.card_template()
    skills = sorted(catalog.skills.values(), key=lambda f: (-len(f.open), f.name.casefold()))
    skills = [s for s in skills if s.open]
    fields = [f for f in catalog.fields.values() if f.open]
    levels = study_levels(catalog)
    quick = quick_filters(catalog, STILL_OPEN)
    outputs = []
    for folder, chunk, number, count in renderer.pages_of(catalog.open, ""):
        link = Linker(folder, renderer.options)
        body = renderer.render_listing(
            template, folder, number=number, total=len(catalog.open), cards=renderer.cards(chunk, link.root),
            pager=renderer.pager(link, "", number, count), card_template=card_template,
            fields=fields, skills=skills, levels=levels, sorts=SORTS, within=WITHIN, still_open=STILL_OPEN,
            currency=catalog.settings.currency, page_size=catalog.settings.board_page_size, open_words=OPEN_PROJECTS,
            follow=FOLLOW_WORDS["all"], quick=quick, quick_group=QUICK_WORDS["group"],
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


def study_levels(catalog: Catalog) -> list[tuple[str, str]]:
    """(key, label) of each study level an open posting names, in the schema's order.

    A posting that names no level is open to every level: the script counts it under each option."""
    named = {level for p in catalog.open for level in p.levels}
    order = load_schema()["properties"]["eligibility"]["properties"]["levels"]["items"]["enum"]
    return [(key, label(key)) for key in order if key in named]


def board_data(catalog: Catalog, options: SiteOptions) -> list[Output]:
    """board.json (what the filters need) and board-text.json (summaries for the script's cards)."""
    data, text = board_json(catalog)
    return [file_output("board.json", _compact(data)), file_output("board-text.json", _compact(text))]


def board_json(catalog: Catalog) -> tuple[dict[str, Any], dict[str, Any]]:
    settings = catalog.settings
    today = catalog.today
    orgs: dict[str, int] = {}
    fields: dict[str, int] = {}
    skills: dict[str, int] = {}
    texts: dict[str, int] = {}  # the card's texts as the server writes them, each once
    levels = {key: i for i, (key, _) in enumerate(study_levels(catalog))}

    def index(table: dict[str, int], key: str) -> int:
        if key not in table:
            table[key] = len(table)
        return table[key]

    rows = []
    for p in catalog.open:
        rows.append([
            p.slug,
            p.title,
            index(orgs, p.org_slug),
            index(fields, p.field),
            [index(skills, name) for name in p.skills],
            p.hours,
            PAY_TYPES.index(p.pay_type),
            LOCATION_TYPES.index(p.location_type),
            (p.apply_by - today).days,
            (p.posted - today).days,
            1 if p.mentored else 0,
            index(texts, hours_text(p.hours, p.weeks)),
            index(texts, p.pay_text),
            index(texts, hourly_text(p)),
            index(texts, p.location_text),
            index(texts, levels_text(p.levels)),
            _rate(catalog.board_hourly(p)),
            [levels[level] for level in p.levels],  # empty: the posting states no level, so anyone may apply
        ])
    data = {
        "version": BOARD_DATA_VERSION,
        "today": today.isoformat(),
        "currency": settings.currency,
        "pageSize": settings.board_page_size,
        "columns": ["slug", "title", "org", "field", "skills", "hours", "payType", "location", "applyBy", "posted",
                    "mentored", "hoursText", "payText", "hourlyText", "whereText", "levelsText", "hourly", "levels"],
        "orgs": [[slug, catalog.organizations[slug].name] for slug in orgs],
        "fields": [[key, FIELD_LABELS.get(key, label(key))] for key in fields],
        "skills": [[name, catalog.skill_slug(name)] for name in skills],
        "payTypes": list(PAY_TYPES),
        "locations": list(LOCATION_TYPES),
        "levels": [[key, name] for key, name in study_levels(catalog)],
        "rows": rows,
        "texts": list(texts),
        "words": {"open": list(OPEN_PROJECTS), "updated": UPDATED_DAYS_AGO, "card": browser_words(),
                  "filters": FILTER_WORDS, "via": word("via", name="{name}"), "nearest": NEAREST_WORD,
                  "hidden": HIDDEN_BY_FILTER, "follow": FOLLOW_WORDS},
        "feeds": FEED_FOLDERS,
    }
    data.update(gathered_rows(catalog))
    text = {"version": BOARD_DATA_VERSION, "summaries": [p.summary for p in catalog.open]}
    return data, text


def gathered_rows(catalog: Catalog) -> dict[str, Any]:
    """The postings from partner boards among the rows: `via` maps a row's index to [index into `sources`,
    its page on the partner board, the employer's apply link or null]. Local rows pay nothing for it."""
    sources: dict[str, int] = {}
    via: dict[str, list[Any]] = {}
    for number, p in enumerate(catalog.open):
        if p.source is not None:
            index = sources.setdefault(p.source.name, len(sources))
            via[str(number)] = [index, p.source.page_url, safe_link(p.apply_url)]
    return {"sources": list(sources), "via": via} if via else {}


def _rate(hourly: float | None) -> float | int | None:
    """Pay per hour in the board's currency, for sorting and the pay filter (None: unpaid or no rate)."""
    if hourly is None:
        return None
    return int(hourly) if float(hourly).is_integer() else round(hourly, 6)


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
