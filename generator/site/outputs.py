"""What the site is made of, whichever engine publishes it: `Output`s (pages and files at site paths),
the `SiteOptions` of the hosting site, and the links between pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from generator.github_server import DEFAULT_SERVER_URL

PAGE, FILE = "page", "file"


@dataclass(frozen=True)
class Output:
    """One thing to publish.

    path: where it goes, POSIX, relative to the site root. Pages are named as their
      Markdown source would be (`projects/acme/logo/index.md` becomes `.../index.html`).
    content: a page's body as finished HTML, or a file's text or bytes.
    kind: PAGE or FILE.
    meta: for pages: `title` and `description` (HTML-escaped, as themes print them
      unescaped), `robots`, `jsonld` (script-safe JSON text), `feeds`, `search`, `hide`,
      and `search_html`: the short HTML a site search should index instead of the body.
    in_nav: pages the site's navigation may list (the board and the browse pages);
      posting, organization, field and skill pages are never listed one by one.
    """

    path: str
    content: str | bytes
    kind: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = False


@dataclass(frozen=True)
class SiteOptions:
    """What the core needs to know about the site that hosts it."""

    site_url: str | None = None
    site_name: str = "Microboard"
    directory_urls: bool = True
    template_dirs: tuple[Path, ...] = ()
    schema_path: Path | None = None
    github_url: str = DEFAULT_SERVER_URL  # GitHub's web address (generator.github_server), for links to it


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


def absolute(options: SiteOptions, target: str) -> str | None:
    """`target` (a site path) under site_url, or None when the site has no site_url."""
    if not options.site_url:
        return None
    base = options.site_url if options.site_url.endswith("/") else options.site_url + "/"
    return base + target
