"""Compact rows: a posting as one short entry on organization, field and skill pages.

A student scanning a skill's hundreds of postings needs the title and the facts to choose by (organization,
hours, pay, place, apply-by), not a whole card each: a row is about a quarter of a card's markup, which
matters when every posting is listed under each of its skills. The board keeps its cards.
Every text comes from generator.formats and generator.labels, as the cards' do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.formats import closes_text, hours_text, is_new
from generator.labels import word
from generator.model import Project
from generator.site.catalog import Catalog
from generator.site.outputs import Linker


def row_view(project: Project, link: Linker, catalog: Catalog, today: dt.date, with_org: bool = True) -> dict[str, Any]:
    """What row.html shows for a posting; `with_org=False` on its own organization's page, which names it already."""
    via = project.source
    return {
        # a gathered posting has no page here: its row leads to its page on the partner board
        "href": via.page_url if via else link.page(project.url_path),
        "via": word("via", name=via.name) if via else "",
        "title": project.title,
        "org": catalog.organizations[project.org_slug].name if with_org else "",
        "org_href": link.page(f"organizations/{project.org_slug}/"),
        "hours": hours_text(project.hours, project.weeks),
        "pay": project.pay_text,
        "where": project.location_text,
        "posted": project.posted,
        "new": is_new(project.posted, today),
        "new_text": word("new"),
        "apply_by": project.apply_by,
        "apply_by_text": word("apply-by"),
        "closes": closes_text(project.apply_by, today) if project.apply_by else "",
    }
