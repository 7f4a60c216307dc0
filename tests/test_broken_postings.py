"""The corpus of broken postings: each names the right line, with a hint, and none crashes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.settings import Settings
from generator.validate import validate_paths
from tests.conftest import ROOT, TODAY, place

BROKEN = ROOT / "tests" / "broken"
VALID = ROOT / "tests" / "data" / "valid.yaml"
SETTINGS = Settings(today=TODAY)

# file in tests/broken -> (problem code, line) that the validator must report
EXPECTED = {
    "missing-title": ("missing-field", 1),
    "missing-amount": ("missing-field", 20),
    "misspelt-key": ("unknown-field", 8),
    "field-not-in-list": ("not-allowed", 11),
    "hours-in-words": ("wrong-type", 15),
    "hours-leading-zero": ("wrong-type", 15),
    "impossible-date": ("bad-date", 17),
    "date-in-words": ("bad-date", 17),
    "due-before-start": ("date-order", 19),
    "apply-by-before-posted": ("date-order", 17),
    "hours-too-many": ("hours-range", 15),
    "pay-below-floor": ("pay-below-floor", 22),
    "unpaid": ("unpaid", 21),
    "unpaid-with-amount": ("not-allowed-here", 22),
    "apply-link-http": ("not-https", 32),
    "currency-lowercase": ("bad-pattern", 23),
    "skill-alias": ("skill-alias", 13),
    "skill-unknown": ("skill-unknown", 14),
    "duplicate-key": ("yaml-duplicate-key", 3),
    "anchor-and-alias": ("yaml-anchor", 36),
    "undefined-alias": ("yaml-alias", 36),
    "yes-no-trap": ("not-allowed", 29),
    "tab-indentation": ("yaml-syntax", 21),
    "unclosed-quote": ("yaml-syntax", 2),
    "list-not-mapping": ("not-a-mapping", 1),
    "empty": ("empty-file", 1),
    "only-comments": ("empty-file", 1),
    "two-documents": ("yaml-syntax", 39),
    "nested-too-deep": ("yaml-too-deep", 26),
    "python-tag": ("yaml-tag", 2),
    "merge-key": ("yaml-merge-key", 25),
    "timezone-unknown": ("timezone-unknown", 26),
    "no-deliverables": ("bad-count", 8),
    "summary-too-short": ("bad-length", 3),
    "owner-with-at": ("bad-pattern", 36),
    "timeline-without-end": ("missing-field", 16),
    "on-site-without-city": ("missing-field", 24),
    "contact-bad-email": ("bad-email", 35),
    "placeholder-left": ("placeholder-left", 3),
    "string-for-list": ("wrong-type", 12),
    "latin1": ("not-utf8", 5),
}


def test_the_corpus_is_complete():
    on_disk = {p.stem for p in BROKEN.glob("*.yaml")}
    assert on_disk == set(EXPECTED)
    assert len(EXPECTED) >= 30


def test_the_base_posting_is_valid(board):
    place(board, VALID, "projects/broken-org/valid.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.problems == []
    assert len(result.projects) == 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_posting_names_the_line(board, name):
    code, line = EXPECTED[name]
    place(board, BROKEN / f"{name}.yaml", f"projects/broken-org/{name}.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    found = [(p.code, p.line) for p in result.problems]
    assert (code, line) in found, result.problems
    for problem in result.problems:
        assert problem.file == f"projects/broken-org/{name}.yaml"
        assert problem.message and problem.severity in ("error", "warning")
        assert 1 <= problem.line <= max(1, (BROKEN / f"{name}.yaml").read_bytes().count(b"\n") + 1)
    wanted = next(p for p in result.problems if (p.code, p.line) == (code, line))
    if code not in ("empty-file", "not-a-mapping", "yaml-syntax", "not-utf8"):
        assert wanted.hint, f"{name}: no hint for {code}"


def test_warnings_alone_do_not_fail(board):
    place(board, VALID.read_text().replace("hours: 20", "hours: 4"), "projects/broken-org/short.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.ok and [p.severity for p in result.problems] == ["warning"]


def test_misspelt_key_suggests_the_right_one(board):
    place(board, BROKEN / "misspelt-key.yaml", "projects/broken-org/misspelt-key.yaml")
    [problem] = validate_paths([board / "projects"], SETTINGS, board).problems
    assert problem.hint == "did you mean `deliverables`?"


def test_enum_error_lists_the_allowed_values(board):
    place(board, BROKEN / "field-not-in-list.yaml", "projects/broken-org/x.yaml")
    [problem] = validate_paths([board / "projects"], SETTINGS, board).problems
    assert "software" in problem.hint and "data" in problem.hint


def test_yaml_11_values_stay_text(board):
    text = VALID.read_text().replace('apply_by: "2036-03-01"', "apply_by: 2036-03-01").replace(
        "  type: remote\n", "  type: remote\n  country: NO\n")
    place(board, text, "projects/broken-org/traps.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.problems == []
    project = result.projects[0]
    assert project.country == "NO" and project.apply_by.isoformat() == "2036-03-01"


def test_binary_file(board):
    place(board, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "projects/broken-org/logo.yaml")
    [problem] = validate_paths([board / "projects"], SETTINGS, board).problems
    assert (problem.code, problem.line) == ("binary-file", 1)


def test_five_megabyte_file(board):
    big = VALID.read_text() + "# " + "x" * 5_000_000 + "\n"
    place(board, big, "projects/broken-org/big.yaml")
    [problem] = validate_paths([board / "projects"], SETTINGS, board).problems
    assert (problem.code, problem.line) == ("file-too-large", 1)


@pytest.mark.parametrize("depth", [200, 20_000])
def test_deeply_nested_input(board, depth):
    place(board, "title: " + "[" * depth + "]" * depth + "\n", "projects/broken-org/deep.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert [(p.code, p.line) for p in result.problems] == [("yaml-too-deep", 1)]


def test_billion_laughs_is_refused_before_expansion(board):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join(f"*{prev}" for _ in range(9)) + "]")
    place(board, "\n".join(lines) + "\n", "projects/broken-org/laughs.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.problems and all(p.code in ("yaml-anchor", "yaml-alias") for p in result.problems)
    assert result.problems[0].line == 1


@pytest.mark.parametrize("relative, code", [
    ("projects/Broken_Org/valid.yaml", "path-slug"),
    ("projects/broken-org/Valid Posting.yaml", "path-slug"),
    ("projects/broken-org/valid.yml", "path-extension"),
    ("projects/valid.yaml", "path-layout"),
    ("projects/a/b/valid.yaml", "path-layout"),
])
def test_path_rules(board, relative, code):
    place(board, VALID, relative)
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert code in [p.code for p in result.problems]


def test_two_postings_with_one_title(board):
    place(board, VALID, "projects/broken-org/first.yaml")
    place(board, VALID, "projects/broken-org/second.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert [p.code for p in result.problems] == ["duplicate-posting"]
    assert result.problems[0].file == "projects/broken-org/second.yaml"


def test_a_single_new_file_is_checked_against_its_siblings(board):
    place(board, VALID, "projects/broken-org/first.yaml")
    new = place(board, VALID, "projects/broken-org/second.yaml")
    result = validate_paths([new], SETTINGS, board)
    assert [p.code for p in result.problems] == ["duplicate-posting"]


def test_pay_floor_and_currency_from_settings(board):
    text = VALID.read_text().replace("amount: 800", "amount: 300").replace("currency: USD", "currency: EUR")
    place(board, text, "projects/broken-org/euros.yaml")
    unchecked = validate_paths([board / "projects"], SETTINGS, board)
    assert [p.code for p in unchecked.problems] == ["pay-unchecked"] and unchecked.ok
    strict = Settings(today=TODAY, exchange_rates={"EUR": 1.1})
    [problem] = validate_paths([board / "projects"], strict, board).problems
    assert problem.code == "pay-below-floor" and "EUR" in problem.hint


def test_unpaid_allowed_when_the_operator_says_so(board):
    place(board, BROKEN / "unpaid.yaml", "projects/broken-org/unpaid.yaml")
    result = validate_paths([board / "projects"], Settings(today=TODAY, allow_unpaid=True), board)
    assert result.ok


def test_no_traceback_from_the_cli_on_any_broken_file(tmp_path):
    (tmp_path / "projects" / "broken-org").mkdir(parents=True)
    for source in BROKEN.glob("*.yaml"):
        place(tmp_path, source, f"projects/broken-org/{source.name}")
    place(tmp_path, b"\x00\x01\x02", "projects/broken-org/binary.yaml")
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "validate", "--format", "json",
                          "--today", TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert report["files_checked"] == len(EXPECTED) + 2  # and the folder's organization.yaml
    assert {Path(p["file"]).stem for p in report["problems"]} >= set(EXPECTED)
