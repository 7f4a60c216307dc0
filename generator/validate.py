"""The validator: the schema (explained by generator/schema_errors.py), then the checks a schema cannot do.

Every check adds problems to a result; nothing here prints or raises for bad input,
so one broken file never hides the next.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import yaml

from generator.bounds import cap_file, hint_budget_left
from generator.characters import SUSPICIOUS, check_characters
from generator.duplicates import Listing, duplicates, listing_of
from generator.formats import hourly_rate, money
from generator.load import Document, load_bytes, load_file, text_values
from generator.messages import say
from generator.organization import (ORG_FILE, Organization, is_organization_file, organization_data,
                                    organization_from_data)
from generator.problems import ERROR, WARNING, Problem, field_name
from generator.schema import ORG_SCHEMA_PATH, SCHEMA_PATH, fast_check, load_schema, reference_validator
from generator.schema_errors import _value_at, explain_errors
from generator.settings import Settings
from generator.skills import Vocabulary, load_vocabulary, vocabulary_path
from generator.slugs import RULE as SLUG_RULE, explain as explain_slug, is_slug, slugify

if TYPE_CHECKING:
    from generator.model import Project

# the dates of a posting that must go in this order, those given (generator/site/form_rules.py reads it too)
DATE_ORDER = (("posted",), ("timeline", "apply_by"), ("timeline", "start"), ("timeline", "due"))
USUAL_HOURS = (5, 40)  # a micro-internship's hours; outside them a posting gets a warning



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


# ---------------------------------------------------------------- finding files


def find_posting_files(targets: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into the posting files below them; missing targets are problems."""
    files: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        target = Path(target)
        if target.is_dir():  # the names first: a stat only for what may be a posting, a sort only of those
            files.extend(sorted(path for path in target.rglob("*")
                                if path.suffix in (".yaml", ".yml") and not path.name.startswith(".") and path.is_file()))
        elif target.is_file():
            files.append(target)
        else:
            problems.append(Problem(str(target), 1, 1, ERROR, "not-found", "no such file or folder",
                                    "give a posting file or a folder of postings, e.g. projects/"))
    return files, problems


def display_path(path: Path, root: Path) -> str:
    """A path as employers and GitHub annotations know it: relative to the board's root when inside it."""
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    inside = base if base.endswith(os.sep) else base + os.sep
    if absolute.startswith(inside):  # the usual case, without relpath's splitting of both paths
        return absolute[len(inside):].replace(os.sep, "/")
    relative = os.path.relpath(absolute, base)
    if relative.startswith(".."):
        return Path(path).as_posix()
    return Path(relative).as_posix()


# ---------------------------------------------------------------- entry points


def validate_paths(targets: Iterable[Path], settings: Settings | None = None, root: Path = Path("."),
                   date_shift: int = 0, keep_projects: bool = True) -> Result:
    """Validate files and folders of postings, as `python -m generator validate` does. `date_shift` moves
    every posting's dates by that many days first (the samples, generator.samples.shift_dates).
    `keep_projects=False` leaves `result.projects` empty, for a caller that only reports the problems:
    the checks are the same, and a large board's postings need not all stay in memory."""
    settings = settings or Settings()
    files, missing = find_posting_files(targets)
    result = Result(problems=list(missing))
    checker = Checker(settings, root, date_shift=date_shift, keep_projects=keep_projects)
    for path in files:
        shown = display_path(path, root)
        checker.check_document(load_file(path, shown), path, result)
    checker.check_duplicates(result)
    result.files_checked = len(files)
    return result


def validate_text(text: str | bytes, shown: str, settings: Settings | None = None,
                  root: Path = Path("."), organizations: dict[str, bytes | None] | None = None,
                  pending: Iterable[str] = (), removed: Iterable[str] = ()) -> Result:
    """Validate one posting (or organization.yaml) given as text, e.g. one made from an issue form, at the
    path it would have. `organizations` gives organization.yaml contents by folder (None: no such file)
    that take the place of the files under `root`, e.g. the ones a pull request adds or changes.
    `pending` names the other postings under `root` that the same change adds (not yet on the board) and
    `removed` the ones it takes away: a duplicate is then reported on the newer posting only."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    result = Result(files_checked=1)
    checker = Checker(settings or Settings(), root, organizations, pending, removed)
    checker.check_document(load_bytes(raw, shown), Path(root) / shown, result)
    checker.check_duplicates(result)
    return result


# ---------------------------------------------------------------- the checks


class Checker:
    def __init__(self, settings: Settings, root: Path, organizations: dict[str, bytes | None] | None = None,
                 pending: Iterable[str] = (), removed: Iterable[str] = (), date_shift: int = 0,
                 keep_projects: bool = True) -> None:
        self.settings = settings
        self.keep_projects = keep_projects  # False: the postings that pass are compared, not kept (validate_paths)
        self._live: list[Listing] = []  # the checked postings that passed and are live, for check_duplicates
        self._passed_folders: set[tuple[str, str]] = set()  # (shown folder, organization) of those that passed
        self.pending = frozenset(pending)  # postings under root that are new too, not yet on the board
        self.removed = frozenset(removed)  # postings under root that are on their way out
        self.date_shift = date_shift
        self.organization_texts = dict(organizations or {})
        self._organizations: dict[str, tuple[Organization | None, str]] = {}
        self.root = Path(root)
        self.vocabulary: Vocabulary = load_vocabulary(vocabulary_path(self.root))
        self.today = settings.build_date()
        self.checked_paths: set[str] = set()
        # one run's schemas, looked up once: schema.py's caches check the file's date on every call
        self._schemas: dict[Path, tuple[dict, Any]] = {}

    def _schema(self, schema_path: Path = SCHEMA_PATH) -> tuple[dict, Any]:
        """(schema, its compiled yes-or-no check) for this run."""
        found = self._schemas.get(schema_path)
        if found is None:
            found = self._schemas[schema_path] = (load_schema(schema_path), fast_check(schema_path))
        return found

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
            self._check_texts(doc, self._schema()[0], skip="organization" if old_style else None)
            if schema_ok:
                self._check_semantics(doc)
            org = self._posting_organization(doc, path, org_slug, quiet=old_style) if org_slug else None
            if doc.ok and org is not None and slug:
                self._passed(doc.path, org.slug, data)
                if self.keep_projects:
                    from generator.model import project_from_data  # the model: not needed to report problems

                    project = project_from_data(doc.path, org, slug, data)
                    result.projects.append(project)
        self.checked_paths.add(os.path.abspath(path))
        # at most MAX_PROBLEMS_PER_FILE are listed, then one line counting the rest (generator.bounds)
        result.problems.extend(cap_file(sorted(problems, key=lambda p: (p.line, p.column))))
        return project

    # -- where the file is

    def _check_path(self, doc: Document, path: Path) -> tuple[str | None, str | None]:
        path = path if isinstance(path, Path) else Path(path)
        org_slug, slug = path.parent.name, path.stem
        ok = True
        if path.suffix != ".yaml":
            doc.error(1, 1, "path-extension", f"posting files end in .yaml, not {path.suffix or 'nothing'}",
                      f"rename the file to {slug}.yaml")
            ok = False
        shown = doc.path
        shown_path = Path(shown)
        inside_root = not shown_path.is_absolute() and not shown.startswith("..")
        if inside_root:
            parts = self.settings.below_projects(shown_path)
            if parts is None or len(parts) != 2:
                expected = f"{self.settings.projects_dir}/<organization-slug>/<project-slug>.yaml"
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
        if self._schema(schema_path)[1](data):
            return True
        errors = list(reference_validator(schema_path).iter_errors(data))
        doc.problems.extend(explain_errors(errors, doc, schema_path))
        return not errors

    # -- text values

    def _check_texts(self, doc: Document, schema: dict, skip: str | None = None) -> None:
        """No placeholder left, no character a field refuses: one walk of the document finds the values
        either check must look at (nearly always none but a multi-line description). `skip` names a
        top-level key whose placeholders are not reported (an old-style organization block)."""
        texts = text_values(doc.data, _PLACEHOLDER_OR_SUSPICIOUS.search)
        for path, text in texts:
            if "TODO" in text and path[:1] != (skip,) and _PLACEHOLDER.search(text):
                line, column = doc.value_position(path)
                doc.error(line, column, *say("placeholder-left", name=field_name(path)), path)
        check_characters(doc, schema, texts)

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
                doc.error(line, column, *say("skill-alias", skill=repr(skill), canonical=repr(canonical)),
                          ("skills", index))
            else:
                # the closest-match search is the costly part: only for skills that will be listed
                near = self.vocabulary.closest(skill) if hint_budget_left(doc.problems) else None
                doc.problems.append(Problem(doc.path, line, column, WARNING, *say(
                    "skill-unknown", skill=repr(skill), near=f"did you mean {near!r}? " if near else ""),
                    ("skills", index)))

    # -- what a schema cannot say

    def _check_semantics(self, doc: Document) -> None:
        data = doc.data
        self._check_dates(doc, data)
        hours = data["hours"]
        low, high = USUAL_HOURS
        if not low <= hours <= high:
            line, column = doc.value_position(("hours",))
            doc.problems.append(Problem(doc.path, line, column, WARNING,
                                        *say("hours-range", hours=hours, low=low, high=high), ("hours",)))
        self._check_pay(doc, data)
        self._check_remote_country(doc, data)
        for index, zone in enumerate(data["location"].get("timezones") or []):
            if zone != "UTC" and not _known_zone(zone):
                line, column = doc.value_position(("location", "timezones", index))
                near = difflib.get_close_matches(zone, sorted(_time_zones()), n=1)
                doc.error(line, column, *say("timezone-unknown", zone=repr(zone),
                                             near=f"did you mean {near[0]!r}? " if near else ""),
                          ("location", "timezones", index))
        if data["status"] == "open" and _parse_date(data["timeline"]["apply_by"]) < self.today:
            line, column = doc.value_position(("timeline", "apply_by"))
            doc.problems.append(Problem(doc.path, line, column, WARNING, "apply-by-passed",
                                        f"the apply-by date has passed (today is {self.today.isoformat()}); "
                                        "the board shows this posting as closed",
                                        "move apply_by to a later date, or set status: closed",
                                        ("timeline", "apply_by")))

    def _check_remote_country(self, doc: Document, data: dict) -> None:
        """Search engines list a remote job only for the countries it names (applicantLocationRequirements)."""
        where = data["location"]
        if where["type"] != "remote" or where.get("country") or (data.get("eligibility") or {}).get("countries"):
            return
        line, column = doc.key_position(("location",))
        doc.problems.append(Problem(doc.path, line, column, WARNING, "remote-without-country",
                                    "this remote posting names no country: job searches such as Google's "
                                    "need the countries applicants may live in, or may leave it out",
                                    "add `country: US` (the two-letter code) under location, or list the "
                                    "countries students may work from under eligibility: countries", ("location",)))

    def _check_dates(self, doc: Document, data: dict) -> None:
        order = [(path, _parse_date(value), path[-1]) for path in DATE_ORDER
                 if (value := _value_at(data, path)) is not None]
        for (_, earlier, earlier_name), (path, later, later_name) in zip(order, order[1:]):
            if later < earlier:
                line, column = doc.value_position(path)
                doc.error(line, column, *say("date-order", later_name=later_name, later=later.isoformat(),
                                             earlier_name=earlier_name, earlier=earlier.isoformat()), path)
        posted = _parse_date(data["posted"])
        if "updated" in data and _parse_date(data["updated"]) < posted:
            line, column = doc.value_position(("updated",))
            doc.error(line, column, *say("updated-order", posted=posted.isoformat()), ("updated",))

    def _check_pay(self, doc: Document, data: dict) -> None:
        pay = data["compensation"]
        settings = self.settings
        if pay["type"] == "unpaid":
            if not settings.allow_unpaid:
                line, column = doc.value_position(("compensation", "type"))
                doc.error(line, column, *say("unpaid"), ("compensation", "type"))
            return
        amount, currency, hours = pay["amount"], pay["currency"], data["hours"]
        hourly = hourly_rate(pay["type"], amount, hours)
        in_board = settings.to_board_currency(hourly, currency)
        if in_board is not None and in_board + 1e-9 >= settings.pay_floor:
            return
        line, column = doc.value_position(("compensation", "amount"))
        if in_board is None:
            doc.problems.append(Problem(doc.path, line, column, WARNING, *say("pay-unchecked", currency=currency),
                                        ("compensation", "amount")))
            return
        if in_board + 1e-9 < settings.pay_floor:
            floor_here = settings.pay_floor if currency == settings.currency else \
                settings.pay_floor / settings.exchange_rates[currency]
            doc.error(line, column, *say("pay-below-floor" if pay["type"] == "hourly" else "pay-below-floor-total",
                                         hourly=money(hourly), currency=currency, floor=money(settings.pay_floor),
                                         board_currency=settings.currency, floor_here=money(floor_here),
                                         total=money(floor_here * hours), hours=hours), ("compensation", "amount"))

    # -- organizations

    def check_organization(self, doc: Document, path: Path, result: Result) -> Organization | None:
        """An organization.yaml: where it is, its schema, and no placeholders left."""
        path = Path(path)
        org_slug = path.parent.name
        ok = True
        shown = doc.path
        if not Path(shown).is_absolute() and not shown.startswith(".."):
            parts = self.settings.below_projects(shown)  # samples/projects/... reads as projects/...
            if parts is None or len(parts) != 2:
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
        self._check_texts(doc, self._schema(ORG_SCHEMA_PATH)[0])

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
        found = self._organizations.get(org_slug)  # nearly always there: one lookup, no paths built
        org, state = found if found is not None else self.organization(org_slug, Path(path).parent)
        if state == "ok":
            return org
        org_file = (Path(doc.path).parent / ORG_FILE).as_posix()
        if state == "missing" and not quiet:
            owners = doc.data.get("owners") if isinstance(doc.data.get("owners"), list) else []
            example = organization_data(org_slug.replace("-", " ").title(), owners=[o for o in owners
                                                                                    if isinstance(o, str)])
            doc.error(1, 1, "organization-missing",
                      f"{org_file} is missing: every organization's folder describes the organization once",
                      f"create {org_file} with {_yaml_lines(example)}; see the employers' guide", related=org_file)
        elif state == "invalid":
            doc.error(1, 1, *say("organization-invalid", org_file=org_file), related=org_file)
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
                  f"{org_file}", hint, ("organization",), org_file)

    # -- across files

    def _passed(self, shown: str, org_slug: str, data: dict) -> None:
        """A checked posting passed: remember what check_duplicates compares, not the whole posting."""
        listing = listing_of(shown, org_slug, data, self.today)
        if listing:
            self._live.append(listing)
        self._passed_folders.add((os.path.dirname(shown), org_slug))

    def check_duplicates(self, result: Result) -> None:
        """No live posting repeats another of its organization (generator.duplicates), among the files
        checked that passed and the other postings in their folders."""
        result.problems.extend(duplicates(self._live, self._sibling_listings()))

    def _sibling_listings(self) -> list[Listing]:
        """The live postings beside the checked ones that are not checked themselves: on the board, unless
        `pending` names them as part of the same change."""
        projects = self.settings.projects_folder(self.root)
        folders = {projects / org_slug for shown_folder, org_slug in self._passed_folders
                   if (Path(self.root) / shown_folder).parent == projects}
        listings = []
        for folder in folders:
            if not folder.is_dir():
                continue
            absolute = os.path.abspath(folder)
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".yaml") or name == ORG_FILE \
                        or os.path.join(absolute, name) in self.checked_paths:
                    continue
                sibling = folder / name
                shown = display_path(sibling, self.root)
                if shown in self.removed:
                    continue
                doc = load_file(sibling, shown)
                data = doc.data if isinstance(doc.data, dict) else {}
                listing = listing_of(doc.path, folder.name, data, self.today, on_board=doc.path not in self.pending)
                if listing:
                    listings.append(listing)
        return listings


def _check_slug(doc: Document, name: str, what: str, fallback: str) -> bool:
    """One part of a file's path must be a short name (generator/slugs.py); an error says which and why."""
    if is_slug(name):
        return True
    shown_name = name if len(name) <= 80 else name[:79] + "…"
    doc.error(1, 1, "path-slug", f"the {what} part of the path, {shown_name!r}, is not a short name: {explain_slug(name)}",
              f"use {slugify(name) or fallback!r} ({SLUG_RULE})")
    return False


_PLACEHOLDER = re.compile(r"\bTODO\b")


# every placeholder holds TODO: a plain search for it is many times faster than _PLACEHOLDER's
_PLACEHOLDER_OR_SUSPICIOUS = re.compile(f"TODO|{SUSPICIOUS.pattern}")


def _yaml_lines(data: dict) -> str:
    """An organization.yaml's values as backquoted lines inside a one-line hint."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=10 ** 6)
    return " ".join(f"`{line}`" for line in text.splitlines())




@lru_cache(maxsize=None)
def _time_zones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def _known_zone(zone: str) -> bool:
    """Whether `zone` is in _time_zones(). Most are in the tzdata package's list, one small file;
    only another name costs the full set, whose search of the system's zone files takes tens of ms."""
    return zone in _listed_zones() or zone in _time_zones()


@lru_cache(maxsize=None)
def _listed_zones() -> frozenset[str]:
    """The names the tzdata package lists: available_timezones() starts from them and drops posixrules."""
    from importlib import resources

    try:
        with resources.files("tzdata").joinpath("zones").open("r") as listed:
            return frozenset(name.strip() for name in listed if name.strip()) - {"posixrules"}
    except (ImportError, FileNotFoundError):  # no tzdata package: the full set answers
        return frozenset()


def _parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)
