"""Complete HTML documents in Microboard's slim chrome, for the pages that are not documentation.

Posting pages and the organization, field and skill listings (with their `page/N/` pages) are
thousands of pages on a large board. The site engine's theme would give each one its full
documentation navigation, search dialog and inline configuration, and the engine would hold
every page object in memory. Instead the core renders them as DOCUMENT outputs: the page body
inside `microboard/document.html` (a short header with the site name, a few top links and a
search form that hands over to the board, then a footer), styled by `assets/microboard/
document.css` on top of the board's own `microboard.css`. Each engine adapter writes them as
files, one at a time, and adds them to the engine's sitemap and site search (`write`, `add_to_sitemap`,
`add_to_search`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import jinja2
from markupsafe import Markup

from generator.formats import browser_words
from generator.labels import SAVED_WORDS
from generator.site.outputs import DOCUMENT, FILE, Linker, Output, SiteOptions, absolute

TEMPLATE = "microboard/document.html"
WORDS_SCRIPT = "assets/microboard/words.js"
STYLESHEETS = ("assets/microboard/microboard.css", "assets/microboard/document.css")
POST_FORM = "post/index.html"  # the web form (post_form.PAGE_PATH), always on the board


class Chrome:
    """Wraps a page body in the document template; one per build, the template compiled once."""

    def __init__(self, env: jinja2.Environment, options: SiteOptions) -> None:
        self.options = options
        self.template = env.get_template(TEMPLATE)
        links = list(options.top_links) or [("Board", "index.html")]
        if not any(target == POST_FORM for _, target in links):
            links.append(("Post a project", POST_FORM))
        self.links = links

    def __call__(self, folder: str, body: str, meta: Mapping[str, Any]) -> str:
        """The document at `folder` (e.g. `projects/acme/logo/`) around `body`; meta as for pages (title and
        description HTML-escaped, robots, feeds)."""
        link = Linker(folder, self.options)
        return self.template.render(
            site=self.options, link=link, body=Markup(body), title=Markup(meta["title"]),
            description=Markup(meta.get("description", "")), robots=meta.get("robots"),
            feeds=meta.get("feeds") or [],
            canonical=absolute(self.options, folder), stylesheets=[link.file(path) for path in STYLESHEETS],
            links=[(title, link.html(target), target == folder + "index.html") for title, target in self.links])


def words_script() -> Output:
    """The words the scripts of these documents write (the visitor's dates on cards, rows and postings; the saved
    list), once for the whole site in `words.js` rather than in every page: deadline.js and saved.js read
    `window.microboardWords`. The theme's own pages keep theirs on the script tag (head.html)."""
    text = json.dumps({"cards": browser_words(), "saved": SAVED_WORDS}, ensure_ascii=False, separators=(",", ":"))
    return Output(WORDS_SCRIPT, ("window.microboardWords=" + text.replace("<", "\\u003c") + ";\n").encode(), FILE)


def document(folder: str, meta: Mapping[str, Any], make: Any) -> Output:
    """A DOCUMENT output at `folder`; `make()` returns the complete HTML when the adapter writes it."""
    return Output(folder + "index.html", make, DOCUMENT, meta)


# ---------------------------------------------------------------- the engine's navigation


def nav_links(nav: Any, directory_urls: bool) -> tuple[tuple[str, str], ...]:
    """(title, HTML file) for each top entry of an engine's `nav` (mkdocs.yml's form): a section links to
    its first page. Entries that are outside links or give no page are left out."""
    links = []
    for entry in nav or []:
        title, target = _entry(entry)
        if title and target:
            links.append((title, target_of(target, directory_urls)))
    return tuple(links)


def _entry(entry: Any) -> tuple[str | None, str | None]:
    if isinstance(entry, str):
        return None, None  # a bare page has no title here; the engine takes it from the page itself
    if isinstance(entry, dict) and len(entry) == 1:
        [(title, value)] = entry.items()
        return str(title), _first_page(value)
    return None, None


def _first_page(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.endswith(".md") and "://" not in value else None
    if isinstance(value, list):
        for item in value:
            found = _first_page(item) if isinstance(item, str) else _first_page(
                next(iter(item.values()))) if isinstance(item, dict) and len(item) == 1 else None
            if found:
                return found
    return None


def target_of(markdown_path: str, directory_urls: bool) -> str:
    """Where an engine writes the page whose source is `a/b.md` or `a/index.md`."""
    stem = markdown_path[:-3]
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return stem + ".html"
    return stem + "/index.html"


# ---------------------------------------------------------------- publishing


def documents(outputs: Iterable[Output]) -> list[Output]:
    return [output for output in outputs if output.kind == DOCUMENT]


def write(site_dir: Path, items: Sequence[Output]) -> None:
    """Each document made and written in turn, so only one is in memory at a time."""
    for output in items:
        target = Path(site_dir) / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(str(output.text()), encoding="utf-8")


def location(output: Output, directory_urls: bool) -> str:
    """The document's address relative to the site root, as the engine writes its own pages' addresses."""
    return output.path[: -len("index.html")] if directory_urls else output.path


SITEMAP_LIMIT = 50_000  # the most addresses the sitemap protocol allows in one file
SITEMAP_PART = "sitemap-{n}.xml"  # beside sitemap.xml: a sitemap lists only addresses under its own folder
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def add_to_sitemap(site_dir: Path, items: Sequence[Output], options: SiteOptions, today: dt.date) -> None:
    """List the documents in the engine's sitemap.xml (and its .gz copy), which only knows its own pages.
    A sitemap needs absolute addresses: without a site_url the engine writes none, and neither does this.
    Past SITEMAP_LIMIT addresses, sitemap.xml becomes a sitemap index of sitemap-1.xml, sitemap-2.xml, ..."""
    sitemap = Path(site_dir) / "sitemap.xml"
    if not options.site_url or not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    end = text.rfind("</urlset>")
    if end < 0:
        return
    entries = [f"<url><loc>{_xml(absolute(options, location(output, True)) or '')}</loc>"
               f"<lastmod>{today.isoformat()}</lastmod></url>\n" for output in items]
    if text.count("<url>", 0, end) + len(entries) <= SITEMAP_LIMIT:
        text = text[:end] + "".join(entries) + text[end:]
    else:
        every = [entry.strip() + "\n" for entry in re.findall(r"<url>.*?</url>", text[:end], re.S)] + entries
        parts = []
        for n, start in enumerate(range(0, len(every), SITEMAP_LIMIT), 1):
            name = SITEMAP_PART.format(n=n)
            urls = "".join(every[start:start + SITEMAP_LIMIT])
            (Path(site_dir) / name).write_text(f'{_XML}<urlset xmlns="{_SITEMAP_NS}">\n{urls}</urlset>\n', encoding="utf-8")
            parts.append(f"<sitemap><loc>{_xml(absolute(options, name) or '')}</loc>"
                         f"<lastmod>{today.isoformat()}</lastmod></sitemap>\n")
        text = f'{_XML}<sitemapindex xmlns="{_SITEMAP_NS}">\n' + "".join(parts) + "</sitemapindex>\n"
    sitemap.write_text(text, encoding="utf-8")
    packed = sitemap.with_name("sitemap.xml.gz")
    if packed.is_file():
        packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


# The theme's search index, as each engine writes it: (file, list key, extra fields of an entry).
SEARCH_INDEXES = (("search/search_index.json", "docs", lambda title: {}),  # MkDocs' search plugin
                  ("search.json", "items", lambda title: {"level": 1, "path": [title], "tags": []}))  # Zensical


def add_to_search(site_dir: Path, items: Sequence[Output], directory_urls: bool) -> None:
    """The documents that ask to be found by the theme's site search (organizations, fields, skills: their
    first page's short text) added to its index, as when they were the engine's own pages. Postings are left
    to the board's own posting index (search_index.py), which the theme's search box reads as well."""
    for name, key, extra in SEARCH_INDEXES:
        index = Path(site_dir) / name
        if not index.is_file():
            continue
        data = json.loads(index.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            continue
        for output in items:
            search = output.meta.get("search") or {}
            short = output.meta.get("search_html")
            if short is None or search.get("exclude"):
                continue
            title = str(Markup(output.meta["title"]).unescape())
            entry: dict[str, Any] = {"location": location(output, directory_urls), "title": title,
                                     "text": str(short), **extra(title)}
            if search.get("boost"):
                entry["boost"] = search["boost"]
            data[key].append(entry)
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
