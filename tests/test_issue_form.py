"""The issue form: generated from the schema, current, and lossless from posting to answers and back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings as hsettings, strategies as st

from generator.issue_form import (FORM_PATH, form_fields, form_labels, issue_body_from_posting, issue_form,
                                  posting_from_issue_body)
from tests.conftest import ROOT, TODAY

SAMPLES = sorted(p for p in (ROOT / "samples" / "projects").rglob("*.yaml") if p.name != "organization.yaml")


def test_committed_form_is_current():
    assert (ROOT / FORM_PATH).read_text(encoding="utf-8") == issue_form(), "run: python -m generator forms"
    done = subprocess.run([sys.executable, "-m", "generator", "forms", "--check"], cwd=ROOT, capture_output=True)
    assert done.returncode == 0


def test_form_has_a_field_for_every_schema_leaf_with_unique_ids_and_labels():
    form = yaml.safe_load(issue_form())
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    labels = [item["attributes"]["label"] for item in fields]
    assert len(ids) == len(set(ids)) and len(labels) == len(set(labels))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert {"title", "compensation-amount", "timeline-apply-by", "mentorship-check-ins", "owners"} <= set(ids)
    by_id = {item["id"]: item for item in fields}
    assert by_id["field"]["type"] == "dropdown" and "data" in by_id["field"]["attributes"]["options"]
    assert by_id["mentorship-feedback"]["attributes"]["multiple"] is True
    assert by_id["title"]["validations"]["required"] is True
    assert by_id["mentorship-mentor"]["validations"]["required"] is False  # mentorship itself is optional


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_sample_round_trips_through_the_form(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    body = issue_body_from_posting(data, path.parent.name, path.stem)
    back = posting_from_issue_body(body)
    assert back.problems == [] and back.notes == []
    assert back.data == data
    assert back.path == f"projects/{path.parent.name}/{path.stem}.yaml"
    assert yaml.safe_load(back.yaml_text()) == data


@hsettings(max_examples=150, deadline=None)
@given(title=st.text(min_size=8, max_size=100).filter(lambda t: t.strip() == t and "\n" not in t and t.strip()),
       description=st.text(min_size=50, max_size=400))
def test_any_text_survives_the_round_trip(title, description):
    data = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    data["title"] = " ".join(title.split())
    data["description"] = description.replace("\r", "").strip("\n") + "\n"
    if not data["description"].strip() or data["description"].strip() == "_No response_":
        return
    back = posting_from_issue_body(issue_body_from_posting(data, "acme", "x"))
    assert back.data["title"] == data["title"]
    assert back.data["description"].strip() == data["description"].strip()


def test_markdown_headings_inside_the_description_stay_in_it():
    data = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    data["description"] = "### Context\n\nWe need help.\n\n### Status\n\nfilled\n\n### Owners\n\nmallory\n"
    back = posting_from_issue_body(issue_body_from_posting(data, "acme", "x"))
    assert back.data["description"] == data["description"]
    assert back.data["status"] == data["status"] and back.data["owners"] == data["owners"]
    assert back.notes == ["the heading “Context” is not a field of the form; it was kept as part of the answer above it"]


def test_a_newline_in_a_one_line_answer_cannot_add_a_key():
    data = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    body = issue_body_from_posting(data, "acme", "x").replace(
        f"### Title\n\n{data['title']}", f"### Title\n\n{data['title']}\nstatus: closed\nowners: [mallory]")
    back = posting_from_issue_body(body)
    assert back.data["title"] == f"{data['title']} status: closed owners: [mallory]"
    assert yaml.safe_load(back.yaml_text())["owners"] == data["owners"]
    assert set(yaml.safe_load(back.yaml_text())) == set(data)


@pytest.mark.parametrize("slug", ["../../.github/workflows/x", "projects/../x", "UPPER", "a b", ".hidden", "-x"])
def test_hostile_slugs_give_no_path(slug):
    data = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    back = posting_from_issue_body(issue_body_from_posting(data, slug, "fine"))
    assert back.path is None
    assert any("Organization short name" in p and "lowercase letters" in p for p in back.problems)


def test_author_becomes_an_owner():
    data = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    back = posting_from_issue_body(issue_body_from_posting(data, "acme", "x"), author="new-employer")
    assert back.data["owners"][0] == "new-employer" and back.data["owners"][1:] == data["owners"]


def test_numbers_are_checked():
    data = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    body = issue_body_from_posting(data, "acme", "x").replace(f"### Estimated hours\n\n{data['hours']}",
                                                             "### Estimated hours\n\ntwenty")
    back = posting_from_issue_body(body)
    assert back.problems == ["Estimated hours: write a whole number in digits, not 'twenty'"]


def test_from_issue_command_with_an_event_file(tmp_path):
    data = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    data["title"] = "A brand new project for the board"
    # the board's projects/ is empty, so the form creates the organization
    org = yaml.safe_load((SAMPLES[0].parent / "organization.yaml").read_text(encoding="utf-8"))
    data["organization"] = {key: org[key] for key in ("name", "url", "about") if key in org}
    event = {"action": "opened", "issue": {"number": 7, "body": issue_body_from_posting(data, "tidepool-labs", "new"),
                                           "user": {"login": data["owners"][0]}}}
    (tmp_path / "event.json").write_text(json.dumps(event))
    empty = tmp_path / "empty-board"  # no organization here yet, whatever the live projects/ holds
    (empty / "projects").mkdir(parents=True)
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(empty), "from-issue", "--event",
                           str(tmp_path / "event.json"), "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                          env={**__import__("os").environ, "MICROBOARD_TODAY": TODAY.isoformat()})
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] and result["path"] == "projects/tidepool-labs/new.yaml"
    # the posting holds no organization: the answers about it become the folder's organization.yaml
    expected_org = data.pop("organization")
    assert yaml.safe_load(result["yaml"]) == data
    board = tmp_path / "board"
    (board / "projects").mkdir(parents=True)
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(board), "from-issue",
                           "--event", str(tmp_path / "event.json"), "--write"], cwd=ROOT, capture_output=True,
                          text=True, env={**__import__("os").environ, "MICROBOARD_TODAY": TODAY.isoformat()})
    assert done.returncode == 0, done.stdout + done.stderr
    assert yaml.safe_load((board / result["path"]).read_text(encoding="utf-8")) == data
    written = yaml.safe_load((board / "projects" / "tidepool-labs" / "organization.yaml").read_text(encoding="utf-8"))
    assert {key: written[key] for key in expected_org} == expected_org
    assert written["owners"] == [data["owners"][0]]


def test_from_issue_explains_empty_answers(tmp_path):
    body = "\n\n".join(f"### {label}\n\n_No response_" for label in form_labels())
    (tmp_path / "body.md").write_text(body)
    done = subprocess.run([sys.executable, "-m", "generator", "from-issue", "--body-file", str(tmp_path / "body.md"),
                           "--format", "markdown"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert "needs a few changes" in done.stdout and "Organization short name" in done.stdout
    for field in ("title", "summary", "deliverables", "owners"):
        assert f"\\`{field}\\` is missing" in done.stdout
