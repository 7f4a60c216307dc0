"""One formatter: money, hours, places and dates are written by generator.formats, and nowhere else."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.formats import (closes_in, day_text, hourly_rate, hours_text, levels_text, long_date, money,
                               per_hour_text, where_text, weeks_of)
from generator.labels import LOCATION_LABELS, MONTHS, MONTHS_SHORT, PAY_LABELS
from generator.site.board_data import read_board
from site_fixtures import ROOT, built, copy_board, mkdocs_build

ASSETS = ROOT / "generator" / "assets" / "microboard"


@pytest.mark.parametrize("amount, text", [
    (800, "800"), (1200, "1,200"), (37.5, "37.50"), (0.004, "0"), (0.005, "0.01"), (20.005, "20.01"),
    (1000.005, "1,000.01"), (800.01 / 40, "20"), (19.999, "20"), (1_000_000, "1,000,000"), (2345.5, "2,345.50"),
])
def test_money_rounds_to_the_cent_half_up_and_drops_empty_cents(amount: float, text: str) -> None:
    assert money(amount) == text


def test_a_fee_of_800_01_for_40_hours_reads_20_an_hour() -> None:
    assert per_hour_text("fixed", 800.01, "USD", 40) == "≈ 20 USD an hour"
    assert per_hour_text("hourly", 35, "USD", 40) == "" and per_hour_text("unpaid", None, None, 40) == ""


def test_the_hourly_rate_spreads_a_fee_over_the_hours_and_never_divides_by_zero() -> None:
    assert hourly_rate("fixed", 800, 40) == 20 and hourly_rate("stipend", 750, 0) == 750
    assert hourly_rate("hourly", 35, 0) == 35 and hourly_rate("unpaid", None, 10) is None


@pytest.mark.parametrize("hours, weeks, text", [
    (1, None, "1 hour in all"), (20, None, "20 hours in all"), (20, 1, "20 hours in all"),
    (40, 4, "10 hours a week for 4 weeks"), (30, 4, "about 8 hours a week for 4 weeks"),
    (2, 4, "about 1 hour a week for 4 weeks"), (0, 2, "about 1 hour a week for 2 weeks"),
    (1, 2, "about 1 hour a week for 2 weeks"), (26, 26, "1 hour a week for 26 weeks"),
])
def test_hours_say_in_all_or_a_week_with_the_weeks(hours: int, weeks: int | None, text: str) -> None:
    assert hours_text(hours, weeks) == text


def test_weeks_come_from_the_duration_or_from_start_to_due() -> None:
    assert weeks_of(4, None, None) == 4
    assert weeks_of(None, dt.date(2027, 3, 1), dt.date(2027, 3, 28)) == 4
    assert weeks_of(None, dt.date(2027, 3, 1), dt.date(2027, 3, 29)) == 5
    assert weeks_of(None, None, dt.date(2027, 3, 29)) is None


def test_a_remote_limit_is_on_the_card() -> None:
    assert where_text("remote", None, None, None, ("US",), ()) == "Remote · US only"
    assert where_text("remote", None, None, None, ("US", "CA", "MX"), ("America/New_York", "America/Chicago")) == \
        "Remote · US, CA or MX only · New York or Chicago time"
    assert where_text("remote", None, None, None) == "Remote"
    assert where_text("hybrid", "Oslo", None, "NO", ("NO",)) == "Hybrid · Oslo, NO"
    assert levels_text(("undergraduate", "graduate")) == "For undergraduates or graduate students"
    assert levels_text(()) == ""


@pytest.mark.parametrize("day, short, long", [
    (dt.date(2027, 3, 5), "5 Mar 2027", "5 March 2027"), (dt.date(2028, 2, 29), "29 Feb 2028", "29 February 2028"),
    (dt.date(2026, 12, 31), "31 Dec 2026", "31 December 2026"),
])
def test_dates_have_no_leading_zero(day: dt.date, short: str, long: str) -> None:
    assert (day_text(day), long_date(day)) == (short, long)


@pytest.mark.parametrize("days, text", [
    (-1, "closed"), (0, "closes today"), (1, "closes tomorrow"), (5, "closes in 5 days"), (13, "closes in 13 days"),
    (14, "closes in 2 weeks"), (21, "closes in 3 weeks"), (27, "closes in 3 weeks"), (55, "closes in 7 weeks"),
    (56, ""), (4400, ""),
])
def test_relative_deadline_words_only_when_near(days: int, text: str) -> None:
    assert closes_in(days) == text


def test_the_closed_note_reads_the_day_without_a_leading_zero() -> None:
    from generator.model import Project

    assert "Applications closed on 5 March 2026." == Project.closed_reason(
        _Stub(status="open", apply_by=dt.date(2026, 3, 5)), dt.date(2026, 3, 6))


class _Stub:
    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)


def _literals(script: str) -> list[str]:
    """The string literals of one of the board's scripts (comments may name what they do)."""
    text = (ASSETS / script).read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|(?<![:\\])//[^\n]*", "", text, flags=re.S)
    return re.findall(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""", code)


def test_no_label_or_format_table_is_written_in_the_scripts() -> None:
    """The scripts get the card's words from the build; none of the Python tables is copied into them."""
    card_words = {*PAY_LABELS.values(), *LOCATION_LABELS.values(), "an hour", "closes in", "closes today",
                  "closes tomorrow", "hours a week", "in all", "Posted", "New"} - set(PAY_LABELS)  # `unpaid`: a value
    for script in ("board.js", "deadline.js", "card-dates.js", "post-form.js"):
        literals = [a or b for a, b in _literals(script)]
        assert literals, script
        months = [text for text in literals if set(text.split()) & {*MONTHS, *MONTHS_SHORT}]
        assert months == [], f"{script} names months: {months}"
        if script != "post-form.js":  # the form's own sentences may say "Hybrid and on-site postings..."
            found = [text for text in literals if any(re.search(rf"\b{re.escape(w)}\b", text) for w in card_words)]
            assert found == [], f"{script} writes card words itself: {found}"
        label_map = re.findall(r'"?(?:fixed|hourly|stipend|remote|hybrid|on-site)"?\s*:\s*"',
                               (ASSETS / script).read_text(encoding="utf-8"))
        assert label_map == [], f"{script} holds a label map"


# ---------------------------------------------------------------- the samples stay alive


def _open_cards(site: Path) -> dict[str, tuple[int, int]]:
    return {row["slug"]: (row["applyBy"], row["posted"]) for row in read_board(site)}


def test_sample_postings_look_the_same_whatever_year_the_board_is_built(tmp_path: Path) -> None:
    """Shown as samples, the postings' dates move with the build date: the same ones are open, new and closing."""
    board = copy_board(tmp_path / "board", projects=False, samples=True)
    sites = {}
    for day in (dt.date(2026, 11, 21), dt.date(2031, 2, 28)):
        sites[day] = tmp_path / f"site-{day.isoformat()}"
        built(mkdocs_build(board, sites[day], today=day, strict=False))
    first, later = (_open_cards(site) for site in sites.values())
    assert first == later and len(first) >= 20
    assert any(posted > -7 for _, posted in first.values())          # some are new
    assert any(apply_by < 14 for apply_by, _ in first.values())      # some close within days
    index = (sites[dt.date(2031, 2, 28)] / "index.html").read_text(encoding="utf-8")
    assert "2031" in index and "2026" not in re.sub(r"<script.*?</script>", "", index, flags=re.S).split(
        'id="mb-results"')[1].split("</ol>")[0]
    check = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=board, capture_output=True, text=True,
                           env={**os.environ, "MICROBOARD_TODAY": "2031-02-28"})
    assert check.returncode == 0 and "0 warning(s)" in check.stdout, check.stdout + check.stderr
