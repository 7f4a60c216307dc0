"""Operator settings: one place, `board.yml` at the top of the board's repository.

The CLI, the validator, the bot and the site build all read the same values, so a pay floor
set for the site is the pay floor the pull-request check applies. board.yml is the operator's
own file: upstream never changes it, so taking upstream's improvements never conflicts with it.
mkdocs.yml keeps only what upstream owns (theme, navigation, Markdown extensions, plugins).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

import yaml

PROJECTS_DIR = "projects"  # where postings live, unless board.yml says otherwise
SAMPLES_DIR = "samples"  # the sample postings, in the same layout, shown while the board has none


# The command line hands these to the MkDocs plugin (serve rebuilds it on every change); `mkdocs build` reads them too.
TODAY_ENV = "MICROBOARD_TODAY"  # build the board as on this date, YYYY-MM-DD
PROJECTS_ENV = "MICROBOARD_PROJECTS"  # read the postings from this folder instead of projects_dir


class SettingsError(ValueError):
    """board.yml (or mkdocs.yml) holds a setting Microboard cannot use.

    `detail` says what is wrong, `key` names the setting when known, and `where` is the place it was
    written (`board.yml:3:12`) when known; the error reads `where: detail`.
    """

    def __init__(self, detail: str, key: str | None = None, where: str = "") -> None:
        super().__init__(f"{where}: {detail}" if where else detail)
        self.detail = detail
        self.key = key
        self.where = where


@dataclass(frozen=True)
class Settings:
    projects_dir: str = PROJECTS_DIR
    pay_floor: float = 20.0
    currency: str = "USD"
    allow_unpaid: bool = False
    # 1 unit of the named currency is worth this many units of `currency`
    exchange_rates: dict[str, float] = field(default_factory=dict)
    timezone: str = "UTC"
    repository: str = ""
    branch: str = "main"
    board_page_size: int = 50
    listing_page_limit: int = 10
    deadline_reminder_days: int = 5
    show_samples: bool = True
    # a posting with errors fails the site build, instead of being left out with a warning
    strict: bool = False
    today: dt.date | None = None
    # partner boards whose open postings this board shows too (generator.sources fetches them)
    sources: tuple["Source", ...] = ()
    sources_cache: str = ".microboard-cache/sources"
    sources_timeout: float = 10.0
    # whether this board's projects.json says other boards may gather its postings
    allow_gathering: bool = True

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None) -> "Settings":
        """Settings from `name: value` pairs; SettingsError names the first bad setting and what to write."""
        values = dict(values or {})
        known = [f.name for f in fields(cls)]
        unknown = sorted((str(key) for key in values if key not in known))
        if unknown:
            near = difflib.get_close_matches(unknown[0], known, n=1)
            raise SettingsError(f"unknown setting {unknown[0]!r}; "
                                + (f"did you mean {near[0]!r}? " if near else "")
                                + f"the settings are: {', '.join(known)}", unknown[0])
        for key, value in values.items():
            values[key] = RULES[key].check(key, value)
        return cls(**values)

    def with_today(self, text: str | None) -> "Settings":
        """The same settings with the build date set from `YYYY-MM-DD` (`--today` on the command line)."""
        if not text:
            return self
        return replace(self, today=Settings.from_mapping({"today": text}).today)

    def with_projects(self, folder: str | Path | None, root: Path = Path(".")) -> "Settings":
        """The same settings with the postings read from `folder` (`--projects` on the command line), which
        may be anywhere: kept relative to the board's folder when inside it, so paths read as they do on GitHub."""
        if not folder:
            return self
        path = Path(folder).resolve()
        if not path.is_dir():
            raise SettingsError(f"--projects ({PROJECTS_ENV}): no folder {folder}; give the folder that holds "
                                "<organization-slug>/<project-slug>.yaml files", "projects_dir")
        try:
            shown = path.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        return replace(self, projects_dir=shown if shown != "." else path.as_posix())

    def projects_folder(self, root: Path = Path(".")) -> Path:
        """Where the board's postings are (`root` joined to an absolute folder is that folder)."""
        return Path(root) / self.projects_dir

    def below_projects(self, shown: "str | PurePath") -> tuple[str, ...] | None:
        """The parts of a path (as the validator shows it) below the projects folder, or None when it is not
        there. The sample postings keep the same layout under samples/."""
        parts = shown.parts if isinstance(shown, PurePath) else Path(shown).parts
        prefix = _path_parts(self.projects_dir)
        for start in (prefix, (SAMPLES_DIR, *prefix)):
            if parts[:len(start)] == start:
                return parts[len(start):]
        return None

    def to_board_currency(self, amount: float, currency: str) -> float | None:
        """`amount` in the board's currency, or None when no rate is known."""
        if currency == self.currency:
            return amount
        rate = self.exchange_rates.get(currency)
        return amount * rate if rate else None

    def build_date(self) -> dt.date:
        """The day the board is built for: `today` if set, else MICROBOARD_TODAY, else the date in `timezone`."""
        import os

        if self.today:
            return self.today
        env = os.environ.get(TODAY_ENV, "").strip()
        if env:
            try:
                return dt.date.fromisoformat(env)
            except ValueError as exc:
                raise SettingsError(f"{TODAY_ENV} must be a date YYYY-MM-DD, not {env!r}") from exc
        return dt.datetime.now(_zone(self.timezone)).date()


@lru_cache(maxsize=8)
def _path_parts(folder: str) -> tuple[str, ...]:
    return Path(folder).parts


def _zone(name: str):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(f"setting timezone is not a known time zone: {name!r}", "timezone") from exc


REFUSED = object()  # a rule's answer for a value it cannot accept


@dataclass(frozen=True)
class Rule:
    """What one setting must be: `words` say it to a person, `example` is a line that works."""

    words: str
    example: str
    test: Any  # value -> the value to keep, or REFUSED

    def check(self, key: str, value: Any) -> Any:
        kept = self.test(value)
        if kept is REFUSED:
            raise SettingsError(f"setting {key} must be {self.words}, not {_shown(value)}; "
                                f"write, for example, `{self.example}`", key)
        return kept


def _shown(value: Any) -> str:
    """A value as the operator wrote it, saying when quotes made a number or true/false into text."""
    if isinstance(value, str) and len(value) < 100:
        try:
            bare = yaml.safe_load(value)
        except (yaml.YAMLError, ValueError):  # 2025-02-30 reads as a date that does not exist
            bare = None
        if isinstance(bare, (bool, int, float)):
            return f"{value!r} (text, because of the quotes: leave them out)"
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _bool(value: Any) -> Any:
    return value if isinstance(value, bool) else REFUSED


def _number(low: float, high: float):
    def test(value: Any) -> Any:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high
        return value if ok else REFUSED
    return test


def _whole(low: int, high: int):
    def test(value: Any) -> Any:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return value if ok else REFUSED
    return test


_CURRENCY = re.compile(r"[A-Z]{3}")
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"[A-Za-z0-9._/-]{1,200}")


def _currency(value: Any) -> Any:
    return value if isinstance(value, str) and _CURRENCY.fullmatch(value) else REFUSED


def _rates(value: Any) -> Any:
    if value is None:
        return {}
    if not isinstance(value, dict):
        return REFUSED
    rates = {}
    for code, rate in value.items():
        if _currency(code) is REFUSED or _number(1e-9, 1e9)(rate) is REFUSED:
            return REFUSED
        rates[code] = float(rate)
    return rates


def _timezone(value: Any) -> Any:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(value, str) or not value or value.startswith(("/", ".")) or ".." in value:
        return REFUSED
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return REFUSED
    return value


def _folder(value: Any) -> Any:
    """A folder below the board's own, written with forward slashes: no absolute path, no `..`."""
    if not isinstance(value, str) or not value.strip() or "\\" in value or ":" in value:
        return REFUSED
    parts = value.strip().strip("/").split("/")
    if value.startswith("/") or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return REFUSED
    return "/".join(parts)


def _repository(value: Any) -> Any:
    if value == "" or value is None:
        return ""
    return value if isinstance(value, str) and _REPOSITORY.fullmatch(value) and ".." not in value else REFUSED


def _branch(value: Any) -> Any:
    ok = isinstance(value, str) and _BRANCH.fullmatch(value) and ".." not in value and not value.startswith(("-", "/"))
    return value if ok else REFUSED


def _today(value: Any) -> Any:
    if value in ("", None):
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return REFUSED
    return REFUSED


@dataclass(frozen=True)
class Source:
    """A partner board this board gathers open postings from, and which of them it wants."""

    url: str  # the address of its projects.json
    name: str  # shown on each of its postings: "via <name>"
    id: str  # a slug: names its cache file and prefixes its organizations' slugs here
    fields: tuple[str, ...] = ()  # only these fields (empty: every field)
    countries: tuple[str, ...] = ()  # only postings located in, or open to people in, these countries
    remote_only: bool = False


SOURCE_KEYS = ("url", "name", "id", "fields", "countries", "remote_only")
MAX_SOURCES = 50
_SOURCE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_COUNTRY = re.compile(r"[A-Z]{2}")


def source_address_ok(url: Any) -> bool:
    """https, or http to 127.0.0.1 (a board served on this computer, as in tests); no user name or password."""
    from urllib.parse import urlsplit

    if not isinstance(url, str) or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port  # noqa: F841 - a port that is not a number raises here
    except ValueError:
        return False
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname == "127.0.0.1")


def _sources(value: Any) -> Any:
    """A list of partner boards; a bad entry is named with what to write instead."""
    from generator.schema import load_schema
    from generator.slugs import slugify

    if value in (None, ""):
        return ()
    if not isinstance(value, list) or len(value) > MAX_SOURCES:
        return REFUSED
    known_fields = load_schema()["properties"]["field"]["enum"]
    found: list[Source] = []
    for number, entry in enumerate(value, 1):
        def bad(what: str) -> SettingsError:
            return SettingsError(f"microboard setting sources, entry {number}: {what}; write, for example, "
                                 "`- {url: https://riverside.example.edu/microboard/projects.json, "
                                 "name: Riverside University}`", "sources")

        if not isinstance(entry, dict):
            raise bad(f"each entry is a map with url and name, not {_shown(entry)}")
        unknown = [str(key) for key in entry if key not in SOURCE_KEYS]
        if unknown:
            raise bad(f"unknown key {unknown[0]!r}; the keys are: {', '.join(SOURCE_KEYS)}")
        url, name = entry.get("url"), entry.get("name")
        if not source_address_ok(url) or not str(url).endswith(".json"):
            raise bad(f"url must be the https:// address of a board's projects.json, not {_shown(url)}")
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise bad(f"name must be the board's name as students should read it (text, at most 100 "
                      f"characters), not {_shown(name)}")
        ident = entry.get("id", slugify(name)[:20].strip("-"))
        if not isinstance(ident, str) or not _SOURCE_ID.fullmatch(ident) or len(ident) > 20:
            raise bad(f"id must be lowercase letters, digits and single hyphens, at most 20 characters, "
                      f"not {_shown(ident)}")
        wanted = entry.get("fields") or []
        if not isinstance(wanted, list) or any(item not in known_fields for item in wanted):
            raise bad(f"fields must be a list of the schema's fields ({', '.join(known_fields)}), "
                      f"not {_shown(wanted)}")
        countries = entry.get("countries") or []
        if not isinstance(countries, list) or any(not isinstance(c, str) or not _COUNTRY.fullmatch(c)
                                                  for c in countries):
            raise bad(f"countries must be a list of two-letter ISO 3166 codes such as [US, CA], not {_shown(countries)}")
        remote_only = entry.get("remote_only", False)
        if not isinstance(remote_only, bool):
            raise bad(f"remote_only must be true or false, not {_shown(remote_only)}")
        for other in found:
            if other.id == ident:
                raise bad(f"another source already has the id {ident!r}: give this one its own id")
            if other.url == url:
                raise bad(f"{url} is listed twice")
        found.append(Source(url, name.strip(), ident, tuple(wanted), tuple(countries), remote_only))
    return tuple(found)


def _cache_folder(value: Any) -> Any:
    """Like _folder, but a part may start with a dot (.microboard-cache), so the folder stays out of sight."""
    if not isinstance(value, str) or not value.strip() or "\\" in value or ":" in value or value.startswith("/"):
        return REFUSED
    parts = value.strip().strip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return REFUSED
    return "/".join(parts)


# Every setting, typed and ranged, in the order the docs list them.
RULES: dict[str, Rule] = {
    "projects_dir": Rule("a folder below the board's own, such as projects or data/postings (no absolute path, "
                         "no ..)", "projects_dir: projects", _folder),
    "pay_floor": Rule("a number, 0 or more (the lowest pay per hour, in currency)", "pay_floor: 20",
                      _number(0, 1_000_000)),
    "currency": Rule("a three-letter ISO 4217 code in capitals, such as USD", "currency: USD", _currency),
    "allow_unpaid": Rule("true or false", "allow_unpaid: false", _bool),
    "exchange_rates": Rule("a map of three-letter currency codes to positive numbers", "exchange_rates: {EUR: 1.08}",
                           _rates),
    "timezone": Rule("a known time zone, an IANA name such as America/Chicago", "timezone: America/Chicago",
                     _timezone),
    "repository": Rule("the board's GitHub repository as owner/name, or empty", "repository: my-org/microboard",
                       _repository),
    "branch": Rule("a branch name, such as main", "branch: main", _branch),
    "board_page_size": Rule("a whole number from 1 to 1000", "board_page_size: 50", _whole(1, 1000)),
    "listing_page_limit": Rule("a whole number of pages from 0 to 1000 (0: no limit)", "listing_page_limit: 10",
                               _whole(0, 1000)),
    "deadline_reminder_days": Rule("a whole number of days from 0 to 365", "deadline_reminder_days: 5",
                                   _whole(0, 365)),
    "show_samples": Rule("true or false", "show_samples: true", _bool),
    "strict": Rule("true or false", "strict: false", _bool),
    "today": Rule("a date YYYY-MM-DD, or empty", "today: 2025-03-01", _today),
    "sources": Rule("a list of partner boards, each with the url of its projects.json and a name",
                    "sources: [{url: https://riverside.example.edu/microboard/projects.json, "
                    "name: Riverside University}]", _sources),
    "sources_cache": Rule("a folder below the board's own (no absolute path, no ..)",
                          "sources_cache: .microboard-cache/sources", _cache_folder),
    "sources_timeout": Rule("a number of seconds from 1 to 120", "sources_timeout: 10", _number(1, 120)),
    "allow_gathering": Rule("true or false", "allow_gathering: true", _bool),
}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its Python tags (`!!python/name:`, `!ENV`)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_COMPOSER = getattr(yaml, "CSafeLoader", _ConfigLoader)


def load_settings(root: Path = Path("."), config_file: str = "mkdocs.yml") -> Settings:
    """The board's settings from `<root>/board.yml`; defaults when there is none."""
    return load_board(root, config_file).settings


# ---------------------------------------------------------------- board.yml

BOARD_FILE = "board.yml"
# The MkDocs settings that are the operator's: board.yml sets them, the plugin hands them to MkDocs.
SITE_KEYS = ("site_name", "site_description", "site_url", "copyright")
SITE_EXAMPLES = {"site_name": "site_name: Riverside College Micro-internships",
                 "site_description": "site_description: Short, paid projects for Riverside students.",
                 "site_url": "site_url: https://riverside-careers.github.io/microboard/",
                 "copyright": "copyright: Postings belong to the organizations that wrote them."}
# The operator's own pages in the navigation, after upstream's (MkDocs' nav syntax).
NAV_KEY = "nav"
# The folder of pages the operator writes: added to the site, and winning over docs/ at the same path.
PAGES_DIR = "pages"
# MkDocs requires a site_name in mkdocs.yml; upstream's stays this, and board.yml's is the one shown.
UPSTREAM_SITE_NAME = "Microboard"


@dataclass(frozen=True)
class Board:
    """What the operator decides: the Microboard settings and the site's name, description and address.

    `leftovers` are settings still in mkdocs.yml (the layout before board.yml): they still apply,
    and `migration_note` says how to move them.
    """

    settings: Settings = field(default_factory=Settings)
    site: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    leftovers: tuple["Leftover", ...] = ()

    def migration_note(self, config_file: str = "mkdocs.yml") -> str:
        if not self.leftovers:
            return ""
        names = ", ".join(item.key for item in self.leftovers)
        first = self.leftovers[0]
        return (f"{Path(config_file).name}:{first.line}:{first.column}: {names} belong in {BOARD_FILE} now, "
                f"so that upgrades never conflict with them: run `python -m generator migrate-settings` to move "
                f"them (it loses nothing), then commit {BOARD_FILE} and {Path(config_file).name}")


def load_board(root: Path = Path("."), config_file: str = "mkdocs.yml") -> Board:
    """board.yml read and checked; SettingsError names the file, line and key of the first problem.

    Settings still in mkdocs.yml (boards set up before board.yml) keep working, unless board.yml
    gives the same setting another value: then nobody can tell which one the operator meant.
    """
    root = Path(root)
    config = _config_path(root, config_file)
    values, where = _read_board_values(root / BOARD_FILE)
    leftovers = tuple(legacy_settings(config))
    clashes = [item for item in leftovers if item.key in values and not _same(item.key, item.value, values[item.key])]
    if clashes:
        first = clashes[0]
        raise SettingsError(f"{config.name}:{first.line}:{first.column}: "
                            f"{', '.join(item.key for item in clashes)} "
                            f"{'is' if len(clashes) == 1 else 'are'} set in both {config.name} and {BOARD_FILE}, "
                            f"with different values; {BOARD_FILE} is the place for them: run "
                            f"`python -m generator migrate-settings` to move {config.name}'s values into "
                            f"{BOARD_FILE} (over the ones there), or delete the lines from {config.name}", first.key)
    for item in leftovers:
        if item.key not in values:
            values[item.key] = item.value
            where[item.key] = (config.name, item.line, item.column)
    return Board(*_checked(values, where), leftovers=leftovers)


def read_board_file(path: Path) -> Board:
    """One board.yml file, strictly loaded (no duplicate keys, no aliases); defaults when it is absent."""
    return Board(*_checked(*_read_board_values(path)))


Where = dict[str, tuple[str, int, int]]  # setting -> (file, line, column), for messages


def _read_board_values(path: Path) -> tuple[dict[str, Any], Where]:
    from generator.load import load_file

    if not path.is_file():
        return {}, {}
    shown = path.name
    doc = load_file(path, shown)
    if not doc.ok:
        first = doc.problems[0]
        raise SettingsError(first.message + (f" ({first.hint})" if first.hint else ""),
                            where=f"{shown}:{first.line}:{first.column}")
    values = doc.data if doc.data is not None else {}
    if not isinstance(values, dict):
        raise SettingsError(f"{shown} holds settings as `name: value` lines, one a line", where=f"{shown}:1:1")
    known = [*SITE_KEYS, NAV_KEY, *(f.name for f in fields(Settings))]
    for key in values:
        if key not in known:
            line, column = doc.key_position((key,))
            near = difflib.get_close_matches(str(key), known, n=1)
            raise SettingsError(f"unknown setting {key!r}; " + (f"did you mean {near[0]!r}? " if near else "")
                                + f"the settings are: {', '.join(known)}", str(key), f"{shown}:{line}:{column}")
    where = {key: (shown, *doc.value_position((key,))) for key in values}
    return dict(values), where


def _checked(values: dict[str, Any], where: Where) -> tuple[Settings, dict[str, str], list]:
    """Settings, site keys and navigation from merged values; a bad value is reported where it was written."""
    def fail(key: str, message: str) -> SettingsError:
        shown, line, column = where.get(key, (BOARD_FILE, 1, 1))
        return SettingsError(message, key, f"{shown}:{line}:{column}")

    site = {key: values[key] for key in SITE_KEYS if values.get(key) is not None}
    for key, value in site.items():
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"{key} must be text, not {_shown(value)}; write, for example, `{SITE_EXAMPLES[key]}`")
    if "site_url" in site:
        url = _site_url(site["site_url"])
        if url is None:
            raise fail("site_url", "site_url must be the board's address, starting https://, such as "
                                   f"https://my-org.github.io/microboard/, not {site['site_url']!r}")
        site["site_url"] = url
    nav = values.get(NAV_KEY) or []
    problem = _nav_problem(nav)
    if problem:
        raise fail(NAV_KEY, f"nav lists your pages as `- Title: page.md` lines (a page under {PAGES_DIR}/ "
                            f"or docs/, or an https:// address): {problem}")
    try:
        settings = Settings.from_mapping({k: v for k, v in values.items() if k not in (*SITE_KEYS, NAV_KEY)})
    except SettingsError as exc:
        raise fail(exc.key or "", exc.detail) from None
    return settings, site, list(nav)


def _nav_problem(entries: Any) -> str:
    """What is wrong with a navigation list, in words; empty when nothing is."""
    if not isinstance(entries, list):
        return f"not a list: {entries!r}"
    for entry in entries:
        if isinstance(entry, dict) and len(entry) == 1:
            [(title, target)] = entry.items()
            if not isinstance(title, str):
                return f"the title {title!r} is not text"
            problem = _nav_problem(target) if isinstance(target, list) else _nav_target_problem(target)
        else:
            problem = _nav_target_problem(entry)
        if problem:
            return problem
    return ""


def _nav_target_problem(target: Any) -> str:
    if not isinstance(target, str) or not target.strip():
        return f"{target!r} is not a page"
    if target.startswith(("https://", "http://")):
        return ""
    parts = Path(target).parts
    if target.startswith(("/", "\\")) or ".." in parts or ":" in target or not target.endswith(".md"):
        return f"{target!r} is not a page: write a path like about.md, relative to {PAGES_DIR}/ or docs/"
    return ""


def _same(key: str, first: Any, second: Any) -> bool:
    if key == "site_url" and isinstance(first, str) and isinstance(second, str):
        return first.strip().rstrip("/") == second.strip().rstrip("/")
    return first == second


def _site_url(value: str) -> str | None:
    """The address with a trailing slash, or None when it is not an http(s) address."""
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return value.strip() if value.strip().endswith("/") else value.strip() + "/"


@dataclass(frozen=True)
class Leftover:
    """A setting mkdocs.yml still holds that now belongs in board.yml."""

    key: str
    value: Any
    line: int
    column: int


def _config_path(root: Path, config_file: str) -> Path:
    path = Path(config_file)
    return path if path.is_absolute() else root / path


def legacy_settings(config_path: Path) -> list[Leftover]:
    """The operator's settings still in mkdocs.yml: the microboard block's options, the site's name and address."""
    if not config_path.is_file():
        return []
    try:
        # only the node tree is needed (no tag is built): the C composer makes it in a fraction of the time
        node = yaml.compose(config_path.read_text(encoding="utf-8"), Loader=_COMPOSER)
    except yaml.YAMLError as exc:
        raise SettingsError(f"{config_path.name} is not valid YAML: {exc}") from exc
    if not isinstance(node, yaml.MappingNode):
        return []
    found: list[Leftover] = []
    for key, value in node.value:
        name = getattr(key, "value", None)
        if name in SITE_KEYS and isinstance(value, yaml.ScalarNode):
            if name == "site_name" and value.value == UPSTREAM_SITE_NAME:
                continue
            found.append(Leftover(name, value.value, key.start_mark.line + 1, key.start_mark.column + 1))
        elif name == "plugins" and isinstance(value, yaml.SequenceNode):
            found += _plugin_leftovers(value)
    return found


def _plugin_leftovers(plugins: yaml.SequenceNode) -> list[Leftover]:
    for entry in plugins.value:
        if not isinstance(entry, yaml.MappingNode):
            continue
        for key, options in entry.value:
            if getattr(key, "value", None) == "microboard" and isinstance(options, yaml.MappingNode):
                loader = _ConfigLoader("")
                return [Leftover(k.value, loader.construct_object(v, deep=True), k.start_mark.line + 1,
                                 k.start_mark.column + 1) for k, v in options.value]
    return []
