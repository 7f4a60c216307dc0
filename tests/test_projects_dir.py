"""projects_dir is honoured by every path, may be any folder, and --projects builds a board from anywhere."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import github as gh
from generator.from_issue import check_issue
from generator.housekeeping import plan
from generator.issue_form import issue_body_from_posting
from generator.settings import load_board
from site_fixtures import BUILD_DATE, ROOT, copy_board
from tests.conftest import ORGANIZATION, place

VALID = ROOT / "tests" / "data" / "valid.yaml"
SAMPLE_PAGE = "projects/brightloop/analyze-onboarding-drop-off/index.html"


def put(folder: Path, source: Path | str, relative: str) -> None:
    """A posting at `relative` under `folder`, beside the test organization's organization.yaml."""
    place(folder, source, relative, organization=False)
    place(folder, ORGANIZATION, str(Path(relative).parent / "organization.yaml"), organization=False)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_build_takes_its_postings_from_a_folder_anywhere(tmp_path):
    board = copy_board(tmp_path / "board", projects=False, samples=True)  # alone, it would show the samples
    elsewhere = tmp_path / "elsewhere" / "postings"
    put(elsewhere, VALID, "green-valley/volunteer-dashboard.yaml")
    done = cli("--root", str(board), "build", "--projects", str(elsewhere), "--site-dir", str(tmp_path / "site"),
               "--today", BUILD_DATE.isoformat(), "--report", str(tmp_path / "report.json"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "projects" / "green-valley" / "volunteer-dashboard" / "index.html").is_file()
    assert not (tmp_path / "site" / SAMPLE_PAGE).exists()
    assert not (board / "projects").joinpath("green-valley").exists()  # nothing copied into the board
    assert json.loads((tmp_path / "report.json").read_text())["postings"] == 1
    # the web form still proposes postings where the repository keeps them
    form = (tmp_path / "site" / "post" / "index.html").read_text(encoding="utf-8")
    config = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', form).group(1)))
    assert config["projectsDir"] == "projects"


def test_validate_checks_the_folder_given_and_refuses_a_missing_one(tmp_path):
    elsewhere = tmp_path / "postings"
    put(elsewhere, VALID.read_text().replace("hours: 20", "hours: lots"), "green-valley/broken.yaml")
    done = cli("validate", "--projects", str(elsewhere), "--today", BUILD_DATE.isoformat())
    assert done.returncode == 1 and f"{elsewhere.as_posix()}/green-valley/broken.yaml" in done.stdout, done.stdout
    missing = cli("validate", "--projects", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "--projects (MICROBOARD_PROJECTS): no folder" in missing.stderr


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """A board whose postings live in data/postings/."""
    (tmp_path / "board.yml").write_text("projects_dir: data/postings/\nrepository: uni/board\n")
    put(tmp_path, VALID, "data/postings/green-valley/volunteer-dashboard.yaml")
    return tmp_path


def test_a_nested_projects_dir_is_where_validate_looks_and_what_it_asks_for(nested):
    assert load_board(nested).settings.projects_dir == "data/postings"
    done = cli("--root", str(nested), "validate", "--today", BUILD_DATE.isoformat())
    assert done.returncode == 0 and "2 files checked: 0 error(s)" in done.stdout, done.stdout + done.stderr
    place(nested, VALID.read_text().replace("volunteer-hours", "volunteer-shifts"), "projects/green-valley/x.yaml")
    done = cli("--root", str(nested), "validate", str(nested / "projects/green-valley/x.yaml"), "--format", "json")
    problems = json.loads(done.stdout)["problems"]
    layout = next(p for p in problems if p["code"] == "path-layout")
    assert "data/postings/<organization-slug>/<project-slug>.yaml" in layout["message"]
    assert "data/postings/green-valley/x.yaml" in layout["hint"]


def test_an_issue_posting_goes_into_the_nested_folder(nested):
    data = dict(yaml.safe_load(VALID.read_text()), title="Count the pantry's weekly visitors")
    data["organization"] = {"name": "Green Valley Food Bank", "url": "https://greenvalley.example.org"}
    body = issue_body_from_posting(data, "green-valley", "new-dashboard")
    settings = load_board(nested).settings.with_today(BUILD_DATE.isoformat())
    result = check_issue(body, "dana-ruiz", settings, nested)
    assert result.posting.path == "data/postings/green-valley/new-dashboard.yaml"
    assert result.ok, [p.message for p in result.problems]


def test_the_github_layer_writes_only_inside_projects_dir():
    assert gh.check_posting_path("data/postings/acme/logo.yaml", "data/postings") == "data/postings/acme/logo.yaml"
    assert gh.check_posting_path("data/postings/acme/organization.yaml", "data/postings")
    for path in ("projects/acme/logo.yaml", "data/postings/logo.yaml", "data/postings/acme/x/logo.yaml",
                 "data/postings/../acme/logo.yaml", "data/postings/Acme/logo.yaml", "/data/postings/acme/l.yaml"):
        with pytest.raises(ValueError, match="data/postings/<organization-slug>/<project-slug>.yaml"):
            gh.check_posting_path(path, "data/postings")


def test_housekeeping_reads_the_nested_folder(nested):
    settings = load_board(nested).settings
    done = plan(nested, settings, today=dt.date(2036, 3, 5))
    assert [c.project.path for c in done.closings] == ["data/postings/green-valley/volunteer-dashboard.yaml"]
