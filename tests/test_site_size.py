"""The build says how big the site is against GitHub Pages' 1 GB limit, and warns from 80 %."""

from __future__ import annotations

import subprocess
import sys

from generator.site_size import PAGES_LIMIT_BYTES, size_note, tell_size
from site_fixtures import ROOT


def test_a_small_site_is_reported_quietly_and_a_large_one_is_warned_about_with_what_to_do():
    warn, line = size_note(21_000_000)
    assert not warn and line == "the site is 21 MB, 2% of GitHub Pages' 1,000 MB limit"
    warn, line = size_note(int(PAGES_LIMIT_BYTES * 0.8))
    assert not warn
    warn, line = size_note(int(PAGES_LIMIT_BYTES * 0.8) + 1)
    assert warn and "80%" in line and "Pages refuses to publish it" in line and "Remove closed postings" in line


def test_the_size_counts_every_file_of_the_site(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    with open(tmp_path / "a" / "index.html", "wb") as handle:  # a sparse file: 900 MB that takes no disk
        handle.truncate(900_000_000)
    (tmp_path / "feed.xml").write_bytes(b"y" * 1_000)
    assert tell_size(tmp_path) == 900_001_000
    assert "WARNING -  microboard: the site is 900 MB, 90% of GitHub Pages' 1,000 MB limit" in capsys.readouterr().err


def test_a_build_reports_the_size_of_what_it_wrote(tmp_path):
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(tmp_path / "site"),
                           "--today", "2026-11-21"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    size = sum(p.stat().st_size for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert f"the site is {size / 1_000_000:,.0f} MB" in done.stderr
