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
