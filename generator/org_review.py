"""The organization side of a pull request's report: which organization.yaml each posting is judged
against, who owns each organization on the board, and warnings for new organizations whose name could
pass for an existing one's.

"On the board" is the base branch: `base_root` is a folder holding it (the board the bot checked out,
or the base tree in the pull request's own check). A change's own `base_content` is used first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.changes import ChangedFile
from generator.load import load_bytes
from generator.lookalike import look_alikes, mixes_scripts
from generator.org_ownership import judge_organization, judge_posting
from generator.organization import ORG_FILE, is_organization_file
from generator.ownership import Author, PostingChange, Verdict, only_closing, owners_of, same_login
from generator.problems import WARNING, Problem
from generator.slugs import is_slug

MAX_ORGANIZATIONS_READ = 20_000


def folder_of(path: str) -> str:
    return PurePosixPath(path).parent.name


def org_path(projects_dir: str, slug: str) -> str:
    return f"{projects_dir}/{slug}/{ORG_FILE}"


def head_organizations(changes: Iterable[ChangedFile]) -> dict[str, bytes | None]:
    """organization.yaml contents the pull request proposes, by folder (None: it deletes the file)."""
    return {folder_of(c.filename): c.head_content for c in changes if is_organization_file(c.filename)}


@dataclass(frozen=True)
class BoardOrganization:
    """An organization as it is on the board (the base branch): None fields when unreadable."""

    slug: str
    exists: bool
    name: str | None
    owners: tuple[str, ...] | None


def _name_of(content: bytes | None) -> str | None:
    if content is None:
        return None
    data = load_bytes(content, ORG_FILE).data
    name = data.get("name") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


class Board:
    """Organizations on the board, read once each."""

    def __init__(self, changes: Iterable[ChangedFile], base_root: Path, projects_dir: str) -> None:
        self.projects_dir = projects_dir
        self.base_root = Path(base_root)
        self._from_changes = {folder_of(c.filename): c.base_content for c in changes
                              if is_organization_file(c.filename) and c.status not in ("added", "copied")}
        for c in changes:  # a renamed organization.yaml: its base is at the previous path
            if c.previous_filename and is_organization_file(c.previous_filename):
                self._from_changes[folder_of(c.previous_filename)] = c.base_content
        self._cache: dict[str, BoardOrganization] = {}

    def _base_bytes(self, slug: str) -> bytes | None:
        if slug in self._from_changes:
            return self._from_changes[slug]
        if not is_slug(slug):
            return None
        path = self.base_root / self.projects_dir / slug / ORG_FILE
        if path.is_symlink() or not path.is_file():
            return None
        return path.read_bytes()

    def organization(self, slug: str) -> BoardOrganization:
        if slug not in self._cache:
            content = self._base_bytes(slug)
            self._cache[slug] = BoardOrganization(slug, content is not None, _name_of(content), owners_of(content))
        return self._cache[slug]

    def all_named(self) -> list[tuple[str, str]]:
        """(slug, name) of every organization on the board."""
        folder = self.base_root / self.projects_dir
        found = []
        if folder.is_dir():
            for path in sorted(folder.glob(f"*/{ORG_FILE}"))[:MAX_ORGANIZATIONS_READ]:
                org = self.organization(path.parent.name)
                if org.name:
                    found.append((org.slug, org.name))
        return found


def judge_change(change: ChangedFile, board: Board, author: Author, approved: Callable[[], bool],
                 base_owners: tuple[str, ...] | None, head_owners: tuple[str, ...] | None) -> Verdict:
    """The ownership verdict for one changed file under projects/, organization.yaml or posting."""
    if is_organization_file(change.filename):
        org = board.organization(folder_of(change.filename))
        return judge_organization(change.status, change.filename, org.owners if org.exists else None,
                                  author, approved)
    closing = only_closing(change.base_content, change.head_content)
    target = board.organization(folder_of(change.filename))
    target_file = org_path(board.projects_dir, target.slug)
    source_folder = folder_of(change.previous_filename) if change.previous_filename else target.slug
    if change.status == "renamed" and source_folder != target.slug:
        # moving a posting to another organization adds it there and takes it away here: both must be allowed
        arriving = judge_posting(PostingChange("added", change.filename, None, head_owners), author, approved,
                                 org_owners=target.owners if target.exists else None,
                                 org_name=target.name or target.slug, org_file=target_file)
        if arriving.refused:
            return arriving
        source = board.organization(source_folder)
        leaving = PostingChange("removed", change.previous_filename or change.filename, base_owners, head_owners)
        return judge_posting(leaving, author, approved, org_owners=source.owners, org_name=source.name or source.slug,
                             org_file=org_path(board.projects_dir, source.slug))
    return judge_posting(PostingChange(change.status, change.filename, base_owners, head_owners), author, approved,
                         org_owners=target.owners if target.exists else None,
                         org_name=target.name or target.slug, org_file=target_file, closing_only=closing)


def organization_warnings(change: ChangedFile, board: Board, author: Author | None) -> list[Problem]:
    """Warnings for an organization.yaml a pull request adds or renames: look-alike names, mixed scripts,
    and an author who is not among the owners of the organization they create."""
    if not is_organization_file(change.filename) or change.head_content is None:
        return []
    slug = folder_of(change.filename)
    base = board.organization(slug)
    doc = load_bytes(change.head_content, change.filename)
    data = doc.data if isinstance(doc.data, dict) else {}
    name = data.get("name") if isinstance(data.get("name"), str) else None
    if name is None or (base.exists and base.name == name.strip()):
        return []
    line, column = doc.value_position(("name",))
    problems = []
    for other_slug, other_name in look_alikes(name, board.all_named()):
        if other_slug == slug:
            continue
        problems.append(Problem(change.filename, line, column, WARNING, "organization-look-alike",
                                f"the name {name.strip()!r} can be taken for {other_name!r}, an organization already "
                                f"on the board ({org_path(board.projects_dir, other_slug)})",
                                f"if this is {other_name}, post under {board.projects_dir}/{other_slug}/ (its owners "
                                "can add you); otherwise choose a name that cannot be confused with it"))
    if mixes_scripts(name):
        problems.append(Problem(change.filename, line, column, WARNING, "organization-mixed-scripts",
                                f"the name {name.strip()!r} mixes letters of different scripts, as look-alike names do",
                                "write the name in one script, as the organization writes it itself"))
    owners = owners_of(change.head_content) or ()
    if not base.exists and author is not None and author.via in ("", "issue") \
            and not any(same_login(author.login, o) for o in owners):
        line, column = doc.value_position(("owners",))
        problems.append(Problem(change.filename, line, column, WARNING, "organization-author-not-owner",
                                f"{author.login} creates this organization but is not among its owners, so they "
                                "could not change it or post for it later",
                                f"add {author.login} to owners"))
    return problems
