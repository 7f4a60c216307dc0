"""Issue bodies as GitHub really writes them.

Real bodies from public repositories' issue forms (tests/data/issue-bodies, sources in sources.json)
check the generic section reading; our own form's bodies, written the way GitHub writes them (CRLF
from the web, `None` for an empty dropdown, `_No response_` for an empty input, edited afterwards),
check the mapping onto a posting.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator import issue_body
from generator.from_issue import check_issue
from generator.issue_form import form_fields, issue_body_from_posting, posting_from_issue_body
from generator.settings import Settings
from tests.conftest import ROOT, TODAY

BODIES = ROOT / "tests" / "data" / "issue-bodies"
SOURCES = json.loads((BODIES / "sources.json").read_text(encoding="utf-8"))["bodies"]
SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"


def real(name: str, crlf: bool = False) -> str:
    text = (BODIES / name).read_text(encoding="utf-8")
    return text.replace("\n", "\r\n") if crlf else text


def answers(body: str) -> dict[str, str]:
    return {s.heading: s.text for s in issue_body.sections(body)}


# -- real bodies, generic reading ---------------------------------------------------------------------


def test_every_kept_body_names_its_source() -> None:
    kept = {p.name for p in BODIES.glob("*.md")}
    assert kept == set(SOURCES) and len(kept) >= 5
    for name, source in SOURCES.items():
        assert source["url"] == f"https://github.com/{source['repository']}/issues/{source['issue']}", name


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name, headings", [
    ("tadhglewis-issue-status-106.md", ["Is there an existing issue for this?", "Current Behavior",
                                        "Expected Behavior", "Steps To Reproduce", "Environment", "Anything else?"]),
    ("livepeer-ui-kit-247.md", ["Is there an existing issue for this?", "Package Version", "Current Behavior",
                                "Expected Behavior", "Steps To Reproduce", "Anything else?"]),
    ("department-of-veterans-affairs-va-gov-cms-14906.md", ["Contact Details", "What happened?", "Version",
                                                           "What browsers are you seeing the problem on?",
                                                           "Relevant log output", "Code of Conduct"]),
    ("nodejs-node-59500.md", ["Version", "Platform", "Subsystem", "What steps will reproduce the bug?",
                              "How often does it reproduce? Is there a required condition?",
                              "What is the expected behavior? Why is that the expected behavior?",
                              "What do you see instead?"]),
])
def test_real_bodies_split_into_their_sections(name, headings, crlf) -> None:
    found = issue_body.sections(real(name, crlf))
    assert [s.heading for s in found] == headings
    assert all("\r" not in s.text for s in found)


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_answers_dropdowns_and_checkboxes_of_a_real_body(crlf) -> None:
    got = answers(real("department-of-veterans-affairs-va-gov-cms-14906.md", crlf))
    assert got["Contact Details"] == "foo@bar.com"
    assert got["Version"] == "1.0.3 (Edge)"  # a dropdown: the option as written
    assert issue_body.choices(got["What browsers are you seeing the problem on?"]) == ["Chrome", "Microsoft Edge"]
    assert issue_body.unfenced(got["Relevant log output"]) == "This is code stuff."
    assert issue_body.checkboxes(got["Code of Conduct"]) == [("I agree to follow this project's Code of Conduct",
                                                             True)]
    assert issue_body.checkboxes(got["What happened?"]) is None  # prose is not a checklist
    other = answers(real("kostasmackevicius-example-2.md", crlf))
    assert issue_body.choices(other["What browsers are you seeing the problem on?"]) == [
        "Firefox", "Chrome", "Microsoft Edge"]


@pytest.mark.parametrize("name", ["tadhglewis-issue-status-106.md", "eddiejaoude-eddiejaoude-98.md",
                                  "livepeer-ui-kit-247.md"])
def test_ticked_boxes_read_as_ticked(name) -> None:
    got = answers(real(name, crlf=True))
    assert issue_body.checkboxes(got["Is there an existing issue for this?"]) == [
        ("I have searched the existing issues", True)]


def test_fenced_answers_keep_their_lines_and_an_empty_fence_is_no_answer() -> None:
    env = answers(real("eddiejaoude-eddiejaoude-98.md"))["Environment"]
    assert issue_body.unfenced(env).split("\n") == ["- OS: ", "- Node: ", "- npm: ", "test 4"]
    mac = answers(real("browser-use-macos-use-11.md"))
    assert issue_body.is_empty(mac["Relevant Log Output"]) and not issue_body.is_empty(mac["Code Sample"])
    assert issue_body.unfenced(mac["Code Sample"]) == "test5"
    node = answers(real("nodejs-node-59500.md"))
    assert issue_body.unfenced(node["Platform"]) == "VersionString"
    assert node["What do you see instead?"].startswith("![Image](https://github.com/user-attachments/")


def test_a_heading_inside_a_code_fence_is_text() -> None:
    body = real("department-of-veterans-affairs-va-gov-cms-14906.md").replace(
        "This is code stuff.", "### not a field\nstill the log")
    got = answers(body)
    assert "not a field" not in got
    assert issue_body.unfenced(got["Relevant log output"]) == "### not a field\nstill the log"


@pytest.mark.parametrize("text, expected", [
    ("- [X] yes\n- [ ] no\n- [x] lower", [("yes", True), ("no", False), ("lower", True)]),
    ("* [x] star", [("star", True)]),
    ("", None),
    ("- plain item", None),
])
def test_checkbox_lines(text, expected) -> None:
    assert issue_body.checkboxes(text) == expected


@pytest.mark.parametrize("text, dropdown, empty", [
    ("_No response_", False, True), ("  _No response_\n", False, True), ("None", True, True),
    ("None", False, False), ("", False, True), ("```shell\n\n```", False, True), ("weekly", True, False),
])
def test_what_counts_as_left_empty(text, dropdown, empty) -> None:
    assert issue_body.is_empty(text, dropdown) is empty


# -- our own form, as GitHub writes it ------------------------------------------------------------------


def sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def without_mentorship_choices() -> dict:
    data = sample()
    data["mentorship"].pop("check_ins", None)
    data["mentorship"].pop("mentor", None)
    data["mentorship"].pop("learning_outcomes", None)
    data.setdefault("eligibility", {}).pop("levels", None)
    return data


def test_no_option_of_our_dropdowns_is_the_word_github_uses_for_none() -> None:
    for item in form_fields():
        options = item.schema.get("enum") or item.schema.get("items", {}).get("enum") or []
        assert issue_body.EMPTY_DROPDOWN not in options, item.label


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_empty_optional_dropdowns_are_not_answers(crlf, tmp_path) -> None:
    data = without_mentorship_choices()
    body = issue_body_from_posting(data, "acme", "x")
    assert "### Check-ins\n\nNone" in body and "### Study levels\n\nNone" in body  # as GitHub writes them
    if crlf:
        body = body.replace("\n", "\r\n")
    back = posting_from_issue_body(body)
    assert back.problems == [] and back.notes == []
    assert "check_ins" not in back.data.get("mentorship", {})
    assert "levels" not in back.data.get("eligibility", {})
    (tmp_path / "projects").mkdir()
    result = check_issue(body, "employer", Settings().with_today(TODAY.isoformat()), tmp_path)
    assert not any("None" in p.message for p in result.problems), [p.message for p in result.problems]


def test_a_crlf_body_gives_the_same_posting_as_an_lf_body() -> None:
    body = issue_body_from_posting(sample(), "acme", "x")
    lf, crlf = posting_from_issue_body(body), posting_from_issue_body(body.replace("\n", "\r\n"))
    assert lf.data == crlf.data and lf.path == crlf.path and "\r" not in crlf.yaml_text()


def move(body: str, label: str, before: str) -> str:
    """The body with the section `label` cut out and pasted in front of `before`, as an editing employer might."""
    parts = body.split("### ")
    section = next(p for p in parts if p.startswith(label + "\n"))
    parts.remove(section)
    index = next(i for i, p in enumerate(parts) if p.startswith(before + "\n"))
    parts.insert(index, section)
    return "### ".join(parts)


def test_sections_moved_by_an_edit_keep_their_answers() -> None:
    data = sample()
    body = issue_body_from_posting(data, "acme", "x")
    edited = move(move(body, "Status", "Title"), "Estimated hours", "Organization short name")
    assert edited.index("### Status") < edited.index("### Title")
    back = posting_from_issue_body(edited)
    assert back.problems == [] and back.path == "projects/acme/x.yaml"
    assert back.data["status"] == data["status"] and back.data["hours"] == data["hours"]
    assert back.data["title"] == data["title"] and back.data["description"] == data["description"]


def test_a_removed_section_is_an_empty_answer_and_extra_text_is_named() -> None:
    data = sample()
    body = issue_body_from_posting(data, "acme", "x")
    start = body.index("### Tags")
    body = body[:start] + body[body.index("### ", start + 4):]  # Tags deleted
    body = "Hello, here is our posting!\n\n" + body.replace(
        f"### Field\n\n{data['field']}", f"### Field\n\n{data['field']}\n\nThanks for reviewing.")
    back = posting_from_issue_body(body)
    assert back.problems == [] and back.data["field"] == data["field"] and "tags" not in back.data
    assert "the text before the first field of the form was ignored" in back.notes
    assert any("Thanks for reviewing." in n and "Field" in n for n in back.notes)
