"""The organization side of a "Post a project" issue.

The form asks for the organization's name, website and about text. The posting goes under the folder
the name (or the "Organization short name") points to:

* the folder has an organization.yaml on the board: the posting joins that organization, whose
  presentation never changes from the form, and the issue's author must be one of its owners;
* otherwise the issue creates the organization: its organization.yaml is written from the answers,
  with the issue's author as its owner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.load import load_file
from generator.org_ownership import who_may_post
from generator.organization import ORG_FILE, organization_data, organization_yaml
from generator.ownership import owners_of, same_login
from generator.settings import Settings


@dataclass
class IssueOrganization:
    """Where an issue's posting goes, organization-wise."""

    slug: str | None
    path: str | None = None  # projects/<slug>/organization.yaml
    exists: bool = False  # on the board already
    name: str | None = None  # the board's name for an existing one, the form's for a new one
    owners: tuple[str, ...] = ()  # an existing organization's owners on the board
    new_text: str | None = None  # organization.yaml to write for a new organization
    notes: list[str] = field(default_factory=list)

    def may_post(self, author: str | None) -> bool:
        """True for a new organization, or when the author is one of the existing one's owners."""
        return not self.exists or any(same_login(author, o) for o in self.owners)

    def refusal(self, author: str) -> str:
        """What the issue's author reads when they may not post for an existing organization."""
        return (f"{self.name or self.slug} already posts on this board and @{author} is not one of its owners: "
                + who_may_post(self.name or str(self.slug), str(self.path), self.owners)
                + ". A maintainer can also post it for you: ask in a comment on this issue.")

    @property
    def files(self) -> dict[str, str]:
        """The organization file the pull request must add, if any."""
        return {self.path: self.new_text} if self.new_text is not None and self.path else {}


def organization_for_issue(org_slug: str | None, answers: dict, author: str | None, settings: Settings,
                           root: Path) -> IssueOrganization:
    """Decide from the board (`root`, the base branch's checkout) and the form's organization answers."""
    if not org_slug:
        return IssueOrganization(None)
    path = f"{settings.projects_dir}/{org_slug}/{ORG_FILE}"
    found = IssueOrganization(org_slug, path)
    file = Path(root) / path
    if file.is_file() and not file.is_symlink():
        doc = load_file(file, path)
        data = doc.data if isinstance(doc.data, dict) else {}
        found.exists = True
        found.name = data.get("name") if isinstance(data.get("name"), str) else org_slug
        found.owners = owners_of(file.read_bytes()) or ()
        given = {k: answers.get(k) for k in ("name", "url", "about") if answers.get(k)}
        if any(str(v).strip() != str(data.get(k, "")).strip() for k, v in given.items()):
            found.notes.append(f"{found.name} is presented as its owners wrote in {path}; the organization's "
                               "name, website and about text in this issue were not used")
        return found
    name = answers.get("name")
    found.name = name if isinstance(name, str) else None
    found.new_text = organization_yaml(organization_data(
        (found.name or "").strip(), answers.get("url"), answers.get("about"), [author] if author else []))
    return found
