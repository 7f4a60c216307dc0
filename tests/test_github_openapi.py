"""The GitHub double answers as GitHub's own OpenAPI description says GitHub answers.

tests/data/github-openapi-subset.json holds, for every endpoint generator/github.py calls, the response
schemas from GitHub's published description (its source is named inside; tests/tools/openapi_subset.py
made it). This test drives every one of those calls, through generator/github.py and the real PyGithub
client, against the double, and checks each answer the double gave against the schema for its status.
So the double cannot drift from the real API, and the code cannot start calling an endpoint that the
fixture (and so this check) does not cover.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from jsonschema.exceptions import best_match

from generator import github as gh
from tests.conftest import ROOT
from tests.github_double import FakeRepo, GitHubDouble

SUBSET = json.loads((ROOT / "tests" / "data" / "github-openapi-subset.json").read_text(encoding="utf-8"))
SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"
POSTING = "projects/green-valley/volunteer-dashboard.yaml"


def template_pattern(template: str) -> re.Pattern[str]:
    """A path template as a regex over unquoted paths: {path} and {ref} may hold slashes."""
    parts = re.split(r"(\{[a-z_]+\})", template)
    regex = "".join(("(.+)" if part in ("{path}", "{ref}") else "([^/]+)") if part.startswith("{")
                    else re.escape(part) for part in parts)
    return re.compile(f"^{regex}$")


ENDPOINTS = [(key, key.split(" ", 1)[0], template_pattern(key.split(" ", 1)[1])) for key in SUBSET["endpoints"]]


def endpoint_of(method: str, path: str) -> str | None:
    path = urllib.parse.unquote(path)
    matches = [key for key, verb, pattern in ENDPOINTS if verb == method and pattern.match(path)]
    # /pulls/{pull_number}/files also matches nothing shorter; prefer the most specific template
    return max(matches, key=len) if matches else None


def schema_for(key: str, status: int) -> dict | None:
    responses = SUBSET["endpoints"][key]["responses"]
    schema = responses.get(str(status))
    if schema is None:
        return None
    # GitHub's schemas are JSON Schema draft 4 with OpenAPI's extras; refs point into the fixture
    return {**schema, "components": SUBSET["components"]}


def check(key: str, status: int, body) -> list[str]:
    schema = schema_for(key, status)
    if schema is None:
        return []
    validator = Draft4Validator(schema)
    errors = list(validator.iter_errors(body))
    if not errors:
        return []
    worst = best_match(errors)
    where = "/".join(str(p) for p in worst.absolute_path)
    return [f"{key} -> {status}: {len(errors)} error(s), e.g. at /{where}: {worst.message[:300]}"]


def exercise(double: GitHubDouble, board: FakeRepo) -> None:
    """Every call generator/github.py makes, once or more, through PyGithub against the double."""
    client = gh.connect(token="ghs_microboard-test-token", base_url=double.url, throttle=False)
    repo = gh.get_repo(client, board.full_name)
    text = SAMPLE.read_text(encoding="utf-8")
    board.commit({POSTING: text, "projects/green-valley/old.yaml": text})
    head = board.commit({POSTING: text.replace("hours: 30", "hours: 25"), "projects/green-valley/old.yaml": None,
                         "projects/green-valley/new.yaml": text}, branch="edit")
    number = board.open_pull("edit", user="mallory")
    board.permissions["maria"] = "write"
    board.add_review(number, "maria", "APPROVED")
    assert gh.default_branch(repo) == "main"
    info = gh.pull_request_info(repo, number)
    assert info.head_sha == head
    assert gh.get_issue(repo, number).is_pull_request
    changes = gh.changed_postings(repo, number, head_sha=head)
    assert {c.status for c in changes.files} >= {"modified"}
    assert gh.collaborator_permission(repo, "maria") == "write"
    assert gh.approved_by_maintainer(repo, number)
    assert gh.find_pull_request_for_commit(repo, head).number == number
    gh.set_commit_status(repo, head, True, "postings valid")
    comment = gh.upsert_comment(repo, number, gh.REPORT_MARKER, "first")
    assert gh.upsert_comment(repo, number, gh.REPORT_MARKER, "second") == comment
    assert gh.own_comment_body(repo, number, gh.REPORT_MARKER).endswith("second")
    gh.comment_on_issue(repo, number, "a note")
    gh.set_labels(repo, number, {"valid", "edit"}, {"valid", "edit", "needs changes"})
    gh.set_labels(repo, number, {"valid"}, {"valid", "edit", "needs changes"})
    assert gh.remove_label(repo, number, "valid") and not gh.remove_label(repo, number, "valid")
    gh.set_labels(repo, number, {"valid"}, {"valid", "edit", "needs changes"})  # the label exists by now
    files = {"projects/green-valley/new-posting.yaml": text}
    created = gh.open_or_update_pull_request(repo, "microboard/issue-7", "main", files, "Post", "body", "Post it")
    assert created[1]
    files["projects/green-valley/new-posting.yaml"] = text.replace("hours: 30", "hours: 20")
    assert gh.open_or_update_pull_request(repo, "microboard/issue-7", "main", files, "Post", "body 2",
                                          "Post it") == (created[0], False)
    # a directory, not a file, and a file that is not there
    assert gh._read(repo, "projects/green-valley", head) == (None, False)
    assert gh._read(repo, "projects/nowhere.yaml", head) == (None, False)


@pytest.fixture
def exercised(github_double: GitHubDouble, github_board: FakeRepo) -> list:
    github_double.clear_requests()
    exercise(github_double, github_board)
    return list(github_double.requests)


def test_the_fixture_names_its_source_and_covers_the_calls() -> None:
    source = SUBSET["source"]
    assert "rest-api-description" in source["upstream"] and source["openapi"].startswith("3.")
    assert "@octokit/openapi" in source["description"] or "commit" in source["description"]
    assert len(SUBSET["endpoints"]) >= 25


def test_every_call_the_code_makes_is_an_endpoint_in_the_fixture(exercised) -> None:
    unknown = sorted({f"{r.method} {urllib.parse.unquote(r.path)}" for r in exercised
                      if endpoint_of(r.method, r.path) is None})
    assert unknown == []


def test_every_endpoint_in_the_fixture_is_exercised(exercised) -> None:
    hit = {endpoint_of(r.method, r.path) for r in exercised if 200 <= r.status < 300}
    assert sorted(set(SUBSET["endpoints"]) - hit) == []


def test_every_answer_of_the_double_matches_githubs_description(exercised) -> None:
    problems = []
    for record in exercised:
        key = endpoint_of(record.method, record.path)
        if key is None or record.status == 204:
            continue
        problems += check(key, record.status, record.response)
    assert problems == [], "\n".join(dict.fromkeys(problems))


def test_the_check_catches_a_drifted_answer(exercised) -> None:
    record = next(r for r in exercised if r.method == "GET" and re.search(r"/pulls/\d+$", r.path))
    key = endpoint_of(record.method, record.path)
    broken = dict(record.response)
    del broken["head"]
    assert check(key, record.status, broken)
    broken = dict(record.response, number="7")
    assert check(key, record.status, broken)
