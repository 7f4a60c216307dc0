"""A GitHub REST API double that speaks HTTP, for testing Microboard's GitHub layer on the wire.

Why a server and not mocks: PyGithub builds URLs from the `url` fields that GitHub returns,
quotes path segments, follows `Link` headers to paginate and turns status codes into
exceptions. Only a real HTTP exchange checks all of that, so tests run the real client
against this server on 127.0.0.1.

The double keeps a tiny git object store (blobs, flat trees, commits) shared by all its
repositories, the way a fork network shares objects on GitHub: a fork's commit can be read
from the base repository by its sha. Responses follow GitHub's documented shapes, limited
to the fields that PyGithub and Microboard read. Behaviours worth knowing:

* pull requests track their head branch: pushing moves `head.sha`; force-pushing the head
  onto a commit the base already has closes the pull request, and deleting the head branch
  closes it, as GitHub does;
* `GET /commits/{sha}/pulls` lists only pull requests whose head lives in the same
  repository (the hard case for forks, so that callers need their fallback);
* errors are GitHub's JSON bodies: 404 `Not Found`, 422 `Validation Failed` with `errors`,
  409 for a stale blob sha, 401 `Bad credentials` for an unknown token;
* every request is recorded (`double.requests`) with its method, path, query, JSON body,
  Authorization header, status and the Link header sent back.

Seed state from Python (`create_repo`, `FakeRepo.commit`, `open_pull`, `add_review`, ...),
then drive it over HTTP.
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import hashlib
import itertools
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

DOCS_URL = "https://docs.github.com/rest"
DEFAULT_TOKEN = "ghs_microboard-test-token"
BOT_LOGIN = "github-actions[bot]"
MAX_BODY = 65_536  # GitHub's limit for issue, pull request and comment bodies
HEX40 = re.compile(r"[0-9a-f]{40}")


class ApiError(Exception):
    """An HTTP error with GitHub's JSON body."""

    def __init__(self, status: int, message: str, errors: list[dict] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors

    def body(self) -> dict:
        body: dict[str, Any] = {"message": self.message, "documentation_url": DOCS_URL, "status": str(self.status)}
        if self.errors:
            body["errors"] = self.errors
        return body


def invalid(resource: str, field_name: str, code: str = "invalid", message: str | None = None) -> ApiError:
    error = {"resource": resource, "field": field_name, "code": code}
    if message:
        error["message"] = message
    return ApiError(422, "Validation Failed", [error])


@dataclass
class Recorded:
    """One request as it arrived, and what the double answered."""

    method: str
    path: str  # as sent, still percent-encoded
    query: dict[str, str]
    body: Any
    authorization: str | None
    status: int = 0
    link: str | None = None
    response: Any = None  # the JSON body sent back (checked against GitHub's OpenAPI description)


@dataclass
class _Ctx:
    query: dict[str, str]
    body: Any
    login: str
    repo: "FakeRepo | None" = None
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)


_ROUTES: list[tuple[str, re.Pattern[str], Callable[..., Any]]] = []
_REPO = r"/repos/(?P<owner>[^/]+)/(?P<name>[^/]+)"


def _route(method: str, pattern: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        _ROUTES.append((method, re.compile(f"^{pattern}$"), handler))
        return handler

    return register


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: Any, name: str, resource: str) -> str:
    if not isinstance(value, str):
        raise invalid(resource, name, "missing_field" if value is None else "invalid")
    if len(value) > MAX_BODY:
        raise invalid(resource, name, "custom", f"{name} is too long (maximum is {MAX_BODY} characters)")
    return value


class FakeRepo:
    """One repository's state. Mutate it through the methods, which take the double's lock."""

    def __init__(self, double: "GitHubDouble", full_name: str, repo_id: int, default_branch: str,
                 private: bool, fork_of: "FakeRepo | None") -> None:
        self.double = double
        self.full_name = full_name
        self.owner, self.name = full_name.split("/")
        self.id = repo_id
        self.default_branch = default_branch
        self.private = private
        self.fork_of = fork_of
        self.branches: dict[str, str] = {}
        self.labels: dict[str, dict] = {}  # casefolded name -> label
        self.issues: dict[int, dict] = {}  # issues and pull requests share numbers
        self.comments: dict[int, dict] = {}
        self.reviews: dict[int, list[dict]] = {}
        self.permissions: dict[str, str] = {}  # login -> admin, maintain, write, triage, read
        self.statuses: list[dict] = []  # commit statuses, oldest first
        self.workflows: dict[str, dict] = {}  # file name -> {"id", "name", "state"}
        self.pages: dict | None = None  # GitHub Pages site, None when Pages is not set up
        self.variables: dict[str, str] = {}  # Actions variables
        self.secrets: set[str] = set()  # Actions secret names
        self.workflow_permissions = {"default_workflow_permissions": "read", "can_approve_pull_request_reviews": False}

    @property
    def url(self) -> str:
        return f"{self.double.url}/repos/{self.full_name}"

    # -- seeding -------------------------------------------------------------------------

    def commit(self, files: dict[str, str | bytes | None], branch: str | None = None,
               message: str = "Seed", author: str = "seed", start: str | None = None) -> str:
        """Commit `files` (None deletes) on `branch`, created from `start` (default branch) if new."""
        d = self.double
        with d.lock:
            branch = branch or self.default_branch
            parent = self.branches.get(branch) or self.branches.get(start or self.default_branch)
            tree = dict(d.tree_of(parent)) if parent else {}
            for path, content in files.items():
                if content is None:
                    tree.pop(path, None)
                else:
                    tree[path] = d.blob(content.encode() if isinstance(content, str) else content)
            sha = d.new_commit(d.store_tree(tree), [parent] if parent else [], message, author)
            d.move_branch(self, branch, sha)
            return sha

    def open_pull(self, head: str, base: str | None = None, title: str = "Post a project", body: str = "",
                  user: str = "employer", head_repo: "FakeRepo | None" = None, labels: tuple[str, ...] = ()) -> int:
        """Open a pull request from `head` (a branch of `head_repo`, default this repository)."""
        with self.double.lock:
            return self.double.create_pull(self, head_repo or self, head, base or self.default_branch,
                                           title, body, user, list(labels))

    def add_issue(self, title: str, body: str = "", user: str = "employer", labels: tuple[str, ...] = ()) -> int:
        with self.double.lock:
            return self.double.create_issue(self, title, body, user, list(labels))

    def add_label(self, name: str, color: str = "ededed", description: str = "") -> dict:
        with self.double.lock:
            return self.double.create_label(self, name, color, description)

    def add_comment(self, number: int, body: str, user: str) -> int:
        with self.double.lock:
            return self.double.create_comment(self, number, body, user)["id"]

    def add_review(self, number: int, user: str, state: str, commit_id: str | None = None, body: str = "") -> int:
        """Record a submitted review (APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED)."""
        with self.double.lock:
            pr = self.issues[number]
            review = {"id": next(self.double.ids), "user": user, "state": state, "body": body,
                      "commit_id": commit_id or self.double.head_sha(pr), "submitted_at": _now()}
            self.reviews.setdefault(number, []).append(review)
            return review["id"]

    def add_workflow(self, file: str, name: str, state: str = "active") -> int:
        """A workflow file GitHub Actions knows; state: active, disabled_fork, disabled_inactivity, ..."""
        with self.double.lock:
            workflow = {"id": next(self.double.ids), "name": name, "state": state, "created_at": _now()}
            self.workflows[file] = workflow
            return workflow["id"]

    def set_pages(self, build_type: str | None = "workflow", html_url: str | None = None) -> None:
        """Set Pages up (build_type "workflow" or "legacy"), or remove it with build_type None."""
        with self.double.lock:
            self.pages = None if build_type is None else {
                "build_type": build_type,
                "html_url": html_url or f"https://{self.owner.lower()}.github.io/{self.name}/"}

    # -- reading -------------------------------------------------------------------------

    def read(self, path: str, ref: str | None = None) -> str | None:
        """A file's text at a branch or sha, None if absent."""
        with self.double.lock:
            sha = self.double.resolve(self, ref or self.default_branch)
            blob = self.double.tree_of(sha).get(path) if sha else None
            return self.double.blobs[blob].decode() if blob else None

    def files(self, ref: str | None = None) -> dict[str, str]:
        with self.double.lock:
            sha = self.double.resolve(self, ref or self.default_branch)
            return {p: self.double.blobs[b].decode() for p, b in self.double.tree_of(sha).items()}

    def pull(self, number: int) -> dict:
        """The pull request as GitHub would send it."""
        with self.double.lock:
            return self.double.pull_json(self, self.issues[number])

    def pulls(self, state: str = "open") -> list[dict]:
        with self.double.lock:
            return [self.double.pull_json(self, i) for i in self.issues.values()
                    if i["pull"] and state in ("all", i["state"])]

    def issue_labels(self, number: int) -> list[str]:
        with self.double.lock:
            return [self.labels[key]["name"] for key in self.issues[number]["labels"]]

    def comments_on(self, number: int) -> list[dict]:
        with self.double.lock:
            return [dict(c) for c in self.comments.values() if c["issue"] == number]


class GitHubDouble:
    """The server and all state. Use `start()`/`stop()` or `with GitHubDouble() as double:`."""

    def __init__(self, tokens: dict[str, str] | None = None) -> None:
        self.tokens = {DEFAULT_TOKEN: BOT_LOGIN} if tokens is None else tokens
        self.lock = threading.RLock()
        self.ids = itertools.count(1000)
        self.repos: dict[str, FakeRepo] = {}
        self.blobs: dict[str, bytes] = {}
        self.trees: dict[str, dict[str, str]] = {}
        self.commits: dict[str, dict] = {}
        self.requests: list[Recorded] = []
        self._user_ids: dict[str, int] = {}
        self._server: ThreadingHTTPServer | None = None
        self.url = ""
        # GitHub's files API lists at most 3,000 files of a pull request; `changed_files` counts them all
        self.files_listed_at_most = 3000

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> "GitHubDouble":
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.double = self  # type: ignore[attr-defined]
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, args=(0.05,), name="github-double", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "GitHubDouble":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- seeding -------------------------------------------------------------------------

    def create_repo(self, full_name: str, files: dict[str, str] | None = None, default_branch: str = "main",
                    private: bool = False) -> FakeRepo:
        with self.lock:
            repo = FakeRepo(self, full_name, next(self.ids), default_branch, private, None)
            self.repos[full_name] = repo
        repo.commit(files or {"README.md": f"# {repo.name}\n"}, message="Initial commit")
        return repo

    def fork(self, source: FakeRepo, owner: str) -> FakeRepo:
        """A fork under `owner` with the source's branches (objects are shared)."""
        with self.lock:
            fork = FakeRepo(self, f"{owner}/{source.name}", next(self.ids), source.default_branch, False, source)
            fork.branches = dict(source.branches)
            self.repos[fork.full_name] = fork
            return fork

    def repo(self, full_name: str) -> FakeRepo:
        return self.repos[full_name]

    def clear_requests(self) -> None:
        with self.lock:
            self.requests.clear()

    def calls(self, method: str | None = None, path_contains: str = "") -> list[Recorded]:
        """Recorded requests, optionally filtered; paths are matched unquoted."""
        return [r for r in list(self.requests)
                if (method is None or r.method == method) and path_contains in urllib.parse.unquote(r.path)]

    # -- git objects ---------------------------------------------------------------------

    def blob(self, data: bytes) -> str:
        sha = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        self.blobs[sha] = data
        return sha

    def store_tree(self, entries: dict[str, str]) -> str:
        sha = hashlib.sha1(json.dumps(sorted(entries.items())).encode()).hexdigest()
        self.trees[sha] = dict(entries)
        return sha

    def new_commit(self, tree: str, parents: list[str], message: str, author: str) -> str:
        record = {"tree": tree, "parents": parents, "message": message, "author": author, "date": _now()}
        sha = hashlib.sha1(json.dumps([record, next(self.ids)]).encode()).hexdigest()
        self.commits[sha] = record
        return sha

    def tree_of(self, commit_sha: str | None) -> dict[str, str]:
        return self.trees[self.commits[commit_sha]["tree"]] if commit_sha else {}

    def ancestors(self, sha: str) -> list[str]:
        """`sha` and everything reachable from it, nearest first."""
        seen: list[str] = []
        todo = [sha]
        while todo:
            current = todo.pop(0)
            if current not in seen:
                seen.append(current)
                todo.extend(self.commits[current]["parents"])
        return seen

    def merge_base(self, a: str, b: str) -> str | None:
        reachable = set(self.ancestors(a))
        return next((s for s in self.ancestors(b) if s in reachable), None)

    def resolve(self, repo: FakeRepo, ref: str) -> str | None:
        for prefix in ("refs/heads/", "heads/"):
            if ref.startswith(prefix):
                ref = ref[len(prefix):]
        if ref in repo.branches:
            return repo.branches[ref]
        return ref if HEX40.fullmatch(ref) and ref in self.commits else None

    def move_branch(self, repo: FakeRepo, branch: str, sha: str | None) -> None:
        """Point (or delete, sha None) a branch, and keep pull requests from it in step."""
        if sha is None:
            repo.branches.pop(branch, None)
        else:
            repo.branches[branch] = sha
        for base_repo in self.repos.values():
            for issue in base_repo.issues.values():
                pr = issue["pull"]
                if not pr or issue["state"] != "open" or pr["head_repo"] is not repo or pr["head_ref"] != branch:
                    continue
                base_tip = base_repo.branches.get(pr["base_ref"])
                if sha is None or (base_tip and sha in self.ancestors(base_tip)):
                    issue.update(state="closed", closed_at=_now())  # deleted, or nothing left to merge
                if sha is not None:
                    pr["head_sha"], pr["base_sha"] = sha, base_tip or pr["base_sha"]

    def head_sha(self, issue: dict) -> str:
        return issue["pull"]["head_sha"]

    # -- issues, pull requests, labels, comments -------------------------------------------

    def _new_issue(self, repo: FakeRepo, title: str, body: str | None, user: str, labels: list[str]) -> dict:
        number = max(repo.issues, default=0) + 1
        issue = {"number": number, "id": next(self.ids), "title": title, "body": body, "user": user,
                 "labels": [], "state": "open", "created_at": _now(), "updated_at": _now(),
                 "closed_at": None, "pull": None}
        repo.issues[number] = issue
        self.add_labels(repo, issue, labels)
        return issue

    def create_issue(self, repo: FakeRepo, title: str, body: str | None, user: str, labels: list[str]) -> int:
        return self._new_issue(repo, title, body, user, labels)["number"]

    def create_pull(self, repo: FakeRepo, head_repo: FakeRepo, head: str, base: str, title: str,
                    body: str | None, user: str, labels: list[str]) -> int:
        if base not in repo.branches:
            raise invalid("PullRequest", "base")
        if head not in head_repo.branches:
            raise invalid("PullRequest", "head")
        for issue in repo.issues.values():
            pr = issue["pull"]
            if pr and issue["state"] == "open" and pr["head_repo"] is head_repo and pr["head_ref"] == head \
                    and pr["base_ref"] == base:
                raise invalid("PullRequest", "", "custom",
                              f"A pull request already exists for {head_repo.owner}:{head}.")
        head_sha, base_sha = head_repo.branches[head], repo.branches[base]
        if head_sha in self.ancestors(base_sha):
            raise invalid("PullRequest", "", "custom", f"No commits between {base} and {head}")
        issue = self._new_issue(repo, title, body, user, labels)
        issue["pull"] = {"id": next(self.ids), "head_repo": head_repo, "head_ref": head, "head_sha": head_sha,
                         "base_ref": base, "base_sha": base_sha, "merged": False}
        return issue["number"]

    def label_for(self, repo: FakeRepo, name: str) -> dict | None:
        return repo.labels.get(name.casefold())

    def create_label(self, repo: FakeRepo, name: str, color: str = "ededed", description: str = "") -> dict:
        if not isinstance(name, str) or not name.strip():
            raise invalid("Label", "name", "missing_field")
        if not isinstance(color, str) or not re.fullmatch(r"[0-9a-fA-F]{6}", color.lstrip("#")):
            raise invalid("Label", "color")
        if self.label_for(repo, name):
            raise invalid("Label", "name", "already_exists")
        label = {"id": next(self.ids), "name": name, "color": color.lstrip("#").lower(),
                 "description": description or None, "default": False}
        repo.labels[name.casefold()] = label
        return label

    def add_labels(self, repo: FakeRepo, issue: dict, names: list[str]) -> None:
        """Add labels to an issue, creating unknown ones as GitHub does."""
        for name in names:
            if not isinstance(name, str) or not name.strip():
                raise invalid("Label", "name")
            label = self.label_for(repo, name) or self.create_label(repo, name)
            key = label["name"].casefold()
            if key not in issue["labels"]:
                issue["labels"].append(key)

    def create_comment(self, repo: FakeRepo, number: int, body: str, user: str) -> dict:
        comment = {"id": next(self.ids), "issue": number, "body": _text(body, "body", "IssueComment"),
                   "user": user, "created_at": _now(), "updated_at": _now()}
        repo.comments[comment["id"]] = comment
        return comment

    # -- JSON shapes ---------------------------------------------------------------------

    def user_json(self, login: str) -> dict:
        """A `simple-user`, as GitHub's description has it (every field it requires)."""
        uid = self._user_ids.setdefault(login, 5000 + len(self._user_ids))
        url = f"{self.url}/users/{urllib.parse.quote(login)}"
        return {"login": login, "id": uid, "node_id": f"U_{uid}", "type": "Bot" if login.endswith("[bot]") else "User",
                "site_admin": False, "url": url, "html_url": f"https://github.com/{login}",
                "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4", "gravatar_id": "",
                "followers_url": f"{url}/followers", "following_url": f"{url}/following{{/other_user}}",
                "gists_url": f"{url}/gists{{/gist_id}}", "starred_url": f"{url}/starred{{/owner}}{{/repo}}",
                "subscriptions_url": f"{url}/subscriptions", "organizations_url": f"{url}/orgs",
                "repos_url": f"{url}/repos", "events_url": f"{url}/events{{/privacy}}",
                "received_events_url": f"{url}/received_events"}

    def repo_json(self, repo: FakeRepo) -> dict:
        """A `full-repository` (which has every field of `repository` too), as GitHub's description has it."""
        u, html = repo.url, f"https://github.com/{repo.full_name}"
        now = _now()
        data = {"id": repo.id, "node_id": f"R_{repo.id}", "name": repo.name, "full_name": repo.full_name,
                "owner": self.user_json(repo.owner), "private": repo.private,
                "visibility": "private" if repo.private else "public",
                "html_url": html,
                "description": None, "fork": repo.fork_of is not None, "url": repo.url,
                "pulls_url": f"{repo.url}/pulls{{/number}}", "default_branch": repo.default_branch}
        data.update({f"{name}_url": f"{u}/{path}" for name, path in (
            ("archive", "{archive_format}{/ref}"), ("assignees", "assignees{/user}"), ("blobs", "git/blobs{/sha}"),
            ("branches", "branches{/branch}"), ("collaborators", "collaborators{/collaborator}"),
            ("comments", "comments{/number}"), ("commits", "commits{/sha}"), ("compare", "compare/{base}...{head}"),
            ("contents", "contents/{+path}"), ("contributors", "contributors"), ("deployments", "deployments"),
            ("downloads", "downloads"), ("events", "events"), ("forks", "forks"),
            ("git_commits", "git/commits{/sha}"), ("git_refs", "git/refs{/sha}"), ("git_tags", "git/tags{/sha}"),
            ("hooks", "hooks"), ("issue_comment", "issues/comments{/number}"),
            ("issue_events", "issues/events{/number}"), ("issues", "issues{/number}"), ("keys", "keys{/key_id}"),
            ("labels", "labels{/name}"), ("languages", "languages"), ("merges", "merges"),
            ("milestones", "milestones{/number}"), ("notifications", "notifications{?since,all,participating}"),
            ("releases", "releases{/id}"), ("stargazers", "stargazers"), ("statuses", "statuses/{sha}"),
            ("subscribers", "subscribers"), ("subscription", "subscription"), ("tags", "tags"), ("teams", "teams"),
            ("trees", "git/trees{/sha}"))})
        data.update({"clone_url": f"{html}.git", "git_url": f"git://github.com/{repo.full_name}.git",
                     "ssh_url": f"git@github.com:{repo.full_name}.git", "svn_url": html, "mirror_url": None,
                     "homepage": None, "language": None, "license": None, "size": 0, "forks": 0, "forks_count": 0,
                     "stargazers_count": 0, "watchers": 0, "watchers_count": 0, "network_count": 0,
                     "subscribers_count": 0, "open_issues": 0, "open_issues_count": 0, "has_issues": True,
                     "has_projects": True, "has_wiki": True, "has_pages": False, "has_downloads": True,
                     "has_discussions": False, "archived": False, "disabled": False, "pushed_at": now,
                     "created_at": now, "updated_at": now})
        if repo.fork_of:
            data["parent"] = data["source"] = {k: v for k, v in self.repo_json(repo.fork_of).items()
                                               if k not in ("parent", "source")}
        return data

    def association(self, repo: FakeRepo, login: str) -> str:
        if login == repo.owner:
            return "OWNER"
        return "COLLABORATOR" if repo.permissions.get(login, "none") != "none" else "NONE"

    def label_json(self, repo: FakeRepo, label: dict) -> dict:
        return {"id": label["id"], "node_id": f"LA_{label['id']}",
                "url": f"{repo.url}/labels/{urllib.parse.quote(label['name'], safe='')}",
                "name": label["name"], "color": label["color"], "default": label["default"],
                "description": label["description"]}

    def _issue_labels(self, repo: FakeRepo, issue: dict) -> list[dict]:
        return [self.label_json(repo, repo.labels[key]) for key in issue["labels"]]

    def issue_json(self, repo: FakeRepo, issue: dict) -> dict:
        n = issue["number"]
        url = f"{repo.url}/issues/{n}"
        data = {"id": issue["id"], "node_id": f"I_{issue['id']}", "url": url, "repository_url": repo.url,
                "labels_url": f"{url}/labels{{/name}}", "comments_url": f"{url}/comments",
                "events_url": f"{url}/events", "html_url": f"https://github.com/{repo.full_name}/issues/{n}",
                "number": n, "state": issue["state"], "state_reason": None, "title": issue["title"],
                "body": issue["body"], "user": self.user_json(issue["user"]),
                "labels": self._issue_labels(repo, issue), "assignee": None, "assignees": [],
                "milestone": None, "locked": False,
                "comments": sum(1 for c in repo.comments.values() if c["issue"] == n),
                "created_at": issue["created_at"], "updated_at": issue["updated_at"],
                "closed_at": issue["closed_at"], "author_association": self.association(repo, issue["user"])}
        if issue["pull"]:
            pulls = f"https://github.com/{repo.full_name}/pull/{n}"
            data["pull_request"] = {"url": f"{repo.url}/pulls/{n}", "html_url": pulls,
                                    "diff_url": f"{pulls}.diff", "patch_url": f"{pulls}.patch", "merged_at": None}
        return data

    def _part(self, repo: FakeRepo, ref: str, sha: str) -> dict:
        return {"label": f"{repo.owner}:{ref}", "ref": ref, "sha": sha,
                "user": self.user_json(repo.owner), "repo": self.repo_json(repo)}

    def pull_json(self, repo: FakeRepo, issue: dict) -> dict:
        pr, n = issue["pull"], issue["number"]
        url, html = f"{repo.url}/pulls/{n}", f"https://github.com/{repo.full_name}/pull/{n}"
        files = self.pull_files(repo, issue)
        links = {"self": url, "html": html, "issue": f"{repo.url}/issues/{n}",
                 "comments": f"{repo.url}/issues/{n}/comments", "review_comments": f"{url}/comments",
                 "review_comment": f"{repo.url}/pulls/comments{{/number}}", "commits": f"{url}/commits",
                 "statuses": f"{repo.url}/statuses/{pr['head_sha']}"}
        return {"url": url, "id": pr["id"], "node_id": f"PR_{pr['id']}", "html_url": html,
                "diff_url": f"{html}.diff", "patch_url": f"{html}.patch", "issue_url": f"{repo.url}/issues/{n}",
                "commits_url": f"{url}/commits", "review_comments_url": f"{url}/comments",
                "review_comment_url": f"{repo.url}/pulls/comments{{/number}}",
                "_links": {name: {"href": href} for name, href in links.items()},
                "comments_url": f"{repo.url}/issues/{n}/comments",
                "statuses_url": f"{repo.url}/statuses/{pr['head_sha']}",
                "number": n, "state": issue["state"], "locked": False, "title": issue["title"],
                "user": self.user_json(issue["user"]), "body": issue["body"],
                "labels": self._issue_labels(repo, issue), "milestone": None, "active_lock_reason": None,
                "created_at": issue["created_at"], "updated_at": issue["updated_at"],
                "closed_at": issue["closed_at"], "merged_at": None, "merge_commit_sha": None,
                "assignee": None, "assignees": [], "requested_reviewers": [], "requested_teams": [],
                "draft": False, "head": self._part(pr["head_repo"], pr["head_ref"], pr["head_sha"]),
                "base": self._part(repo, pr["base_ref"], pr["base_sha"]),
                "author_association": self.association(repo, issue["user"]), "auto_merge": None,
                "merged": pr["merged"], "mergeable": True, "mergeable_state": "clean", "merged_by": None,
                "comments": sum(1 for c in repo.comments.values() if c["issue"] == n),
                "review_comments": 0, "maintainer_can_modify": False, "commits": 1,
                "additions": sum(f["additions"] for f in files), "deletions": sum(f["deletions"] for f in files),
                "changed_files": len(files)}

    def comment_json(self, repo: FakeRepo, comment: dict) -> dict:
        cid, n = comment["id"], comment["issue"]
        return {"id": cid, "node_id": f"IC_{cid}", "url": f"{repo.url}/issues/comments/{cid}",
                "html_url": f"https://github.com/{repo.full_name}/issues/{n}#issuecomment-{cid}",
                "issue_url": f"{repo.url}/issues/{n}", "body": comment["body"],
                "user": self.user_json(comment["user"]), "created_at": comment["created_at"],
                "updated_at": comment["updated_at"], "author_association": self.association(repo, comment["user"])}

    def ref_json(self, repo: FakeRepo, branch: str) -> dict:
        sha = repo.branches[branch]
        return {"ref": f"refs/heads/{branch}", "node_id": f"REF_{branch}",
                "url": f"{repo.url}/git/refs/heads/{urllib.parse.quote(branch)}",
                "object": {"type": "commit", "sha": sha, "url": f"{repo.url}/git/commits/{sha}"}}

    def git_commit_json(self, repo: FakeRepo, sha: str) -> dict:
        c = self.commits[sha]
        person = {"name": c["author"], "email": f"{c['author']}@users.noreply.github.com", "date": c["date"]}
        return {"sha": sha, "node_id": f"C_{sha[:12]}", "url": f"{repo.url}/git/commits/{sha}",
                "html_url": f"https://github.com/{repo.full_name}/commit/{sha}", "author": person,
                "committer": person, "message": c["message"],
                "tree": {"sha": c["tree"], "url": f"{repo.url}/git/trees/{c['tree']}"},
                "parents": [{"sha": p, "url": f"{repo.url}/git/commits/{p}",
                             "html_url": f"https://github.com/{repo.full_name}/commit/{p}"} for p in c["parents"]],
                "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None,
                                 "verified_at": None}}

    def content_json(self, repo: FakeRepo, path: str, blob: str, ref: str, with_content: bool = True) -> dict:
        data = self.blobs[blob]
        url = f"{repo.url}/contents/{urllib.parse.quote(path)}?ref={urllib.parse.quote(ref, safe='')}"
        html = f"https://github.com/{repo.full_name}/blob/{ref}/{path}"
        out = {"type": "file", "size": len(data), "name": path.rsplit("/", 1)[-1], "path": path, "sha": blob,
               "url": url, "git_url": f"{repo.url}/git/blobs/{blob}", "html_url": html,
               "download_url": f"https://raw.githubusercontent.com/{repo.full_name}/{ref}/{path}",
               "_links": {"self": url, "git": f"{repo.url}/git/blobs/{blob}", "html": html}}
        if with_content:  # GitHub wraps base64 at 60 characters
            encoded = base64.b64encode(data).decode()
            lines = [encoded[i:i + 60] for i in range(0, len(encoded), 60)]
            out.update(encoding="base64", content="\n".join(lines) + "\n")
        return out

    def diff(self, repo: FakeRepo, old: dict[str, str], new: dict[str, str]) -> list[dict]:
        """GitHub's file entries between two trees; identical content under a new path is a rename."""
        gone = {p: b for p, b in old.items() if p not in new}
        renamed: dict[str, str] = {}  # new path -> previous path
        for path in sorted(p for p in new if p not in old):
            source = next((p for p, b in gone.items() if b == new[path] and p not in renamed.values()), None)
            if source:
                renamed[path] = source
        files = []
        for path in sorted(set(old) | set(new)):
            before = old[renamed[path]] if path in renamed else old.get(path)
            after = new.get(path)
            if path in renamed.values() or (before == after and path not in renamed):
                continue
            status = ("renamed" if path in renamed else "added" if before is None
                      else "removed" if after is None else "modified")
            lines_old = self.blobs[before].decode(errors="replace").splitlines() if before else []
            lines_new = self.blobs[after].decode(errors="replace").splitlines() if after else []
            patch = list(difflib.unified_diff(lines_old, lines_new, lineterm=""))[2:]
            adds = sum(1 for line in patch if line.startswith("+"))
            dels = sum(1 for line in patch if line.startswith("-"))
            blob, quoted = after or before, urllib.parse.quote(path)
            entry = {"sha": blob, "filename": path, "status": status, "additions": adds, "deletions": dels,
                     "changes": adds + dels, "blob_url": f"https://github.com/{repo.full_name}/blob/{blob}/{quoted}",
                     "raw_url": f"https://github.com/{repo.full_name}/raw/{blob}/{quoted}",
                     "contents_url": f"{repo.url}/contents/{quoted}", "patch": "\n".join(patch)}
            if path in renamed:
                entry["previous_filename"] = renamed[path]
            files.append(entry)
        return files

    def pull_files(self, repo: FakeRepo, issue: dict) -> list[dict]:
        pr = issue["pull"]
        base_tip = repo.branches.get(pr["base_ref"], pr["base_sha"])
        base = self.merge_base(base_tip, pr["head_sha"]) or pr["base_sha"]
        return self.diff(repo, self.tree_of(base), self.tree_of(pr["head_sha"]))

    # -- HTTP ----------------------------------------------------------------------------

    def handle(self, method: str, path: str, raw_query: str, raw_body: bytes,
               authorization: str | None) -> tuple[int, dict[str, str], Any]:
        query = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
        try:
            body = json.loads(raw_body) if raw_body.strip() else None
        except ValueError:
            body = raw_body.decode(errors="replace")
        with self.lock:
            record = Recorded(method, path, query, body, authorization)
            self.requests.append(record)
            ctx = _Ctx(query=query, body=body, login="", path=path)
            try:
                if isinstance(body, str):
                    raise ApiError(400, "Problems parsing JSON")
                ctx.login = self._authenticate(authorization)
                status, payload = self._dispatch(method, path, ctx)
            except ApiError as error:
                status, payload = error.status, error.body()
            record.status, record.link, record.response = status, ctx.headers.get("Link"), payload
            return status, ctx.headers, payload

    def _authenticate(self, authorization: str | None) -> str:
        if not self.tokens:
            return BOT_LOGIN
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() not in ("token", "bearer") or token not in self.tokens:
            raise ApiError(401, "Bad credentials")
        return self.tokens[token]

    def _dispatch(self, method: str, path: str, ctx: _Ctx) -> tuple[int, Any]:
        for verb, pattern, handler in _ROUTES:
            match = pattern.match(path) if verb == method else None
            if not match:
                continue
            args = {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
            if "owner" in args:
                ctx.repo = self.repos.get(f"{args.pop('owner')}/{args.pop('name')}")
                if ctx.repo is None:
                    raise ApiError(404, "Not Found")
            return handler(self, ctx, **args)
        raise ApiError(404, "Not Found")

    def paged(self, ctx: _Ctx, items: list[Any]) -> tuple[int, list[Any]]:
        """Honour per_page (default 30, at most 100) and page; add a Link header like GitHub's."""
        try:
            per_page = min(max(int(ctx.query.get("per_page", 30)), 1), 100)
            page = max(int(ctx.query.get("page", 1)), 1)
        except ValueError:
            raise ApiError(422, "Validation Failed") from None
        last = max((len(items) + per_page - 1) // per_page, 1)

        def link(number: int, rel: str) -> str:
            params = urllib.parse.urlencode({**ctx.query, "page": number})
            return f'<{self.url}{ctx.path}?{params}>; rel="{rel}"'

        rels = []
        if page < last:
            rels += [link(page + 1, "next"), link(last, "last")]
        if page > 1:
            rels += [link(1, "first"), link(page - 1, "prev")]
        if rels:
            ctx.headers["Link"] = ", ".join(rels)
        return 200, items[(page - 1) * per_page: page * per_page]

    def _issue(self, ctx: _Ctx, number: str, pull: bool = False) -> dict:
        issue = ctx.repo.issues.get(int(number))  # type: ignore[union-attr]
        if issue is None or (pull and not issue["pull"]):
            raise ApiError(404, "Not Found")
        return issue

    # -- routes: repository, refs, git objects ---------------------------------------------

    @_route("GET", "/user")
    def _get_user(self, ctx: _Ctx) -> tuple[int, Any]:
        return 200, self.user_json(ctx.login)

    @_route("GET", _REPO)
    def _get_repo(self, ctx: _Ctx) -> tuple[int, Any]:
        return 200, self.repo_json(ctx.repo)

    @_route("GET", _REPO + r"/branches/(?P<branch>.+)")
    def _get_branch(self, ctx: _Ctx, branch: str) -> tuple[int, Any]:
        repo = ctx.repo
        if branch not in repo.branches:
            raise ApiError(404, "Branch not found")
        sha = repo.branches[branch]
        return 200, {"name": branch, "protected": False,
                     "commit": {"sha": sha, "url": f"{repo.url}/commits/{sha}"}}

    @_route("GET", _REPO + r"/git/refs?/heads/(?P<branch>.+)")
    def _get_ref(self, ctx: _Ctx, branch: str) -> tuple[int, Any]:
        if branch not in ctx.repo.branches:
            raise ApiError(404, "Not Found")
        return 200, self.ref_json(ctx.repo, branch)

    @_route("GET", _REPO + r"/git/refs")
    def _list_refs(self, ctx: _Ctx) -> tuple[int, Any]:
        return self.paged(ctx, [self.ref_json(ctx.repo, b) for b in sorted(ctx.repo.branches)])

    @_route("POST", _REPO + r"/git/refs")
    def _create_ref(self, ctx: _Ctx) -> tuple[int, Any]:
        body = ctx.body if isinstance(ctx.body, dict) else {}
        ref, sha = body.get("ref"), body.get("sha")
        if not isinstance(ref, str) or not ref.startswith("refs/heads/") or len(ref) <= len("refs/heads/"):
            raise ApiError(422, "Reference name is invalid" if ref else "Invalid request.\n\n\"ref\" wasn't supplied.")
        if not isinstance(sha, str) or sha not in self.commits:
            raise ApiError(422, "Object does not exist")
        branch = ref[len("refs/heads/"):]
        if branch in ctx.repo.branches:
            raise ApiError(422, "Reference already exists")
        self.move_branch(ctx.repo, branch, sha)
        return 201, self.ref_json(ctx.repo, branch)

    @_route("PATCH", _REPO + r"/git/refs/heads/(?P<branch>.+)")
    def _update_ref(self, ctx: _Ctx, branch: str) -> tuple[int, Any]:
        body = ctx.body if isinstance(ctx.body, dict) else {}
        sha = body.get("sha")
        if branch not in ctx.repo.branches:
            raise ApiError(422, "Reference does not exist")
        if not isinstance(sha, str) or sha not in self.commits:
            raise ApiError(422, "Object does not exist")
        if not body.get("force") and ctx.repo.branches[branch] not in self.ancestors(sha):
            raise ApiError(422, "Update is not a fast forward")
        self.move_branch(ctx.repo, branch, sha)
        return 200, self.ref_json(ctx.repo, branch)

    @_route("DELETE", _REPO + r"/git/refs/heads/(?P<branch>.+)")
    def _delete_ref(self, ctx: _Ctx, branch: str) -> tuple[int, Any]:
        if branch not in ctx.repo.branches:
            raise ApiError(422, "Reference does not exist")
        self.move_branch(ctx.repo, branch, None)
        return 204, None

    @_route("GET", _REPO + r"/git/commits/(?P<sha>[0-9a-f]{40})")
    def _get_git_commit(self, ctx: _Ctx, sha: str) -> tuple[int, Any]:
        if sha not in self.commits:
            raise ApiError(404, "Not Found")
        return 200, self.git_commit_json(ctx.repo, sha)

    @_route("POST", _REPO + r"/git/blobs")
    def _create_blob(self, ctx: _Ctx) -> tuple[int, Any]:
        body = ctx.body if isinstance(ctx.body, dict) else {}
        content = body.get("content")
        if not isinstance(content, str):
            raise invalid("Blob", "content", "missing_field")
        data = base64.b64decode(content) if body.get("encoding") == "base64" else content.encode()
        sha = self.blob(data)
        return 201, {"sha": sha, "url": f"{ctx.repo.url}/git/blobs/{sha}"}

    @_route("POST", _REPO + r"/git/trees")
    def _create_tree(self, ctx: _Ctx) -> tuple[int, Any]:
        """Flat trees: entries are full paths; `sha: null` deletes a path of `base_tree`."""
        body = ctx.body if isinstance(ctx.body, dict) else {}
        entries, base = body.get("tree"), body.get("base_tree")
        if not isinstance(entries, list):
            raise invalid("Tree", "tree", "missing_field")
        if base is not None and base not in self.trees:
            raise ApiError(422, "base_tree is not a valid tree oid")
        tree = dict(self.trees[base]) if base else {}
        for entry in entries:
            path = entry.get("path") if isinstance(entry, dict) else None
            parts = path.split("/") if isinstance(path, str) else [""]
            if any(part in ("", ".", "..", ".git") for part in parts):
                raise ApiError(422, f"tree.path contains a malformed path component: {path!r}")
            if "content" in entry and "sha" in entry:
                raise ApiError(422, "Must supply either tree.sha or tree.content. "
                                    "Request will be rejected if both are present.")
            if "content" in entry:
                tree[path] = self.blob(str(entry["content"]).encode())
            elif entry.get("sha") is None:
                if path not in tree:
                    raise ApiError(422, f"GitRPC::BadObjectState: {path} does not exist in the base tree")
                del tree[path]
            elif entry["sha"] in self.blobs:
                tree[path] = entry["sha"]
            else:
                raise ApiError(422, "tree.sha is not a valid blob")
        sha = self.store_tree(tree)
        items = [{"path": p, "mode": "100644", "type": "blob", "sha": b, "size": len(self.blobs[b]),
                  "url": f"{ctx.repo.url}/git/blobs/{b}"} for p, b in sorted(tree.items())]
        return 201, {"sha": sha, "url": f"{ctx.repo.url}/git/trees/{sha}", "tree": items, "truncated": False}

    @_route("POST", _REPO + r"/git/commits")
    def _create_git_commit(self, ctx: _Ctx) -> tuple[int, Any]:
        body = ctx.body if isinstance(ctx.body, dict) else {}
        message, tree, parents = body.get("message"), body.get("tree"), body.get("parents", [])
        if not isinstance(message, str):
            raise invalid("Commit", "message", "missing_field")
        if tree not in self.trees:
            raise ApiError(422, "Tree SHA does not exist")
        if not isinstance(parents, list) or any(p not in self.commits for p in parents):
            raise ApiError(422, "Parent SHA does not exist or is not a commit object")
        sha = self.new_commit(tree, parents, message, ctx.login)
        return 201, self.git_commit_json(ctx.repo, sha)

    @_route("GET", _REPO + r"/commits/(?P<sha>[0-9a-f]{40})/pulls")
    def _commit_pulls(self, ctx: _Ctx, sha: str) -> tuple[int, Any]:
        repo = ctx.repo
        if sha not in self.commits:
            raise ApiError(422, f"No commit found for SHA: {sha}")
        found = [self.pull_json(repo, i) for i in repo.issues.values()
                 if i["pull"] and i["pull"]["head_repo"] is repo and sha in self.ancestors(i["pull"]["head_sha"])]
        return self.paged(ctx, found)

    @_route("GET", _REPO + r"/commits/(?P<ref>[^/]+)")
    def _get_commit(self, ctx: _Ctx, ref: str) -> tuple[int, Any]:
        repo, sha = ctx.repo, self.resolve(ctx.repo, ref)
        if sha is None:
            raise ApiError(422, f"No commit found for SHA: {ref}")
        git = self.git_commit_json(repo, sha)
        parents = self.commits[sha]["parents"]
        files = self.diff(repo, self.tree_of(parents[0] if parents else None), self.tree_of(sha))
        return 200, {"sha": sha, "node_id": git["node_id"], "url": f"{repo.url}/commits/{sha}",
                     "html_url": git["html_url"], "comments_url": f"{repo.url}/commits/{sha}/comments",
                     "commit": {k: git[k] for k in ("author", "committer", "message", "tree", "verification")}
                     | {"url": git["url"], "comment_count": 0},
                     "author": self.user_json(self.commits[sha]["author"]),
                     "committer": self.user_json(self.commits[sha]["author"]),
                     "parents": [{"sha": p, "url": f"{repo.url}/commits/{p}"} for p in parents],
                     "stats": {"additions": sum(f["additions"] for f in files),
                               "deletions": sum(f["deletions"] for f in files),
                               "total": sum(f["changes"] for f in files)},
                     "files": files}

    @_route("POST", _REPO + r"/statuses/(?P<sha>[0-9a-f]{40})")
    def _post_status(self, ctx: _Ctx, sha: str) -> tuple[int, Any]:
        """Create a commit status (POST /repos/{owner}/{repo}/statuses/{sha})."""
        repo, body = ctx.repo, ctx.body or {}
        if sha not in self.commits:
            raise ApiError(422, f"No commit found for SHA: {sha}")
        state = body.get("state")
        if state not in ("error", "failure", "pending", "success"):
            raise ApiError(422, "Validation Failed")
        status = {"id": len(repo.statuses) + 1, "node_id": f"SC_{len(repo.statuses) + 1}",
                  "url": f"{repo.url}/statuses/{sha}", "state": state,
                  "description": body.get("description"), "target_url": body.get("target_url"),
                  "context": body.get("context") or "default", "sha": sha, "avatar_url": None,
                  "created_at": _now(), "updated_at": _now(), "creator": self.user_json(ctx.login or "github-actions[bot]")}
        repo.statuses.append(status)
        return 201, {k: v for k, v in status.items() if k != "sha"}

    # -- routes: contents ----------------------------------------------------------------

    @_route("GET", _REPO + r"/contents/?(?P<path>.*)")
    def _get_contents(self, ctx: _Ctx, path: str) -> tuple[int, Any]:
        repo = ctx.repo
        ref = ctx.query.get("ref") or repo.default_branch
        sha = self.resolve(repo, ref)
        if sha is None:
            raise ApiError(404, f"No commit found for the ref {ref}")
        tree = self.tree_of(sha)
        path = path.strip("/")
        if path in tree:
            return 200, self.content_json(repo, path, tree[path], ref)
        prefix = f"{path}/" if path else ""
        children = sorted({p[len(prefix):].split("/")[0] for p in tree if p.startswith(prefix)})
        if not children:
            raise ApiError(404, "Not Found")
        listing = []
        for child in children:
            full = prefix + child
            if full in tree:
                listing.append(self.content_json(repo, full, tree[full], ref, with_content=False))
            else:
                listing.append({"type": "dir", "name": child, "path": full, "size": 0, "sha": None,
                                "url": f"{repo.url}/contents/{urllib.parse.quote(full)}?ref={ref}"})
        return 200, listing

    def _write_target(self, ctx: _Ctx, path: str) -> tuple[dict, str, str, dict[str, str]]:
        body = ctx.body if isinstance(ctx.body, dict) else {}
        if not isinstance(body.get("message"), str):
            raise ApiError(422, "Invalid request.\n\n\"message\" wasn't supplied.")
        branch = body.get("branch") or ctx.repo.default_branch
        if branch not in ctx.repo.branches:
            raise ApiError(404, f"Branch {branch} not found")
        tip = ctx.repo.branches[branch]
        return body, branch, tip, dict(self.tree_of(tip))

    def _content_commit(self, ctx: _Ctx, branch: str, tip: str, tree: dict[str, str], message: str) -> str:
        sha = self.new_commit(self.store_tree(tree), [tip], message, ctx.login)
        self.move_branch(ctx.repo, branch, sha)
        return sha

    @_route("PUT", _REPO + r"/contents/(?P<path>.+)")
    def _put_contents(self, ctx: _Ctx, path: str) -> tuple[int, Any]:
        body, branch, tip, tree = self._write_target(ctx, path)
        if not isinstance(body.get("content"), str):
            raise ApiError(422, "Invalid request.\n\n\"content\" wasn't supplied.")
        if path in tree and body.get("sha") is None:
            raise ApiError(422, "Invalid request.\n\n\"sha\" wasn't supplied.")
        if path in tree and body["sha"] != tree[path]:
            raise ApiError(409, f"{path} does not match {body['sha']}")
        existed = path in tree
        tree[path] = self.blob(base64.b64decode(body["content"]))
        sha = self._content_commit(ctx, branch, tip, tree, body["message"])
        return (200 if existed else 201), {"content": self.content_json(ctx.repo, path, tree[path], branch, False),
                                           "commit": self.git_commit_json(ctx.repo, sha)}

    @_route("DELETE", _REPO + r"/contents/(?P<path>.+)")
    def _delete_contents(self, ctx: _Ctx, path: str) -> tuple[int, Any]:
        body, branch, tip, tree = self._write_target(ctx, path)
        if path not in tree:
            raise ApiError(404, "Not Found")
        if body.get("sha") is None:
            raise ApiError(422, "Invalid request.\n\n\"sha\" wasn't supplied.")
        if body["sha"] != tree[path]:
            raise ApiError(409, f"{path} does not match {body['sha']}")
        del tree[path]
        sha = self._content_commit(ctx, branch, tip, tree, body["message"])
        return 200, {"content": None, "commit": self.git_commit_json(ctx.repo, sha)}

    # -- routes: pull requests -----------------------------------------------------------

    @_route("GET", _REPO + r"/pulls")
    def _list_pulls(self, ctx: _Ctx) -> tuple[int, Any]:
        repo, q = ctx.repo, ctx.query
        state = q.get("state", "open")
        found = []
        for issue in sorted(repo.issues.values(), key=lambda i: i["number"], reverse=q.get("direction") != "asc"):
            pr = issue["pull"]
            if not pr or state not in ("all", issue["state"]):
                continue
            if "base" in q and pr["base_ref"] != q["base"]:
                continue
            if "head" in q:
                owner, _, branch = q["head"].partition(":")
                if (pr["head_repo"].owner, pr["head_ref"]) != (owner, branch):
                    continue
            found.append(self.pull_json(repo, issue))
        return self.paged(ctx, found)

    @_route("POST", _REPO + r"/pulls")
    def _create_pull(self, ctx: _Ctx) -> tuple[int, Any]:
        repo = ctx.repo
        body = ctx.body if isinstance(ctx.body, dict) else {}
        head, base = body.get("head"), body.get("base")
        if not isinstance(head, str) or not isinstance(base, str):
            raise invalid("PullRequest", "head" if not isinstance(head, str) else "base", "missing_field")
        title = _text(body.get("title"), "title", "PullRequest")
        owner, _, branch = head.rpartition(":")
        head_repo = repo
        if owner and owner != repo.owner:
            head_repo = next((r for r in self.repos.values() if r.owner == owner and r.fork_of is repo), None)
            if head_repo is None:
                raise invalid("PullRequest", "head")
        text = body.get("body")
        number = self.create_pull(repo, head_repo, branch, base, title,
                                  None if text is None else _text(text, "body", "PullRequest"), ctx.login, [])
        return 201, self.pull_json(repo, repo.issues[number])

    @_route("GET", _REPO + r"/pulls/(?P<number>\d+)")
    def _get_pull(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        return 200, self.pull_json(ctx.repo, self._issue(ctx, number, pull=True))

    @_route("PATCH", _REPO + r"/pulls/(?P<number>\d+)")
    def _edit_pull(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        issue = self._issue(ctx, number, pull=True)
        self._edit(issue, ctx.body, "PullRequest")
        return 200, self.pull_json(ctx.repo, issue)

    def _edit(self, issue: dict, body: Any, resource: str) -> None:
        body = body if isinstance(body, dict) else {}
        if "title" in body:
            issue["title"] = _text(body["title"], "title", resource)
        if "body" in body:
            issue["body"] = None if body["body"] is None else _text(body["body"], "body", resource)
        if "state" in body:
            if body["state"] not in ("open", "closed"):
                raise invalid(resource, "state")
            issue.update(state=body["state"], closed_at=_now() if body["state"] == "closed" else None)
        issue["updated_at"] = _now()

    @_route("GET", _REPO + r"/pulls/(?P<number>\d+)/files")
    def _pull_files(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        listed = self.pull_files(ctx.repo, self._issue(ctx, number, pull=True))[:self.files_listed_at_most]
        return self.paged(ctx, listed)

    @_route("GET", _REPO + r"/pulls/(?P<number>\d+)/reviews")
    def _pull_reviews(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        repo, n = ctx.repo, int(number)
        self._issue(ctx, number, pull=True)
        reviews = [{"id": r["id"], "node_id": f"PRR_{r['id']}", "user": self.user_json(r["user"]),
                    "body": r["body"], "state": r["state"], "commit_id": r["commit_id"],
                    "html_url": f"https://github.com/{repo.full_name}/pull/{n}#pullrequestreview-{r['id']}",
                    "pull_request_url": f"{repo.url}/pulls/{n}", "submitted_at": r["submitted_at"],
                    "_links": {"html": {"href": f"https://github.com/{repo.full_name}/pull/{n}#pullrequestreview-{r['id']}"},
                               "pull_request": {"href": f"{repo.url}/pulls/{n}"}},
                    "author_association": self.association(repo, r["user"])} for r in repo.reviews.get(n, [])]
        return self.paged(ctx, reviews)

    # -- routes: issues, comments, labels ------------------------------------------------

    @_route("GET", _REPO + r"/issues")
    def _list_issues(self, ctx: _Ctx) -> tuple[int, Any]:
        repo, q = ctx.repo, ctx.query
        state = q.get("state", "open")
        wanted = {name.strip().casefold() for name in q.get("labels", "").split(",") if name.strip()}
        found = [self.issue_json(repo, i) for i in sorted(repo.issues.values(), key=lambda i: -i["number"])
                 if state in ("all", i["state"]) and wanted <= set(i["labels"])]
        return self.paged(ctx, found)

    @_route("POST", _REPO + r"/issues")
    def _create_issue(self, ctx: _Ctx) -> tuple[int, Any]:
        body = ctx.body if isinstance(ctx.body, dict) else {}
        text = body.get("body")
        number = self.create_issue(ctx.repo, _text(body.get("title"), "title", "Issue"),
                                   None if text is None else _text(text, "body", "Issue"),
                                   ctx.login, list(body.get("labels") or []))
        return 201, self.issue_json(ctx.repo, ctx.repo.issues[number])

    @_route("GET", _REPO + r"/issues/(?P<number>\d+)")
    def _get_issue(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        return 200, self.issue_json(ctx.repo, self._issue(ctx, number))

    @_route("PATCH", _REPO + r"/issues/(?P<number>\d+)")
    def _edit_issue(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        issue = self._issue(ctx, number)
        self._edit(issue, ctx.body, "Issue")
        if isinstance(ctx.body, dict) and "labels" in ctx.body:
            issue["labels"] = []
            self.add_labels(ctx.repo, issue, list(ctx.body["labels"] or []))
        return 200, self.issue_json(ctx.repo, issue)

    @_route("GET", _REPO + r"/issues/(?P<number>\d+)/comments")
    def _list_comments(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        n = self._issue(ctx, number)["number"]
        return self.paged(ctx, [self.comment_json(ctx.repo, c) for c in ctx.repo.comments.values() if c["issue"] == n])

    @_route("POST", _REPO + r"/issues/(?P<number>\d+)/comments")
    def _create_comment(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        n = self._issue(ctx, number)["number"]
        body = ctx.body.get("body") if isinstance(ctx.body, dict) else None
        return 201, self.comment_json(ctx.repo, self.create_comment(ctx.repo, n, body, ctx.login))

    def _comment(self, ctx: _Ctx, comment_id: str) -> dict:
        comment = ctx.repo.comments.get(int(comment_id))
        if comment is None:
            raise ApiError(404, "Not Found")
        return comment

    @_route("GET", _REPO + r"/issues/comments/(?P<comment_id>\d+)")
    def _get_comment(self, ctx: _Ctx, comment_id: str) -> tuple[int, Any]:
        return 200, self.comment_json(ctx.repo, self._comment(ctx, comment_id))

    @_route("PATCH", _REPO + r"/issues/comments/(?P<comment_id>\d+)")
    def _edit_comment(self, ctx: _Ctx, comment_id: str) -> tuple[int, Any]:
        comment = self._comment(ctx, comment_id)
        body = ctx.body.get("body") if isinstance(ctx.body, dict) else None
        comment.update(body=_text(body, "body", "IssueComment"), updated_at=_now())
        return 200, self.comment_json(ctx.repo, comment)

    @_route("DELETE", _REPO + r"/issues/comments/(?P<comment_id>\d+)")
    def _delete_comment(self, ctx: _Ctx, comment_id: str) -> tuple[int, Any]:
        del ctx.repo.comments[self._comment(ctx, comment_id)["id"]]
        return 204, None

    @staticmethod
    def _label_names(body: Any) -> list[str]:
        names = body.get("labels") if isinstance(body, dict) else body
        if not isinstance(names, list):
            raise invalid("Label", "labels", "missing_field")
        return names

    @_route("GET", _REPO + r"/issues/(?P<number>\d+)/labels")
    def _list_issue_labels(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        return self.paged(ctx, self._issue_labels(ctx.repo, self._issue(ctx, number)))

    @_route("POST", _REPO + r"/issues/(?P<number>\d+)/labels")
    def _add_issue_labels(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        issue = self._issue(ctx, number)
        self.add_labels(ctx.repo, issue, self._label_names(ctx.body))
        return 200, self._issue_labels(ctx.repo, issue)

    @_route("PUT", _REPO + r"/issues/(?P<number>\d+)/labels")
    def _set_issue_labels(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        issue = self._issue(ctx, number)
        names = self._label_names(ctx.body)
        issue["labels"] = []
        self.add_labels(ctx.repo, issue, names)
        return 200, self._issue_labels(ctx.repo, issue)

    @_route("DELETE", _REPO + r"/issues/(?P<number>\d+)/labels")
    def _clear_issue_labels(self, ctx: _Ctx, number: str) -> tuple[int, Any]:
        self._issue(ctx, number)["labels"] = []
        return 204, None

    @_route("DELETE", _REPO + r"/issues/(?P<number>\d+)/labels/(?P<label>[^/]+)")
    def _remove_issue_label(self, ctx: _Ctx, number: str, label: str) -> tuple[int, Any]:
        issue = self._issue(ctx, number)
        if label.casefold() not in issue["labels"]:
            raise ApiError(404, "Label does not exist")
        issue["labels"].remove(label.casefold())
        return 200, self._issue_labels(ctx.repo, issue)

    @_route("GET", _REPO + r"/labels")
    def _list_labels(self, ctx: _Ctx) -> tuple[int, Any]:
        return self.paged(ctx, [self.label_json(ctx.repo, label) for label in ctx.repo.labels.values()])

    @_route("GET", _REPO + r"/labels/(?P<label>[^/]+)")
    def _get_label(self, ctx: _Ctx, label: str) -> tuple[int, Any]:
        found = self.label_for(ctx.repo, label)
        if found is None:
            raise ApiError(404, "Not Found")
        return 200, self.label_json(ctx.repo, found)

    @_route("POST", _REPO + r"/labels")
    def _create_label(self, ctx: _Ctx) -> tuple[int, Any]:
        body = ctx.body if isinstance(ctx.body, dict) else {}
        label = self.create_label(ctx.repo, body.get("name"), body.get("color", "ededed"),
                                  body.get("description") or "")
        return 201, self.label_json(ctx.repo, label)

    @_route("GET", _REPO + r"/collaborators/(?P<user>[^/]+)/permission")
    def _permission(self, ctx: _Ctx, user: str) -> tuple[int, Any]:
        """`permission` folds maintain into write and triage into read; `role_name` keeps the role."""
        repo = ctx.repo
        role = "admin" if user == repo.owner else repo.permissions.get(user, "none" if repo.private else "read")
        permission = {"maintain": "write", "triage": "read"}.get(role, role)
        flags = {"admin": role == "admin", "maintain": role in ("admin", "maintain"),
                 "push": role in ("admin", "maintain", "write"), "triage": role in ("admin", "maintain", "write", "triage"),
                 "pull": role != "none"}
        collaborator = {**self.user_json(user), "role_name": role, "permissions": flags}
        return 200, {"permission": permission, "role_name": role, "user": collaborator}

    # -- routes: Actions workflows, settings, Pages ------------------------------------------

    def _require_admin(self, ctx: _Ctx) -> None:
        """Secrets, variables and Actions settings are for admins; a workflow's token is refused."""
        repo = ctx.repo
        if ctx.login != repo.owner and repo.permissions.get(ctx.login) != "admin":
            raise ApiError(403, "Resource not accessible by integration")

    def paged_object(self, ctx: _Ctx, key: str, items: list[Any]) -> tuple[int, dict]:
        """A page of a list that GitHub wraps as {"total_count": N, key: [...]}."""
        status, page = self.paged(ctx, items)
        return status, {"total_count": len(items), key: page}

    def workflow_json(self, repo: FakeRepo, file: str) -> dict:
        w = repo.workflows[file]
        url = f"{repo.url}/actions/workflows/{w['id']}"
        return {"id": w["id"], "node_id": f"W_{w['id']}", "name": w["name"], "path": f".github/workflows/{file}",
                "state": w["state"], "created_at": w["created_at"], "updated_at": w["created_at"], "url": url,
                "html_url": f"https://github.com/{repo.full_name}/blob/{repo.default_branch}/.github/workflows/{file}",
                "badge_url": f"https://github.com/{repo.full_name}/workflows/{urllib.parse.quote(w['name'])}/badge.svg"}

    def _workflow_file(self, ctx: _Ctx, workflow_id: str) -> str:
        for file, w in ctx.repo.workflows.items():
            if workflow_id in (file, str(w["id"])):
                return file
        raise ApiError(404, "Not Found")

    @_route("GET", _REPO + r"/actions/workflows")
    def _list_workflows(self, ctx: _Ctx) -> tuple[int, Any]:
        return self.paged_object(ctx, "workflows", [self.workflow_json(ctx.repo, f) for f in sorted(ctx.repo.workflows)])

    @_route("GET", _REPO + r"/actions/workflows/(?P<workflow_id>[^/]+)")
    def _get_workflow(self, ctx: _Ctx, workflow_id: str) -> tuple[int, Any]:
        return 200, self.workflow_json(ctx.repo, self._workflow_file(ctx, workflow_id))

    @_route("PUT", _REPO + r"/actions/workflows/(?P<workflow_id>[^/]+)/enable")
    def _enable_workflow(self, ctx: _Ctx, workflow_id: str) -> tuple[int, Any]:
        ctx.repo.workflows[self._workflow_file(ctx, workflow_id)]["state"] = "active"
        return 204, None

    @_route("GET", _REPO + r"/pages")
    def _get_pages(self, ctx: _Ctx) -> tuple[int, Any]:
        repo = ctx.repo
        if repo.pages is None:
            raise ApiError(404, "Not Found")
        legacy = repo.pages["build_type"] == "legacy"
        return 200, {"url": f"{repo.url}/pages", "status": "built", "cname": None, "custom_404": False,
                     "html_url": repo.pages["html_url"], "build_type": repo.pages["build_type"],
                     "source": {"branch": "gh-pages", "path": "/"} if legacy else None,
                     "public": not repo.private, "https_enforced": True}

    @_route("GET", _REPO + r"/actions/variables")
    def _list_variables(self, ctx: _Ctx) -> tuple[int, Any]:
        self._require_admin(ctx)
        return self.paged_object(ctx, "variables", [
            {"name": name, "value": value, "created_at": _now(), "updated_at": _now()}
            for name, value in sorted(ctx.repo.variables.items())])

    @_route("GET", _REPO + r"/actions/secrets")
    def _list_secrets(self, ctx: _Ctx) -> tuple[int, Any]:
        self._require_admin(ctx)
        return self.paged_object(ctx, "secrets", [{"name": name, "created_at": _now(), "updated_at": _now()}
                                                  for name in sorted(ctx.repo.secrets)])

    @_route("GET", _REPO + r"/actions/permissions/workflow")
    def _workflow_permissions(self, ctx: _Ctx) -> tuple[int, Any]:
        self._require_admin(ctx)
        return 200, dict(ctx.repo.workflow_permissions)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes; don't wait for ACKs

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        double: GitHubDouble = self.server.double  # type: ignore[attr-defined]
        status, headers, payload = double.handle(self.command, path, query, raw, self.headers.get("Authorization"))
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
        pass
