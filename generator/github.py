"""The one module in Microboard that talks to GitHub, over PyGithub.

It is an adapter: it moves data between GitHub and the rest of Microboard and judges
nothing. Validation, ownership rules and report wording live elsewhere; this module only
reads what a pull request changes, posts and edits comments, sets labels and proposes file
changes as pull requests.

What arrives from GitHub was written by strangers (file contents, titles, bodies, branch
names), so it is handed over as data and never used to build a path, a command or a URL
here. Paths that this module writes are checked against the posting layout before the first
request is made.

Configuration comes from the environment that GitHub Actions sets: `GITHUB_API_URL`
(default https://api.github.com), `GITHUB_TOKEN` and `GITHUB_REPOSITORY` ("owner/name").
Every PyGithub failure surfaces as `GitHubError`, with the HTTP status and GitHub's message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from github import Auth, Github, GithubException, InputGitTreeElement
from github.NamedUser import NamedUser
from github.PullRequest import PullRequest
from github.Repository import Repository

from generator.changes import ChangedFile, PostingChanges
from generator.commits import is_sha
from generator.github_server import allowed, api_url_from_environment
from generator.settings import PROJECTS_DIR
from generator.slugs import SLUG

REPORT_MARKER = "<!-- microboard-report -->"
APPROVAL_LABEL = "maintainer-approved"
# GitHub refuses bodies over 65,536 characters; stay clearly below.
BODY_LIMIT = 65_000
TRUNCATION_NOTICE = (
    "\n\n---\n**Report truncated:** it was longer than GitHub accepts in one comment. "
    "The workflow run's summary has the full text."
)
BRANCH_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*")
# `permission` from the collaborators API folds maintain into write; accept both spellings.
WRITE_PERMISSIONS = frozenset({"admin", "maintain", "write"})
DEFAULT_LABEL_COLOR = "ededed"
DEFAULT_LABEL_DESCRIPTION = "Set by Microboard"


class GitHubError(Exception):
    """A GitHub request failed; `status` is the HTTP status (None if no response said)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class NothingToPropose(GitHubError):
    """The branch would hold exactly what the base branch holds: there is no change to propose."""


@contextmanager
def _calling(what: str) -> Iterator[None]:
    """Turn PyGithub's exceptions into GitHubError naming what we were doing."""
    try:
        yield
    except GithubException as exc:
        raise _error(what, exc) from exc


def _error(what: str, exc: GithubException) -> GitHubError:
    return GitHubError(f"{what}: HTTP {exc.status}: {_github_message(exc)}", exc.status)


def _github_message(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    message = str(data.get("message") or exc.message or "no message")
    details = [
        str(e.get("message") or " ".join(str(e.get(k)) for k in ("resource", "field", "code") if e.get(k)))
        for e in data.get("errors") or []
        if isinstance(e, dict)
    ]
    return f"{message} ({'; '.join(details)})" if details else message


# -- connecting ------------------------------------------------------------------------------


def connect(token: str | None = None, base_url: str | None = None, *, throttle: bool = True) -> Github:
    """A PyGithub client for `base_url` (or $GITHUB_API_URL) authenticated with `token` (or $GITHUB_TOKEN).

    A token is only ever sent over https, except to a loopback address (tests). `throttle`
    keeps PyGithub's pauses between requests, which GitHub asks of integrations that write;
    tests turn it off.
    """
    token = token or os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise GitHubError("no GitHub token: set GITHUB_TOKEN")
    base_url = (base_url or api_url_from_environment()).rstrip("/")
    if not allowed(base_url, path=True):
        raise GitHubError(f"refusing to send the token to {base_url!r}: the API URL must use https")
    pauses = {} if throttle else {"seconds_between_requests": None, "seconds_between_writes": None}
    return Github(base_url=base_url, auth=Auth.Token(token), per_page=100, **pauses)


def get_repo(gh: Github, full_name: str | None = None) -> Repository:
    """The repository `full_name` ("owner/name"), by default $GITHUB_REPOSITORY."""
    full_name = full_name or os.environ.get("GITHUB_REPOSITORY", "")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", full_name):
        raise GitHubError(f"not a repository name (owner/name): {full_name!r}; set GITHUB_REPOSITORY")
    with _calling(f"reading repository {full_name}"):
        return gh.get_repo(full_name)


# -- reading pull requests and issues ----------------------------------------------------------


@dataclass(frozen=True)
class PullRequestInfo:
    number: int
    title: str
    author: str
    state: str  # open or closed
    merged: bool
    head_sha: str
    head_ref: str
    head_repo: str | None  # "owner/name"; None when the fork was deleted
    base_sha: str
    base_ref: str
    base_repo: str
    labels: tuple[str, ...]

    @property
    def from_fork(self) -> bool:
        return self.head_repo != self.base_repo


@dataclass(frozen=True)
class IssueInfo:
    number: int
    title: str
    body: str
    author: str
    state: str
    labels: tuple[str, ...]
    is_pull_request: bool


def _info(pr: PullRequest) -> PullRequestInfo:
    head_repo = pr.head.repo.full_name if pr.head.repo is not None else None
    return PullRequestInfo(
        number=pr.number,
        title=pr.title,
        author=pr.user.login,
        state=pr.state,
        merged=pr.merged_at is not None,  # list responses carry merged_at, not merged
        head_sha=pr.head.sha,
        head_ref=pr.head.ref,
        head_repo=head_repo,
        base_sha=pr.base.sha,
        base_ref=pr.base.ref,
        base_repo=pr.base.repo.full_name,
        labels=tuple(label.name for label in pr.labels),
    )


def _changed_files(pr: PullRequest) -> int:
    """How many files GitHub says the pull request changes (from GET /pulls/{n}, which has the count)."""
    value = pr.changed_files
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def pull_request_info(repo: Repository, number: int) -> PullRequestInfo:
    with _calling(f"reading pull request #{number}"):
        return _info(repo.get_pull(number))


def get_issue(repo: Repository, number: int) -> IssueInfo:
    with _calling(f"reading issue #{number}"):
        issue = repo.get_issue(number)
        return IssueInfo(
            number=issue.number,
            title=issue.title,
            body=issue.body or "",
            author=issue.user.login,
            state=issue.state,
            labels=tuple(label.name for label in issue.labels),
            is_pull_request=issue.pull_request is not None,
        )


def _under_projects(path: str | None, projects_dir: str = PROJECTS_DIR) -> bool:
    return path is not None and path.startswith(projects_dir.rstrip("/") + "/")


class TooManyFiles(GitHubError):
    """A pull request changes more files than GitHub's files API lists: it cannot be checked whole."""

    def __init__(self, changed: int, listed: int) -> None:
        super().__init__(f"the pull request changes {changed} files; GitHub lists only {listed} of them")
        self.changed, self.listed = changed, listed


class HeadMoved(GitHubError):
    """The pull request's head moved on while it was being read: the reading is of no one commit."""


def changed_postings(repo: Repository, pr_number: int, head_sha: str | None = None,
                     projects_dir: str = PROJECTS_DIR) -> PostingChanges:
    """What a pull request does to files under projects/ (the board's projects_dir), read at its base and head
    commits.

    Contents are read from the base repository by commit sha, which also works for pull
    requests from forks (GitHub keeps their head commits as refs/pull/N/head). With `head_sha`,
    the files are those of that head commit or HeadMoved is raised: a verdict (and a commit
    status) for one commit must never rest on the files of another. A pull request whose
    `changed_files` is more than the files API lists raises TooManyFiles: part of it would go
    unchecked.
    """
    with _calling(f"listing the files of pull request #{pr_number}"):
        pr = repo.get_pull(pr_number)
        if head_sha is not None and pr.head.sha != head_sha:
            raise HeadMoved(f"pull request #{pr_number} moved on from {head_sha[:12]} to {pr.head.sha[:12]}")
        entries = list(pr.get_files())
        if head_sha is not None and repo.get_pull(pr_number).head.sha != head_sha:
            raise HeadMoved(f"pull request #{pr_number} moved on from {head_sha[:12]} while its files were listed")
    if _changed_files(pr) > len(entries):
        raise TooManyFiles(_changed_files(pr), len(entries))
    base_sha, head_sha = pr.base.sha, pr.head.sha
    files, outside = [], []
    for entry in entries:
        paths = [p for p in (entry.previous_filename, entry.filename) if p]
        outside += [p for p in paths if not _under_projects(p, projects_dir)]
        if not any(_under_projects(p, projects_dir) for p in paths):
            continue
        base = head = None
        large = False
        if entry.status not in ("added", "copied"):
            base, big = _read(repo, entry.previous_filename or entry.filename, base_sha)
            large |= big
        if entry.status != "removed":
            head, big = _read(repo, entry.filename, head_sha)
            large |= big
        files.append(ChangedFile(entry.filename, entry.status, entry.previous_filename, base, head, large))
    return PostingChanges(tuple(files), tuple(dict.fromkeys(outside)))


def _read(repo: Repository, path: str, ref: str) -> tuple[bytes | None, bool]:
    """(bytes, too_large) of a file at a commit; (None, False) if there is no such file."""
    try:
        content = repo.get_contents(path, ref=ref)
    except GithubException as exc:
        if exc.status == 404:
            return None, False
        raise _error(f"reading {path} at {ref[:12]}", exc) from exc
    if isinstance(content, list):  # a directory, not a file
        return None, False
    if content.encoding != "base64":  # files over 1 MB come without content
        return None, True
    return content.decoded_content, False


# -- approval and the workflow_run stage -----------------------------------------------------


def collaborator_permission(repo: Repository, login: str) -> str:
    """admin, write, read or none (GitHub folds maintain into write, triage into read)."""
    try:
        return repo.get_collaborator_permission(login)
    except GithubException as exc:
        if exc.status == 404:
            return "none"
        raise _error(f"reading {login}'s permission", exc) from exc


def approved_by_maintainer(
    repo: Repository, pr_number: int, label: str = APPROVAL_LABEL, *, current_head_only: bool = True,
    label_counts: bool = True, head_sha: str | None = None,
) -> bool:
    """True if the pull request carries `label` (and `label_counts`) or a maintainer approves it.

    Only people with triage rights or more can label, so the label is trusted; whether it was given
    on the current head commit is the caller's to say (`label_counts`, see generator/approvals.py). Reviews count
    per user, latest decision first (a later COMMENTED review does not undo an approval; a
    later CHANGES_REQUESTED or DISMISSED does), and only from users who can write to the
    repository. With `current_head_only`, an approval given before the author pushed again
    (or, with `head_sha`, given on any commit but that one, the one being judged)
    does not count: the maintainer approved other content.
    """
    with _calling(f"reading reviews of pull request #{pr_number}"):
        pr = repo.get_pull(pr_number)
        if label_counts and label in {lbl.name for lbl in pr.labels}:
            return True
        reviews = sorted(pr.get_reviews(), key=lambda r: r.id)
    latest = {}
    for review in reviews:
        if review.user is not None and review.state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[review.user.login] = review
    for login, review in latest.items():
        if review.state != "APPROVED" or (current_head_only and review.commit_id != (head_sha or pr.head.sha)):
            continue
        if collaborator_permission(repo, login) in WRITE_PERMISSIONS:
            return True
    return False


def find_pull_request_for_commit(repo: Repository, head_sha: str) -> PullRequestInfo | None:
    """The open pull request whose head is `head_sha`, for the workflow_run stage.

    The artifact of the pull-request run is written by the author and cannot name the pull
    request; the sha from the workflow_run event can. `workflow_run.pull_requests` and
    `/commits/{sha}/pulls` may both be empty for forks, so fall back to scanning open pull
    requests. Only an exact `head.sha` match counts.
    """
    if not is_sha(head_sha):
        raise ValueError(f"not a commit sha: {head_sha!r}")
    try:
        with _calling(f"listing pull requests of commit {head_sha[:12]}"):
            for pr in repo.get_commit(head_sha).get_pulls():
                if pr.state == "open" and pr.head.sha == head_sha:
                    return _info(pr)
    except GitHubError as error:
        if error.status not in (404, 422):  # GitHub answers 422 for commits it cannot place
            raise
    with _calling("listing open pull requests"):
        for pr in repo.get_pulls(state="open", sort="updated", direction="desc"):
            if pr.head.sha == head_sha:
                return _info(pr)
    return None


# -- comments and labels -----------------------------------------------------------------------


def cap_body(text: str, limit: int = BODY_LIMIT) -> str:
    """`text` cut to `limit` characters with a visible notice, and an open code fence closed."""
    if len(text) <= limit:
        return text
    kept = text[: limit - len(TRUNCATION_NOTICE) - 4]
    if kept.count("```") % 2:
        kept += "\n```"
    return kept + TRUNCATION_NOTICE


STATUS_CONTEXT = "microboard/review"


def set_commit_status(repo: Repository, sha: str, ok: bool, description: str, *,
                      context: str = STATUS_CONTEXT, target_url: str | None = None) -> None:
    """A commit status on the pull request's head: branch protection can require it, so a pull request
    the bot has not cleared (errors, someone else's posting, files outside projects/) cannot be merged
    until it is fixed or a maintainer approves it and the report runs again."""
    if not is_sha(sha):
        raise GitHubError(f"not a commit sha: {sha!r}")
    extra = {"target_url": target_url} if target_url else {}
    with _calling(f"setting the status of {sha[:12]}"):
        repo.get_commit(sha).create_status(state="success" if ok else "failure",
                                           description=description[:140], context=context, **extra)


def upsert_comment(repo: Repository, number: int, marker: str, body: str, *, author: str | None = None) -> int:
    """Post or edit Microboard's one comment on an issue or pull request; returns its id.

    The comment is found by `marker` (a hidden HTML comment) at the start of its body. Only
    comments by `author`, or by any bot account when no author is given, qualify: a stranger
    can paste the marker into their own comment, and the report must not be written into it.
    An unchanged comment is not edited again (no notification, no edit history).
    """
    if not re.fullmatch(r"<!--[^\n]*?-->", marker) or "--" in marker[4:-3]:
        raise ValueError(f"the marker must be one HTML comment, like {REPORT_MARKER!r}")
    text = cap_body(body if body.startswith(marker) else f"{marker}\n{body}")
    with _calling(f"writing the comment on #{number}"):
        issue = repo.get_issue(number)
        for comment in issue.get_comments():
            if (comment.body or "").startswith(marker) and _is_ours(comment.user, author):
                if comment.body != text:
                    comment.edit(text)
                return comment.id
        return issue.create_comment(text).id


def _is_ours(user: NamedUser | None, author: str | None) -> bool:
    if user is None:  # a deleted account
        return False
    return user.login == author if author else user.type == "Bot"


def comment_on_issue(repo: Repository, number: int, body: str) -> int:
    """A new comment (for example what to fix in an issue form); returns its id."""
    with _calling(f"commenting on #{number}"):
        return repo.get_issue(number).create_comment(cap_body(body)).id


def set_labels(
    repo: Repository,
    number: int,
    wanted: set[str],
    managed: set[str],
    styles: Mapping[str, tuple[str, str]] | None = None,
) -> tuple[set[str], set[str]]:
    """Make the `managed` labels on an issue or pull request exactly `wanted`; returns (added, removed).

    Labels outside `managed` are never touched, so maintainers' own labels stay. Labels are
    added and removed one by one rather than replaced as a set, which would undo a label a
    maintainer adds at the same moment. Missing repository labels are created with a colour
    and description from `styles` (name -> (colour, description)).
    """
    if not wanted <= managed:
        raise ValueError(f"labels not managed by Microboard: {sorted(wanted - managed)}")
    with _calling(f"reading the labels of #{number}"):
        issue = repo.get_issue(number)
        current = {label.name for label in issue.labels}
    add, remove = wanted - current, (current & managed) - wanted
    for name in sorted(add):
        _ensure_label(repo, name, (styles or {}).get(name))
    with _calling(f"setting the labels of #{number}"):
        if add:
            issue.add_to_labels(*sorted(add))
        for name in sorted(remove):
            try:
                issue.remove_from_labels(name)
            except GithubException as exc:
                if exc.status != 404:  # already gone is fine
                    raise
    return add, remove


def _ensure_label(repo: Repository, name: str, style: tuple[str, str] | None) -> None:
    color, description = style or (DEFAULT_LABEL_COLOR, DEFAULT_LABEL_DESCRIPTION)
    with _calling(f"creating the label {name!r}"):
        try:
            repo.get_label(name)
        except GithubException as exc:
            if exc.status != 404:
                raise
            try:
                repo.create_label(name, color, description)
            except GithubException as race:
                if race.status != 422:  # created meanwhile by a parallel run
                    raise


# -- proposing changes ---------------------------------------------------------------------------


def check_posting_path(path: str, projects_dir: str = PROJECTS_DIR) -> str:
    """`path` if it is <projects_dir>/<org-slug>/<project-slug>.yaml, else ValueError."""
    parts = path.split("/") if isinstance(path, str) else []
    prefix = projects_dir.strip("/").split("/")
    ok = (len(parts) == len(prefix) + 2 and parts[:len(prefix)] == prefix and parts[-1].endswith(".yaml")
          and SLUG.fullmatch(parts[-2]) and SLUG.fullmatch(parts[-1].removesuffix(".yaml")))
    if not ok:
        raise ValueError(f"not a posting path ({projects_dir}/<organization-slug>/<project-slug>.yaml): {path!r}")
    return path


def open_or_update_pull_request(
    repo: Repository,
    branch: str,
    base: str,
    files: Mapping[str, str | None],
    title: str,
    body: str,
    commit_message: str,
    projects_dir: str = PROJECTS_DIR,
) -> tuple[int, bool]:
    """Propose `files` (path -> new text, None deletes) on `branch` as a pull request into `base`.

    Returns (pull request number, created). The branch is rebuilt on every call as one commit
    on top of the current base, so an edited issue or a new housekeeping run replaces the
    earlier proposal instead of piling commits on it. The commit is made with the Git data
    API and the branch moved once, with force: moving an open pull request's branch back onto
    the base first (a reset, then file-by-file commits) would make GitHub close it for having
    no commits, and it could not be reopened. If an open pull request from the branch exists,
    its title and body are updated; otherwise one is opened.
    """
    for path in files:
        check_posting_path(path, projects_dir)
    if not files:
        raise ValueError("no files to propose")
    if not BRANCH_NAME.fullmatch(branch) or ".." in branch or branch == base:
        raise ValueError(f"not a branch Microboard writes to: {branch!r}")
    with _calling(f"reading branch {base}"):
        base_commit = repo.get_git_commit(repo.get_git_ref(f"heads/{base}").object.sha)
    changes = []
    for path, text in sorted(files.items()):
        if text is not None:
            changes.append(InputGitTreeElement(path, "100644", "blob", content=text))
        elif _read(repo, path, base_commit.sha) != (None, False):  # deleting a missing file is an error
            changes.append(InputGitTreeElement(path, "100644", "blob", sha=None))
    with _calling(f"committing to {branch}"):
        tree = repo.create_git_tree(changes, base_tree=base_commit.tree) if changes else base_commit.tree
        if tree.sha == base_commit.tree.sha:
            raise NothingToPropose(f"nothing to propose: {base} already has these files")
        commit = repo.create_git_commit(commit_message, tree, [base_commit])
        try:
            repo.get_git_ref(f"heads/{branch}").edit(commit.sha, force=True)
        except GithubException as exc:
            if exc.status != 404:
                raise
            repo.create_git_ref(f"refs/heads/{branch}", commit.sha)
    body = cap_body(body)
    with _calling(f"opening the pull request from {branch}"):
        existing = repo.get_pulls(state="open", head=f"{repo.owner.login}:{branch}", base=base)
        for pr in existing:
            pr.edit(title=title, body=body)
            return pr.number, False
        return repo.create_pull(base=base, head=branch, title=title, body=body).number, True


# -- what the bot recorded, and the board's default branch ------------------------------------


def own_comment_body(repo: Repository, number: int, marker: str, *, author: str | None = None) -> str | None:
    """The body of Microboard's own comment that starts with `marker` (found as upsert_comment finds
    it: written by `author`, or by a bot account), None if there is none."""
    with _calling(f"reading the comments on #{number}"):
        for comment in repo.get_issue(number).get_comments():
            if (comment.body or "").startswith(marker) and _is_ours(comment.user, author):
                return comment.body
    return None


def remove_label(repo: Repository, number: int, name: str) -> bool:
    """Take `name` off an issue or pull request; False if it was not there."""
    with _calling(f"removing the label {name!r} from #{number}"):
        try:
            repo.get_issue(number).remove_from_labels(name)
        except GithubException as exc:
            if exc.status == 404:
                return False
            raise
    return True


def default_branch(repo: Repository) -> str:
    """The repository's default branch, as GitHub says (the branch the board is built from)."""
    with _calling(f"reading the default branch of {repo.full_name}"):
        return repo.default_branch


# -- upkeep: workflows, Pages, the repository's setup, the one health issue --------------------------


@dataclass(frozen=True)
class WorkflowInfo:
    """One workflow file as GitHub Actions knows it."""

    file: str  # the file name under .github/workflows/, e.g. daily.yml
    name: str
    state: str  # active, disabled_inactivity, disabled_manually, disabled_fork, deleted

    @property
    def active(self) -> bool:
        return self.state == "active"


@dataclass(frozen=True)
class PagesInfo:
    build_type: str | None  # "workflow" (GitHub Actions) or "legacy" (a branch)
    url: str | None


def list_workflows(repo: Repository) -> dict[str, WorkflowInfo]:
    """The repository's workflows by file name (needs actions: read)."""
    with _calling("listing the workflows"):
        found = [WorkflowInfo(w.path.rsplit("/", 1)[-1], w.name, w.state) for w in repo.get_workflows()]
    return {w.file: w for w in found}


def enable_workflows(repo: Repository, files: list[str]) -> dict[str, str]:
    """Enable each workflow file in `files`; returns file name -> its state before.

    Enabling an active workflow changes nothing visible but resets GitHub's 60-day inactivity clock
    for its schedule, so a quiet repository keeps its schedules. Needs actions: write. PyGithub's
    `Workflow.enable()` returns False instead of raising on a refusal, which would hide the status
    that says what is wrong, so the same request goes through the requester's checked call.
    """
    workflows = {w.path.rsplit("/", 1)[-1]: w for w in _all_workflows(repo)}
    unknown = [file for file in files if file not in workflows]
    if unknown:  # say so before changing anything
        raise GitHubError(f"GitHub lists no workflow {', '.join(unknown)} in {repo.full_name}: is it on the "
                          "default branch?", 404)
    before = {}
    for file in files:
        workflow = workflows[file]
        with _calling(f"re-enabling the workflow {file}"):
            workflow.requester.requestJsonAndCheck("PUT", f"{workflow.url}/enable")
        before[file] = workflow.state
    return before


def _all_workflows(repo: Repository) -> list:
    with _calling("listing the workflows"):
        return list(repo.get_workflows())


def pages_info(repo: Repository) -> PagesInfo | None:
    """How GitHub Pages publishes the repository, None if Pages is not set up (needs pages: read)."""
    try:
        _, data = repo.requester.requestJsonAndCheck("GET", f"{repo.url}/pages")
    except GithubException as exc:
        if exc.status == 404:
            return None
        raise _error("reading the Pages settings", exc) from exc
    return PagesInfo(data.get("build_type"), data.get("html_url"))


def label_names(repo: Repository) -> set[str]:
    with _calling("listing the labels"):
        return {label.name for label in repo.get_labels()}


def create_missing_labels(repo: Repository, styles: Mapping[str, tuple[str, str] | None]) -> list[str]:
    """Create each label of `styles` (name -> (colour, description)) that the repository lacks."""
    present = {name.casefold() for name in label_names(repo)}
    created = []
    for name, style in sorted(styles.items()):
        if name.casefold() not in present:
            _ensure_label(repo, name, style)
            created.append(name)
    return created


def actions_setting_names(repo: Repository) -> tuple[set[str], set[str]]:
    """The names of the repository's Actions variables and secrets (never values).

    GitHub shows these only to tokens with admin rights (a workflow's GITHUB_TOKEN cannot): a
    refusal raises GitHubError with status 403 (or 404), which callers explain.
    """
    with _calling("listing the Actions variables"):
        variables = {v.name for v in repo.get_variables()}
    with _calling("listing the Actions secrets"):
        secrets = {s.name for s in repo.get_secrets()}
    return variables, secrets


def workflow_token_settings(repo: Repository) -> dict:
    """GITHUB_TOKEN's defaults: {"default_workflow_permissions": "read"|"write",
    "can_approve_pull_request_reviews": bool}; admin tokens only."""
    with _calling("reading the workflow permissions"):
        _, data = repo.requester.requestJsonAndCheck("GET", f"{repo.url}/actions/permissions/workflow")
    return data


@dataclass(frozen=True)
class MarkedIssue:
    number: int
    state: str
    body: str


def find_marked_issue(repo: Repository, marker: str, label: str) -> MarkedIssue | None:
    """The newest issue carrying `label` whose body starts with `marker` and that a bot wrote.

    Anyone who can label could label a look-alike issue; only the bot's own issue counts.
    """
    with _calling(f"listing issues labelled {label!r}"):
        for issue in repo.get_issues(state="all", labels=[label], sort="created", direction="desc"):
            if issue.pull_request is None and (issue.body or "").startswith(marker) and _is_ours(issue.user, None):
                return MarkedIssue(issue.number, issue.state, issue.body or "")
    return None


def open_or_update_marked_issue(repo: Repository, marker: str, label: str, style: tuple[str, str],
                                title: str, body: str, comment: str | None = None) -> tuple[int, str]:
    """Keep one issue for `marker`: open it, or reopen and edit the last one; returns (number, what was done).

    `comment`, when given, is added as a comment: an edited body notifies nobody, a comment
    notifies everyone watching the issue. `what` is opened, reopened, updated or unchanged.
    """
    text = cap_body(body if body.startswith(marker) else f"{marker}\n{body}")
    found = find_marked_issue(repo, marker, label)
    _ensure_label(repo, label, style)
    with _calling("writing the health issue"):
        if found is None:
            return repo.create_issue(title=title, body=text, labels=[label]).number, "opened"
        issue = repo.get_issue(found.number)
        what = "reopened" if found.state == "closed" else ("updated" if found.body != text else "unchanged")
        if what != "unchanged":
            issue.edit(title=title, body=text, state="open")
        if comment:
            issue.create_comment(cap_body(comment))
        return found.number, what


def close_marked_issue(repo: Repository, marker: str, label: str, comment: str) -> int | None:
    """Close the open issue for `marker` with `comment`; returns its number, None if none was open."""
    found = find_marked_issue(repo, marker, label)
    if found is None or found.state != "open":
        return None
    with _calling(f"closing issue #{found.number}"):
        issue = repo.get_issue(found.number)
        issue.create_comment(cap_body(comment))
        issue.edit(state="closed", state_reason="completed")
    return found.number
