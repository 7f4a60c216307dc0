"""What the posting index weighs on a board whose postings use a real spread of words.

10,000 postings of 250 words each, drawn with Zipf's law from a 60,000-word vocabulary (the fake postings of
`python -m generator fake` reuse a few hundred words, which flatters the index). Prints, gzipped, what every
query loads (search/index.json), the largest vocabulary run and posting-list piece (a query loads one or two
runs per word it types and the pieces of the words it matches), and the whole index, which no query loads.

    python benchmarks/search_index.py [--postings 10000] [--words 60000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import random
import string
import types

from generator.site import search_index
from generator.site.core import SiteOptions


def synthetic_catalog(postings: int, words: int, seed: int = 1) -> types.SimpleNamespace:
    rng = random.Random(seed)
    vocabulary: set[str] = set()
    while len(vocabulary) < words:
        vocabulary.add("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 12))))
    ranked = sorted(vocabulary)
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) for rank in range(len(ranked))]
    open_postings = [types.SimpleNamespace(
        title=f"Posting {n}", organization="Organization", field="data", location_type="remote", city=None,
        region=None, country=None, skills=[], tags=[], summary="", deliverables=[],
        description=" ".join(rng.choices(ranked, weights, k=250)), url_path=f"projects/org/p{n}/",
        posted=dt.date(2026, 11, 21) - dt.timedelta(days=n // 300))
        for n in range(postings)]
    return types.SimpleNamespace(open=open_postings, today=dt.date(2026, 11, 21))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=60_000)
    args = parser.parse_args()
    outputs = search_index.search_outputs(synthetic_catalog(args.postings, args.words), SiteOptions())
    size = {o.path: len(gzip.compress(str(o.content).encode("utf-8"), 9)) for o in outputs}
    runs = [v for k, v in size.items() if "/words-" in k]
    pieces = [v for k, v in size.items() if "/postings-" in k]
    print(f"postings {args.postings:,}, vocabulary {args.words:,} words (gzipped sizes)")
    print(f"search/index.json         {size['search/index.json'] / 1000:8.1f} KB  (every query)")
    print(f"largest vocabulary run    {max(runs) / 1000:8.1f} KB  of {len(runs)}")
    print(f"largest posting piece     {max(pieces) / 1000:8.1f} KB  of {len(pieces)}")
    print(f"whole index               {sum(size.values()) / 1000:8.1f} KB  (never loaded whole)")


if __name__ == "__main__":
    main()
