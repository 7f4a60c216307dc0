"""The board's quick filters: a row of one-tap buttons above the results on a phone.

Each button sets one filter of the board's panel (board.js keeps a single state); quickbar.js shows the row,
marks the buttons that are on and keeps their counts following the other filters. The counts written here are
the whole board's on the build day, as the panel's own options show before board.json is in.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.labels import QUICK_WORDS
from generator.site.catalog import Catalog

QUICK_HOURS = (10, 20)  # "Up to 10 h", "Up to 20 h": the panel's "to" hours box
QUICK_OPEN = 7          # "Open 7+ days": one of the panel's "Still open for at least" options


@dataclass(frozen=True)
class QuickFilter:
    name: str    # the panel control it sets (a form element's name)
    value: str   # the value it sets ("1" for a checkbox)
    label: str
    count: int   # open postings it shows on its own


def quick_filters(catalog: Catalog, still_open: tuple[int, ...]) -> list[QuickFilter]:
    """Remote, the hours and "still open" presets, mentored, then every field with open postings, most first."""
    if QUICK_OPEN not in still_open:
        raise ValueError(f"the quick filter for {QUICK_OPEN} days needs that option in the panel: {still_open}")
    postings, today = catalog.open, catalog.today
    quick = [QuickFilter("remote", "1", QUICK_WORDS["remote"], sum(p.remote for p in postings))]
    quick += [QuickFilter("hmax", str(n), QUICK_WORDS["hmax"].format(n=n), sum(p.hours <= n for p in postings))
              for n in QUICK_HOURS]
    quick.append(QuickFilter("open", str(QUICK_OPEN), QUICK_WORDS["open"].format(n=QUICK_OPEN),
                             sum((p.apply_by - today).days >= QUICK_OPEN for p in postings)))
    quick.append(QuickFilter("mentored", "1", QUICK_WORDS["mentored"], sum(p.mentored for p in postings)))
    fields = sorted((f for f in catalog.fields.values() if f.open), key=lambda f: (-len(f.open), f.name.casefold()))
    quick += [QuickFilter("field", f.key, f.name, len(f.open)) for f in fields]
    return quick
