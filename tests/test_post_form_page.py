"""The "Post a project" page as the build writes it: rendered through templates a site can override, carrying
rules that follow the board's settings and postings, in the validator's own words."""

from __future__ import annotations

import html
import json
import re

import yaml

from generator.messages import TEXT
from generator.settings import Settings
from generator.site.core import build_outputs
from generator.site.outputs import SiteOptions
from generator.site.post_form import PAGE_PATH
from generator.validate import validate_text
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "projects" / "tidepool-labs"


def posting(title: str, org: str = "tidepool-labs", slug: str = "a-posting", projects_dir: str = "projects"):
    data = yaml.safe_load((SAMPLE / "prototype-sms-appointment-reminders.yaml").read_text(encoding="utf-8"))
    data["title"] = title
    result = validate_text(yaml.safe_dump(data), f"{projects_dir}/{org}/{slug}.yaml", Settings(),
                           organizations={org: (SAMPLE / "organization.yaml").read_bytes()})
    assert result.ok, result.errors
    return result.projects[0]


def form_page(projects=(), settings: Settings | None = None, options: SiteOptions | None = None) -> str:
    outputs = build_outputs(list(projects), settings or Settings(), TODAY, options)
    return next(o.content for o in outputs if o.path == PAGE_PATH)


def rules_of(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="mb-form-rules">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_a_site_overrides_the_form_like_any_other_page(tmp_path):
    custom = tmp_path / "overrides"
    (custom / "microboard").mkdir(parents=True)
    (custom / "microboard" / "post-form-fields.html").write_text(
        (ROOT / "generator" / "templates" / "microboard" / "post-form-fields.html").read_text(encoding="utf-8")
        .replace('<p class="mb-help" id="{{ ident }}-help">', '<p class="mb-help our-help" id="{{ ident }}-help">'),
        encoding="utf-8")
    page = form_page(options=SiteOptions(template_dirs=(custom,)))
    assert page.count("our-help") > 20  # every field through the site's own macro
    assert page.count("our-help") == page.count("data-field=") - 1  # each field but the organization question
    (custom / "microboard" / "post-form.html").write_text("<p>Write to jobs@example.org instead.</p>", encoding="utf-8")
    assert form_page(options=SiteOptions(template_dirs=(custom,))) == "<p>Write to jobs@example.org instead.</p>"


def test_the_rules_follow_the_board_settings():
    settings = Settings(pay_floor=25, currency="EUR", exchange_rates={"USD": 0.9}, allow_unpaid=True)
    rules = rules_of(form_page(settings=settings))
    assert rules["pay"] == {"floor": 25, "currency": "EUR", "rates": {"USD": 0.9}, "allowUnpaid": True}
    assert rules["text"] == {key: list(value) for key, value in TEXT.items()}  # the validator's table, not a copy
    assert rules["dateOrder"] == ["posted", "timeline.apply_by", "timeline.start", "timeline.due"]
    assert "Europe/Oslo" in rules["timezones"] and rules["skills"]["lookup"]["js"] == "JavaScript"


def test_missing_fields_are_worded_by_the_validator():
    rules = rules_of(form_page())
    broken = yaml.safe_load((SAMPLE / "prototype-sms-appointment-reminders.yaml").read_text(encoding="utf-8"))
    del broken["compensation"]["currency"]
    result = validate_text(yaml.safe_dump(broken), "projects/tidepool-labs/x.yaml", Settings(),
                           organizations={"tidepool-labs": (SAMPLE / "organization.yaml").read_bytes()})
    [problem] = result.errors
    assert rules["names"]["posting"]["compensation"]["missing"]["currency"] == \
        [problem.code, problem.message, problem.hint]


def title_files(projects) -> dict[str, list]:
    outputs = build_outputs(list(projects), Settings(), TODAY)
    return {o.path: json.loads(o.content) for o in outputs if o.path.startswith("post/titles/")}


def test_titles_a_new_posting_may_not_repeat_are_its_organizations_own():
    taken = posting("Prototype a check-in kiosk")
    elsewhere = posting("Map the bus routes", org="other-org")
    sample = posting("Shown while the board is empty", org="sample-org", projects_dir="samples/projects")
    files = title_files([taken, elsewhere, sample])
    assert set(files) == {"post/titles/tidepool-labs.json", "post/titles/other-org.json"}
    (entry,) = files["post/titles/tidepool-labs.json"]
    assert (entry["title"], entry["file"]) == ("Prototype a check-in kiosk", "projects/tidepool-labs/a-posting.yaml")
    # what tells two postings of one title apart, as generator.duplicates compares them
    assert entry["identity"][0] == "prototype a check-in kiosk" and entry["link"].startswith("https://")
    assert [e["title"] for e in files["post/titles/other-org.json"]] == ["Map the bus routes"]


def test_the_form_page_stays_the_same_size_as_the_board_grows():
    few = form_page([posting("Prototype a check-in kiosk")])
    many = form_page([posting(f"Prototype check-in kiosk number {n}", slug=f"kiosk-{n}") for n in range(12)])
    assert len(many) == len(few)  # the titles are in post/titles/, read when the answers are checked


def test_the_config_attribute_is_escaped_and_read_back():
    page = form_page(settings=Settings(repository='acme/"board"'))
    found = re.search(r'data-config="([^"]*)"', page)
    assert json.loads(html.unescape(found.group(1)))["repository"] == 'acme/"board"'
