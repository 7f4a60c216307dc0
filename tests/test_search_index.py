"""The posting index the build writes for search: every word of a posting leads back to it, in pieces."""

from __future__ import annotations

import json

import pytest

from generator.samples import board_postings
from generator.settings import load_settings
from generator.site.catalog import Catalog
from generator.site.outputs import SiteOptions
from generator.site.folding import fold, words
from generator.site.search_index import PIECE_BYTES, search_outputs
from generator.validate import validate_paths
from search_board import TITLES, search_board
from site_fixtures import BUILD_DATE


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    board = search_board(tmp_path_factory.mktemp("search-index"))
    settings = load_settings(board)
    result = validate_paths(board_postings(board, settings).targets, settings, board)
    assert result.ok, [p.message for p in result.errors]
    return Catalog(result.projects, settings, BUILD_DATE)


def read(outputs) -> dict[str, object]:
    return {o.path: json.loads(o.content) for o in outputs}


def lookup(files: dict, word: str) -> list[int]:
    """The rows whose postings use `word`, read the way search.js reads the files."""
    index = files["search/index.json"]
    number = None
    for n, (first, start) in enumerate(index["vocabulary"]):
        run = files[f"search/words-{n}.json"]["words"]
        if word in run:
            number = start + run.index(word)
    assert number is not None, word
    piece = max(p for p, start in enumerate(index["pieces"]) if start <= number)
    gaps = files[f"search/postings-{piece}.json"][number - index["pieces"][piece]]
    rows, row = [], 0
    for gap in gaps:
        row += gap
        rows.append(row)
    return rows


def test_every_word_of_every_open_posting_leads_back_to_it(catalog):
    files = read(search_outputs(catalog, SiteOptions()))
    for row, project in enumerate(catalog.open):
        for word in words(" ".join([project.title, project.organization, project.summary, *project.skills])):
            assert row in lookup(files, word), (project.key, word)
        rows = files[f"search/rows-{row // files['search/index.json']['rowsPerChunk']}.json"]
        assert [project.title, project.organization, project.posted.isoformat()] in [r[1:] for r in rows]


def test_places_organizations_and_japanese_phrases_are_found_folded(catalog):
    files = read(search_outputs(catalog, SiteOptions()))
    titles = [p.title for p in catalog.open]
    for word, title in [("zurich", "loreal"), ("loreal", "loreal"), ("korber", "korber"), ("estee", "estee"),
                        ("remote", "korber"), (fold("分析ダッシュボードの改善"), "korber")]:
        assert titles.index(TITLES[title]) in lookup(files, word), word


def test_the_index_comes_in_small_pieces_and_the_vocabulary_is_sorted(catalog):
    files = read(search_outputs(catalog, SiteOptions()))
    index = files["search/index.json"]
    vocabulary = [w for n in range(len(index["vocabulary"])) for w in files[f"search/words-{n}.json"]["words"]]
    assert vocabulary == sorted(vocabulary) and len(vocabulary) == len(set(vocabulary))
    for path, content in files.items():
        if path.startswith("search/postings-"):
            assert len(json.dumps(content, separators=(",", ":"))) < 2 * PIECE_BYTES
    assert len(json.dumps(index)) < 2000  # no word lists or rows in the part every query loads


def test_links_follow_the_sites_url_style(catalog):
    files = read(search_outputs(catalog, SiteOptions(directory_urls=False)))
    assert files["search/index.json"]["board"] == "index.html"
    assert all(row[0].endswith("/index.html") for row in files["search/rows-0.json"])
