"""The validator's quick ways to the answer give the answer the long way gives.

A board of thousands of postings is checked in about the time it takes to read and parse the files, because
the validator skips work a clean posting does not need: the command line keeps only what the duplicate check
compares, time zone names are looked up in tzdata's list first, plain values are read without PyYAML's type
guessing, and text is searched once for placeholders and refused characters. Each test here holds one of those
to the full answer.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml

from generator.fake import write_fake_postings
from generator.load import load_text
from generator.settings import Settings
from generator.validate import _known_zone, _time_zones, validate_paths, validate_text
from tests.conftest import ROOT, TODAY

SETTINGS = Settings(today=TODAY)
SAMPLE = ROOT / "samples" / "projects" / "brightloop" / "analyze-onboarding-drop-off.yaml"
SHOWN = "projects/brightloop/analyze-onboarding-drop-off.yaml"
ORGANIZATIONS = {"brightloop": (SAMPLE.parent / "organization.yaml").read_bytes()}


def _problems(result) -> list:
    return list(result.problems)  # each a dataclass: file, line, column, severity, code, words, field, related


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    """60 fake postings, then a copy of one (a duplicate), a placeholder, a broken file and an organization
    whose file is missing."""
    board = tmp_path_factory.mktemp("board")
    projects = board / "projects"
    write_fake_postings(projects, 60, seed=3, today=TODAY)
    postings = sorted(p for p in projects.rglob("*.yaml") if p.name != "organization.yaml")
    shutil.copy(postings[0], postings[0].with_name(postings[0].stem + "-again.yaml"))
    postings[1].write_text(postings[1].read_text(encoding="utf-8").replace("title: ", "title: TODO ", 1),
                           encoding="utf-8")
    postings[2].write_text("title: [unclosed\n", encoding="utf-8")
    lonely = projects / "lonely-org"
    lonely.mkdir()
    shutil.copy(postings[3], lonely / "alone.yaml")
    return board


def test_reporting_only_finds_what_keeping_the_postings_finds(board):
    kept = validate_paths([board / "projects"], SETTINGS, board)
    reported = validate_paths([board / "projects"], SETTINGS, board, keep_projects=False)
    assert _problems(reported) == _problems(kept)
    assert {"duplicate-posting", "placeholder-left", "yaml-syntax", "organization-missing"} <= \
        {p.code for p in reported.problems}
    assert reported.files_checked == kept.files_checked
    assert kept.projects and not reported.projects


def test_one_file_is_compared_with_the_postings_beside_it_when_only_reporting(board):
    again = next((board / "projects").rglob("*-again.yaml"))
    kept = validate_paths([again], SETTINGS, board)
    reported = validate_paths([again], SETTINGS, board, keep_projects=False)
    assert [p.code for p in reported.problems] == ["duplicate-posting"]
    assert _problems(reported) == _problems(kept)


def test_the_command_line_reports_every_problem(board, capsys):
    from generator.cli import main

    assert main(["--root", str(board), "validate", "--format", "json", "--today", TODAY.isoformat()]) == 1
    report = yaml.safe_load(capsys.readouterr().out)
    expected = validate_paths([board / "projects"], SETTINGS, board)
    assert [(p["file"], p["code"]) for p in report["problems"]] == [(p.file, p.code) for p in expected.problems]


@pytest.mark.parametrize("name", ["Europe/Berln", "posixrules", "right/UTC", "posix/Europe/Paris", "../zoneinfo",
                                  "", "utc", "europe/paris", "Europe/Paris/", "/Europe/Paris", "zone.tab"])
def test_a_time_zone_name_that_is_not_listed_is_decided_by_the_full_set(name):
    assert _known_zone(name) == (name in _time_zones())


def test_every_time_zone_of_the_full_set_is_known():
    zones = _time_zones()
    assert len(zones) > 300
    assert all(_known_zone(zone) for zone in zones)


@pytest.mark.parametrize("text, value", [
    ("012", "012"), ("-3", -3), ("+7", 7), ("1.5e3", 1500.0), (".5", 0.5), ("-.5", -0.5), ("1_000", "1_000"),
    ("0x1F", "0x1F"), ("yes", "yes"), ("NO", "NO"), ("True", True), ("false", False), ("~", None), ("", None),
    ("null", None), ("2026-11-21", "2026-11-21"), ("1:30", "1:30"), (".inf", ".inf"), ("'12'", "12"),
    ("+", "+"), ("'<<'", "<<"), ("!!str 12", 12), ("!!int '12'", "12"),
])
def test_plain_values_are_read_by_the_core_rules(text, value):
    doc = load_text(f"key: {text}\nlist:\n- {text}\n", "x.yaml")
    assert doc.ok, doc.problems
    assert doc.data == {"key": value, "list": [value]}
    assert type(doc.data["key"]) is type(value)


@pytest.mark.parametrize("text, code", [
    ("<<: {a: 1}\n", "yaml-merge-key"),
    ("a: 1\n<<: {b: 2}\n", "yaml-merge-key"),
    ("a: !!python/name:os.system x\n", "yaml-tag"),
    ("a: !!binary aGVsbG8=\n", "yaml-tag"),
    ("a: !custom [1, 2]\n", "yaml-tag"),
    ("a: !!set {x, y}\n", "yaml-tag"),
])
def test_merge_keys_and_tags_are_still_refused(text, code):
    doc = load_text(text, "x.yaml")
    assert code in {p.code for p in doc.problems}


def test_a_quoted_merge_key_is_an_ordinary_key():
    doc = load_text("'<<': x\n\"<<\": y\n", "x.yaml")
    assert [p.code for p in doc.problems] == ["yaml-duplicate-key"]


def _sample(**changes) -> str:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_a_placeholder_in_a_long_description_is_reported_at_its_field():
    description = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["description"]
    text = _sample(description=description + "\n\nTODO: say what comes next.\n")
    result = validate_text(text, SHOWN, SETTINGS, ROOT, organizations=ORGANIZATIONS)
    assert [(p.code, p.field) for p in result.problems] == [("placeholder-left", ("description",))]


def test_placeholders_and_refused_characters_are_found_in_one_posting_in_file_order():
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    text = _sample(title="Analyze\u202e onboarding", summary=data["summary"] + " TODO",
                   description=data["description"] + "\n\nMore TODO here.\n")
    result = validate_text(text, SHOWN, SETTINGS, ROOT, organizations=ORGANIZATIONS)
    found = [(p.code, p.field) for p in result.problems]
    assert found == [("invisible-character", ("title",)), ("placeholder-left", ("summary",)),
                     ("placeholder-left", ("description",))]


def test_a_word_holding_todo_is_not_a_placeholder_but_a_line_break_in_a_title_is_refused():
    text = _sample(summary="Sort the TODOS list and the MASTODON feed", title="Analyze\nonboarding")
    result = validate_text(text, SHOWN, SETTINGS, ROOT, organizations=ORGANIZATIONS)
    assert [(p.code, p.field) for p in result.problems] == [("one-line", ("title",))]


def test_a_placeholder_in_an_old_style_organization_block_is_not_reported_twice():
    text = _sample(organization={"name": "TODO", "url": "https://brightloop.example.org"})
    result = validate_text(text, SHOWN, SETTINGS, ROOT, organizations=ORGANIZATIONS)
    assert "placeholder-left" not in {p.code for p in result.problems}
    assert "organization-in-posting" in {p.code for p in result.problems}
