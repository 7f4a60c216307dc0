"""`python -m generator doctor`: is this copy of the board set up to publish and to take postings?

Local checks read the checkout (the site address, the board's repository setting, the workflow
files). Remote checks ask GitHub, through `generator.github`, about what the checkout cannot
show: Pages, whether the workflows are switched on (GitHub switches them off in a new fork), the
labels the issue forms and the bot use, and how pull requests from the issue form get a token.
Each check says, in plain words, what is missing and where to click; one GitHub can't answer
for this token is reported as not checked, with the place to look instead.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

OK, MISSING, UNKNOWN = "ok", "missing", "not checked"
APP_VARIABLE = "MICROBOARD_APP_CLIENT_ID"
APP_SECRET = "MICROBOARD_APP_PRIVATE_KEY"
WORKFLOWS_DIR = Path(".github") / "workflows"
FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"
# RFC 2606 names nobody can own: a site_url under them was never changed from an example
_EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net", "example")


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok, missing, not checked
    text: str  # what was found and, unless ok, what to do


# -- local -----------------------------------------------------------------------------------------


def _site_url(root: Path) -> tuple[str, str]:
    """The board's site_url and the file it comes from: board.yml, or mkdocs.yml on a board set up before it."""
    from generator.settings import BOARD_FILE, SettingsError, load_board

    try:
        board = load_board(root)
    except SettingsError:
        board = None  # every command names that error itself; here only the address matters
    if board is not None and board.site.get("site_url"):
        return str(board.site["site_url"]), BOARD_FILE
    path = root / "mkdocs.yml"
    if path.is_file():
        from generator.settings import _ConfigLoader  # mkdocs.yml without running its Python tags

        try:
            config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except yaml.YAMLError:
            config = {}
        if isinstance(config, dict) and config.get("site_url"):
            return str(config["site_url"]), "mkdocs.yml"
    return "", BOARD_FILE


def site_url_check(root: Path, pages_url: str | None = None) -> Check:
    url, where = _site_url(root)
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    if not url:
        return Check("site address", MISSING, f"{where} has no site_url: set it to the address Pages gives "
                     "the board (Settings → Pages), e.g. https://your-org.github.io/board/.")
    example = host.startswith("example-") or any(host == d or host.endswith("." + d) for d in _EXAMPLE_DOMAINS)
    if example:
        return Check("site address", MISSING, f"site_url in {where} is still the example {url}: set it to the "
                     "address Pages gives the board (Settings → Pages). Feeds, calendar files and links in "
                     "search results use it.")
    if pages_url and url.rstrip("/") != pages_url.rstrip("/"):
        return Check("site address", MISSING, f"site_url in {where} is {url} but Pages publishes the board at "
                     f"{pages_url}: make them the same (or set the custom domain in Settings → Pages).")
    return Check("site address", OK, f"site_url is {url}.")


def scheduled_workflows(root: Path) -> list[str]:
    """The workflow files in the checkout that run on a schedule (they need keeping alive)."""
    found = []
    for path in sorted((root / WORKFLOWS_DIR).glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        on = data.get("on", data.get(True)) if isinstance(data, dict) else None  # YAML 1.1 reads `on` as true
        if isinstance(on, dict) and "schedule" in on:
            found.append(path.name)
    return found


def form_labels(root: Path) -> set[str]:
    """The labels the issue forms put on new issues: they must exist, or GitHub leaves them off."""
    labels: set[str] = set()
    for path in sorted((root / FORMS_DIR).glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        value = data.get("labels") if isinstance(data, dict) else None
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",")]
        labels |= {str(v) for v in value or [] if str(v).strip()}
    return labels


def wanted_labels(root: Path) -> dict[str, tuple[str, str] | None]:
    """Every label Microboard relies on, with its colour and description where Microboard has one."""
    from generator.github import APPROVAL_LABEL
    from generator.health import HEALTH_LABEL, HEALTH_LABEL_STYLE
    from generator.review import LABEL_STYLES

    wanted: dict[str, tuple[str, str] | None] = {name: None for name in form_labels(root)}
    wanted.update(LABEL_STYLES)
    wanted[APPROVAL_LABEL] = ("0e8a16", "A maintainer approves this pull request's ownership changes")
    wanted[HEALTH_LABEL] = HEALTH_LABEL_STYLE
    return wanted


def local_checks(root: Path) -> list[Check]:
    checks = [site_url_check(root)]
    if not (root / WORKFLOWS_DIR).is_dir():
        checks.append(Check("workflows", MISSING, f"there is no {WORKFLOWS_DIR} folder: the board cannot deploy "
                            "or take postings; copy it from Microboard."))
    return checks


# -- over the API ----------------------------------------------------------------------------------


def _guard(name: str, where: str, check: Callable[[], Check]) -> Check:
    from generator.github import GitHubError

    try:
        return check()
    except GitHubError as error:
        if error.status in (401, 403, 404):
            return Check(name, UNKNOWN, f"this token may not read it (HTTP {error.status}); look at {where}.")
        raise


def pages_check(repo) -> tuple[Check, str | None]:
    from generator import github as gh

    info = gh.pages_info(repo)
    if info is None:
        return Check("GitHub Pages", MISSING, "Pages is not set up: Settings → Pages → Build and deployment → "
                     "Source: GitHub Actions. Then run the Deploy workflow once (Actions → Run workflow)."), None
    if info.build_type != "workflow":
        return Check("GitHub Pages", MISSING, "Pages publishes from a branch: Settings → Pages → Build and "
                     "deployment → Source: choose GitHub Actions, so the deploy workflow publishes the board."), info.url
    return Check("GitHub Pages", OK, f"Pages deploys from GitHub Actions{' to ' + info.url if info.url else ''}."), info.url


def workflows_check(repo, root: Path) -> Check:
    from generator import github as gh

    local = sorted(p.name for p in (root / WORKFLOWS_DIR).glob("*.yml"))
    remote = gh.list_workflows(repo)
    off = [f"{f} ({remote[f].state.replace('_', ' ')})" for f in local if f in remote and not remote[f].active]
    unknown = [f for f in local if f not in remote]
    if any(remote[f].state == "disabled_fork" for f in local if f in remote) or (local and len(unknown) == len(local)):
        return Check("workflows", MISSING, "GitHub has not switched this fork's workflows on: open the Actions tab "
                     "and press \"I understand my workflows, go ahead and enable them\".")
    if off:
        return Check("workflows", MISSING, "switched off: " + ", ".join(off) + ". Actions → choose each "
                     "workflow → Enable workflow. The daily run keeps them on after that.")
    if unknown:
        return Check("workflows", MISSING, "GitHub does not know " + ", ".join(unknown) + " yet: push them to the "
                     "default branch.")
    return Check("workflows", OK, f"all {len(local)} workflows are on.")


def labels_check(repo, root: Path, create: bool = False) -> Check:
    from generator import github as gh

    wanted = wanted_labels(root)
    if create:
        created = gh.create_missing_labels(repo, wanted)
        if created:
            return Check("labels", OK, "created: " + ", ".join(created) + ".")
    present = {n.casefold() for n in gh.label_names(repo)}
    missing = sorted(n for n in wanted if n.casefold() not in present)
    if missing:
        return Check("labels", MISSING, "missing: " + ", ".join(missing) + ". The issue forms need theirs to exist "
                     "before anyone files an issue; run `python -m generator doctor --create-labels` to add them all.")
    return Check("labels", OK, f"all {len(wanted)} labels exist.")


def token_check(repo) -> Check:
    """How the issue form's pull requests are made: the optional App, or GITHUB_TOKEN with the repository setting."""
    from generator import github as gh

    name, where = "pull requests from the issue form", "Settings → Secrets and variables → Actions"
    if os.environ.get(APP_VARIABLE, "").strip():  # a workflow passes the variable in
        return Check(name, OK, f"the GitHub App is configured ({APP_VARIABLE} is set).")
    try:
        variables, secrets = gh.actions_setting_names(repo)
    except gh.GitHubError as error:
        if error.status not in (401, 403, 404):
            raise
        return Check(name, UNKNOWN, f"GitHub shows secrets and variables only to admins. In {where}, either set the "
                     f"variable {APP_VARIABLE} and the secret {APP_SECRET} (a GitHub App: pull requests then get "
                     "their checks), or in Settings → Actions → General tick \"Allow GitHub Actions to create and "
                     "approve pull requests\".")
    if APP_VARIABLE in variables and APP_SECRET not in secrets:
        return Check(name, MISSING, f"the variable {APP_VARIABLE} is set but the secret {APP_SECRET} is not: add the "
                     f"App's private key in {where}.")
    if APP_VARIABLE in variables:
        return Check(name, OK, "the GitHub App is configured.")
    settings = gh.workflow_token_settings(repo)
    if settings.get("can_approve_pull_request_reviews"):
        return Check(name, OK, "no GitHub App; GITHUB_TOKEN may open pull requests (their checks start only when "
                     "someone pushes or closes and reopens them; a GitHub App avoids that).")
    return Check(name, MISSING, "no GitHub App and GITHUB_TOKEN may not open pull requests: tick \"Allow GitHub "
                 "Actions to create and approve pull requests\" in Settings → Actions → General, or set up the App "
                 f"({APP_VARIABLE}, {APP_SECRET}) as docs/operators/github.md describes.")


def remote_checks(repo, root: Path, create_labels: bool = False) -> tuple[list[Check], str | None]:
    """The checks over the API, and the address Pages publishes at (None if unknown)."""
    from generator.github import GitHubError

    try:
        pages, pages_url = pages_check(repo)
    except GitHubError as error:
        if error.status not in (401, 403, 404):
            raise
        pages, pages_url = Check("GitHub Pages", UNKNOWN, f"this token may not read it (HTTP {error.status}); "
                                 "look at Settings → Pages."), None
    checks = [
        pages,
        _guard("workflows", "the Actions tab", lambda: workflows_check(repo, root)),
        _guard("labels", "Issues → Labels", lambda: labels_check(repo, root, create_labels)),
        _guard("pull requests from the issue form", "Settings → Secrets and variables → Actions",
               lambda: token_check(repo)),
    ]
    return checks, pages_url


# -- the report --------------------------------------------------------------------------------------


def as_text(checks: list[Check]) -> str:
    marks = {OK: "ok     ", MISSING: "MISSING", UNKNOWN: "?      "}
    return "".join(f"{marks[c.status]} {c.name}: {c.text}\n" for c in checks)


def as_markdown(checks: list[Check]) -> str:
    marks = {OK: "✅", MISSING: "❌", UNKNOWN: "❔"}
    missing = sum(c.status == MISSING for c in checks)
    head = "All set: nothing is missing." if not missing else f"{missing} thing(s) missing in this board's setup."
    return (f"### Board setup\n\n{head}\n\n| | Check | What was found |\n|---|---|---|\n"
            + "".join(f"| {marks[c.status]} | {c.name} | {c.text} |\n" for c in checks))
