"""organization.yaml: validated like postings, the only source of an organization's presentation, and the
`migrate` command that moves old postings' organization blocks into it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.lookalike import fold, look_alikes, mixes_scripts
from generator.migrate_organizations import migrate, remove_top_level_key
from generator.settings import Settings
from generator.site.catalog import Catalog
from generator.validate import validate_paths, validate_text
from tests.conftest import ORGANIZATION, ROOT, TODAY, place

VALID = ROOT / "tests" / "data" / "valid.yaml"
SETTINGS = Settings(today=TODAY)
OLD_BLOCK = "organization:\n  name: Green Valley Food Bank\n  url: https://greenvalley.example.org\n"


def old_style(text: str | None = None, block: str = OLD_BLOCK) -> str:
    """A posting of the layout before organization.yaml: the block right after the title."""
    text = text if text is not None else VALID.read_text(encoding="utf-8")
    return text.replace("summary:", block + "summary:", 1)


def codes(result) -> list[tuple[str, str, int]]:
    return [(p.file, p.code, p.line) for p in result.problems]


# -- the validator -------------------------------------------------------------------------------------------


def test_a_posting_takes_its_organization_from_organization_yaml(board):
    place(board, VALID, "projects/green-valley/dashboard.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.problems == [] and result.files_checked == 2
    (project,) = result.projects
    assert (project.organization, project.organization_url, project.org.owners) == (
        "Green Valley Food Bank", "https://greenvalley.example.org", ("dana-ruiz",))
    assert [o.slug for o in result.organizations] == ["green-valley"]


def test_a_folder_without_organization_yaml_names_the_file_to_write(board):
    place(board, VALID, "projects/green-valley/dashboard.yaml", organization=False)
    result = validate_paths([board / "projects"], SETTINGS, board)
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.file) == ("organization-missing", 1, "projects/green-valley/dashboard.yaml")
    assert "projects/green-valley/organization.yaml is missing" in problem.message
    assert problem.hint.startswith("create projects/green-valley/organization.yaml with `name: Green Valley` "
                                   "`owners: [dana-ruiz]`")
    assert result.projects == []


def test_an_old_style_posting_gets_its_own_code_and_the_file_to_write(board):
    place(board, old_style(), "projects/green-valley/dashboard.yaml", organization=False)
    result = validate_paths([board / "projects"], SETTINGS, board)
    (problem,) = result.problems  # one problem: no second one for the missing file or the unknown key
    assert (problem.code, problem.line, problem.column) == ("organization-in-posting", 3, 1)
    assert "`name: Green Valley Food Bank` `url: https://greenvalley.example.org` `owners: [dana-ruiz]`" in problem.hint
    assert "remove the organization block from this file" in problem.hint and "migrate" in problem.hint


def test_an_old_style_posting_beside_organization_yaml_is_told_to_drop_the_block(board):
    place(board, old_style(), "projects/green-valley/dashboard.yaml")
    (problem,) = validate_paths([board / "projects"], SETTINGS, board).problems
    assert problem.code == "organization-in-posting"
    assert problem.hint == ("remove the organization block from this file: projects/green-valley/organization.yaml "
                            "already describes the organization")


@pytest.mark.parametrize("text, code, line", [
    ("name: Green Valley\nurl: javascript:alert(1)\nowners: [dana-ruiz]\n", "not-https", 2),
    ("name: Green Valley\nowners: [dana-ruiz]\nwebsite: https://gv.example.org\n", "unknown-field", 3),
    ("name: Green Valley\n", "missing-field", 1),
    ("name: Green Valley\nowners: ['@dana']\n", "bad-pattern", 2),
    ("name: TODO your name\nowners: [dana-ruiz]\n", "placeholder-left", 1),
    ("- name: Green Valley\n", "not-a-mapping", 1),
])
def test_organization_yaml_problems_name_the_line(board, text, code, line):
    place(board, text, "projects/green-valley/organization.yaml")
    place(board, VALID, "projects/green-valley/dashboard.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    found = [(p.file, p.code, p.line) for p in result.problems]
    assert ("projects/green-valley/organization.yaml", code, line) in found
    assert all(p.hint for p in result.problems if p.code == code)
    # the posting cannot be published under an organization that is not valid
    assert ("projects/green-valley/dashboard.yaml", "organization-invalid", 1) in found
    assert result.projects == []


def test_the_missing_owners_hint_shows_what_to_write(board):
    place(board, "name: Green Valley\n", "projects/green-valley/organization.yaml")
    problem = next(p for p in validate_paths([board / "projects"], SETTINGS, board).problems if p.code == "missing-field")
    assert problem.message == "`owners` is missing" and problem.hint.startswith('add `owners:`')


def test_validate_text_uses_the_organization_a_change_proposes(board):
    text = VALID.read_text(encoding="utf-8")
    shown = "projects/harbor-health/intake.yaml"
    missing = validate_text(text, shown, SETTINGS, board)
    assert [p.code for p in missing.problems] == ["organization-missing"]
    proposed = {"harbor-health": b"name: Harbor Health\nowners: [sam]\n"}
    result = validate_text(text, shown, SETTINGS, board, proposed)
    assert result.problems == [] and result.projects[0].organization == "Harbor Health"


# -- the site takes the organization from organization.yaml only ---------------------------------------------


def test_every_posting_shows_the_organization_as_its_file_presents_it(board):
    place(board, VALID, "projects/green-valley/dashboard.yaml")
    newer = VALID.read_text().replace("title: Build a volunteer-hours dashboard", "title: Plan a food drive") \
        .replace('posted: "2026-10-01"', 'posted: "2026-11-01"')
    place(board, newer, "projects/green-valley/food-drive.yaml")
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert result.ok, result.problems
    catalog = Catalog(result.projects, SETTINGS, TODAY)
    facet = catalog.organizations["green-valley"]
    assert (facet.name, facet.url) == ("Green Valley Food Bank", "https://greenvalley.example.org")
    assert {p.org for p in result.projects} == {result.projects[0].org}


# -- look-alike names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("one, other", [
    ("PIMCO", "Pimco"), ("Estée Lauder", "Estee Lauder"), ("Brightloop", "Brightlоop"),  # a Cyrillic о
    ("Brightloop", "Вrightloop"), ("Brightloop", "Bright-Loop"), ("Brightloop", "Ｂｒｉｇｈｔｌｏｏｐ"),
    ("L'Oréal", "LOreal"),
])
def test_look_alike_names_fold_alike(one, other):
    assert fold(one) == fold(other)
    assert look_alikes(other, [("x", one)]) == [("x", one)]


@pytest.mark.parametrize("one, other", [("Brightloop", "Brightline"), ("Acme", "Acme Labs"), ("Яндекс", "Yandex")])
def test_different_names_do_not(one, other):
    assert fold(one) != fold(other)


@pytest.mark.parametrize("name, mixed", [
    ("Brightloop", False), ("Brightlоop", True), ("Яндекс", False), ("Яндекс Cloud", True),
    ("株式会社トヨタ", False), ("Estée", False), ("Ωmega Labs", True), ("3M", False),
])
def test_mixed_scripts(name, mixed):
    assert mixes_scripts(name) is mixed


# -- migrate ---------------------------------------------------------------------------------------------------


def test_removing_the_block_keeps_everything_else_exactly():
    text = ("# yaml-language-server: $schema=../../schema/project.schema.json\n\ntitle: X  # keep me\n"
            "organization:\n  name: Acme\n  about: >\n    folded text\n    over lines\n\n"
            "# a comment about the summary\nsummary: 'quoted'\nowners: [a]\n")
    assert remove_top_level_key(text, "organization") == (
        "# yaml-language-server: $schema=../../schema/project.schema.json\n\ntitle: X  # keep me\n\n"
        "# a comment about the summary\nsummary: 'quoted'\nowners: [a]\n")
    assert remove_top_level_key("title: x\n", "organization") is None


def test_migrate_writes_organization_yaml_and_removes_the_blocks(tmp_path, capsys):
    projects = tmp_path / "projects"
    older = old_style(block="organization:\n  name: Green Valley\n  about: Old words.\n")
    older = older.replace("owners: [dana-ruiz]", "owners: [dana-ruiz, sam]")
    newer = old_style(VALID.read_text().replace("title: Build", "title: Rebuild").replace(
        'posted: "2026-10-01"', 'posted: "2026-10-05"'),
        block="organization:\n  name: Green Valley Food Bank\n  url: https://gv.example.org\n  about: New words.\n")
    place(tmp_path, older, "projects/green-valley/older.yaml", organization=False)
    place(tmp_path, newer.replace("owners: [dana-ruiz]", "owners: [Dana-Ruiz, kim]"),
          "projects/green-valley/newer.yaml", organization=False)
    plans, written = migrate(projects)
    assert written == 3
    (plan,) = plans
    assert {w.split("organization's ")[1].split(";")[0] for w in plan.warnings} == {"name", "about"}
    org = yaml.safe_load((projects / "green-valley" / "organization.yaml").read_text())
    assert org == {"name": "Green Valley Food Bank", "url": "https://gv.example.org", "about": "New words.",
                   "owners": ["Dana-Ruiz", "kim", "sam"]}
    assert (projects / "green-valley" / "organization.yaml").read_text().startswith(
        "# yaml-language-server: $schema=../../schema/organization.schema.json")
    assert (projects / "green-valley" / "older.yaml").read_text() == VALID.read_text().replace(
        "owners: [dana-ruiz]", "owners: [dana-ruiz, sam]")
    result = validate_paths([projects], SETTINGS, tmp_path)
    assert result.ok, result.problems
    assert migrate(projects) == ([plans[0].__class__(projects / "green-valley")], 0)  # nothing left to do


def test_migrate_command_on_the_old_samples(tmp_path):
    """The sample board as it was before organization.yaml: rebuilt from today's files, then migrated."""
    board = tmp_path / "board"
    shutil.copytree(ROOT / "samples" / "projects", board / "projects")
    for org_file in (board / "projects").glob("*/organization.yaml"):
        org = yaml.safe_load(org_file.read_text())
        block = yaml.safe_dump({"organization": {k: org[k] for k in ("name", "url", "about") if k in org}},
                               sort_keys=False, allow_unicode=True, width=10_000)
        for posting in org_file.parent.glob("*.yaml"):
            if posting != org_file:
                posting.write_text(posting.read_text().replace("\nsummary:", "\n" + block + "summary:", 1))
        org_file.unlink()
    before = subprocess.run([sys.executable, "-m", "generator", "--root", str(board), "validate", "--format", "json",
                             "--today", TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT)
    assert before.returncode == 1 and '"organization-in-posting"' in before.stdout
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(board), "migrate"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and "Traceback" not in done.stderr
    after = subprocess.run([sys.executable, "-m", "generator", "--root", str(board), "validate", "--today",
                            TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT)
    assert after.returncode == 0, after.stdout
    for posting in (ROOT / "samples" / "projects").rglob("*.yaml"):
        migrated = board / "projects" / posting.relative_to(ROOT / "samples" / "projects")
        if posting.name != "organization.yaml":
            assert migrated.read_text() == posting.read_text(), posting  # byte for byte, comments and all
        else:
            assert yaml.safe_load(migrated.read_text())["name"] == yaml.safe_load(posting.read_text())["name"]


def test_the_test_organization_file_is_valid():
    assert yaml.safe_load(ORGANIZATION.read_text())["owners"] == ["dana-ruiz"]


def test_migrate_caps_the_owners_list_and_says_so(tmp_path, monkeypatch):
    import generator.migrate_organizations as migrate_module

    monkeypatch.setattr(migrate_module, "MAX_OWNERS", 2)
    for index, owner in enumerate(("ann", "bob", "cy")):
        text = old_style(VALID.read_text().replace("title: Build", f"title: Build {index}").replace(
            "owners: [dana-ruiz]", f"owners: [{owner}]").replace('posted: "2026-10-01"', f'posted: "2026-10-0{index + 1}"'))
        place(tmp_path, text, f"projects/green-valley/p{index}.yaml", organization=False)
    (plan,), _ = migrate(tmp_path / "projects")
    assert plan.organization["owners"] == ["cy", "bob"]  # the newest postings' owners
    assert any("the other 1 stay owners of their own postings" in w for w in plan.warnings)
    assert "owners: [ann]" in (tmp_path / "projects" / "green-valley" / "p0.yaml").read_text()


# -- new -------------------------------------------------------------------------------------------------------


def new(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "new", "--no-input", "--title", "Map our patient intake",
                           "--apply-by", "2031-05-01", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_new_for_a_new_organization_writes_organization_yaml_too(tmp_path):
    done = new(tmp_path, "--organization", "Harbor Health", "--owner", "@sam", "--website", "https://hh.example.org")
    assert done.returncode == 0, done.stdout + done.stderr
    org = yaml.safe_load((tmp_path / "projects" / "harbor-health" / "organization.yaml").read_text())
    assert org == {"name": "Harbor Health", "url": "https://hh.example.org", "owners": ["sam"]}
    posting = yaml.safe_load((tmp_path / "projects" / "harbor-health" / "map-our-patient-intake.yaml").read_text())
    assert "organization" not in posting and posting["owners"] == ["sam"]


def test_new_for_an_organization_on_the_board_joins_it_and_leaves_its_file_alone(tmp_path):
    place(tmp_path, VALID, "projects/green-valley/dashboard.yaml")
    before = (tmp_path / "projects" / "green-valley" / "organization.yaml").read_bytes()
    done = new(tmp_path, "--organization", "green-valley", "--owner", "dana-ruiz", "--website", "https://evil.example")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "joins Green Valley Food Bank" in done.stdout and "note:" not in done.stdout
    assert (tmp_path / "projects" / "green-valley" / "organization.yaml").read_bytes() == before
    assert (tmp_path / "projects" / "green-valley" / "map-our-patient-intake.yaml").is_file()
    stranger = new(tmp_path, "--organization", "green-valley", "--owner", "mallory", "--title", "Another project here")
    assert stranger.returncode == 0
    assert "note: mallory is not among its owners (dana-ruiz)" in stranger.stdout


@pytest.mark.parametrize("relative, code", [("projects/organization.yaml", "path-layout"),
                                            ("projects/Green_Valley/organization.yaml", "path-slug")])
def test_organization_yaml_must_sit_in_an_organization_folder(board, relative, code):
    place(board, ORGANIZATION, relative)
    result = validate_paths([board / "projects"], SETTINGS, board)
    assert code in [p.code for p in result.problems] and result.organizations == []
