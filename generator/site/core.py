"""Postings in, the site's pages and files out, without knowing which engine publishes them.

`build_outputs` is the whole site as data: a list of `Output`s. A page's content is the
finished HTML of its body (trusted template output around sanitised posting HTML); a
file's content is written as it is. The MkDocs plugin is one adapter for these; another
engine needs only to place pages at their paths and copy files.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from generator.model import Project
from generator.settings import Settings
from generator.site import board, feeds, numbers, pages, search_index
from generator.site.catalog import Catalog
from generator.site.outputs import Linker, Output, SiteOptions
from generator.site.document import words_script
from generator.site.post_form import post_form_files, post_form_page


def build_outputs(projects: Sequence[Project], settings: Settings, today: dt.date,
                  options: SiteOptions | None = None) -> list[Output]:
    """Every page and file of the site for these (validated) postings on the build date `today`."""
    options = options or SiteOptions()
    catalog = Catalog(projects, settings, today)
    renderer = pages.PageRenderer(catalog, options)
    outputs: list[Output] = []
    outputs += board.board_pages(catalog, renderer)
    outputs += board.board_data(catalog, options)
    outputs += search_index.search_outputs(catalog, options)
    outputs += renderer.posting_pages()
    outputs += renderer.facet_pages()
    outputs += feeds.all_feeds(catalog, options, renderer.description)
    outputs += numbers.numbers_outputs(catalog, renderer)
    outputs.append(feeds.schema_file(options))
    outputs.append(words_script())
    outputs.append(feeds.organization_schema_file())
    form_link = Linker("post/", options)
    outputs.append(post_form_page(settings, options, form_link.file("assets/microboard/post-form.js"),
                                  [(slug, facet.name) for slug, facet in catalog.organizations.items()],
                                  form_link.file("assets/microboard/form-check.js")))
    outputs += post_form_files(catalog.projects, settings, today)
    return outputs
