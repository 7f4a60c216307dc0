"""What a student's browser downloads on a built board, file by file, gzipped as GitHub Pages serves them.

Five paths in Debian's headless Chromium, each on a fresh page with an empty cache:
- open: the board opens and the network goes quiet;
- field: open, then choose the second field;
- filter: the same, then sort by closing date (every file of the whole path);
- text: open, then type a word with a slip into the board's text filter;
- header: open, then type a word into the header's search box (the theme's search and the postings' index).

    python benchmarks/first_view.py SITE [SITE ...]        (a site built by `python -m generator build`)
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CHROMIUM_ARGS, _gzip_size, _Quiet  # noqa: E402

SHOWN = "() => document.querySelector('[data-mb-board]').dataset.shown === location.search"


def paths(site: Path) -> dict[str, list[str]]:
    """The URLs each path requested."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, list[str]] = {}
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)

            def fresh():
                context = chromium.new_context()
                page = context.new_page()
                requested: list[str] = []
                page.on("request", lambda r: requested.append(r.url))
                page.goto(url)
                page.wait_for_selector("[data-mb-board][data-ready]", timeout=120_000)
                page.wait_for_load_state("networkidle")
                return context, page, requested

            def until_shown(page, key: str) -> None:
                """Until the board shows the list whose address names `key`, and the network is quiet."""
                page.wait_for_function(SHOWN + f" && location.search.indexOf('{key}=') >= 0", timeout=120_000)
                page.wait_for_load_state("networkidle")

            context, page, requested = fresh()
            out["open"] = list(requested)
            context.close()

            context, page, requested = fresh()
            page.select_option("#mb-field", index=1)
            until_shown(page, "field")
            out["field"] = list(requested)
            page.select_option("#mb-sort", "closing")
            until_shown(page, "sort")
            out["filter"] = list(requested)
            context.close()

            context, page, requested = fresh()
            page.fill("#mb-q", "analytcs")
            until_shown(page, "text")
            out["text"] = list(requested)
            context.close()

            context, page, requested = fresh()
            page.click(".md-search__input")
            page.fill(".md-search__input", "data")
            page.wait_for_selector(".mb-search-projects__list a", timeout=120_000)
            page.wait_for_load_state("networkidle")
            out["header"] = list(requested)
            context.close()
            chromium.close()
    finally:
        server.shutdown()
    return {name: [u for u in urls if u.startswith(url)] for name, urls in out.items()} | {"base": [url]}


def weigh(site: Path) -> dict:
    found = paths(site)
    base = found.pop("base")[0]
    result = {}
    for name, urls in found.items():
        total, files = _gzip_size(site, base, urls)
        result[name] = {"gzip_bytes": total, "files": {f: _one(site / f) for f in files}}
    return result


def _one(path: Path) -> int:
    import gzip

    return len(gzip.compress(path.read_bytes(), 9))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="print every file's size as JSON")
    args = parser.parse_args()
    for site in args.sites:
        result = weigh(site)
        if args.json:
            print(json.dumps({str(site): result}, indent=1))
            continue
        print(site)
        for name, path in result.items():
            data = {f: s for f, s in path["files"].items() if not f.startswith("assets/")}
            assets = sum(s for f, s in path["files"].items() if f.startswith("assets/"))
            print(f"  {name:7} {path['gzip_bytes'] / 1000:7.1f} KB in {len(path['files'])} files "
                  f"(theme and scripts {assets / 1000:.1f} KB)")
            for f, s in sorted(data.items(), key=lambda kv: -kv[1])[:8]:
                print(f"           {s / 1000:7.1f} KB  {f}")
            rest = sorted(data.items(), key=lambda kv: -kv[1])[8:]
            if rest:
                print(f"           {sum(s for _, s in rest) / 1000:7.1f} KB  {len(rest)} more")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
