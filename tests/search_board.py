"""A board with names that need forgiving search: accents, curly apostrophes and a Japanese title.

Shared by the search tests (not a conftest: others own that). Postings are the samples plus three
written here from a sample posting, so they pass the same validator.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from site_fixtures import ROOT, copy_board

SOURCE = ROOT / "samples/projects/brightloop/analyze-onboarding-drop-off.yaml"
# organization slug: (name, posting slug, title, location)
EXTRA = {
    "loreal": ("L’Oréal Suisse", "survey-shoppers-geneva-store",
               "Survey shoppers about a new store layout", {"type": "on-site", "city": "Zürich", "country": "CH"}),
    "korber": ("Körber Pharma", "data-analysis-dashboard-japan",
               "データ分析ダッシュボードの改善", {"type": "remote"}),
    "estee": ("Estée Studio", "write-product-care-guides", "Write care guides for a skincare range",
              {"type": "hybrid", "city": "Lyon", "country": "FR"}),
}
TITLES = {slug: entry[2] for slug, entry in EXTRA.items()}


def search_board(target: Path) -> Path:
    board = copy_board(target)
    base = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    for org, (name, slug, title, location) in EXTRA.items():
        folder = board / "projects" / org
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "organization.yaml").write_text(yaml.safe_dump(
            {"name": name, "url": f"https://{org}.example.org", "owners": ["dana-ruiz"]}, allow_unicode=True),
            encoding="utf-8")
        posting = dict(base, title=title, location=location, owners=["dana-ruiz"])
        posting["summary"] = f"{title}, for {name}: a short paid project with a named mentor and clear deliverables."
        (folder / f"{slug}.yaml").write_text(yaml.safe_dump(posting, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    return board


# ---------------------------------------------------------------- what the index says a query matches


def _slips(a: str, b: str) -> int:
    """Optimal string alignment distance (a letter missing, extra, wrong, or two swapped)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            value = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, rows[-2][j - 2] + 1)
            row.append(value)
        rows.append(row)
    return rows[-1][-1]


def index_matches(site: Path, query: str) -> set[str]:
    """Keys (`org/slug`) of the postings the built index gives for `query`, by the rule the board promises:
    every word matches a word it begins, or (five letters or more) one slip away with the same first letter."""
    import json

    from generator.site.folding import words

    def read(name: str):
        return json.loads((site / "search" / name).read_text(encoding="utf-8"))

    index = read("index.json")
    vocabulary = [w for n in range(len(index["vocabulary"])) for w in read(f"words-{n}.json")["words"]]
    pieces = [read(f"postings-{n}.json") for n in range(len(index["pieces"]))]

    def rows_of(number: int) -> set[int]:
        piece = max(p for p, start in enumerate(index["pieces"]) if start <= number)
        row, out = 0, set()
        for gap in pieces[piece][number - index["pieces"][piece]]:
            row += gap
            out.add(row)
        return out

    found: set[int] | None = None
    for word in dict.fromkeys(words(query)):
        rows: set[int] = set()
        for number, candidate in enumerate(vocabulary):
            if (candidate == word or (len(word) > 1 and candidate.startswith(word))
                    or (len(word) >= 5 and candidate[0] == word[0] and _slips(word, candidate) <= 1)):
                rows |= rows_of(number)
        found = rows if found is None else found & rows
    keys = json.loads((site / "board-keys.json").read_text(encoding="utf-8"))["keys"]
    return {keys[r] for r in found or ()}
