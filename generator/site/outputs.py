"""What the site is made of, whichever engine publishes it: `Output`s (pages and files at site paths),
the `SiteOptions` of the hosting site, and the links between pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Union

from generator.github_server import DEFAULT_SERVER_URL

PAGE, FILE, DOCUMENT = "page", "file", "document"


@dataclass(frozen=True)
class Output:
    """One thing to publish.

    path: where it goes, POSIX, relative to the site root. Pages are named as their
      Markdown source would be (`projects/acme/logo/index.md` becomes `.../index.html`);
      documents by the file they are written to (`projects/acme/logo/index.html`).
    content: a page's body as finished HTML, or a file's text or bytes. A document's content
      is a function that makes the complete HTML document when called (see `text`), so a
      build never holds thousands of finished documents at once.
    kind: PAGE (the engine wraps it in its theme), DOCUMENT (a complete HTML document in
      Microboard's own slim chrome, written as it is) or FILE.
    meta: for pages: `title` and `description` (HTML-escaped, as themes print them
      unescaped), `robots`, `feeds`, `search`, `hide`,
      and `search_html`: the short HTML a site search should index instead of the body.
    in_nav: pages the site's navigation may list (the board and the browse pages);
      posting, organization, field and skill pages are never listed one by one.
    """

    path: str
    content: Union[str, bytes, Callable[[], str]]
    kind: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = False

    def text(self) -> str | bytes:
        """The content to write: a document is made now, each time it is asked for."""
        return self.content() if callable(self.content) else self.content


@dataclass(frozen=True)
class SiteOptions:
    """What the core needs to know about the site that hosts it."""

    site_url: str | None = None
    site_name: str = "Microboard"
    directory_urls: bool = True
    template_dirs: tuple[Path, ...] = ()
    schema_path: Path | None = None
    github_url: str = DEFAULT_SERVER_URL  # GitHub's web address (generator.github_server), for links to it
    # (title, site path of the page's HTML file) for the top links of the documents' header, from the engine's
    # navigation (see document.nav_links); empty: the board and the web form only
    top_links: tuple[tuple[str, str], ...] = ()


class Linker:
    """URLs from one page to another, relative (the site works from any folder) or absolute (feeds)."""

    def __init__(self, page_dir: str, options: SiteOptions) -> None:
        depth = len([part for part in page_dir.split("/") if part])
        self.root = "../" * depth or "./"
        self.index = "" if options.directory_urls else "index.html"
        self.page_dir = page_dir

    def page(self, target_dir: str) -> str:
        """A page given by its folder, e.g. `skills/python/` ('' is the board)."""
        if not target_dir:
            return self.root + self.index if self.index else self.root
        return self.root + target_dir.strip("/") + "/" + self.index

    def file(self, target: str) -> str:
        return self.root + target

    def html(self, target: str) -> str:
        """A page given by its HTML file's site path, e.g. `students/index.html` or `students.html`."""
        if target == "index.html" or target.endswith("/index.html"):
            return self.page(target[: -len("index.html")])
        return self.file(target)


def absolute(options: SiteOptions, target: str) -> str | None:
    """`target` (a site path) under site_url, or None when the site has no site_url."""
    if not options.site_url:
        return None
    base = options.site_url if options.site_url.endswith("/") else options.site_url + "/"
    return base + target
