"""The validator: schema errors mapped back to YAML lines, then the checks a schema cannot do.

Every check adds problems to a result; nothing here prints or raises for bad input,
so one broken file never hides the next.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from generator.bounds import MAX_PROBLEMS_PER_FILE, cap_file, hint_budget_left
from generator.characters import check_characters
from generator.formats import hourly_rate, money
from generator.load import Document, load_bytes, load_file
from generator.model import Project, project_from_data
from generator.organization import (ORG_FILE, Organization, is_organization_file, organization_data,
                                    organization_from_data)
from generator.problems import ERROR, WARNING, Problem
from generator.settings import Settings
from generator.skills import Vocabulary, load_vocabulary, vocabulary_path
from generator.slugs import RULE as SLUG_RULE, explain as explain_slug, is_slug, slugify

SCHEMA_PATH = Path(__file__).parent / "data" / "project.schema.json"
ORG_SCHEMA_PATH = Path(__file__).parent / "data" / "organization.schema.json"
MAX_FILES_REPORTED = 100_000


@dataclass
class Result:
    """What one validation run found: the problems, and the postings that passed."""

    files_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@lru_cache(maxsize=4)
def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _validator(path: Path = SCHEMA_PATH):
    """The reference validator (jsonschema): it explains every error, so it runs on files that have one."""
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(path), format_checker=FormatChecker())


@lru_cache(maxsize=4)
def _fast_check(path: Path = SCHEMA_PATH):
    """A compiled validator that only answers valid or not, about ten times faster than the reference one.

    Valid files, nearly all of them, never reach the reference validator; a file it finds invalid is
    explained by the reference validator, whose verdict stands.
    """
    try:
        import jsonschema_rs
    except ImportError:  # the reference validator alone gives the same answers, more slowly
        return None
    return jsonschema_rs.Draft202012Validator(load_schema(path), validate_formats=True).is_valid


# ---------------------------------------------------------------- finding files


def find_posting_files(targets: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into the posting files below them; missing targets are problems."""
    files: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        target = Path(target)
        if target.is_dir():
            for path in sorted(target.rglob("*")):
                if path.is_file() and path.suffix in (".yaml", ".yml") and not path.name.startswith("."):
                    files.append(path)
        elif target.is_file():
            files.append(target)
        else:
            problems.append(Problem(str(target), 1, 1, ERROR, "not-found", "no such file or folder",
                                    "give a posting file or a folder of postings, e.g. projects/"))
    return files, problems


def display_path(path: Path, root: Path) -> str:
    """A path as employers and GitHub annotations know it: relative to the board's root when inside it."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if relative.startswith(".."):
        return Path(path).as_posix()
    return Path(relative).as_posix()


# ---------------------------------------------------------------- entry points


def validate_paths(targets: Iterable[Path], settings: Settings | None = None, root: Path = Path("."),
                   date_shift: int = 0) -> Result:
    """Validate files and folders of postings, as `python -m generator validate` does. `date_shift` moves
    every posting's dates by that many days first (the samples, generator.samples.shift_dates)."""
    settings = settings or Settings()
    files, missing = find_posting_files(targets)
    result = Result(problems=list(missing))
    checker = Checker(settings, root, date_shift=date_shift)
    for path in files:
        shown = display_path(path, root)
        checker.check_document(load_file(path, shown), path, result)
    checker.check_duplicates(result)
    result.files_checked = len(files)
    return result


def validate_text(text: str | bytes, shown: str, settings: Settings | None = None,
                  root: Path = Path("."), organizations: dict[str, bytes | None] | None = None) -> Result:
    """Validate one posting (or organization.yaml) given as text, e.g. one made from an issue form, at the
    path it would have. `organizations` gives organization.yaml contents by folder (None: no such file)
    that take the place of the files under `root`, e.g. the ones a pull request adds or changes."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    result = Result(files_checked=1)
    checker = Checker(settings or Settings(), root, organizations)
    checker.check_document(load_bytes(raw, shown), Path(root) / shown, result)
    checker.check_duplicates(result)
    return result


# ---------------------------------------------------------------- the checks


class Checker:
    def __init__(self, settings: Settings, root: Path, organizations: dict[str, bytes | None] | None = None,
                 date_shift: int = 0) -> None:
        self.settings = settings
        self.date_shift = date_shift
        self.organization_texts = dict(organizations or {})
        self._organizations: dict[str, tuple[Organization | None, str]] = {}
        self.root = Path(root)
        self.vocabulary: Vocabulary = load_vocabulary(vocabulary_path(self.root))
        self.today = settings.build_date()
        self.fast_check = _fast_check()
        self.checked_paths: set[str] = set()

    def check_document(self, doc: Document, path: Path, result: Result) -> Project | None:
        if is_organization_file(str(path)):
            self.check_organization(doc, path, result)
            return None
        problems = doc.problems
        org_slug, slug = self._check_path(doc, path)
        if doc.ok and not isinstance(doc.data, dict):
            kind = "a list" if isinstance(doc.data, list) else "a single value"
            doc.error(1, 1, "not-a-mapping", f"the file holds {kind}, not a posting",
                      "a posting is a set of `key: value` lines starting with `title:`")
        project = None
        if doc.ok and self.date_shift:
            from generator.samples import shift_dates

            doc.data = shift_dates(doc.data, self.date_shift)
        if doc.ok:
            data = doc.data
            old_style = "organization" in data
            if old_style:  # the layout before organization.yaml: explain the move, judge the rest as usual
                self._old_style_posting(doc, path)
                data = {k: v for k, v in data.items() if k != "organization"}
            schema_ok = self._check_schema(doc, data)
            self._check_skills(doc)
            _check_placeholders(doc, data, ())
            check_characters(doc, load_schema())
            if schema_ok:
                self._check_semantics(doc)
            org = self._posting_organization(doc, path, org_slug, quiet=old_style) if org_slug else None
            if doc.ok and org is not None and slug:
                project = project_from_data(doc.path, org, slug, data)
                result.projects.append(project)
        self.checked_paths.add(os.path.abspath(path))
        # at most MAX_PROBLEMS_PER_FILE are listed, then one line counting the rest (generator.bounds)
        result.problems.extend(cap_file(sorted(problems, key=lambda p: (p.line, p.column))))
        return project

    # -- where the file is

    def _check_path(self, doc: Document, path: Path) -> tuple[str | None, str | None]:
        path = Path(path)
        org_slug, slug = path.parent.name, path.stem
        expected = f"{self.settings.projects_dir}/<organization-slug>/<project-slug>.yaml"
        ok = True
        if path.suffix != ".yaml":
            doc.error(1, 1, "path-extension", f"posting files end in .yaml, not {path.suffix or 'nothing'}",
                      f"rename the file to {slug}.yaml")
            ok = False
        shown = doc.path
        inside_root = not Path(shown).is_absolute() and not shown.startswith("..")
        if inside_root:
            parts = _board_parts(shown)
            if len(parts) != 3 or parts[0] != self.settings.projects_dir:
                doc.error(1, 1, "path-layout", f"a posting must be at {expected}",
                          f"move the file to {self.settings.projects_dir}/{slugify(org_slug) or 'my-posting'}/"
                          f"{slugify(slug) or 'my-posting'}.yaml")
                ok = False
        for name, what in ((org_slug, "organization"), (slug, "project")):
            ok = _check_slug(doc, name, what, "my-posting") and ok
        return (org_slug, slug) if ok else (None, None)

    # -- the schema

    def _check_schema(self, doc: Document, data: Any = None, schema_path: Path = SCHEMA_PATH) -> bool:
        data = doc.data if data is None else data
        fast_check = self.fast_check if schema_path == SCHEMA_PATH else _fast_check(schema_path)
        if fast_check is not None and fast_check(data):
            return True
        errors = sorted(_validator(schema_path).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
        # one `required` error per missing key, each naming the whole list: keep every problem once
        problems = list(dict.fromkeys(problem for error in errors for problem in _explain(error, doc, schema_path)))
        # a misspelt key is reported once, as the misspelling, not again as the missing key it meant
        meant = {p.hint.removeprefix("did you mean ").removesuffix("?") + " is missing"
                 for p in problems if p.code == "unknown-field" and p.hint.startswith("did you mean")}
        doc.problems.extend(p for p in problems
                            if not (p.code == "missing-field" and p.message.split(" in ")[0] in meant))
        return not errors

    # -- skills

    def _check_skills(self, doc: Document) -> None:
        skills = doc.data.get("skills")
        if not isinstance(skills, list):
            return
        for index, skill in enumerate(skills):
            if not isinstance(skill, str) or skill in self.vocabulary.canonical:
                continue
            line, column = doc.value_position(("skills", index))
            canonical = self.vocabulary.canonical_for(skill)
            if canonical:
                doc.error(line, column, "skill-alias", f"the skill {skill!r} is written {canonical!r} on this board",
                          f"write {canonical!r} instead, so students filtering by it find the posting")
            else:
                # the closest-match search is the costly part: only for skills that will be listed
                near = self.vocabulary.closest(skill) if hint_budget_left(doc.problems) else None
                hint = (f"did you mean {near!r}? " if near else "") + "see the skills list in the docs; " \
                    "an operator can add new skills to schema/skills.yaml"
                doc.problems.append(Problem(doc.path, line, column, WARNING, "skill-unknown",
                                            f"the skill {skill!r} is not in the board's skills list", hint))

    # -- what a schema cannot say

    def _check_semantics(self, doc: Document) -> None:
        data = doc.data
        self._check_dates(doc, data)
        hours = data["hours"]
        if not 5 <= hours <= 40:
            line, column = doc.value_position(("hours",))
            doc.problems.append(Problem(doc.path, line, column, WARNING, "hours-range",
                                        f"{hours} hours is outside the usual 5 to 40 hours of a micro-internship",
                                        "split a larger project into stages, or check the estimate"))
        self._check_pay(doc, data)
        for index, zone in enumerate(data["location"].get("timezones") or []):
            if zone != "UTC" and zone not in _time_zones():
                line, column = doc.value_position(("location", "timezones", index))
                near = difflib.get_close_matches(zone, sorted(_time_zones()), n=1)
                doc.error(line, column, "timezone-unknown", f"{zone!r} is not a known time zone",
                          (f"did you mean {near[0]!r}? " if near else "") + "use IANA names like America/New_York")
        if data["status"] == "open" and _parse_date(data["timeline"]["apply_by"]) < self.today:
            line, column = doc.value_position(("timeline", "apply_by"))
            doc.problems.append(Problem(doc.path, line, column, WARNING, "apply-by-passed",
                                        f"the apply-by date has passed (today is {self.today.isoformat()}); "
                                        "the board shows this posting as closed",
                                        "move apply_by to a later date, or set status: closed"))

    def _check_dates(self, doc: Document, data: dict) -> None:
        timeline = data["timeline"]
        posted = _parse_date(data["posted"])
        apply_by = _parse_date(timeline["apply_by"])
        order = [(("posted",), posted, "posted")]
        order.append((("timeline", "apply_by"), apply_by, "apply_by"))
        if "start" in timeline:
            order.append((("timeline", "start"), _parse_date(timeline["start"]), "start"))
        if "due" in timeline:
            order.append((("timeline", "due"), _parse_date(timeline["due"]), "due"))
        for (_, earlier, earlier_name), (path, later, later_name) in zip(order, order[1:]):
            if later < earlier:
                line, column = doc.value_position(path)
                doc.error(line, column, "date-order",
                          f"{later_name} ({later.isoformat()}) is before {earlier_name} ({earlier.isoformat()})",
                          f"dates go in order: posted, apply_by, start, due; set {later_name} on or after "
                          f"{earlier.isoformat()}")
        if "updated" in data and _parse_date(data["updated"]) < posted:
            line, column = doc.value_position(("updated",))
            doc.error(line, column, "date-order", "updated is before posted",
                      f"set updated on or after {posted.isoformat()}")

    def _check_pay(self, doc: Document, data: dict) -> None:
        pay = data["compensation"]
        settings = self.settings
        if pay["type"] == "unpaid":
            if not settings.allow_unpaid:
                line, column = doc.value_position(("compensation", "type"))
                doc.error(line, column, "unpaid", "this board does not accept unpaid projects",
                          "micro-internships are paid work: give a fixed fee, an hourly rate or a stipend")
            return
        amount, currency, hours = pay["amount"], pay["currency"], data["hours"]
        hourly = hourly_rate(pay["type"], amount, hours)
        in_board = settings.to_board_currency(hourly, currency)
        line, column = doc.value_position(("compensation", "amount"))
        if in_board is None:
            doc.problems.append(Problem(doc.path, line, column, WARNING, "pay-unchecked",
                                        f"the pay floor cannot be checked for {currency}",
                                        f"a maintainer will check it by hand; operators can add {currency} "
                                        "under exchange_rates in board.yml"))
            return
        if in_board + 1e-9 < settings.pay_floor:
            floor_here = settings.pay_floor if currency == settings.currency else \
                settings.pay_floor / settings.exchange_rates[currency]
            need = f"at least {money(floor_here)} {currency} an hour"
            if pay["type"] != "hourly":
                need += f", so at least {money(floor_here * hours)} {currency} for {hours} hours"
            doc.error(line, column, "pay-below-floor",
                      f"the pay works out to {money(hourly)} {currency} an hour, below this board's floor of "
                      f"{money(settings.pay_floor)} {settings.currency} an hour",
                      f"pay {need}" + ("" if pay["type"] == "hourly" else ", or reduce the estimated hours"))

    # -- organizations

    def check_organization(self, doc: Document, path: Path, result: Result) -> Organization | None:
        """An organization.yaml: where it is, its schema, and no placeholders left."""
        path = Path(path)
        org_slug = path.parent.name
        ok = True
        shown = doc.path
        if not Path(shown).is_absolute() and not shown.startswith(".."):
            parts = _board_parts(shown)  # samples/projects/... reads as projects/...
            if len(parts) != 3 or parts[0] != self.settings.projects_dir:
                doc.error(1, 1, "path-layout",
                          f"an organization's file must be at {self.settings.projects_dir}/<organization-slug>/{ORG_FILE}",
                          f"move it to {self.settings.projects_dir}/{slugify(org_slug) or 'my-organization'}/{ORG_FILE}")
                ok = False
        ok = _check_slug(doc, org_slug, "organization", "my-organization") and ok
        if doc.ok and not isinstance(doc.data, dict):
            doc.error(1, 1, "not-a-mapping", "the file holds a list or a single value, not an organization",
                      "an organization is a set of `key: value` lines: name, url, about, owners")
        org = None
        if doc.ok:
            self._check_organization_values(doc)
            if doc.ok and ok:
                org = organization_from_data(doc.path, org_slug, doc.data)
                result.organizations.append(org)
        self.checked_paths.add(os.path.abspath(path))
        result.problems.extend(cap_file(sorted(doc.problems, key=lambda p: (p.line, p.column))))
        return org

    def _check_organization_values(self, doc: Document) -> None:
        """What an organization.yaml holds: its schema, no placeholders, no characters its fields refuse."""
        self._check_schema(doc, schema_path=ORG_SCHEMA_PATH)
        _check_placeholders(doc, doc.data, ())
        check_characters(doc, load_schema(ORG_SCHEMA_PATH))

    def organization(self, org_slug: str, folder: Path) -> tuple[Organization | None, str]:
        """The organization of a folder, loaded once: (organization, "ok"), (None, "missing") or (None, "invalid")."""
        if org_slug in self._organizations:
            return self._organizations[org_slug]
        shown = display_path(Path(folder) / ORG_FILE, self.root)
        if org_slug in self.organization_texts:
            raw = self.organization_texts[org_slug]
            doc = load_bytes(raw, shown) if raw is not None else None
        else:
            file = Path(folder) / ORG_FILE
            doc = load_file(file, shown) if file.is_file() else None
        if doc is None:
            found: tuple[Organization | None, str] = (None, "missing")
        else:
            if doc.ok and isinstance(doc.data, dict):
                self._check_organization_values(doc)
            ok = doc.ok and isinstance(doc.data, dict)
            found = (organization_from_data(shown, org_slug, doc.data), "ok") if ok else (None, "invalid")
        self._organizations[org_slug] = found
        return found

    def _posting_organization(self, doc: Document, path: Path, org_slug: str, quiet: bool) -> Organization | None:
        """The organization a posting belongs to: its folder's organization.yaml, which must exist and be valid."""
        org, state = self.organization(org_slug, Path(path).parent)
        org_file = (Path(doc.path).parent / ORG_FILE).as_posix()
        if state == "missing" and not quiet:
            owners = doc.data.get("owners") if isinstance(doc.data.get("owners"), list) else []
            example = organization_data(org_slug.replace("-", " ").title(), owners=[o for o in owners
                                                                                    if isinstance(o, str)])
            doc.error(1, 1, "organization-missing",
                      f"{org_file} is missing: every organization's folder describes the organization once",
                      f"create {org_file} with {_yaml_lines(example)}; see the employers' guide")
        elif state == "invalid":
            doc.error(1, 1, "organization-invalid",
                      f"{org_file} has errors, so no posting of this organization can be published",
                      f"fix the problems reported for {org_file} (python -m generator validate {org_file})")
        return org

    def _old_style_posting(self, doc: Document, path: Path) -> None:
        """A posting with its own `organization:` block, the layout before organization.yaml."""
        line, column = doc.key_position(("organization",))
        org_file = (Path(doc.path).parent / ORG_FILE).as_posix()
        block = doc.data.get("organization")
        block = block if isinstance(block, dict) else {}
        owners = doc.data.get("owners") if isinstance(doc.data.get("owners"), list) else []
        example = organization_data(str(block.get("name") or Path(path).parent.name), block.get("url"),
                                    block.get("about"), [o for o in owners if isinstance(o, str)])
        _, state = self.organization(Path(path).parent.name, Path(path).parent)
        if state == "missing":
            hint = (f"create {org_file} with {_yaml_lines(example)}, then remove the organization block from "
                    "this file (python -m generator migrate does both for a whole folder)")
        else:
            hint = f"remove the organization block from this file: {org_file} already describes the organization"
        doc.error(line, column, "organization-in-posting",
                  "postings no longer hold an `organization:` block: the organization is described once, in "
                  f"{org_file}", hint)

    # -- across files

    def check_duplicates(self, result: Result) -> None:
        """No two postings of one organization share a title, among the files checked and their siblings."""
        seen: dict[tuple[str, str], str] = {}
        for project in result.projects:
            key = (project.org_slug, project.title.casefold())
            if key in seen:
                result.problems.append(_duplicate(project.path, seen[key], project.title))
            else:
                seen[key] = project.path
        self._check_siblings(result, seen)

    def _check_siblings(self, result: Result, seen: dict[tuple[str, str], str]) -> None:
        folders = {Path(self.root) / self.settings.projects_dir / p.org_slug for p in result.projects
                   if not Path(p.path).is_absolute() and Path(p.path).parts[0] == self.settings.projects_dir}
        for folder in folders:
            if not folder.is_dir():
                continue
            for sibling in folder.glob("*.yaml"):
                if os.path.abspath(sibling) in self.checked_paths:
                    continue
                doc = load_file(sibling, display_path(sibling, self.root))
                title = doc.data.get("title") if isinstance(doc.data, dict) else None
                if not isinstance(title, str):
                    continue
                key = (folder.name, title.strip().casefold())
                if key in seen:
                    result.problems.append(_duplicate(seen[key], doc.path, title.strip()))


def _check_slug(doc: Document, name: str, what: str, fallback: str) -> bool:
    """One part of a file's path must be a short name (generator/slugs.py); an error says which and why."""
    if is_slug(name):
        return True
    shown_name = name if len(name) <= 80 else name[:79] + "…"
    doc.error(1, 1, "path-slug", f"the {what} part of the path, {shown_name!r}, is not a short name: {explain_slug(name)}",
              f"use {slugify(name) or fallback!r} ({SLUG_RULE})")
    return False


def _board_parts(shown: str) -> tuple[str, ...]:
    """A posting path's parts below the board: the samples keep the same layout under samples/."""
    from generator.samples import SAMPLES_DIR

    parts = Path(shown).parts
    return parts[1:] if parts[:1] == (SAMPLES_DIR,) else parts


_PLACEHOLDER = re.compile(r"\bTODO\b")


def _check_placeholders(doc: Document, value: Any, path: tuple) -> None:
    """Starter files mark what to fill in with TODO; one left in is not ready to publish."""
    if isinstance(value, str):
        if _PLACEHOLDER.search(value):
            line, column = doc.value_position(path)
            doc.error(line, column, "placeholder-left", f"{_field_name(path)} still holds a TODO placeholder",
                      "replace the TODO text with the real content")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_placeholders(doc, item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_placeholders(doc, item, path + (index,))


def _yaml_lines(data: dict) -> str:
    """An organization.yaml's values as backquoted lines inside a one-line hint."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=10 ** 6)
    return " ".join(f"`{line}`" for line in text.splitlines())


def _duplicate(path: str, first: str, title: str) -> Problem:
    return Problem(path, 1, 1, ERROR, "duplicate-posting",
                   f"{first} already has the title {title!r} for this organization",
                   "give the new posting a title of its own, or edit the existing one")


# ---------------------------------------------------------------- explaining schema errors


def _explain(error, doc: Document, schema_path: Path = SCHEMA_PATH) -> list[Problem]:
    """One jsonschema error as problems an employer can act on, at the line of the value or key."""
    path = tuple(error.absolute_path)
    name = _field_name(path)
    kind = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    def at_value(code: str, message: str, hint: str = "") -> list[Problem]:
        line, column = doc.value_position(path)
        return [Problem(doc.path, line, column, ERROR, code, message, hint)]

    if kind == "required":
        missing = [key for key in error.validator_value if not isinstance(value, dict) or key not in value]
        line, column = doc.key_position(path) if path else (1, 1)
        where = f" in {name}" if path else ""
        problems = []
        for key in missing:
            sub = _subschema(path + (key,), schema_path)
            example = _example_line(key, sub)
            problems.append(Problem(doc.path, line, column, ERROR, "missing-field",
                                    f"`{key}` is missing{where}",
                                    f"add {example}" + (f" ({sub['description']})" if sub.get("description") else "")))
        return problems
    if kind == "additionalProperties":
        allowed = sorted((schema.get("properties") or {}).keys())
        problems = []
        for key in value:
            if key in allowed:
                continue
            line, column = doc.key_position(path + (key,))
            # a suggestion only for keys that will be listed (generator.bounds); the rest are counted
            listed = len(problems) < MAX_PROBLEMS_PER_FILE
            near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6) if listed else None
            hint = f"did you mean `{near[0]}`?" if near else "allowed here: " + ", ".join(allowed)
            where = f" in {name}" if path else ""
            problems.append(Problem(doc.path, line, column, ERROR, "unknown-field",
                                    f"`{key}` is not a field{where}", hint))
        return problems
    if kind in ("format", "pattern") and schema.get("format") == "email":
        return at_value("bad-email", f"{name} is not an e-mail address: {_describe(value)}",
                        "write an address like jobs@example.org")
    if kind == "type":
        expected = error.validator_value
        return at_value("wrong-type", f"{name} must be {_type_words(expected)}, not {_describe(value)}",
                        _type_hint(expected, value, schema))
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        near = difflib.get_close_matches(str(value), [str(v) for v in error.validator_value], n=1, cutoff=0.5)
        hint = (f"did you mean {near[0]}? " if near else "") + f"write one of: {allowed}"
        return at_value("not-allowed", f"{_describe(value)} is not an allowed value for {name}", hint)
    if kind == "format":
        fmt = error.validator_value
        if fmt == "date":
            return at_value("bad-date", f"{name} is not a real date: {_describe(value)}",
                            'write the date as "YYYY-MM-DD" in quotes, e.g. "2031-03-01"')
        return at_value("bad-format", f"{name} is not a valid {fmt}: {_describe(value)}",
                        "write a full link starting with https://" if fmt == "uri" else "")
    if kind == "pattern":
        pattern = error.validator_value
        if pattern == "^https://":
            return at_value("not-https", f"{name} must be an https:// link, not {_describe(value)}",
                            "links on the board must start with https://")
        return at_value("bad-pattern", f"{name} is not in the expected form: {_describe(value)}",
                        _pattern_hint(path, schema))
    if kind in ("minLength", "maxLength"):
        limit = error.validator_value
        length = len(value) if isinstance(value, str) else 0
        word = "at least" if kind == "minLength" else "at most"
        return at_value("bad-length", f"{name} is {length} characters long; it must be {word} {limit}",
                        "add a little more detail" if kind == "minLength" else "shorten it")
    if kind in ("minItems", "maxItems"):
        limit = error.validator_value
        word = "at least" if kind == "minItems" else "at most"
        return at_value("bad-count", f"{name} has {len(value)} item(s); it needs {word} {limit}",
                        "list one item per line, each starting with '- '")
    if kind == "uniqueItems":
        return at_value("repeated-item", f"{name} lists the same item twice", "remove the repeated item")
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        limit = error.validator_value
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                 "exclusiveMaximum": "less than"}[kind]
        return at_value("out-of-range", f"{name} is {value}; it must be {words} {limit}", "")
    if kind == "anyOf" and path and path[-1] == "timeline":
        line, column = doc.key_position(path)
        return [Problem(doc.path, line, column, ERROR, "missing-field", "the timeline needs an end",
                        'add `due: "YYYY-MM-DD"` or `duration_weeks: 4` under timeline')]
    if kind == "anyOf" and path and path[-1] == "apply":
        line, column = doc.key_position(path)
        return [Problem(doc.path, line, column, ERROR, "missing-field", "apply needs a link or an e-mail address",
                        "add `url: https://...` or `email: jobs@example.org` under apply")]
    if error.schema is False:
        # a key the schema forbids in this case (amount or currency of unpaid work); the error names no key
        owner = _value_at(doc.data, path)
        key = next((k for k, v in owner.items() if v is value), None) if isinstance(owner, dict) else None
        if key is not None:
            path = path + (key,)
        line, column = doc.key_position(path)
        return [Problem(doc.path, line, column, ERROR, "not-allowed-here",
                        f"{_field_name(path)} is not used when the pay type is unpaid",
                        "remove it, or choose another pay type")]
    return at_value("schema", f"{name}: {error.message}", "")


def _value_at(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@lru_cache(maxsize=None)
def _time_zones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def _subschema(path: tuple, schema_path: Path = SCHEMA_PATH) -> dict:
    node: Any = load_schema(schema_path)
    for part in path:
        if not isinstance(node, dict):
            return {}
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = (node.get("properties") or {}).get(part, {})
    return node if isinstance(node, dict) else {}


def _example_line(key: str, schema: dict) -> str:
    examples = schema.get("examples") or []
    if examples and not isinstance(examples[0], (dict, list)):
        return f"`{key}: {json.dumps(examples[0], ensure_ascii=False)}`"
    return f"`{key}:`"


def _field_name(path: tuple) -> str:
    if not path:
        return "the posting"
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text}`"


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
               "object": "a set of `key: value` lines", "boolean": "true or false", "null": "empty"}


def _type_words(expected: Any) -> str:
    if isinstance(expected, list):
        return " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    return _TYPE_WORDS.get(expected, str(expected))


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, list):
        return "a list"
    return "a set of `key: value` lines"


def _type_hint(expected: Any, value: Any, schema: dict) -> str:
    example = (schema.get("examples") or [None])[0]
    if expected in ("integer", "number") and isinstance(value, str):
        if re.fullmatch(r"0[0-9]+", value.strip()):
            return f"write the number without leading zeros, e.g. {int(value)}"
        return f"write a plain number without quotes or units, e.g. {example if example is not None else 20}"
    if expected == "string" and isinstance(value, (int, float, bool)):
        return f'put the value in quotes, e.g. "{value}"'
    if expected == "string" and value is None:
        return "write the value after the colon, or remove the line"
    if expected == "array":
        return "write a list, one item per line starting with '- '"
    if expected == "object":
        return "write the nested fields indented under this key"
    return ""


def _pattern_hint(path: tuple, schema: dict) -> str:
    examples = schema.get("examples") or []
    last = path[-1] if path else ""
    if isinstance(last, int) and len(path) > 1:
        last = path[-2]
    hints = {
        "currency": "use a three-letter ISO 4217 code in capitals, e.g. USD, EUR, GBP",
        "country": "use a two-letter ISO 3166 code in capitals, e.g. US, GB, NO",
        "countries": "use two-letter ISO 3166 codes in capitals, e.g. US, GB, NO",
        "owners": "write GitHub user names without the @, e.g. dana-ruiz",
        "tags": "lowercase words joined by hyphens, e.g. food-security",
        "timezones": "use IANA time zone names, e.g. America/New_York or Europe/Berlin",
    }
    if last in hints:
        return hints[last]
    return f"for example {examples[0]!r}" if examples else ""


def _parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)
