"""The CLI end to end: real processes, their exit codes and every output format."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, TODAY, place

VALID = ROOT / "tests" / "data" / "valid.yaml"
BROKEN = ROOT / "tests" / "broken"


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=120)


def make_board(tmp_path: Path) -> Path:
    place(tmp_path, VALID, "projects/green-valley/dashboard.yaml")
    place(tmp_path, (BROKEN / "pay-below-floor.yaml").read_text(), "projects/acme/cheap.yaml")
    place(tmp_path, (BROKEN / "skill-unknown.yaml").read_text().replace("title: Build", "title: Sketch"),
          "projects/acme/odd-skill.yaml")
    return tmp_path


def test_validate_valid_file_exits_zero(tmp_path):
    place(tmp_path, VALID, "projects/green-valley/dashboard.yaml")
    done = run("validate", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "2 files checked: 0 error(s), 0 warning(s)"  # the posting and organization.yaml


def test_validate_text_format(tmp_path):
    done = run("validate", "--today", TODAY.isoformat(), cwd=make_board(tmp_path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert "projects/acme/cheap.yaml:22:11: error: the pay works out to 5 USD an hour, below this board's floor " \
           "of 20 USD an hour [pay-below-floor]" in lines
    assert "    hint: pay at least 20 USD an hour, so at least 400 USD for 20 hours, or reduce the estimated hours" in lines
    assert re.match(r"projects/acme/odd-skill.yaml:14:5: warning: .*\[skill-unknown\]", "\n".join(lines), re.M) \
        or any(l.startswith("projects/acme/odd-skill.yaml:14:5: warning:") for l in lines)
    assert lines[-1] == "5 files checked: 1 error(s), 1 warning(s)"


def test_validate_json_format(tmp_path):
    done = run("validate", "--format", "json", "--today", TODAY.isoformat(), cwd=make_board(tmp_path))
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["files_checked"] == 5
    assert {tuple(sorted(p)) for p in report["problems"]} == {
        ("code", "column", "field", "file", "hint", "line", "message", "related", "severity")}
    codes = {(p["file"], p["line"], p["code"], p["severity"]) for p in report["problems"]}
    assert codes == {("projects/acme/cheap.yaml", 22, "pay-below-floor", "error"),
                     ("projects/acme/odd-skill.yaml", 14, "skill-unknown", "warning")}


def test_validate_github_format(tmp_path):
    done = run("validate", "--format", "github", "--today", TODAY.isoformat(), cwd=make_board(tmp_path))
    assert done.returncode == 1
    assert done.stdout.startswith("::error file=projects/acme/cheap.yaml,line=22,col=11,title=pay-below-floor::"
                                  "the pay works out to 5 USD an hour")
    assert "::warning file=projects/acme/odd-skill.yaml,line=14,col=5,title=skill-unknown::" in done.stdout


def test_validate_markdown_format(tmp_path):
    done = run("validate", "--format", "markdown", "--today", TODAY.isoformat(), cwd=make_board(tmp_path))
    assert done.returncode == 1
    assert "| ❌ error | projects/acme/cheap.yaml | 22:11 |" in done.stdout
    assert done.stdout.splitlines()[0].startswith("❌ 5 files checked")


def test_validate_named_files_and_folders(tmp_path):
    make_board(tmp_path)
    done = run("validate", "projects/green-valley", "projects/acme/odd-skill.yaml", "--today", "2026-11-21",
               cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "3 files checked: 0 error(s), 1 warning(s)"  # with green-valley's organization.yaml


def test_usage_errors_exit_two(tmp_path):
    assert run("validate", "--format", "xml", cwd=tmp_path).returncode == 2
    assert run("frobnicate", cwd=tmp_path).returncode == 2
    assert run(cwd=tmp_path).returncode == 2
    bad_date = run("validate", "--today", "tomorrow", cwd=tmp_path)
    assert bad_date.returncode == 2 and "today must be a date" in bad_date.stderr


def test_missing_path_is_an_error(tmp_path):
    done = run("validate", "nowhere.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "nowhere.yaml:1:1: error: no such file or folder" in done.stdout


def test_settings_come_from_mkdocs_yml(tmp_path):
    place(tmp_path, VALID.read_text().replace("amount: 800", "amount: 500"), "projects/green-valley/x.yaml")
    assert run("validate", "--today", "2026-11-21", cwd=tmp_path).returncode == 0
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:x.y\n"
        "plugins:\n  - search\n  - microboard:\n      pay_floor: 30\n")
    done = run("validate", "--today", "2026-11-21", cwd=tmp_path)
    assert done.returncode == 1 and "floor of 30 USD an hour" in done.stdout
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - microboard:\n      pay_flor: 30\n")
    done = run("validate", cwd=tmp_path)
    assert done.returncode == 2 and "mkdocs.yml:3:7: unknown setting 'pay_flor'; did you mean 'pay_floor'?" in done.stderr


def test_new_writes_a_starter_in_the_right_place(tmp_path):
    done = run("new", "--no-input", "--organization", "Harbor Health", "--title", "Map our patient intake",
               "--field", "operations", "--owner", "@sam-okafor", "--hours", "15", "--pay", "450",
               "--apply-by", "2031-05-01", "--remote", "no", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    target = tmp_path / "projects" / "harbor-health" / "map-our-patient-intake.yaml"
    assert target.read_text().startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(target.read_text())
    assert data["owners"] == ["sam-okafor"] and data["compensation"]["amount"] == 450
    assert data["location"]["type"] == "on-site"
    check = run("validate", str(target.relative_to(tmp_path)), "--format", "json", cwd=tmp_path)
    codes = {p["code"] for p in json.loads(check.stdout)["problems"]}
    assert codes == {"placeholder-left", "skill-unknown"}, "a starter is valid except for the TODOs the employer fills in"
    again = run("new", "--no-input", "--organization", "Harbor Health", "--title", "Map our patient intake",
                "--owner", "x", "--apply-by", "2031-05-01", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_new_asks_questions(tmp_path):
    answers = "\n".join(["Maple Studio", "https://maple.example.org", "", "Design a logo", "design", "mei-chen", "10",
                         "400", "2031-01-10", "yes"])
    proc = subprocess.run([sys.executable, "-c", "import sys; sys.stdin.isatty = lambda: True; "
                           "from generator.cli import main; sys.exit(main(['new']))"],
                          input=answers + "\n", capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Organization (its folder under projects/" in proc.stdout and "Organization website" in proc.stdout
    assert (tmp_path / "projects" / "maple-studio" / "design-a-logo.yaml").is_file()


def test_new_refuses_pay_below_the_floor(tmp_path):
    done = run("new", "--no-input", "--organization", "Acme", "--title", "Cheap work", "--owner", "a",
               "--hours", "20", "--pay", "50", "--apply-by", "2031-01-01", cwd=tmp_path)
    assert done.returncode == 1 and "pay-below-floor" in done.stdout


def test_fake_is_valid_varied_and_reproducible(tmp_path):
    assert run("fake", "--count", "60", "--out", "a/projects", "--seed", "7", "--today", "2030-01-01",
               cwd=tmp_path).returncode == 0
    assert run("fake", "--count", "60", "--out", "b/projects", "--seed", "7", "--today", "2030-01-01",
               cwd=tmp_path).returncode == 0
    every_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    files_a = [rel for rel in every_a if rel.name != "organization.yaml"]
    assert len(files_a) == 60
    organizations = [yaml.safe_load((tmp_path / "a" / rel).read_text()) for rel in every_a if rel not in files_a]
    for rel in every_a:
        assert (tmp_path / "a" / rel).read_text() == (tmp_path / "b" / rel).read_text()
    done = run("--root", "a", "validate", "--format", "json", "--today", "2030-01-01", cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["problems"] == []
    postings = [yaml.safe_load((tmp_path / "a" / rel).read_text()) for rel in files_a]
    assert len({p["field"] for p in postings}) >= 5
    assert len({p["location"]["type"] for p in postings}) == 3
    assert len({o["name"] for o in organizations}) >= 10 and all("organization" not in p for p in postings)
