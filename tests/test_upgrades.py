"""A fork takes upstream's improvements with a plain `git merge`: its own files are ones upstream never changes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, TODAY

SAMPLE = "samples/projects/tidepool-labs/prototype-sms-appointment-reminders.yaml"
CARD = "generator/templates/microboard/card.html"
GIT_ENV = {"GIT_AUTHOR_NAME": "Board", "GIT_AUTHOR_EMAIL": "board@example.org", "GIT_COMMITTER_NAME": "Board",
           "GIT_COMMITTER_EMAIL": "board@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, timeout=120)


def commit_all(repo: Path, message: str) -> None:
    assert git(repo, "add", "-A").returncode == 0
    done = git(repo, "commit", "-q", "-m", message)
    assert done.returncode == 0, done.stdout + done.stderr


def upstream_copy(repo: Path) -> Path:
    """A new repository holding this repository's tracked files as they are now: "upstream v1"."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=True)
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    commit_all(repo, "upstream v1")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_fork_with_its_own_settings_and_postings_merges_upstream_changes_without_conflict(tmp_path):
    repo = upstream_copy(tmp_path / "board")

    # The fork: its name, address and pay floor in board.yml, its own postings in projects/.
    assert git(repo, "checkout", "-q", "-b", "fork").returncode == 0
    edit(repo / "board.yml", "site_name: Microboard", "site_name: Riverside Micro-internships")
    edit(repo / "board.yml", "site_url: https://example-org.github.io/microboard/",
         "site_url: https://riverside-careers.github.io/board/")
    edit(repo / "board.yml", "pay_floor: 20", "pay_floor: 18")
    edit(repo / "board.yml", "repository: example-org/microboard", "repository: riverside-careers/board")
    posting = repo / "projects" / "riverside-library" / "catalogue-local-history-photos.yaml"
    posting.parent.mkdir(parents=True)
    (posting.parent / "organization.yaml").write_text(
        "# yaml-language-server: $schema=../../schema/organization.schema.json\nname: Riverside Public Library\n"
        "url: https://library.riverside.example.org\nowners: [riverside-careers]\n", encoding="utf-8")
    shutil.copy(repo / SAMPLE, posting)
    edit(posting, "title: ", "title: Catalogue local history photos for ")
    (repo / "pages").mkdir()
    (repo / "pages" / "about.md").write_text("# About us\n\nRiverside College's career office runs this board.\n")
    (repo / "pages" / "students.md").write_text("# Students\n\nRiverside students: book a session with us first.\n")
    with (repo / "board.yml").open("a", encoding="utf-8") as board_yml:
        board_yml.write("nav:\n  - About us: about.md\n")
    commit_all(repo, "Riverside's board")

    # Upstream moves on: its mkdocs.yml, a template and a sample change.
    assert git(repo, "checkout", "-q", "main").returncode == 0
    edit(repo / "mkdocs.yml", "    - navigation.top\n", "    - navigation.top\n    - navigation.footer\n")
    edit(repo / "mkdocs.yml", "  - search\n", "  - search:\n      lang: en\n")
    edit(repo / CARD, '<li class="mb-card">', '<li class="mb-card" data-upstream="v2">')
    edit(repo / SAMPLE, "title: ", "title: Upstream v2 ")
    edit(repo / "docs" / "students.md", "\n", "\n\nUpstream v2 advice.\n")
    commit_all(repo, "upstream v2")

    assert git(repo, "checkout", "-q", "fork").returncode == 0
    merged = git(repo, "merge", "--no-edit", "main")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert "navigation.footer" in (repo / "mkdocs.yml").read_text()
    assert "pay_floor: 18" in (repo / "board.yml").read_text()
    assert "title: Upstream v2 " in (repo / SAMPLE).read_text()

    # The merged board builds with its own code, settings and postings, and upstream's improvements.
    site = tmp_path / "site"
    env = {**os.environ, "PYTHONPATH": str(repo), "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(site),
                            "--today", TODAY.isoformat()], cwd=repo, env=env, capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr
    assert "sample postings" not in built.stderr
    board = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Open projects - Riverside Micro-internships</title>" in board
    assert '<link rel="canonical" href="https://riverside-careers.github.io/board/">' in board
    assert 'data-upstream="v2"' in board
    assert "Catalogue local history photos for" in board
    assert (site / "projects" / "riverside-library").is_dir()
    assert not (site / "projects" / "tidepool-labs").exists()  # the samples left the board
    assert "career office runs this board" in (site / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="about/"[^>]*>\s*About us\s*<', board)  # the operator's page has a tab
    students = (site / "students" / "index.html").read_text(encoding="utf-8")
    assert "book a session with us first" in students and "Upstream v2 advice" not in students


def test_a_new_fork_shows_the_samples_and_says_so(tmp_path):
    from tests.site_fixtures import copy_board

    board = copy_board(tmp_path / "board", projects=False, samples=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(tmp_path / "site"),
                            "--today", TODAY.isoformat()], cwd=board, env=env, capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr
    assert "projects/ holds no posting yet, so the board shows the sample postings from samples/projects/" \
        in built.stderr
    assert (tmp_path / "site" / "projects" / "tidepool-labs").is_dir()
    checked = subprocess.run([sys.executable, "-m", "generator", "validate", "--today", TODAY.isoformat()],
                             cwd=board, env=env, capture_output=True, text=True)
    assert checked.returncode == 0 and "checks the sample postings" in checked.stderr
    assert f"{len(list((board / 'samples' / 'projects').rglob('*.yaml')))} files checked" in checked.stdout


def test_the_samples_show_only_while_projects_holds_no_posting(tmp_path):
    from generator.samples import board_postings
    from generator.settings import Settings

    samples = tmp_path / "samples" / "projects" / "acme"
    samples.mkdir(parents=True)
    (samples / "sample.yaml").write_text("title: x\n")
    own = tmp_path / "projects"
    assert board_postings(tmp_path, Settings()).samples  # no projects/ folder at all
    (own / "acme").mkdir(parents=True)
    (own / "README.md").write_text("Postings go here.\n")
    (own / ".hidden.yaml").write_text("title: x\n")
    shown = board_postings(tmp_path, Settings())
    assert shown.samples and shown.targets == [tmp_path / "samples" / "projects"]
    assert board_postings(tmp_path, Settings(show_samples=False)).targets == [own]
    (own / "acme" / "broken.yml").write_text("not: [closed\n")  # a broken posting is the operator's: it is checked
    assert board_postings(tmp_path, Settings()) == type(shown)(own, samples=False)
