"""Shared fixtures: the repository's root and a scratch board built from real files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.github_fixtures import *  # noqa: F401,F403 - the GitHub API double for every test that asks for it

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """An empty board: mkdocs.yml-less folder with projects/, where tests drop posting files."""
    (tmp_path / "projects").mkdir()
    return tmp_path


ORGANIZATION = ROOT / "tests" / "data" / "organization.yaml"


def place(board: Path, source: Path | bytes | str, relative: str, *, organization: bool = True) -> Path:
    """Put a posting at `relative` inside `board` from a file, bytes or text.

    A posting's folder gets tests/data/organization.yaml (Green Valley Food Bank, owned by dana-ruiz)
    unless it has an organization.yaml already or `organization` is False.
    """
    target = board / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    org_file = target.parent / "organization.yaml"
    parts = Path(relative).parts
    if organization and len(parts) == 3 and parts[-1] != "organization.yaml" and not org_file.exists():
        shutil.copyfile(ORGANIZATION, org_file)
    if isinstance(source, Path):
        shutil.copyfile(source, target)
    elif isinstance(source, bytes):
        target.write_bytes(source)
    else:
        target.write_text(source, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample board built once with the repository's mkdocs.yml, as `mkdocs build --strict` makes it: from a
    copy with the test settings and no postings of the board's own, whatever the live projects/ holds."""
    from site_fixtures import sample_board

    board = sample_board(tmp_path_factory.mktemp("sample-board"))
    out = tmp_path_factory.mktemp("sample-site")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(board / "mkdocs.yml"),
                           "--site-dir", str(out)], cwd=board, capture_output=True, text=True,
                          env={**os.environ, "MICROBOARD_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium for a module's browser tests, its pages on the build day (site_fixtures)."""
    from playwright.sync_api import sync_playwright

    from tests.site_fixtures import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(site: Path):
    """The module's built `site`, served on 127.0.0.1."""
    from tests.site_fixtures import serve

    with serve(site) as url:
        yield url
