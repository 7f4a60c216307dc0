"""The bot's commands: the glue between GitHub (through generator/github.py) and Microboard's checks.

    python -m generator pr-check --base-dir base --head-dir pr --out report/report.json
    python -m generator report-comment --event "$GITHUB_EVENT_PATH" --artifact report/report.json
    python -m generator issue-to-pr --event "$GITHUB_EVENT_PATH"
    python -m generator review 42
    python -m generator housekeeping

`pr-check` runs in the pull request's own workflow with a read-only token and no API calls: the
trusted code (the base branch's generator, installed from `--base-dir`) reads the pull request's
files in `--head-dir` as data. Everything else talks to GitHub with GITHUB_TOKEN, GITHUB_REPOSITORY
and GITHUB_API_URL from the environment.

What comes from GitHub events, artifacts, issues and pull requests is data written by strangers.
It decides nothing by itself: the pull request for a report is found by the head commit the
workflow_run event names, the report is recomputed from GitHub's own copy of the files, and every
piece of stranger text in a comment goes through `markdown_text`.
"""

from __future__ import annotations

import argparse
import dataclasses
import filecmp
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import importlib
from typing import TYPE_CHECKING, Any

from generator import github_server
from generator.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from generator.from_issue import IssueResult
    from generator.review import Review


class _Later:
    """A module imported on first use: PyGithub and the validator load only when a bot command runs,
    so registering these commands costs `python -m generator validate` nothing."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


gh = _Later("generator.github")
hk = _Later("generator.housekeeping")
rv = _Later("generator.review")
own = _Later("generator.ownership")
form = _Later("generator.issue_form")
rp = _Later("generator.report")
fi = _Later("generator.from_issue")
apv = _Later("generator.approvals")
bounds = _Later("generator.bounds")

EXIT_FAILED = 3  # an unexpected failure: the person was told, the workflow run fails for the maintainers
COMMANDS = ("pr-check", "report-comment", "issue-to-pr", "review", "housekeeping")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
ISSUE_MARKER = "<!-- microboard-issue -->"
ISSUE_BRANCH = "microboard/issue-{number}"
POST_LABEL = "new posting"
POST_TITLE_PREFIX = "[Post]"
ARTIFACT_LIMIT = 5 * 1024 * 1024  # bytes of the pull-request run's report read at most
ARTIFACT_SCHEMA = "microboard-pr-check/1"
SUMMARY_LIMIT = 1_000_000  # GitHub shows at most 1 MiB of a step summary
HEX40 = re.compile(r"[0-9a-f]{40}")
CONCLUSIONS = {"success", "failure", "cancelled", "timed_out", "action_required", "neutral", "skipped",
               "stale", "startup_failure"}


class BotError(Exception):
    """A command cannot run: a missing setting, an unreadable event file. Exit 2 with the message."""


# -- the command line -----------------------------------------------------------------------------


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register the bot's subcommands on the `python -m generator` parser."""
    check = commands.add_parser("pr-check", help="check a pull request's postings: base code, head files as data")
    check.add_argument("--base-dir", required=True, help="checkout of the base branch (trusted: settings, skills)")
    check.add_argument("--head-dir", required=True, help="checkout of the pull request (read as data only)")
    check.add_argument("--event", help="the pull_request event JSON, for the number and head commit")
    check.add_argument("--out", help="write the JSON report (the artifact for report-comment) here")
    check.add_argument("--summary", help="append the Markdown report to this file ($GITHUB_STEP_SUMMARY)")
    check.add_argument("--stage-dir", help="assemble the base board with the pull request's projects/ here, "
                                           "for `python -m generator --root DIR build`")
    check.add_argument("--format", choices=["github", "text", "markdown", "json"], default="github",
                       help="what to print (default: GitHub annotations)")
    check.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    comment = commands.add_parser("report-comment", help="post or update the report comment and labels "
                                                         "(the workflow_run stage)")
    comment.add_argument("--event", required=True, help="the workflow_run event JSON ($GITHUB_EVENT_PATH)")
    comment.add_argument("--artifact", help="the report.json the pull request's run uploaded (untrusted)")
    comment.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    issue = commands.add_parser("issue-to-pr", help="turn a 'Post a project' issue into a pull request, "
                                                    "or comment with what to fix")
    issue.add_argument("--event", required=True, help="the issues event JSON ($GITHUB_EVENT_PATH)")
    issue.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    review = commands.add_parser("review", help="print the bot's report on a pull request (for maintainers)")
    review.add_argument("number", type=int, help="the pull request's number")
    review.add_argument("--format", choices=["markdown", "text", "json"], default="markdown")
    review.add_argument("--today", help="check as on this date (YYYY-MM-DD)")

    house = commands.add_parser("housekeeping", help="propose closing expired postings; remind owners "
                                                     "before deadlines")
    house.add_argument("--dry-run", action="store_true", help="print what would happen; change nothing")
    house.add_argument("--reminder-issue", type=int,
                       help="the issue that collects deadline reminders (default: $MICROBOARD_REMINDER_ISSUE)")
    house.add_argument("--today", help="act as on this date (YYYY-MM-DD)")


def run(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    """Run one of COMMANDS; GitHub failures and bad input become a message and exit code 2."""
    try:
        if args.command == "pr-check":
            return pr_check(args)
        if args.command == "report-comment":
            return report_comment(args, settings, root)
        if args.command == "issue-to-pr":
            return issue_to_pr_guarded(args, settings, root)
        if args.command == "review":
            return review_command(args, settings, root)
        if args.command == "housekeeping":
            return housekeeping_command(args, settings, root)
    except (BotError, gh.GitHubError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    raise ValueError(f"not a bot command: {args.command}")


# -- GitHub ---------------------------------------------------------------------------------------


def connect_repo():
    """The repository in $GITHUB_REPOSITORY, through $GITHUB_API_URL with $GITHUB_TOKEN."""
    if not os.environ.get("GITHUB_TOKEN"):
        raise BotError("GITHUB_TOKEN is not set. In a workflow, pass `GITHUB_TOKEN: ${{ github.token }}` "
                       "in env:; at a terminal, export a token that can read the repository, e.g. "
                       "GITHUB_TOKEN=$(gh auth token)")
    if not os.environ.get("GITHUB_REPOSITORY"):
        raise BotError("GITHUB_REPOSITORY is not set: export GITHUB_REPOSITORY=owner/name")
    api = github_server.api_url_from_environment()
    # GitHub asks integrations that write to pause between requests; a loopback server (tests) does not
    throttle = not github_server.is_loopback(api)
    return gh.get_repo(gh.connect(base_url=api, throttle=throttle))


@dataclasses.dataclass
class PullCheck:
    """What the bot found on one pull request: the review (None when it cannot be checked whole) and
    the facts about approval and target branch that decide what is written back."""

    info: Any  # generator.github.PullRequestInfo
    review: Review | None
    stale_label: bool = False  # the maintainer-approved label is there but was not given on this head
    recorded: str | None = None  # the head commit of the bot's previous report
    into_default: bool = True  # into the repository's default branch: only then is a status set
    too_many: Any = None  # generator.github.TooManyFiles when GitHub cannot list every changed file


def check_pull_request(repo, number: int, settings: Settings, root: Path, *, notes: list[str] | None = None,
                       bots: frozenset[str] | None = None) -> PullCheck:
    """The report on pull request `number`, from GitHub's copy of its files and its reviews, with whether
    its approval label still counts (generator/approvals.py) and whether it goes into the default branch."""
    info = gh.pull_request_info(repo, number)
    into_default = info.base_ref == gh.default_branch(repo)
    recorded = apv.recorded_head(gh.own_comment_body(repo, number, gh.REPORT_MARKER), gh.REPORT_MARKER)
    stale = apv.label_is_stale(info.labels, gh.APPROVAL_LABEL, info.head_sha, recorded)
    try:
        changes = gh.changed_postings(repo, number, head_sha=info.head_sha, projects_dir=settings.projects_dir)
    except gh.TooManyFiles as error:
        return PullCheck(info, None, stale, recorded, into_default, error)
    note = apv.stale_note(gh.APPROVAL_LABEL, info.head_sha, recorded) if stale else None
    review = _review(repo, info, changes, settings, root, notes=notes, bots=bots, stale_note=note)
    if not into_default:
        review.notes.append(f"This pull request goes into {rp.markdown_text(info.base_ref)}, not the board's "
                            "default branch: the bot reports on it but sets no commit status.")
    return PullCheck(info, review, stale, recorded, into_default)


def review_pull_request(repo, number: int, settings: Settings, root: Path, *, notes: list[str] | None = None,
                        bots: frozenset[str] | None = None) -> Review:
    """The report on pull request `number`, from GitHub's copy of its files and its reviews."""
    check = check_pull_request(repo, number, settings, root, notes=notes, bots=bots)
    if check.review is None:
        raise BotError(too_many_files_text(check.too_many))
    return check.review


def _review(repo, info, changes, settings: Settings, root: Path, *, notes: list[str] | None,
            bots: frozenset[str] | None, stale_note: str | None) -> Review:
    number = info.number

    def issue_author(n: int) -> str | None:
        try:
            issue = gh.get_issue(repo, n)
        except gh.GitHubError as error:
            if error.status == 404:
                return None
            raise
        return None if issue.is_pull_request else issue.author

    author = own.effective_author(info.author, info.head_ref, info.head_repo, info.base_repo, issue_author, bots)
    if author.via in ("", "issue"):
        author = dataclasses.replace(
            author, maintainer=gh.collaborator_permission(repo, author.login) in gh.WRITE_PERMISSIONS)
    notes = list(notes or [])
    if info.state != "open":
        notes.append("This pull request is closed; the report describes its last commit.")
    if author.via == "bot":
        notes.append("This pull request was opened by the bot account, but not from an issue form or "
                     "housekeeping branch of this repository: a maintainer must review it.")
    if stale_note:
        notes.append(stale_note)
    # the label counts only for the head commit it was given on (generator/approvals.py), and only if it
    # was there when the head was read: one added since is counted by the run its adding starts
    label_counts = stale_note is None and gh.APPROVAL_LABEL in info.labels
    return rv.review_changes(changes, settings, root, author=author,
                          approved=lambda: gh.approved_by_maintainer(repo, number, label_counts=label_counts,
                                                                     head_sha=info.head_sha),
                          notes=notes, number=number, head_sha=info.head_sha)


def post_report(repo, number: int, review: Review, extra: list[str] | None = None, *,
                pull: PullCheck | None = None) -> None:
    """The one report comment on the pull request, its managed labels and its commit status.

    The comment names the head commit it is about (generator/approvals.py). A stale approval label is
    removed, with a comment saying why. The status is set only on pull requests into the default
    branch: a status belongs to a commit, and a success earned against another base branch would
    show on the same commit in a pull request into the default branch.
    """
    head = apv.head_line(review.head_sha) if review.head_sha else ""
    gh.upsert_comment(repo, number, gh.REPORT_MARKER, head + review.markdown(extra or []))
    gh.set_labels(repo, number, review.labels(), set(rv.MANAGED_LABELS), rv.LABEL_STYLES)
    if pull is not None and pull.stale_label and gh.remove_label(repo, number, gh.APPROVAL_LABEL):
        gh.comment_on_issue(repo, number, apv.stale_comment(gh.APPROVAL_LABEL, pull.info.head_sha, pull.recorded))
    if pull is None:
        pull = PullCheck(gh.pull_request_info(repo, number), review)
        pull.into_default = pull.info.base_ref == gh.default_branch(repo)
    if review.head_sha and pull.into_default:
        gh.set_commit_status(repo, review.head_sha, review.ok, _status_text(review))


def publish(repo, check: PullCheck, extra: list[str] | None = None) -> None:
    """Write what `check` found back to its pull request: the report, or the refusal to check it."""
    if check.review is not None:
        post_report(repo, check.info.number, check.review, extra, pull=check)
        return
    number, head_sha = check.info.number, check.info.head_sha
    gh.upsert_comment(repo, number, gh.REPORT_MARKER, apv.head_line(head_sha) + too_many_files_markdown(check.too_many))
    gh.set_labels(repo, number, {rv.NEEDS_MAINTAINER}, set(rv.MANAGED_LABELS), rv.LABEL_STYLES)
    if check.stale_label and gh.remove_label(repo, number, gh.APPROVAL_LABEL):
        gh.comment_on_issue(repo, number, apv.stale_comment(gh.APPROVAL_LABEL, head_sha, check.recorded))
    if check.into_default:
        gh.set_commit_status(repo, head_sha, False, "too many files to check: see the report comment")


def too_many_files_text(error) -> str:
    return (f"This pull request changes {error.changed:,} files, and GitHub lists at most {error.listed:,} files "
            "of a pull request: the bot cannot read all of them, so it checks none rather than pass a part. "
            "Split the change into pull requests of fewer files (each posting is one file).")


def too_many_files_markdown(error) -> str:
    return "\n".join(["## Microboard check: ❌ Too many files to check", "", too_many_files_text(error), "",
                      "<sub>Microboard checks every push to this pull request and updates this comment.</sub>"]) + "\n"


def _status_text(review: Review) -> str:
    """One line for the merge box; the report comment has the details."""
    if review.errors:
        return f"{len(review.errors)} error(s) in the postings: see the report comment"
    if review.ok:
        return "postings valid, ownership checked"
    return "a maintainer must approve: see the report comment"


# -- stage 1: the pull request's own check (no token needed) -----------------------------------------


def _tree(root: Path, skip: set[Path]) -> dict[str, Path]:
    """Every file and symbolic link under `root` by POSIX relative path; .git and `skip` left out."""
    found: dict[str, Path] = {}
    root = root.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        keep = []
        for name in dirs:
            path = here / name
            if name == ".git" or path.resolve() in skip:
                continue
            if path.is_symlink():  # recorded, never followed
                found[path.relative_to(root).as_posix()] = path
            else:
                keep.append(name)
        dirs[:] = keep
        for name in files:
            path = here / name
            found[path.relative_to(root).as_posix()] = path
    return found


def _regular_bytes(path: Path | None) -> bytes | None:
    """A regular file's bytes; None for links, folders and anything else (never followed)."""
    if path is None:
        return None
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        return None
    return path.read_bytes()


def _same(a: Path, b: Path) -> bool:
    la, lb = os.lstat(a), os.lstat(b)
    if stat.S_ISLNK(la.st_mode) or stat.S_ISLNK(lb.st_mode):
        return stat.S_ISLNK(la.st_mode) and stat.S_ISLNK(lb.st_mode) and os.readlink(a) == os.readlink(b)
    return la.st_size == lb.st_size and filecmp.cmp(a, b, shallow=False)


def tree_changes(base_dir: Path, head_dir: Path, projects_dir: str = "projects",
                 skip: set[Path] | None = None) -> gh.PostingChanges:
    """What the head tree changes against the base tree, shaped like generator.github.changed_postings.

    In the workflow the head is the pull request's merge commit, which is the base plus the pull
    request's changes, so comparing the two trees finds exactly what the pull request changes.
    Symbolic links are compared as links and never read through.
    """
    skip = {p.resolve() for p in (skip or set())} | {head_dir.resolve(), base_dir.resolve()}
    base = _tree(base_dir, skip - {base_dir.resolve()})
    head = _tree(head_dir, skip - {head_dir.resolve()})
    prefix = projects_dir.rstrip("/") + "/"
    files, outside = [], []
    for rel in sorted(set(base) | set(head)):
        before, after = base.get(rel), head.get(rel)
        if before is not None and after is not None and _same(before, after):
            continue
        if not rel.startswith(prefix):
            outside.append(rel)
            continue
        status = "added" if before is None else "removed" if after is None else "modified"
        files.append(gh.ChangedFile(rel, status, None, _regular_bytes(before), _regular_bytes(after)))
    return gh.PostingChanges(tuple(files), tuple(outside))


def _copy_regular(source: Path, target: Path) -> None:
    """Copy the regular files and folders below `source`; links and special files are left behind."""
    for folder, dirs, files in os.walk(source, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not (here / d).is_symlink() and d != ".git"]
        destination = target / here.relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            path = here / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                shutil.copyfile(path, destination / name)


def stage_board(base_dir: Path, head_dir: Path, stage_dir: Path, projects_dir: str = "projects") -> None:
    """The base board (configuration, docs, schema) with the pull request's postings, for a preview build.

    The pull request's mkdocs.yml, hooks and templates are never used: only its projects/ folder.
    """
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    skip = {head_dir.resolve(), stage_dir.resolve()}

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n == ".git" or (Path(folder) / n).resolve() in skip}

    shutil.copytree(base_dir, stage_dir, symlinks=True, ignore=ignore)
    shutil.rmtree(stage_dir / projects_dir, ignore_errors=True)
    if (head_dir / projects_dir).is_dir() and not (head_dir / projects_dir).is_symlink():
        _copy_regular(head_dir / projects_dir, stage_dir / projects_dir)
    else:
        (stage_dir / projects_dir).mkdir(parents=True, exist_ok=True)


def _read_json(path: str | os.PathLike, what: str, limit: int = 50 * 1024 * 1024) -> dict:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise BotError(f"cannot read the {what} {path}: {exc.strerror or exc}") from exc
    if len(raw) > limit:
        raise BotError(f"the {what} {path} is larger than {limit} bytes")
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise BotError(f"the {what} {path} is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise BotError(f"the {what} {path} is not a JSON object")
    return data


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _sha(value: object) -> str | None:
    return value if isinstance(value, str) and HEX40.fullmatch(value) else None


def _refuse_pr_check(args: argparse.Namespace, number: int | None, head_sha: str | None, base_sha: str | None,
                     error) -> int:
    """pr-check on a pull request too large to check whole: one error, in every output, and no verdict."""
    message = too_many_files_text(error)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"schema": ARTIFACT_SCHEMA, "pr_number": number, "head_sha": head_sha, "base_sha": base_sha,
                "errors": 1, "warnings": 0, "ok": False, "refused": message}
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(too_many_files_markdown(error))
    if args.format == "github":
        print(f"::error title=Too many files::{message}")
    elif args.format == "json":
        print(json.dumps({"ok": False, "refused": message}))
    else:
        print(message)
    return EXIT_PROBLEMS


def pr_check(args: argparse.Namespace) -> int:
    base_dir, head_dir = Path(args.base_dir), Path(args.head_dir)
    for folder, name in ((base_dir, "--base-dir"), (head_dir, "--head-dir")):
        if not folder.is_dir():
            raise BotError(f"{name} {folder} is not a folder")
    settings = load_settings(base_dir)  # the base branch's settings: a pull request cannot lower the pay floor
    if args.today:
        settings = settings.with_today(args.today)
    number = head_sha = base_sha = None
    if args.event:
        event = _read_json(args.event, "event file")
        pull = event.get("pull_request") if isinstance(event.get("pull_request"), dict) else {}
        number = _int(pull.get("number"))
        head_sha = _sha((pull.get("head") or {}).get("sha"))
        base_sha = _sha((pull.get("base") or {}).get("sha"))
    with tempfile.TemporaryDirectory(prefix="microboard-stage-") as scratch:
        stage = Path(args.stage_dir) if args.stage_dir else Path(scratch) / "board"
        changes = tree_changes(base_dir, head_dir, settings.projects_dir, skip={stage})
        changed = len(changes.files) + len(changes.outside)
        if changed > bounds.GITHUB_LISTED_FILES:  # the report stage could not read them all: refuse here too
            return _refuse_pr_check(args, number, head_sha, base_sha, gh.TooManyFiles(changed, bounds.GITHUB_LISTED_FILES))
        # the staged board is the base board with the pull request's postings: the skills list comes from
        # the base branch, and duplicate titles are looked for among the pull request's postings
        stage_board(base_dir, head_dir, stage, settings.projects_dir)
        review = rv.review_changes(changes, settings, stage, number=number, head_sha=head_sha, base_root=base_dir)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"schema": ARTIFACT_SCHEMA, "pr_number": number, "head_sha": head_sha, "base_sha": base_sha,
                "errors": len(review.errors), "warnings": len(review.problems) - len(review.errors)}
        data.update(review.as_dict())
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(gh.cap_body(review.markdown(), SUMMARY_LIMIT) + "\n")
    if args.format == "github":
        sys.stdout.write(rp.as_github(len(review.files), review.problems))
        if changes.outside:
            print(f"::notice title=Outside projects/::this pull request also changes {len(changes.outside)} "
                  "file(s) outside projects/; a maintainer must review it")
    elif args.format == "markdown":
        sys.stdout.write(review.markdown())
    elif args.format == "json":
        sys.stdout.write(json.dumps(review.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(review.text())
    return EXIT_PROBLEMS if review.errors else EXIT_OK


# -- stage 2: the report comment (workflow_run) ----------------------------------------------------


def read_artifact(path: str | None, number: int, head_sha: str) -> tuple[dict | None, list[str]]:
    """The pull-request run's report, if it is about this pull request and commit; with notes on why not.

    Whoever opened the pull request controls that run and so this file: it is read with a size
    limit, only its integers are used, and it never decides the report.
    """
    if not path or not Path(path).is_file():
        return None, ["The pull request's check run left no report; the bot checked the postings itself."]
    try:
        data = _read_json(path, "artifact", ARTIFACT_LIMIT)
    except BotError:
        return None, ["The pull request's check run left an unreadable report; it was ignored."]
    claimed = data.get("pr_number")
    if _int(claimed) != number:
        shown = f"#{claimed}" if _int(claimed) else "no valid number"
        return None, [f"The check run's report names pull request {shown}, not #{number}; it was ignored."]
    if _sha(data.get("head_sha")) != head_sha:
        return None, ["The check run's report is about another commit; it was ignored."]
    return data, []


def report_comment(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    event = _read_json(args.event, "event file")
    run = event.get("workflow_run")
    if not isinstance(run, dict):
        raise BotError("the event file holds no workflow_run: this command runs on the workflow_run event")
    head_sha = _sha(run.get("head_sha"))
    if head_sha is None:
        raise BotError("the workflow_run event names no head commit")
    repo = connect_repo()
    info = gh.find_pull_request_for_commit(repo, head_sha)
    if info is None:
        print(f"no open pull request has {head_sha[:12]} as its head (pushed again, or closed): nothing to report")
        return EXIT_OK
    artifact, notes = read_artifact(args.artifact, info.number, head_sha)
    extra = []
    conclusion = run.get("conclusion") if run.get("conclusion") in CONCLUSIONS else "unknown"
    run_id = _int(run.get("id"))
    server = github_server.server_url()
    link = f" ([the run]({server}/{repo.full_name}/actions/runs/{run_id}))" if run_id else ""
    mark = {"success": "✅", "failure": "❌"}.get(conclusion, "⚠️")
    extra.append(f"{mark} The pull request's check run (validation and site build): {conclusion}{link}.")
    try:
        check = check_pull_request(repo, info.number, settings, root, notes=notes)
    except gh.HeadMoved as moved:
        print(f"{moved}: nothing to report; the run for the new head reports on it")
        return EXIT_OK
    if check.review is None:
        publish(repo, check)
        print(f"pull request #{info.number}: {too_many_files_text(check.too_many)}")
        return EXIT_OK
    review = check.review
    if artifact is not None:
        claimed = artifact.get("errors")
        if isinstance(claimed, int) and not isinstance(claimed, bool) and claimed != len(review.errors):
            extra.append(f"The check run reported {claimed} error(s); the bot's own check found "
                         f"{len(review.errors)}. The bot's result stands.")
    publish(repo, check, extra)
    print(f"reported on pull request #{info.number}: {review.headline()}; labels {sorted(review.labels())}")
    return EXIT_OK


# -- the issue form ----------------------------------------------------------------------------------


def _event_issue(path: str) -> dict:
    event = _read_json(path, "event file")
    issue = event.get("issue")
    if not isinstance(issue, dict) or _int(issue.get("number")) is None:
        raise BotError("the event file holds no issue: this command runs on the issues event")
    return issue


def _names(labels: object) -> set[str]:
    if not isinstance(labels, list):
        return set()
    return {str(label.get("name")) for label in labels if isinstance(label, dict)}


def missing_required(body: str) -> list[str]:
    """Labels of the required form fields left empty (or missing) in an issue body.

    Owners is not among them: the issue's author always becomes an owner.
    """
    if len(body.encode("utf-8", "replace")) > form.MAX_BODY:
        return []
    answers, _ = form.split_answers(body)
    return [f.label for f in form.form_fields() if f.required and f.path != ("owners",)
            and answers.get(f.label, "").strip() in ("", form.NO_RESPONSE)]


def issue_feedback(result: IssueResult, body: str, extra_problems: list[str]) -> str:
    """The comment on an issue that cannot become a posting yet: what to fix, field by field."""
    lines = ["### ❌ Your posting needs a few changes", "",
             "Edit this issue (the ··· menu at its top, then **Edit**), fix the points below and save: "
             "the check runs again and this comment is updated.", ""]
    problems = list(result.posting.problems) + extra_problems
    if problems:
        lines += ["**Answers that could not be used:**", ""] + [f"- {rp.markdown_text(p)}" for p in problems] + [""]
    missing = missing_required(body)
    if missing:
        lines += ["**Required fields left empty:** " + ", ".join(rp.markdown_text(m) for m in missing), ""]
    # a field left empty, or answered in a way that could not be used, is named above already
    answered = set()
    if len(body.encode("utf-8", "replace")) <= form.MAX_BODY:
        answers, _ = form.split_answers(body)
        answered = {f.path[-1] for f in form.form_fields() if answers.get(f.label, "").strip() not in ("", form.NO_RESPONSE)}
    shown = [p for p in dict.fromkeys(result.problems) if not (p.code == "missing-field" and (
        missing or any(p.message.startswith(f"`{key}` is missing") for key in answered)))]
    errors = [p for p in shown if p.is_error]
    if errors:
        lines += ["**Problems in the posting:**", "", "| Problem | What to write |", "|---|---|"]
        for p in errors:
            lines.append(f"| {rp.markdown_text(p.message)} | {rp.markdown_text(p.hint)} |")
        lines.append("")
    if result.posting.notes:
        lines += ["**Notes:**", ""] + [f"- {rp.markdown_text(n)}" for n in result.posting.notes] + [""]
    return "\n".join(lines)


def issue_to_pr(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    issue = _event_issue(args.event)
    number = issue["number"]
    if "pull_request" in issue:
        print(f"#{number} is a pull request, not an issue: nothing to do")
        return EXIT_OK
    title = issue.get("title") if isinstance(issue.get("title"), str) else ""
    if POST_LABEL not in _names(issue.get("labels")) and not title.startswith(POST_TITLE_PREFIX):
        print(f"issue #{number} is not a 'Post a project' issue (no '{POST_LABEL}' label or [Post] title)")
        return EXIT_OK
    if issue.get("state") == "closed":
        print(f"issue #{number} is closed: nothing to do")
        return EXIT_OK
    author = (issue.get("user") or {}).get("login")
    if not isinstance(author, str) or not own.LOGIN.fullmatch(author.removesuffix("[bot]")):
        raise BotError("the issue names no author")
    body = issue.get("body") if isinstance(issue.get("body"), str) else ""
    result = fi.check_issue(body, author, settings, root)
    repo = connect_repo()
    extra: list[str] = []
    path = result.posting.path
    existing = (Path(root) / path) if path else None  # the base branch's checkout: trusted
    replacing = existing is not None and existing.is_file() and not existing.is_symlink()
    if replacing and result.ok:
        owners = own.owners_of(existing.read_bytes()) or ()
        if not any(own.same_login(author, o) for o in owners) and \
                gh.collaborator_permission(repo, author) not in gh.WRITE_PERMISSIONS:
            extra.append(f"{path} is already on the board and belongs to {', '.join(owners) or 'nobody'}. "
                         "Choose another Project short name, or ask one of its owners to change it.")
    org = result.organization
    if result.ok and org is not None and not org.may_post(author) and \
            gh.collaborator_permission(repo, author) not in gh.WRITE_PERMISSIONS:
        extra.append(org.refusal(author))  # an organization's owners decide who posts for it
    if not result.ok or extra:
        gh.upsert_comment(repo, number, ISSUE_MARKER, issue_feedback(result, body, extra))
        print(f"issue #{number}: needs changes; commented")
        return EXIT_OK
    text = result.posting.yaml_text()
    org_files = org.files if org is not None else {}
    review = rv.review_changes(
        gh.PostingChanges((gh.ChangedFile(path, "modified" if replacing else "added", None,
                                          existing.read_bytes() if replacing else None, text.encode()),)
                          + tuple(gh.ChangedFile(p, "added", None, None, t.encode()) for p, t in org_files.items()),
                          ()),
        settings, root, author=own.Author(author, "issue", number), approved=lambda: False)
    posting_title = " ".join(str(result.posting.data.get("title", "")).split())[:100] or path
    pr_body = "\n".join([
        f"Closes #{number}", "",
        f"Opened by Microboard from the “Post a project” form in issue #{number} by @{author}. "
        "Edit the issue to change this posting: the pull request follows.", "",
        review.markdown()])
    try:
        pr_number, created = gh.open_or_update_pull_request(
            repo, ISSUE_BRANCH.format(number=number), settings.branch, {path: text, **org_files},
            f"Post: {posting_title}", pr_body, f"Post {path}\n\nFrom issue #{number}.", settings.projects_dir)
    except gh.NothingToPropose:
        gh.upsert_comment(repo, number, ISSUE_MARKER,
                          f"✅ This posting is already on the board exactly as written ({rp.markdown_text(path)}): "
                          "there is nothing to change.\n")
        print(f"issue #{number}: already on the board")
        return EXIT_OK
    # a pull request made with GITHUB_TOKEN starts no workflows: post the report on it now
    publish(repo, check_pull_request(repo, pr_number, settings, root))
    verb = "opened" if created else "updated"
    lines = [f"### ✅ Thank you! Pull request #{pr_number} proposes your posting", "",
             f"It will be saved as {rp.markdown_text(path)}. A maintainer reviews it before it appears on the "
             "board. To change something, edit this issue: the pull request follows.", ""]
    if replacing:
        lines += ["It replaces the posting already at that address.", ""]
    if result.posting.notes:
        lines += ["**Notes:**", ""] + [f"- {rp.markdown_text(n)}" for n in result.posting.notes] + [""]
    # the review adds what only the board can tell, such as a new organization's look-alike name
    warnings = [p for p in dict.fromkeys(list(result.problems) + review.problems) if not p.is_error]
    if warnings:
        lines += ["**Worth a look:**", ""] + [f"- {rp.markdown_text(p.message)} ({rp.markdown_text(p.hint)})"
                                             for p in warnings] + [""]
    if org_files:
        lines += [f"It also creates your organization's file, {rp.markdown_text(next(iter(org_files)))}, with you as "
                  "its owner: only its owners can post for the organization or change how it is presented.", ""]
    posting_review = next(f for f in review.files if f.path == path)
    if posting_review.preview_ready:
        lines += ["**Preview:**", "", rv.preview_markdown(posting_review.project, settings.build_date())]
    gh.upsert_comment(repo, number, ISSUE_MARKER, "\n".join(lines))
    print(f"issue #{number}: pull request #{pr_number} {verb}")
    return EXIT_OK


FAILURE_COMMENT = (
    "### ⚠️ The board could not handle this posting just now\n\n"
    "Something failed on the board's side while your answers were being checked: this is not a mistake in "
    "what you wrote, and nothing has been published or lost. The board's maintainers can see what happened "
    "in the workflow run.\n\n"
    "You can try again by editing this issue (the ··· menu at its top, then **Edit**, then save). If this "
    "message comes back, a maintainer will follow up here.\n")


def issue_to_pr_guarded(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    """`issue-to-pr`, ending in a comment on the issue whatever happens.

    Answers the checks cannot use get a comment that says what to change (issue_to_pr does that);
    anything unexpected still gets a comment, one without internals, and a failed run (EXIT_FAILED)
    whose log tells the maintainers where it failed.
    """
    issue = _event_issue(args.event)  # without an issue number there is nobody to tell: exit 2
    try:
        return issue_to_pr(args, settings, root)
    except BotError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure must reach the person who filed the issue
        number = issue["number"]
        print(f"error: issue #{number} could not be handled: {_where(error)}", file=sys.stderr)
        try:
            gh.upsert_comment(connect_repo(), number, ISSUE_MARKER, FAILURE_COMMENT)
            print(f"issue #{number}: the author was told on the issue", file=sys.stderr)
        except Exception as again:  # noqa: BLE001 - GitHub itself may be what failed
            print(f"error: the comment on issue #{number} could not be written either: {_where(again)}",
                  file=sys.stderr)
        return EXIT_FAILED


def _where(error: BaseException) -> str:
    """One line for the workflow log: what failed and in which line of Microboard."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    place = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:300]}{place}"


# -- for maintainers ---------------------------------------------------------------------------------


def review_command(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    if args.number <= 0:
        raise BotError("give a pull request number, e.g. python -m generator review 42")
    repo = connect_repo()
    check = check_pull_request(repo, args.number, settings, root)
    if check.review is None:
        print(too_many_files_text(check.too_many))
        return EXIT_PROBLEMS
    review = check.review
    if args.format == "json":
        sys.stdout.write(json.dumps(review.as_dict(), indent=2, ensure_ascii=False) + "\n")
    elif args.format == "text":
        sys.stdout.write(review.text())
    else:
        sys.stdout.write(review.markdown())
    return EXIT_OK if review.ok else EXIT_PROBLEMS


# -- housekeeping ------------------------------------------------------------------------------------


def housekeeping_command(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    plan = hk.plan(root, settings)
    issue = args.reminder_issue
    if issue is None and os.environ.get("MICROBOARD_REMINDER_ISSUE", "").strip():
        value = os.environ["MICROBOARD_REMINDER_ISSUE"].strip()
        if not value.isdigit() or int(value) <= 0:
            raise BotError(f"MICROBOARD_REMINDER_ISSUE must be an issue number, not {value!r}")
        issue = int(value)
    report = [f"Housekeeping for {plan.today.isoformat()}: {len(plan.closings)} posting(s) to close, "
              f"{len(plan.reminders)} reminder(s) due."]
    report += [f"- close {c.project.path} (apply by {c.project.apply_by})" for c in plan.closings]
    report += [f"- remind {p.path} (apply by {p.apply_by})" for p in plan.reminders]
    report += [f"- skipped {s}" for s in plan.skipped]
    if plan.reminders and issue is None:
        report.append("warning: no reminder issue: set the repository variable MICROBOARD_REMINDER_ISSUE "
                      "to the number of an issue that collects deadline reminders")
    if args.dry_run:
        print("\n".join(report))
        return EXIT_OK
    repo = connect_repo() if (plan.closings or (plan.reminders and issue)) else None
    if plan.closings:
        files = {c.project.path: c.new_text for c in plan.closings}
        try:
            number, created = gh.open_or_update_pull_request(
                repo, hk.HOUSEKEEPING_BRANCH, settings.branch, files, hk.pull_request_title(plan.closings),
                hk.pull_request_body(plan.closings), hk.commit_message(plan.closings), settings.projects_dir)
            report.append(f"pull request #{number} {'opened' if created else 'updated'}")
            # a GITHUB_TOKEN pull request starts no workflows: report on it now, as the issue form does
            publish(repo, check_pull_request(repo, number, settings, root))
        except gh.NothingToPropose:
            report.append("nothing to propose: the base branch already has these changes")
    if plan.reminders and issue is not None:
        repository = repo.full_name if repo is not None else ""
        for project in plan.reminders:
            gh.upsert_comment(repo, issue, hk.reminder_marker(project),
                              hk.reminder_body(project, repository, settings.branch))
        report.append(f"reminders are on issue #{issue}")
    print("\n".join(report))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("\n".join(report) + "\n")
    return EXIT_OK


