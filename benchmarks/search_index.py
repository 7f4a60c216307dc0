"""What the posting index weighs on a board whose postings use a real spread of words.

10,000 postings of 250 words each, drawn with Zipf's law from a 60,000-word vocabulary (the fake postings of
`python -m generator fake` reuse a few hundred words, which flatters the index). Prints, gzipped, what every
query loads (search/index.json), the largest vocabulary run and posting-list piece (a query loads one or two
runs per word it types and the pieces of the words it matches), and the whole index, which no query loads.
With --queries, search.js runs in Debian's headless Chromium over the index, and what each query downloads
(a common, a middling and a rare word, each also with a slip) is printed.

    python benchmarks/search_index.py [--postings 10000] [--words 60000] [--queries]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import random
import string
import sys
import tempfile
import threading
import types
from pathlib import Path

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


def query_sizes(outputs: list, queries: list[str]) -> dict[str, tuple[int, int]]:
    """What each query downloads from the index (gzipped bytes, files), each on a fresh page."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import CHROMIUM_ARGS, _Quiet

    script = Path(search_index.__file__).resolve().parents[1] / "assets" / "microboard" / "search.js"
    out: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for o in outputs:
            (root / o.path).parent.mkdir(parents=True, exist_ok=True)
            (root / o.path).write_text(str(o.content), encoding="utf-8")
        (root / "search.js").write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "index.html").write_text("<!doctype html><meta charset=utf-8><script src=search.js></script>")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                for query in queries:
                    page = chromium.new_page()
                    page.goto(url)
                    requested: list[str] = []
                    page.on("request", lambda r: requested.append(r.url))
                    page.evaluate("q => window.microboardSearch(q, './').then(r => r.rows.length)", query)
                    files = {u[len(url):] for u in requested if "/search/" in u}
                    out[query] = (sum(len(gzip.compress((root / f).read_bytes(), 9)) for f in files), len(files))
                    page.close()
                chromium.close()
        finally:
            server.shutdown()
    return out


def sample_queries(catalog: types.SimpleNamespace) -> list[str]:
    """A common, a middling and a rare word of five letters or more, each also with its fourth letter dropped."""
    counts: dict[str, int] = {}
    for posting in catalog.open:
        for word in set(posting.description.split()):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted((w for w in counts if len(w) >= 6), key=lambda w: -counts[w])
    chosen = [ranked[0], ranked[len(ranked) // 20], ranked[len(ranked) // 2]]
    return chosen + [w[:3] + w[4:] for w in chosen] + [" ".join(chosen[:2])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--queries", action="store_true", help="measure what sample queries download, in Chromium")
    args = parser.parse_args()
    catalog = synthetic_catalog(args.postings, args.words)
    outputs = search_index.search_outputs(catalog, SiteOptions())
    size = {o.path: len(gzip.compress(str(o.content).encode("utf-8"), 9)) for o in outputs}
    runs = [v for k, v in size.items() if "/words-" in k]
    pieces = [v for k, v in size.items() if "/postings-" in k]
    print(f"postings {args.postings:,}, vocabulary {args.words:,} words (gzipped sizes)")
    print(f"search/index.json         {size['search/index.json'] / 1000:8.1f} KB  (every query)")
    print(f"largest vocabulary run    {max(runs) / 1000:8.1f} KB  of {len(runs)}")
    print(f"largest posting piece     {max(pieces) / 1000:8.1f} KB  of {len(pieces)}")
    print(f"whole index               {sum(size.values()) / 1000:8.1f} KB  (never loaded whole)")
    if args.queries:
        for query, (size_of, files) in query_sizes(outputs, sample_queries(catalog)).items():
            print(f"query {query!r:28} {size_of / 1000:8.1f} KB  in {files} files")


if __name__ == "__main__":
    main()
