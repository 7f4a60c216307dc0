"""The sample board is valid and varied, and the generated docs are current."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from generator.settings import read_board_file
from generator.validate import validate_paths
from tests.conftest import ROOT, TODAY

SAMPLES = ROOT / "samples" / "projects"


def sample_result():
    # upstream's samples under the test settings, whatever the operator's board.yml says
    settings = read_board_file(ROOT / "tests" / "data" / "board.yml").settings.with_today(TODAY.isoformat())
    return validate_paths([SAMPLES], settings, ROOT)


def test_every_sample_posting_is_valid_without_warnings():
    result = sample_result()
    assert result.problems == []
    assert result.files_checked == len(list(SAMPLES.rglob("*.yaml")))


def test_the_sample_board_is_varied():
    projects = sample_result().projects
    assert len(projects) >= 24
    assert len({p.org_slug for p in projects}) >= 10
    assert len({p.field for p in projects}) >= 8
    assert {p.location_type for p in projects} == {"remote", "hybrid", "on-site"}
    assert {p.pay_type for p in projects} >= {"fixed", "hourly", "stipend"}
    assert any(p.mentored for p in projects) and any(not p.mentored for p in projects)
    states = Counter(p.status for p in projects)
    assert states["filled"] >= 1 and states["closed"] >= 1


def test_open_samples_stay_open_for_years():
    """Shown as samples, the postings' dates move with the build date (generator.samples)."""
    from generator.samples import Postings

    far_future = TODAY.replace(year=TODAY.year + 9)
    settings = read_board_file(ROOT / "tests" / "data" / "board.yml").settings.with_today(far_future.isoformat())
    shift = Postings(SAMPLES, samples=True).date_shift(far_future)
    result = validate_paths([SAMPLES], settings, ROOT, date_shift=shift)
    still_open = [p for p in result.projects if p.is_open(far_future)]
    assert result.problems == [] and len(still_open) >= 20


def test_every_sample_starts_with_the_schema_comment():
    for path in SAMPLES.rglob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), path


def test_generated_docs_are_current():
    done = subprocess.run([sys.executable, "-m", "generator", "docs", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + "run: python -m generator docs"
