"""The build says how big the site is as GitHub Pages receives it (the deploy workflow's tar of the site folder)
against Pages' 1 GB limit, and warns from 80 %. The measure is checked against GNU tar run as
actions/upload-pages-artifact runs it."""

from __future__ import annotations

import os
import subprocess
import sys

from generator.site_size import PAGES_LIMIT_BYTES, archive_bytes, size_note, tell_size
from site_fixtures import ROOT, pages_tar_bytes


def test_a_small_site_is_reported_quietly_and_a_large_one_is_warned_about_with_what_to_do():
    warn, line = size_note(21_000_000)
    assert not warn and line == "the site is 21 MB as GitHub Pages receives it, 2% of its 1,000 MB limit"
    warn, line = size_note(int(PAGES_LIMIT_BYTES * 0.8))
    assert not warn
    warn, line = size_note(int(PAGES_LIMIT_BYTES * 0.8) + 1)
    assert warn and "80%" in line and "Pages refuses to publish it" in line and "Remove closed postings" in line


def test_the_measure_is_the_size_of_the_archive_github_pages_receives(tmp_path):
    site = tmp_path / "site"
    long_folder = site / "projects" / ("an-organization-with-a-long-name-" * 3) / "a-posting"
    long_folder.mkdir(parents=True)
    (long_folder / "index.html").write_bytes(b"x" * 512)  # exactly one block, under a name past 100 bytes
    (site / "empty.txt").write_bytes(b"")
    (site / "one-more.json").write_bytes(b"y" * 513)  # one byte into a second block
    accented = site / ("é" * 60)  # 120 bytes of UTF-8 in 60 characters
    accented.mkdir()
    (accented / "f").write_text("é", encoding="utf-8")
    (site / ".git" / "objects").mkdir(parents=True)  # left out, at any depth
    (site / ".git" / "objects" / "o").write_bytes(b"z" * 5000)
    (site / "fields" / ".git").mkdir(parents=True)
    (site / "fields" / ".git" / "k").write_bytes(b"k" * 3000)
    (site / ".github").write_text("left out")
    os.symlink(site / "one-more.json", site / "link.json")  # followed: stored as a copy
    os.link(site / "one-more.json", site / "hard.json")  # stored again, not as a link
    os.symlink(long_folder, site / "folder-link")
    assert archive_bytes(site) == pages_tar_bytes(site)


def test_the_measure_of_a_built_board_matches_the_archive(tmp_path):
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(tmp_path / "site"),
                           "--today", "2026-11-21"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    size = pages_tar_bytes(tmp_path / "site")
    assert archive_bytes(tmp_path / "site") == size
    assert f"the site is {size / 1_000_000:,.0f} MB as GitHub Pages receives it" in done.stderr
    # many small files: the archive is larger than what the files hold
    assert size > sum(p.stat().st_size for p in (tmp_path / "site").rglob("*") if p.is_file())


def test_a_site_near_the_limit_is_warned_about(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    with open(tmp_path / "a" / "index.html", "wb") as handle:  # a sparse file: 900 MB that takes no disk
        handle.truncate(899_990_000)
    (tmp_path / "feed.xml").write_bytes(b"y" * 1_000)
    # headers of ./, ./a/, ./a/index.html and ./feed.xml, the contents in whole blocks, the end's two blocks,
    # all in whole records of 10,240 bytes
    blocks = 4 * 512 + 899_990_016 + 1_024 + 2 * 512
    assert tell_size(tmp_path) == archive_bytes(tmp_path) == -(-blocks // 10_240) * 10_240
    assert ("WARNING -  microboard: the site is 900 MB as GitHub Pages receives it, 90% of its 1,000 MB limit"
            in capsys.readouterr().err)
