"""The suite keeps to its own fixtures: an operator's own board.yml and postings leave it green."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_the_sample_checks_pass_in_a_copy_holding_an_operators_board():
    # tests/tools/operator_board.py copies the repository, gives it another board.yml (EUR, a higher pay floor,
    # no samples shown) and a posting of its own, checks that board, then runs the tests named here in the copy
    done = subprocess.run([sys.executable, "tests/tools/operator_board.py", "tests/test_samples_and_docs.py",
                           "tests/test_site_core.py", "-x"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
