"""Long lists are paged like the board: the organizations index and an organization with many postings,
with plain links between pages (no script needed)."""

from __future__ import annotations

import re
import posixpath
from dataclasses import replace
from pathlib import Path

from generator.settings import Settings
from generator.site import build_outputs
from generator.validate import validate_paths
from tests.conftest import ROOT, TODAY, place

VALID = (ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8")
SETTINGS = Settings(today=TODAY, board_page_size=3)


def posting(n: int, status: str = "open") -> str:
    return (VALID.replace("title: Build a volunteer-hours dashboard", f"title: Build volunteer dashboard number {n}")
            .replace("status: open", f"status: {status}").replace("/jobs/dashboard", f"/jobs/{n}"))


def pages(board: Path) -> dict[str, str]:
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.ok, result.errors
    return {o.path: str(o.text()) for o in build_outputs(result.projects, SETTINGS, TODAY)
            if o.kind in ("page", "document")}


def step(page: str, folder: str, rel: str) -> str | None:
    """Where the pager's `rel` (next or prev) link of a page in `folder` leads, as a folder of the site."""
    found = re.search(rf'rel="{rel}" href="([^"]+)"', page)
    return posixpath.normpath(posixpath.join(folder, found.group(1))) + "/" if found else None


def test_the_organizations_index_is_paged_with_links_to_every_page(board):
    for n in range(7):
        place(board, posting(n), f"projects/org-{n}/dashboard.yaml")
    site = pages(board)
    first, second, third = (site["organizations/index.md"], site["organizations/page/2/index.md"],
                            site["organizations/page/3/index.md"])
    assert "organizations/page/4/index.md" not in site
    names = [re.findall(r'href="[^"]*org-(\d)/"', page) for page in (first, second, third)]
    assert names == [["0", "1", "2"], ["3", "4", "5"], ["6"]]  # each organization once, in order
    assert step(first, "organizations/", "next") == "organizations/page/2/"
    assert step(second, "organizations/page/2/", "prev") == "organizations/"
    assert step(second, "organizations/page/2/", "next") == "organizations/page/3/"
    assert 'aria-current="page"' in third and step(third, "organizations/page/3/", "next") is None


def test_an_organization_with_many_postings_is_paged_open_first_then_past(board):
    for n in range(4):
        place(board, posting(n), f"projects/green-valley/open-{n}.yaml")
    for n in range(4, 7):
        place(board, posting(n, "closed"), f"projects/green-valley/past-{n}.yaml")
    site = pages(board)
    first = site["organizations/green-valley/index.html"]
    second = site["organizations/green-valley/page/2/index.html"]
    third = site["organizations/green-valley/page/3/index.html"]
    assert first.count('<li class="mb-row">') == 3 and "Past projects" not in first
    assert second.count('<li class="mb-row">') == 1 and second.count('class="mb-past__why"') == 2
    assert "No open projects right now" not in third and third.count('class="mb-past__why"') == 1
    assert "4 open projects · page 1 of 3" in first
    assert step(first, "organizations/green-valley/", "next") == "organizations/green-valley/page/2/"
    assert step(third, "organizations/green-valley/page/3/", "prev") == "organizations/green-valley/page/2/"


def test_a_short_organization_page_has_no_pager(board):
    place(board, posting(1), "projects/green-valley/one.yaml")
    site = pages(board)
    assert "mb-pager" not in site["organizations/green-valley/index.html"]
    assert "organizations/green-valley/page/2/index.html" not in site
    assert "No open projects" not in site["organizations/green-valley/index.html"]


def test_the_page_size_is_the_boards(board):
    for n in range(5):
        place(board, posting(n), f"projects/org-{n}/dashboard.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    wide = replace(SETTINGS, board_page_size=50)
    outputs = {o.path for o in build_outputs(result.projects, wide, TODAY)}
    assert "organizations/index.md" in outputs and "organizations/page/2/index.md" not in outputs


def eight_postings_built(board, kind: str, listing_page_limit: int) -> tuple[list, dict[str, str]]:
    """Eight postings, each of its own organization, built with this page limit: (the postings, {path: text}
    of the outputs of `kind`)."""
    for n in range(8):
        place(board, posting(n), f"projects/org-{n}/dashboard.yaml")
    limited = replace(SETTINGS, listing_page_limit=listing_page_limit)
    result = validate_paths([board / "projects"], limited, board)
    return result.projects, {o.path: str(o.text()) for o in build_outputs(result.projects, limited, TODAY)
                             if o.kind == kind}


def test_a_field_list_stops_at_its_page_limit_and_links_to_the_board_filtered_for_the_rest(board):
    projects, site = eight_postings_built(board, "document", 2)
    field = projects[0].field
    first, last = site[f"fields/{field}/index.html"], site[f"fields/{field}/page/2/index.html"]
    assert f"fields/{field}/page/3/index.html" not in site
    assert "8 open projects · page 1 of 2" in first and 'class="mb-limited"' not in first
    assert last.count('<li class="mb-row">') == 3
    assert "These are the newest 6 projects of 8 open projects." in last
    assert f'href="../../../../?field={field}">See them all on the board</a>' in last
    _, site = eight_postings_built(board, "document", 0)
    assert f"fields/{field}/page/3/index.html" in site


def test_the_boards_own_pages_stop_at_the_page_limit_and_point_to_the_filters_and_the_organizations(board):
    _, site = eight_postings_built(board, "page", 2)
    assert "page/2/index.md" in site and "page/3/index.md" not in site
    assert "8 open projects · page 1 of 2" in site["index.md"] and 'class="mb-limited"' not in site["index.md"]
    last = site["page/2/index.md"]
    assert "These pages list the newest 6 projects of 8 open projects" in last
    assert step(last, "page/2/", "next") is None
    assert re.search(r'<a href="\.\./\.\./organizations/">by organization</a>', last)
