"""The code says each thing once, and decides by structure, never by the words of a message.

These read generator/ as source (Python's own parser), the way a reviewer would, and check the
problems the validator really produces for the structure callers rely on.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.changes import ChangedFile, PostingChanges
from generator.problems import Problem
from generator.review import review_changes
from generator.settings import Settings
from generator.validate import validate_text

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 21)  # the sample postings' dates are written for this day (generator.samples)
PACKAGE = ROOT / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))

# Words people read: code that tests or searches them decides by wording.
WORDING = {"message", "hint"}
STRING_TESTS = {"startswith", "endswith", "find", "rfind", "index", "rindex", "count"}


def decisions_by_wording(source: str) -> list[int]:
    """Lines where code tests the wording of a message: `x.message`, `x.hint` or the text of a caught
    exception (`str(exc)`) searched with a string method, or compared (==, !=, in, not in), also after
    cutting it up (`p.message.split(" in ")[0] in meant`)."""
    tree = ast.parse(source)
    caught = {node.name for node in ast.walk(tree) if isinstance(node, ast.ExceptHandler) and node.name}

    def is_wording(node: ast.AST) -> bool:
        if isinstance(node, ast.Attribute):
            return node.attr in WORDING
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str"
                and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id in caught)

    def holds_wording(node: ast.AST) -> bool:
        return any(is_wording(part) for part in ast.walk(node))

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in STRING_TESTS and holds_wording(node.func.value):
            found.append(node.lineno)
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn))
                                                   for op in node.ops):
            if any(holds_wording(side) for side in [node.left, *node.comparators]):
                found.append(node.lineno)
    return found


def test_the_wording_check_finds_what_it_looks_for() -> None:
    assert decisions_by_wording("keep = [p for p in ps if not p.message.startswith('x already has')]\n") == [1]
    assert decisions_by_wording("if 'did you mean' in p.hint:\n    pass\n") == [1]
    assert decisions_by_wording("try:\n    go()\nexcept E as error:\n    if 'nothing to propose' in str(error):\n"
                                "        pass\n") == [4]
    assert decisions_by_wording("drop = [p for p in ps if p.message.split(' in ')[0] in meant]\n") == [1]
    # structure, a path, and text cut up only to be shown are no decisions
    assert decisions_by_wording("if p.code == 'unknown-field' and p.field in meant:\n    pass\n") == []
    assert decisions_by_wording("if str(TEMPLATES) not in dirs:\n    pass\n") == []
    assert decisions_by_wording("try:\n    go()\nexcept E as error:\n    text = ' '.join(str(error).split())\n") == []


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_decides_by_the_words_of_a_message(module: Path) -> None:
    assert decisions_by_wording(module.read_text(encoding="utf-8")) == [], \
        f"{module.relative_to(ROOT)} tests a message's wording: give the data the structure the decision needs"


def _imports(module: Path) -> set[str]:
    """The generator modules that `module` imports anywhere in it (at the top or inside a function)."""
    names = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {n for n in names if n.startswith("generator")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_two_modules_import_each_other_round_a_circle() -> None:
    graph = {_module_name(p): set() for p in MODULES}
    for path in MODULES:
        # a package's __init__ only gathers what its modules define: importing it is importing them
        graph[_module_name(path)] = {n for n in _imports(path) if n in graph and n != _module_name(path)}
    for name in graph:
        if name in ("generator.site",):
            continue
        seen, stack = set(), [(name, (name,))]
        while stack:
            here, trail = stack.pop()
            for nxt in graph[here] - {"generator.site", "generator"}:
                assert nxt != name, " -> ".join(trail + (nxt,))
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + (nxt,)))


def _strings(module: Path) -> list[str]:
    """The string constants of a module, docstrings left out (they describe, they decide nothing)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


@pytest.mark.parametrize("literal", [
    "[0-9a-f]{40}",  # a commit id: generator/commits.py
    "microboard/housekeeping",  # the housekeeping branch: generator/ownership.py
    "microboard/issue-",  # the issue form's branches: generator/ownership.py
    "::1",  # loopback hosts: generator/github.py
    "[Post]",  # the issue form's title prefix: generator/issue_form.py
])
def test_a_constant_is_written_once(literal: str) -> None:
    places = [p.relative_to(ROOT).as_posix() for p in MODULES for text in _strings(p) if literal in text]
    assert len(places) == 1, places


def test_exit_codes_are_defined_once() -> None:
    defined = [p.relative_to(ROOT).as_posix() for p in MODULES for node in ast.walk(ast.parse(p.read_text()))
               if isinstance(node, ast.Assign) for target in node.targets
               for name in ([target] if isinstance(target, ast.Name) else getattr(target, "elts", []))
               if isinstance(name, ast.Name) and name.id.startswith("EXIT_")]
    assert set(defined) == {"generator/exit_codes.py"}, defined


def test_the_checks_of_a_change_need_no_github_client() -> None:
    # review and the checkout comparison read ChangedFile data; only generator/github.py talks to GitHub
    code = ("import sys, generator.review, generator.bot.trees;"
            "print(sorted(m for m in sys.modules if m == 'github' or m.startswith('github.')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- the structure a Problem carries ---------------------------------------------------------------

SAMPLE = ROOT / "samples" / "projects" / "brightloop"
POSTING = (SAMPLE / "analyze-onboarding-drop-off.yaml").read_text(encoding="utf-8")
ORGANIZATION = (SAMPLE / "organization.yaml").read_text(encoding="utf-8")
SETTINGS = Settings(today=TODAY)


def board(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    for name, text in {"projects/acme/organization.yaml": ORGANIZATION, **(files or {})}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def check(tmp_path: Path, text: str) -> list[Problem]:
    return validate_text(text, "projects/acme/funnel.yaml", SETTINGS, board(tmp_path)).problems


def errors(problems: list[Problem]) -> set[tuple[str, tuple]]:
    return {(p.code, p.field) for p in problems if p.is_error}


def test_the_sample_posting_is_valid_here(tmp_path) -> None:
    assert errors(check(tmp_path, POSTING)) == set()


def test_a_schema_problem_names_the_field_it_is_about(tmp_path) -> None:
    text = POSTING.replace("  currency: USD\n", "").replace("hours: 25", 'hours: "many"')
    problems = check(tmp_path, text)
    assert errors(problems) == {("missing-field", ("compensation", "currency")), ("wrong-type", ("hours",))}
    wrong = next(p for p in problems if p.code == "wrong-type")
    assert wrong.as_dict()["field"] == ["hours"] and wrong.related == ""


def test_a_misspelt_key_is_reported_once_as_the_misspelling(tmp_path) -> None:
    assert errors(check(tmp_path, POSTING.replace("summary:", "sumary:"))) == {("unknown-field", ("sumary",))}
    # a key that resembles nothing is unknown, and the key it replaced is still missing
    assert errors(check(tmp_path, POSTING.replace("summary:", "zzzzzz:"))) == {
        ("unknown-field", ("zzzzzz",)), ("missing-field", ("summary",))}


def test_a_misspelling_hides_only_the_key_it_was_meant_to_be(tmp_path) -> None:
    text = POSTING.replace("  apply_by:", "  aply_by:").replace("  currency: USD\n", "")
    assert errors(check(tmp_path, text)) == {("unknown-field", ("timeline", "aply_by")),
                                             ("missing-field", ("compensation", "currency"))}


def test_a_character_problem_names_its_field(tmp_path) -> None:
    title = "title: Analyze where freelancers drop out of onboarding\n"
    problems = check(tmp_path, POSTING.replace(title, 'title: "Analyze\\twhere freelancers drop out of onboarding"\n'))
    assert errors(problems) == {("one-line", ("title",))}


def test_a_duplicate_title_names_the_other_file(tmp_path) -> None:
    root = board(tmp_path, {"projects/acme/first.yaml": POSTING})
    problems = validate_text(POSTING, "projects/acme/funnel.yaml", SETTINGS, root).problems
    duplicate = next(p for p in problems if p.code == "duplicate-posting")
    assert duplicate.related == "projects/acme/first.yaml" and duplicate.field == ("title",)


def test_a_posting_without_its_organization_file_names_that_file(tmp_path) -> None:
    problems = validate_text(POSTING, "projects/zeta/funnel.yaml", SETTINGS, tmp_path).problems
    missing = next(p for p in problems if p.code == "organization-missing")
    assert missing.related == "projects/zeta/organization.yaml"


def test_a_title_shared_only_with_a_file_the_change_removes_is_no_duplicate(tmp_path) -> None:
    root = board(tmp_path, {"projects/acme/first.yaml": POSTING})
    added = ChangedFile("projects/acme/funnel.yaml", "added", None, None, POSTING.encode())
    removed = ChangedFile("projects/acme/first.yaml", "removed", None, POSTING.encode(), None)
    kept = review_changes(PostingChanges((added,), ()), SETTINGS, root)
    assert [p.related for p in kept.problems if p.code == "duplicate-posting"] == ["projects/acme/first.yaml"]
    moved = review_changes(PostingChanges((added, removed), ()), SETTINGS, root)
    assert [p for p in moved.problems if p.code == "duplicate-posting"] == []


def test_the_json_report_carries_field_and_related(tmp_path) -> None:
    root = board(tmp_path, {"projects/acme/funnel.yaml": POSTING.replace("hours: 25", "hours: 0")})
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "validate", "--format", "json",
                             "--today", TODAY.isoformat()],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["field"], p["related"]) for p in problems if p["severity"] == "error"] == [
        ("out-of-range", ["hours"], "")]
