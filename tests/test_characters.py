"""Text fields refuse characters that break feeds, calendars or how a name reads, wherever they stand."""

from __future__ import annotations

import json

import pytest
import yaml

from generator.characters import is_multiline
from generator.settings import Settings
from generator.validate import validate_text
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "projects" / "brightloop" / "analyze-onboarding-drop-off.yaml"
SHOWN = "projects/brightloop/analyze-onboarding-drop-off.yaml"
ORG_SAMPLE = SAMPLE.parent / "organization.yaml"
ORG_SHOWN = "projects/brightloop/organization.yaml"
# the posting's text and its organization's (organization.yaml), checked alike
DATA = {**yaml.safe_load(SAMPLE.read_text(encoding="utf-8")),
        "organization": yaml.safe_load(ORG_SAMPLE.read_text(encoding="utf-8"))}
SETTINGS = Settings(today=TODAY)


def text_paths(data, prefix=()):
    """Every free-text value of the sample: what an employer types in their own words."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from text_paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_paths(value, prefix + (index,))
    elif isinstance(data, str) and prefix[0] not in ("timeline", "posted", "updated", "status", "field", "owners") \
            and prefix[:2] != ("organization", "owners") \
            and prefix[-1] not in ("url", "email", "currency", "country", "type", "check_ins") \
            and prefix[:2] not in (("location", "timezones"), ("eligibility", "countries"),
                                   ("mentorship", "feedback"), ("skills",)) and prefix[0] != "tags":
        yield prefix


TEXT_PATHS = list(text_paths(DATA))


def with_text(path: tuple, insert: str) -> tuple[str, str]:
    """The file holding `path` (the posting, or organization.yaml) with `insert` placed inside the text at
    `path`, written as YAML escapes do; and the file's path."""
    data = json.loads(json.dumps(DATA))
    target = data
    for part in path[:-1]:
        target = target[part]
    value = target[path[-1]]
    target[path[-1]] = value[:3] + insert + value[3:]
    organization = data.pop("organization")
    if path[0] == "organization":
        return yaml.safe_dump(organization, sort_keys=False, allow_unicode=False, width=10_000), ORG_SHOWN
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=10_000), SHOWN


def problems_for(text: str | tuple[str, str], shown: str = SHOWN):
    if isinstance(text, tuple):
        text, shown = text
    return validate_text(text, shown, SETTINGS, ROOT, organizations={"brightloop": ORG_SAMPLE.read_bytes()})


def test_the_sample_has_every_kind_of_free_text():
    names = {path[-1] if isinstance(path[-1], str) else path[-2] for path in TEXT_PATHS}
    assert {"title", "name", "about", "summary", "description", "deliverables", "work_authorization", "mentor",
            "learning_outcomes", "instructions"} <= names
    assert problems_for(SAMPLE.read_text(encoding="utf-8")).ok


@pytest.mark.parametrize("path", TEXT_PATHS, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize("char, code", [("\x00", "control-character"), ("\x01", "control-character"),
                                        ("\x1b", "control-character"), ("\x0b", "control-character"),
                                        ("\x7f", "control-character"), ("\x85", "control-character"),
                                        ("\x9b", "control-character"), ("\r", "carriage-return"),
                                        ("\ufffe", "not-a-character")])
def test_control_characters_are_refused_in_every_text_field(path, char, code):
    result = problems_for(with_text(path, char))
    found = [p for p in result.errors if p.code == code]
    assert found, result.problems
    problem = found[0]
    assert f"character 4 of `" in problem.message and f"U+{ord(char):04X}" in problem.message
    assert problem.hint and problem.line >= 1 and problem.column >= 1
    assert not result.projects and not result.organizations


def test_the_problem_points_at_the_line_of_the_field():
    text = SAMPLE.read_text(encoding="utf-8").replace("title: Analyze where", 'title: "Analyze\\x1b where')
    text = text.replace("drop out of onboarding\n", 'drop out of onboarding"\n', 1)
    problem = problems_for(text).errors[0]
    assert (problem.line, problem.column, problem.code) == (3, 8, "control-character")


def test_an_invisible_character_written_as_it_is_is_pointed_at_exactly():
    text = ORG_SAMPLE.read_text(encoding="utf-8").replace("name: Brightloop", "name: Bright\u202eloop")
    problem = problems_for(text, ORG_SHOWN).errors[0]
    assert (problem.line, problem.column, problem.code) == (3, 13, "invisible-character")


ONE_LINE = [("title",), ("organization", "name"), ("contact", "name"), ("mentorship", "mentor"), ("summary",),
            ("deliverables", 0), ("mentorship", "learning_outcomes", 1)]


@pytest.mark.parametrize("path", ONE_LINE, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069", "\u200b", "\u2060", "\ufeff"])
def test_direction_controls_and_zero_width_spaces_are_refused_in_names_and_titles(path, char):
    result = problems_for(with_text(path, char))
    assert [p.code for p in result.errors] == ["invisible-character"], result.problems


@pytest.mark.parametrize("path", ONE_LINE, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize("char", ["\n", "\t", "\u2028", "\u2029"])
def test_one_line_fields_refuse_line_breaks_and_tabs(path, char):
    result = problems_for(with_text(path, char))
    assert [p.code for p in result.errors] == ["one-line"], result.problems
    assert "one line" in result.errors[0].message


@pytest.mark.parametrize("path", TEXT_PATHS, ids=lambda p: ".".join(map(str, p)))
def test_joiners_that_scripts_and_emoji_need_stay_allowed(path):
    family = "\U0001F469\u200d\U0001F469\u200d\U0001F467"  # one emoji made of three, joined by ZWJ
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a Persian word that needs ZWNJ
    result = problems_for(with_text(path, f" {family} {persian} "))
    assert result.ok, result.problems


@pytest.mark.parametrize("path", [("description",), ("organization", "about"), ("apply", "instructions")])
def test_multi_line_text_keeps_its_lines_tabs_and_right_to_left_text(path):
    result = problems_for(with_text(path, "\n\tfirst\n\n\u2067\u05e9\u05dc\u05d5\u05dd\u2069 \u200b\n"))
    assert result.ok, result.problems


def test_a_line_break_in_a_one_line_field_written_as_a_block_gets_a_hint():
    text = SAMPLE.read_text(encoding="utf-8").replace("title: Analyze where freelancers drop out of onboarding",
                                                      "title: >\n  Analyze where freelancers drop out of onboarding")
    problem = problems_for(text).errors[0]
    assert problem.code == "one-line" and "`>-`" in problem.hint and problem.line == 3


def test_multi_line_fields_come_from_the_schema_and_agree_with_the_issue_form():
    from generator.issue_form import form_fields, form_schema

    schema = form_schema()  # the posting's schema with organization.yaml's fields under `organization`
    textareas = {f.path for f in form_fields() if f.kind == "textarea" and f.schema.get("type") == "string"}
    multiline = {path for path in textareas if is_multiline(f_schema(schema, path), path[-1])}
    assert multiline == textareas == {("description",), ("organization", "about"), ("apply", "instructions")}


def f_schema(schema, path):
    for part in path:
        schema = schema["properties"][part]
    return schema


def test_the_check_covers_any_document_described_by_a_schema():
    """Not a list of posting fields: any loaded file, checked against its own schema (an organization's, say)."""
    from generator.characters import check_characters
    from generator.load import load_text

    schema = {"type": "object", "properties": {"name": {"type": "string", "maxLength": 80},
                                               "about": {"type": "string", "maxLength": 500}}}
    doc = load_text('name: "Acme\\u202e"\nabout: "Line one\\nline two\\x07"\nother: "\\x00"\n', "organization.yaml")
    check_characters(doc, schema)
    assert [(p.line, p.code) for p in doc.problems] == [(1, "invisible-character"), (2, "control-character"),
                                                        (3, "control-character")]


def test_the_fast_search_and_the_character_rules_agree_on_every_character():
    from generator.characters import _first_bad, _kind

    for code in list(range(0x3000)) + list(range(0xD7F0, 0x10000)) + [0x1F469, 0x10FFFF]:
        char = chr(code)
        for multiline in (True, False):
            found = _first_bad(f"ab{char}", multiline)
            expected = _kind(char, multiline)
            assert (found[2] if found else None) == expected, (hex(code), multiline)
