"""A posting's page says each fact once: the facts list at the top holds hours, pay, place and deadline, and
the Details section below only what that list does not say."""

from __future__ import annotations

import html
import re

import pytest

from site_fixtures import BUILD_DATE, ROOT, TEST_BOARD_SETTINGS


@pytest.fixture(scope="module")
def pages():
    from generator.settings import read_board_file
    from generator.site import SiteOptions, build_outputs
    from generator.validate import validate_paths

    settings = read_board_file(TEST_BOARD_SETTINGS).settings
    result = validate_paths([ROOT / "samples" / "projects"], settings, ROOT)
    assert result.ok
    outputs = {o.path: o for o in build_outputs(result.projects, settings, BUILD_DATE,
                                                   SiteOptions(site_url="https://board.example/"))}
    return [(p, outputs[f"projects/{p.key}/index.html"].text()) for p in result.projects]


def _shown(page: str) -> str:
    """The article's text as a visitor reads it: without tags, the head, and the closed note kept for later."""
    article = page[page.index("<article"):page.index("</article>")]
    article = re.sub(r'<div class="mb-closed"[^>]*data-mb-closed-later hidden>.*?</div>', "", article, flags=re.S)
    article = re.sub(r"<p data-mb-closed-later hidden>.*?</p>", "", article, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


def test_hours_place_and_deadline_are_said_once(pages):
    from generator.formats import long_date

    for project, page in pages:
        text = _shown(page)
        assert text.count(project.location_text) == 1, project.key
        closed = project.closed_reason(BUILD_DATE) or ""
        assert text.count(long_date(project.apply_by)) == 1 + closed.count(long_date(project.apply_by)), project.key
        assert "about about" not in text.lower(), project.key


def test_what_the_facts_list_does_not_say_is_still_on_the_page(pages):
    from generator.formats import hours_text, long_date
    from generator.site.pages import label

    checked = {"start": 0, "levels": 0, "tags": 0, "total": 0, "authorization": 0}
    for project, page in pages:
        text = _shown(page)
        if project.start:
            assert long_date(project.start) in text, project.key
            checked["start"] += 1
        for level in project.levels:
            assert label(level) in text, project.key
            checked["levels"] += 1
        for tag in project.tags:
            assert tag in text, project.key
            checked["tags"] += 1
        if (project.weeks or 0) > 1:  # the facts list says hours a week, and the total beside it
            assert f"{hours_text(project.hours, project.weeks)} {hours_text(project.hours, None)}" in text, project.key
            checked["total"] += 1
        if project.work_authorization:
            assert project.work_authorization in text, project.key
            checked["authorization"] += 1
    assert all(checked.values()), checked  # the samples have each kind


def test_posting_pages_carry_no_marks_for_a_site_search_that_never_reads_them(pages):
    for _project, page in pages:
        assert "data-search-exclude" not in page
