"""A posting's page says each fact once: the facts list at the top holds hours, pay, place and deadline, and
the Details section below only what that list does not say. An open posting's article is its schema.org
JobPosting in Microdata, read back here with extruct as a search engine reads it."""

from __future__ import annotations

import html
import re

import pytest

from site_fixtures import BUILD_DATE, ROOT, TEST_BOARD_SETTINGS, job_postings

SITE_URL = "https://board.example/"


@pytest.fixture(scope="module")
def settings():
    from generator.settings import read_board_file

    return read_board_file(TEST_BOARD_SETTINGS).settings


@pytest.fixture(scope="module")
def pages(settings):
    from generator.site import SiteOptions, build_outputs
    from generator.validate import validate_paths

    result = validate_paths([ROOT / "samples" / "projects"], settings, ROOT)
    assert result.ok
    outputs = {o.path: o for o in build_outputs(result.projects, settings, BUILD_DATE,
                                                   SiteOptions(site_url=SITE_URL))}
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


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_every_open_posting_is_one_job_posting_with_the_values_its_page_shows(pages, settings):
    from generator.labels import FIELD_LABELS
    from generator.site.job_posting import end_of_day

    seen = {"remote": 0, "place": 0, "hourly": 0, "fixed": 0, "start": 0}
    for project, page in pages:
        if not project.is_open(BUILD_DATE):
            continue
        [posting] = job_postings(page)
        assert posting["title"] == project.title
        assert posting["identifier"] == {"@type": "PropertyValue", "name": project.organization, "value": project.key}
        assert posting["datePosted"] == project.posted.isoformat()
        assert posting["validThrough"] == end_of_day(project.apply_by, settings.timezone)
        assert posting["validThrough"].startswith(project.apply_by.isoformat() + "T23:59:59")
        assert posting["employmentType"] == "INTERN"
        organization = {"@type": "Organization", "name": project.organization}
        if project.organization_url:
            organization["sameAs"] = project.organization_url
        assert posting["hiringOrganization"] == organization
        assert posting["industry"] == FIELD_LABELS[project.field]
        assert posting["skills"] == ", ".join(project.skills)
        assert posting["workHours"] == f"{project.hours} hours in total"
        assert posting["url"] == f"{SITE_URL}projects/{project.key}/"
        assert posting.get("jobStartDate") == (project.start.isoformat() if project.start else None)
        seen["start"] += bool(project.start)
        if project.remote:
            countries = list(project.countries or [project.country])
            assert posting["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in posting
            found = posting["applicantLocationRequirements"]
            found = found if isinstance(found, list) else [found]
            assert found == [{"@type": "Country", "name": country} for country in countries]
            seen["remote"] += 1
        else:
            address = {"@type": "PostalAddress", "addressLocality": project.city, "addressCountry": project.country}
            if project.region:
                address["addressRegion"] = project.region
            assert posting["jobLocation"] == {"@type": "Place", "address": address} and "jobLocationType" not in posting
            seen["place"] += 1
        if project.pay_type == "unpaid":
            assert "baseSalary" not in posting
        else:
            salary = posting["baseSalary"]
            assert salary["@type"] == "MonetaryAmount" and salary["currency"] == project.currency
            assert salary["value"]["@type"] == "QuantitativeValue"
            assert float(salary["value"]["value"]) == project.pay_amount
            assert salary["value"].get("unitText") == ("HOUR" if project.pay_type == "hourly" else None)
            seen["hourly" if project.pay_type == "hourly" else "fixed"] += 1
        # the description is the summary, the description and the deliverables, and the page holds it once
        description = " ".join(posting["description"].split())
        assert description.startswith(_text(project.summary)) and description.endswith(_text(project.deliverables[-1]))
        for item in project.deliverables:
            assert _text(item) in description
        shown = _shown(page)
        assert shown.count(description[:200]) == 1, project.key
    assert all(seen.values()), seen  # the samples have each kind


def test_a_closed_posting_has_no_job_posting_and_asks_not_to_be_indexed(pages):
    closed = [(project, page) for project, page in pages if not project.is_open(BUILD_DATE)]
    assert closed
    for project, page in closed:
        assert job_postings(page) == [] and "itemscope" not in page and "itemprop" not in page, project.key
        assert '<meta name="robots" content="noindex">' in page


def test_no_posting_page_carries_a_second_copy_as_json_ld(pages):
    for project, page in pages:
        assert "application/ld+json" not in page, project.key
