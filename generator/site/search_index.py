"""The posting search: a word index made at build time, fetched by the browser a piece at a time.

Every folded word of the open postings is in a sorted vocabulary, cut into runs
(`search/words-N.json`: the words and how many postings use each). Their posting lists are cut into
runs of their own (`search/postings-N.json`, rows as gaps). `search/index.json` says where each run
starts, and carries the folding rule. A query downloads the index, the vocabulary run of each word
it types (words that share their first two letters sit together), for a word long enough to forgive a
slip the runs of the slip index (`search/skips-N.json`, see `_skip_runs`) and of the two words a slip at
its second letter could stand for, and the posting lists of the words it matches; never the whole index.

Results name postings by their row in board.json (open postings, newest first);
`search/rows-N.json` gives the page, title, organization and posting date of a run of rows, newest
first: for results shown outside the board, and for the board's "New" marks (saved.js reads runs
until it meets postings older than the visitor's last visit).
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from generator.model import FIELD_LABELS, LOCATION_LABELS, Project
from generator.site.catalog import Catalog
from generator.site.outputs import FILE, Linker, Output, SiteOptions
from generator.site.folding import fold_rules, words

# Words the search shows outside the board (the header's search results), passed in search/index.json.
SEARCH_WORDS = {"projects": ["{n} open project matches", "{n} open projects match"],
                "all": "Show all {n} on the board"}
# CJK writes phrases without spaces: every tail of such a word is indexed too, so a query for
# a word inside a phrase (分析 in データ分析) finds it as a prefix. Capped: phrases can be long.
CJK_TAILS = 16

SEARCH_VERSION = 1
PIECE_BYTES = 16_000  # raw JSON per posting-list piece; a few KB once compressed
VOCABULARY_WORDS = 1_000  # words per vocabulary run, a few KB compressed
ROWS_PER_CHUNK = 200
SKIP_KEYS = 1_000  # keys per run of the slip index
TYPO_FROM = 5  # letters: a shorter word must be typed as it is; a longer one forgives one slip


def searchable_text(project: Project) -> Iterable[str]:
    """Everything a student may search a posting by: place, organization, skills, summary and its text."""
    yield project.title
    yield project.organization
    yield FIELD_LABELS.get(project.field, project.field)
    yield LOCATION_LABELS.get(project.location_type, project.location_type)
    yield from (part for part in (project.city, project.region, project.country) if part)
    yield from project.skills
    yield from project.tags
    yield project.summary
    yield project.description
    yield from project.deliverables


def search_outputs(catalog: Catalog, options: SiteOptions) -> list[Output]:
    link = Linker("", options)
    postings: dict[str, list[int]] = {}
    for row, project in enumerate(catalog.open):
        for word in _with_tails(words("\n".join(searchable_text(project)))):
            postings.setdefault(word, []).append(row)
    vocabulary = sorted(postings)
    pieces: list[list[list[int]]] = []
    starts: list[int] = []
    size = PIECE_BYTES
    for number, word in enumerate(vocabulary):
        deltas = _deltas(postings[word])
        if size >= PIECE_BYTES:
            pieces.append([])
            starts.append(number)
            size = 0
        pieces[-1].append(deltas)
        size += len(_compact(deltas)) + 1
    outputs = [Output(f"search/postings-{n}.json", _compact(piece), FILE) for n, piece in enumerate(pieces)]
    runs = []
    for n, start in enumerate(range(0, len(vocabulary), VOCABULARY_WORDS)):
        run = vocabulary[start:start + VOCABULARY_WORDS]
        runs.append([run[0], start])
        outputs.append(Output(f"search/words-{n}.json",
                              _compact({"words": run, "counts": [len(postings[w]) for w in run]}), FILE))
    skips, outputs_of_skips = _skip_runs(vocabulary)
    outputs += outputs_of_skips
    rows = [[_site_path(link.page(p.url_path)), p.title, p.organization, p.posted.isoformat()] for p in catalog.open]
    chunks = [rows[start:start + ROWS_PER_CHUNK] for start in range(0, len(rows), ROWS_PER_CHUNK)]
    outputs += [Output(f"search/rows-{n}.json", _compact(chunk), FILE) for n, chunk in enumerate(chunks)]
    index: dict[str, Any] = {
        "version": SEARCH_VERSION, "today": catalog.today.isoformat(), "total": len(catalog.open),
        "fold": fold_rules(), "vocabulary": runs, "pieces": starts, "skips": skips, "typoFrom": TYPO_FROM,
        "rowsPerChunk": ROWS_PER_CHUNK,
        "words": SEARCH_WORDS, "board": _site_path(link.page(""))}
    outputs.append(Output("search/index.json", _compact(index), FILE))
    return outputs


def _skip_runs(vocabulary: list[str]) -> tuple[list[str], list[Output]]:
    """The slip index: each word of TYPO_FROM letters or more under its key, the word without its second letter.

    A typed word one slip away from a word keeps its first two letters, unless the slip is at the second
    letter: then the typed word without its second letter has the word's key (a wrong second letter), or is
    the key itself (the second letter left out), or the word is the typed one without its second letter, or
    with its second and third letters swapped (both found in the vocabulary). So a query loads the vocabulary
    near its own first two letters and one or two runs of this index, not every word with its first letter.
    Runs (`search/skips-N.json`: keys, and the vocabulary number of each word) never split a key; index.json
    lists each run's first key. Words with characters beyond the Basic Multilingual Plane are left out (the
    browser counts those as two letters): the browser looks such typed words up by their first letter."""
    entries = sorted((word[0] + word[2:], number) for number, word in enumerate(vocabulary)
                     if len(word) >= TYPO_FROM and all(ord(c) < 0x10000 for c in word))
    starts: list[str] = []
    outputs: list[Output] = []
    start = 0
    while start < len(entries):
        end = min(start + SKIP_KEYS, len(entries))
        while end < len(entries) and entries[end][0] == entries[end - 1][0]:
            end += 1
        run = entries[start:end]
        outputs.append(Output(f"search/skips-{len(starts)}.json",
                              _compact({"keys": [k for k, _ in run], "words": [n for _, n in run]}), FILE))
        starts.append(run[0][0])
        start = end
    return starts, outputs


def _site_path(href: str) -> str:
    """A link from the site root as a path under it: `projects/acme/logo/`, `` for the board."""
    return href[2:] if href.startswith("./") else href


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF)


def _with_tails(found: list[str]) -> set[str]:
    out = set(found)
    for word in found:
        if len(word) > 1 and any(_is_cjk(c) for c in word):
            out.update(word[i:] for i in range(1, min(len(word), CJK_TAILS + 1)))
    return out


def _deltas(rows: list[int]) -> list[int]:
    """Ascending rows as gaps from the previous one: small numbers that compress well."""
    return [row - previous for row, previous in zip(rows, [0] + rows)]


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
