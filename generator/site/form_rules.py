"""What the "Post a project" form checks, as data: the schema, the board's settings and the validator's words.

post-form.js is a generic reader of this description: it checks the answers against the schemas the
validator uses, then the rules a schema cannot say (dates in order, the pay floor with the board's
exchange rates, skill spellings, time zones, placeholders, and the titles each organization already uses,
which the form reads from one small file per organization),
and reports each with the validator's own code, message and hint (generator/messages.py). Nothing
here is a copy of a rule: everything is read from the schema, the settings and the validator.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from generator.characters import _REFUSED, _WORDS, _kind, is_multiline
from generator.duplicates import listing_of
from generator.messages import TEXT
from generator.model import Project
from generator.settings import Settings
from generator.skills import load_vocabulary, vocabulary_path
from generator.problems import field_name as _field_name
from generator.schema import ORG_SCHEMA_PATH, SCHEMA_PATH, load_schema
from generator.schema_errors import _pattern_hint, _type_words, missing_text
from generator.validate import DATE_ORDER, USUAL_HOURS, _PLACEHOLDER, _time_zones


def _texts(schema: dict, schema_path: Path) -> dict[str, dict]:
    """Per dotted schema path: the field's name as the validator writes it, the hint for a value in the
    wrong form, and the text for each key its object requires when that key is missing."""
    found: dict[str, dict] = {}

    def walk(node: Any, path: tuple) -> None:
        if not isinstance(node, dict):
            return
        entry: dict[str, Any] = {"name": _field_name(path), "multiline": bool(path) and is_multiline(node, path[-1])}
        if "pattern" in node:
            entry["patternHint"] = _pattern_hint(path, node)
        if node.get("type") == "object":
            keys: set[str] = set(node.get("required", []))
            for branch in ("then", "else"):
                keys |= set((node.get(branch) or {}).get("required", []))
            keys |= {key for option in node.get("anyOf", []) for key in option.get("required", [])}
            entry["missing"] = {key: list(missing_text(path, key, schema_path)) for key in sorted(keys)}
            for key, sub in (node.get("properties") or {}).items():
                walk(sub, path + (key,))
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            items = node["items"]
            if "pattern" in items:  # a list item is named `owners[0]`; its hint is the list's
                entry["itemPatternHint"] = _pattern_hint(path + (0,), items)
            entry["itemMultiline"] = is_multiline(items, 0)
        found[".".join(path)] = entry

    walk(schema, ())
    return found


@lru_cache(maxsize=1)
def _characters() -> dict:
    """Which characters a text may not hold, as runs [first, last, kind in a multi-line field, kind in a
    one-line field] read from generator/characters.py, with its words for each kind."""
    runs: list[list] = []
    for point in range(0x10000):  # every character the patterns name is in the Basic Multilingual Plane
        char = chr(point)
        if not _REFUSED[False].match(char):
            continue
        kinds = [_kind(char, True), _kind(char, False)]
        if runs and runs[-1][1] == point - 1 and runs[-1][2:] == kinds:
            runs[-1][1] = point
        else:
            runs.append([point, point, *kinds])
    return {"runs": runs, "words": {kind: list(words) for kind, words in _WORDS.items()}}


TITLES_DIR = "post/titles"  # post/titles/<organization-slug>.json, read by the form when it checks a posting


def title_files(projects: Iterable[Project], settings: Settings, today: dt.date) -> dict[str, list[dict]]:
    """Per organization, its live postings as the duplicate checks (generator.duplicates) compare them: title,
    file, what tells two postings of one title apart (place and dates), and the apply link.

    Only postings under the board's projects folder: a new posting is checked against its folder's siblings.
    One small file per organization keeps the form's page the same size however many postings the board has.
    """
    titles: dict[str, list[dict]] = {}
    for project in projects:
        if Path(project.path).parts[:1] != (settings.projects_dir,):
            continue
        listing = listing_of(project.path, project.org_slug, project.raw, today)
        if listing is not None:
            titles.setdefault(project.org_slug, []).append({
                "title": listing.title, "file": project.path, "identity": list(listing.identity[1:]),
                "link": listing.same_link[-1] if listing.same_link else None})
    return titles


def form_rules(settings: Settings, root: Path | None = None) -> dict:
    """The description post-form.js checks answers against; `root` is the board (for its skills list)."""
    vocabulary = load_vocabulary(vocabulary_path(root))
    return {
        "schema": load_schema(SCHEMA_PATH),
        "orgSchema": load_schema(ORG_SCHEMA_PATH),
        "names": {"posting": _texts(load_schema(SCHEMA_PATH), SCHEMA_PATH),
                  "organization": _texts(load_schema(ORG_SCHEMA_PATH), ORG_SCHEMA_PATH)},
        "typeWords": {kind: _type_words(kind) for kind in ("string", "integer", "number", "array", "object",
                                                             "boolean", "null")},
        "text": {key: list(value) for key, value in TEXT.items()},
        "dateOrder": [".".join(path) for path in DATE_ORDER],
        "usualHours": list(USUAL_HOURS),
        "pay": {"floor": settings.pay_floor, "currency": settings.currency, "rates": settings.exchange_rates,
                "allowUnpaid": settings.allow_unpaid},
        "skills": {"canonical": sorted(vocabulary.canonical), "lookup": vocabulary.lookup},
        "timezones": sorted(_time_zones() | {"UTC"}),
        "placeholder": _js_pattern(_PLACEHOLDER.pattern),
        "characters": _characters(),
        "titlesDir": TITLES_DIR.rsplit("/", 1)[-1],
    }


def _js_pattern(pattern: str) -> str:
    """A Python pattern the browser reads the same way (only the plain syntax both share is allowed)."""
    if re.search(r"\(\?P|\(\?<[^=!]|\\[AZ]", pattern):
        raise ValueError(f"not a pattern the browser reads alike: {pattern}")
    return pattern
