"""Postings that repeat one another: only live ones clash, place and dates tell a role apart, and the
problem lands on the newer file."""

from __future__ import annotations

from pathlib import Path

from generator.review import ChangedFile, PostingChanges, review_changes
from generator.settings import Settings
from generator.validate import validate_paths, validate_text
from tests.conftest import ROOT, TODAY, place

VALID = (ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8")
SETTINGS = Settings(today=TODAY)
FOLDER = "projects/green-valley"


def posting(**swap: str) -> str:
    """The valid posting with lines swapped by what they start with, e.g. status="status: closed";
    `where` replaces the location's `type: remote` line."""
    text = VALID
    for key, line in swap.items():
        prefix = {"where": "  type: remote", "url": "  url:"}.get(key, f"{key}:")
        rows = text.splitlines()
        index = next(i for i, row in enumerate(rows) if row.lstrip().startswith(prefix.strip()) and
                     (key != "where" or row.strip() == "type: remote"))
        rows[index] = line
        text = "\n".join(rows) + "\n"
    return text


def codes(result) -> list[tuple[str, str]]:
    return [(p.file, p.code) for p in result.problems if p.is_error]


def check(board: Path):
    return validate_paths([board / "projects"], SETTINGS, board)


def test_two_open_postings_with_one_title_place_and_dates_clash_on_the_later_posted(board):
    place(board, posting(posted='posted: "2026-10-05"'), f"{FOLDER}/a-copy.yaml")
    place(board, posting(url='  url: https://greenvalley.example.org/jobs/other'), f"{FOLDER}/b-first.yaml")
    assert codes(check(board)) == [(f"{FOLDER}/a-copy.yaml", "duplicate-posting")]


def test_a_closed_filled_or_expired_posting_never_blocks_a_new_open_one(board):
    place(board, posting(status="status: closed"), f"{FOLDER}/closed.yaml")
    place(board, posting(status="status: filled"), f"{FOLDER}/filled.yaml")
    expired = posting(apply_by='  apply_by: "2026-11-01"', start='  start: "2026-11-08"', posted='posted: "2026-09-01"')
    place(board, expired, f"{FOLDER}/expired.yaml")
    place(board, posting(posted='posted: "2026-10-05"'), f"{FOLDER}/new.yaml")
    assert codes(check(board)) == []


def test_the_same_role_in_another_city_or_season_is_allowed(board):
    place(board, posting(where="  type: on-site\n  city: Sacramento\n  country: US"), f"{FOLDER}/sacramento.yaml")
    place(board, posting(where="  type: on-site\n  city: Fresno\n  country: US",
                         url='  url: https://greenvalley.example.org/jobs/fresno'), f"{FOLDER}/fresno.yaml")
    place(board, posting(start='  start: "2036-06-01"', due='  due: "2036-08-31"',
                         url='  url: https://greenvalley.example.org/jobs/summer'), f"{FOLDER}/summer.yaml")
    assert codes(check(board)) == []


def test_one_role_in_two_cities_behind_one_apply_link_is_an_error_on_the_newer(board):
    place(board, posting(where="  type: on-site\n  city: Sacramento\n  country: US"), f"{FOLDER}/first.yaml")
    place(board, posting(where="  type: on-site\n  city: Fresno\n  country: US", posted='posted: "2026-10-09"',
                         url="  url: https://GreenValley.example.org/jobs/dashboard/"), f"{FOLDER}/second.yaml")
    assert codes(check(board)) == [(f"{FOLDER}/second.yaml", "duplicate-apply-url")]


def test_different_roles_may_share_one_work_with_us_page(board):
    place(board, posting(), f"{FOLDER}/first.yaml")
    place(board, posting(title="title: Clean the volunteer sign-in sheets"), f"{FOLDER}/second.yaml")
    assert codes(check(board)) == []


def test_one_apply_link_is_fine_once_the_other_posting_is_closed(board):
    place(board, posting(status="status: closed"), f"{FOLDER}/first.yaml")
    place(board, posting(where="  type: on-site\n  city: Fresno\n  country: US"), f"{FOLDER}/second.yaml")
    assert codes(check(board)) == []


def test_checking_one_file_reports_on_that_file_even_when_it_was_posted_first(board):
    place(board, posting(posted='posted: "2026-10-20"'), f"{FOLDER}/on-the-board.yaml")
    new = place(board, posting(posted='posted: "2026-09-01"'), f"{FOLDER}/new.yaml")
    result = validate_paths([new], SETTINGS, board)
    assert codes(result) == [(f"{FOLDER}/new.yaml", "duplicate-posting")]
    text = validate_text(posting(), f"{FOLDER}/from-a-form.yaml", SETTINGS, board)
    assert [p.file for p in text.errors] == [f"{FOLDER}/from-a-form.yaml"]


def test_in_a_pull_request_the_file_not_on_the_base_branch_gets_the_error(board):
    place(board, posting(posted='posted: "2026-10-20"'), f"{FOLDER}/old.yaml")
    added = ChangedFile(f"{FOLDER}/new.yaml", "added", None, None, posting(posted='posted: "2026-09-01"').encode())
    (board / f"{FOLDER}/new.yaml").write_text(posting(posted='posted: "2026-09-01"'), encoding="utf-8")  # staged
    review = review_changes(PostingChanges((added,), ()), SETTINGS, board)
    assert [(p.file, p.code) for p in review.errors] == [(f"{FOLDER}/new.yaml", "duplicate-posting")]


def test_two_new_files_in_one_pull_request_the_later_posted_gets_the_error(board):
    place(board, "", f"{FOLDER}/.keep")
    early, late = posting(posted='posted: "2026-09-01"'), posting(posted='posted: "2026-10-01"')
    (board / f"{FOLDER}/b-early.yaml").write_text(early, encoding="utf-8")
    (board / f"{FOLDER}/a-late.yaml").write_text(late, encoding="utf-8")
    changes = PostingChanges((ChangedFile(f"{FOLDER}/b-early.yaml", "added", None, None, early.encode()),
                              ChangedFile(f"{FOLDER}/a-late.yaml", "added", None, None, late.encode())), ())
    review = review_changes(changes, SETTINGS, board)
    assert [(p.file, p.code) for p in review.errors] == [(f"{FOLDER}/a-late.yaml", "duplicate-posting")]


def test_a_posting_the_pull_request_removes_blocks_nothing(board):
    place(board, posting(), f"{FOLDER}/old.yaml")
    (board / f"{FOLDER}/new.yaml").write_text(posting(), encoding="utf-8")
    changes = PostingChanges((ChangedFile(f"{FOLDER}/old.yaml", "removed", None, posting().encode(), None),
                              ChangedFile(f"{FOLDER}/new.yaml", "added", None, None, posting().encode())), ())
    assert review_changes(changes, SETTINGS, board).errors == []
