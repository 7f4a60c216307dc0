"""The board: server-rendered pages of cards (the whole board without JavaScript) and the compact data board.js filters.

board.json holds what the filters need for every open posting, newest first, packed by
generator.site.board_data (fields, skills and levels as indexes into its tables, dates as days from the build
date, `today`); the words and limits for what depends on the visitor's date are in `words`. A card's texts,
written by generator.formats, are in board-cards/N.json, fetched for the cards the script shows. The text
filter searches the word index in search/ (generator.site.search_index), fetched piece by piece as someone types.
"""

from __future__ import annotations

import html
import json
from typing import Any

from generator.formats import browser_words, hours_text, levels_text
from generator.labels import (BOARD_PAGE_WORDS, FIELD_LABELS, FILTER_WORDS, FOLLOW_WORDS, HIDDEN_BY_FILTER, LIST_WORDS,
                               NEAREST_WORD, OPEN_PROJECTS, QUICK_WORDS, UPDATED_DAYS_AGO, counted, word)
from generator.site.board_data import BOARD_DATA_VERSION, CARD_COLUMNS, CARD_ROWS, CARDS_FOLDER, KEYS_FILE, pack
from generator.site.catalog import Catalog
from generator.site.feeds import FEED_FOLDERS
from generator.site.outputs import PAGE, Linker, Output, SiteOptions
from generator.site.pages import PageRenderer, file_output, hourly_text, label, safe_link
from generator.site.quickbar import quick_filters
from generator.validate import load_schema

LOCATION_TYPES = ("remote", "hybrid", "on-site")
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
    for folder, chunk, number, count in renderer.limited(renderer.pages_of(catalog.open, "")):
        link = Linker(folder, renderer.options)
        body = renderer.render_listing(
            template, folder, number=number, total=len(catalog.open), cards=renderer.cards(chunk, link.root),
            pager=renderer.pager(link, "", number, count), card_template=card_template,
            fields=fields, skills=skills, levels=levels, sorts=SORTS, within=WITHIN, still_open=STILL_OPEN,
            currency=catalog.settings.currency, page_size=catalog.settings.board_page_size, open_words=OPEN_PROJECTS,
            follow=FOLLOW_WORDS["all"], quick=quick, quick_group=QUICK_WORDS["group"],
            list_words=LIST_WORDS, page_words=BOARD_PAGE_WORDS, counted=counted,
            organizations=len([o for o in catalog.organizations.values() if o.open]),
            listed=renderer.cut_short(len(catalog.open), number, count))
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
    """board.json (what the filters need), the cards' texts in small files, and the open postings' keys."""
    data, cards, keys = board_json(catalog)
    outputs = [file_output("board.json", _compact(data)), file_output(KEYS_FILE, _compact(keys))]
    outputs += [file_output(f"{CARDS_FOLDER}{n}.json", _compact(cards[start:start + CARD_ROWS]))
                for n, start in enumerate(range(0, len(cards), CARD_ROWS))]
    return outputs


def board_json(catalog: Catalog) -> tuple[dict[str, Any], list[list[Any]], dict[str, Any]]:
    """board.json, the card rows (CARD_COLUMNS each, newest first) and board-keys.json."""
    settings = catalog.settings
    today = catalog.today
    fields: dict[str, int] = {}
    skills: dict[str, int] = {}
    levels = {key: i for i, (key, _) in enumerate(study_levels(catalog))}

    def index(table: dict[str, int], key: str) -> int:
        if key not in table:
            table[key] = len(table)
        return table[key]

    rows, cards = [], []
    for p in catalog.open:
        rows.append({
            "field": index(fields, p.field),
            "skills": [index(skills, name) for name in p.skills],
            "hours": p.hours,
            "hourly": _rate(catalog.board_hourly(p)),
            "location": LOCATION_TYPES.index(p.location_type),
            "applyBy": (p.apply_by - today).days,
            "mentored": 1 if p.mentored else 0,
            "levels": [levels[level] for level in p.levels],  # empty: no level stated, so anyone may apply
        })
        cards.append([p.slug, p.title, p.org_slug, catalog.organizations[p.org_slug].name, (p.posted - today).days,
                      hours_text(p.hours, p.weeks), p.pay_text, hourly_text(p), p.location_text,
                      levels_text(p.levels), p.summary, rows[-1]["skills"]])
    data = {
        "version": BOARD_DATA_VERSION,
        "today": today.isoformat(),
        "currency": settings.currency,
        "pageSize": settings.board_page_size,
        "fields": [[key, FIELD_LABELS.get(key, label(key))] for key in fields],
        "skills": [[name, catalog.skill_slug(name)] for name in skills],
        "locations": list(LOCATION_TYPES),
        "levels": [[key, name] for key, name in study_levels(catalog)],
        "cards": {"folder": CARDS_FOLDER, "rows": CARD_ROWS, "columns": list(CARD_COLUMNS)},
        "words": {"open": list(OPEN_PROJECTS), "updated": UPDATED_DAYS_AGO, "card": browser_words(),
                  "filters": FILTER_WORDS, "via": word("via", name="{name}"), "nearest": NEAREST_WORD,
                  "hidden": HIDDEN_BY_FILTER, "follow": FOLLOW_WORDS, "list": LIST_WORDS},
        "feeds": FEED_FOLDERS,
    }
    data.update(pack(rows, len(fields)))
    data.update(gathered_rows(catalog))
    keys = {"version": BOARD_DATA_VERSION, "keys": [f"{p.org_slug}/{p.slug}" for p in catalog.open]}
    return data, cards, keys


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
