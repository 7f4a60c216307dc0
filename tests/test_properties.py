"""Property-based: mutated postings never crash the validator, and every problem points inside the file."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.load import load_bytes
from generator.settings import Settings
from generator.validate import Checker, Result
from tests.conftest import ROOT, TODAY

VALID_TEXT = (ROOT / "tests" / "data" / "valid.yaml").read_text()
VALID_DATA = yaml.safe_load(VALID_TEXT)
SHOWN = "projects/green-valley/dashboard.yaml"
CHECKER_SETTINGS = Settings(today=TODAY)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)


def check(raw: bytes) -> tuple[Result, int]:
    result = Result(files_checked=1)
    Checker(CHECKER_SETTINGS, ROOT).check_document(load_bytes(raw, SHOWN), ROOT / SHOWN, result)
    return result, raw.count(b"\n") + 1


def paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, prefix + (index,))


ALL_PATHS = [p for p in paths(VALID_DATA) if p]


def with_value(path: tuple, value) -> dict:
    """A copy of the valid posting with the value at `path` replaced."""
    data = copy.deepcopy(VALID_DATA)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(0, len(VALID_TEXT)), cut=st.integers(0, 40),
       insert=st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#\n\t ,?%@`") + list("abc123")), max_size=12))
def test_text_mutations_never_crash(position, cut, insert):
    text = VALID_TEXT[:position] + insert + VALID_TEXT[position + cut:]
    result, lines = check(text.encode("utf-8"))
    for problem in result.problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1 and problem.code and problem.message


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(ALL_PATHS), value=json_values)
def test_replaced_values_are_reported_inside_the_file(path, value):
    data = with_value(path, value)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    result, lines = check(text.encode("utf-8"))
    for problem in result.problems:
        assert 1 <= problem.line <= lines, problem
    if result.ok:  # a valid result must still round-trip to a posting
        assert len(result.projects) == 1


# values that are wrong wherever they stand, except the two pairs below that the schema allows
ALLOWED = {(("eligibility",), "{}"), (("compensation", "amount"), "3.5")}


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(ALL_PATHS), wrong=st.sampled_from([None, {}, 3.5, "x" * 20_000, -1]))
def test_wrong_values_are_always_reported(path, wrong):
    if (path, repr(wrong)) in ALLOWED:
        return
    data = with_value(path, wrong)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)
    result, lines = check(text.encode("utf-8"))
    assert result.errors, (path, wrong)
    for problem in result.problems:
        assert 1 <= problem.line <= lines


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(raw):
    result, lines = check(raw)
    assert result.problems
    for problem in result.problems:
        assert 1 <= problem.line <= max(lines, 1)


@settings(max_examples=400, deadline=None)
@given(path=st.sampled_from(ALL_PATHS), value=json_values | st.sampled_from(
    ["2036-02-30", "2036-3-1", "dana@", "a@b.c", "https://x", "http://x", "javascript:alert(1)", "US", "usd", ""]))
def test_fast_schema_check_agrees_with_the_reference_validator(path, value):
    from generator.schema import fast_check, reference_validator

    data = with_value(path, value)
    fast = fast_check()
    # the fast check may be stricter (the reference validator then explains or clears the file), never laxer
    if fast(data):
        assert not any(True for _ in reference_validator().iter_errors(data)), (path, value)
