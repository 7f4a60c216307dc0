"""The bot's report on a change to postings: problems, ownership, a preview of each posting, labels.

Pure logic over data: changed files in (generator.changes.ChangedFile, whether read from GitHub's
API or from two folders on disk), a `Review` out, which renders itself as the Markdown comment,
terminal text or JSON and says which labels the pull request should carry. Nothing here talks
to GitHub; the bot (generator/bot/) does, through generator/github.py.

Everything shown in a report that a stranger wrote (file names, titles, owners, problem texts,
which quote the posting) goes through `markdown_text`, so a posting cannot add links, images,
HTML, headings or @-mentions to the bot's comment.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.bounds import cap_review, hint_budget
from generator.changes import ChangedFile, PostingChanges
from generator.load import load_bytes
from generator.model import CHECK_IN_LABELS, FEEDBACK_LABELS, FIELD_LABELS, Project, closes_text, long_date
from generator import org_review
from generator.organization import is_organization_file
from generator.ownership import Author, Verdict, owners_of
from generator.problems import ERROR, Problem
from generator.report import as_json, as_markdown, as_text, markdown_text
from generator.settings import Settings
from generator.validate import validate_text

VALID, NEEDS_CHANGES, NEW_POSTING, EDIT, CLOSING, NEEDS_MAINTAINER = (
    "valid", "needs changes", "new posting", "edit", "closing", "needs maintainer")
MANAGED_LABELS = frozenset({VALID, NEEDS_CHANGES, NEW_POSTING, EDIT, CLOSING, NEEDS_MAINTAINER})
LABEL_STYLES = {
    VALID: ("0e8a16", "Microboard: the changed postings pass every check"),
    NEEDS_CHANGES: ("d93f0b", "Microboard: a changed posting has errors to fix"),
    NEW_POSTING: ("1d76db", "Microboard: adds a posting"),
    EDIT: ("c5def5", "Microboard: edits a posting"),
    CLOSING: ("fbca04", "Microboard: closes, fills or removes a posting"),
    NEEDS_MAINTAINER: ("b60205", "Microboard: a maintainer must look (ownership or files outside projects/)"),
}
KIND_LABELS = {"new": NEW_POSTING, "edit": EDIT, "closing": CLOSING, "removed": CLOSING,
               "new-organization": NEW_POSTING, "organization": EDIT, "removed-organization": CLOSING}
KIND_TEXT = {"new": "new posting", "edit": "edit", "closing": "closes the posting", "removed": "removes the posting",
             "new-organization": "creates the organization", "organization": "changes the organization",
             "removed-organization": "removes the organization"}
MAX_LISTED = 50  # outside paths listed in a report; the rest are counted


@dataclass
class FileReview:
    """One changed posting file: what it is, what is wrong with it, who may change it."""

    change: ChangedFile
    kind: str  # new, edit, closing, removed
    problems: list[Problem] = field(default_factory=list)
    project: Project | None = None
    base_owners: tuple[str, ...] | None = None
    head_owners: tuple[str, ...] | None = None
    ownership: Verdict | None = None

    @property
    def path(self) -> str:
        return self.change.filename

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def preview_ready(self) -> bool:
        return self.project is not None and not self.errors


@dataclass
class Review:
    files: list[FileReview]
    outside: tuple[str, ...] = ()
    author: Author | None = None
    today: dt.date | None = None
    notes: list[str] = field(default_factory=list)  # trusted text (written by Microboard), shown as is
    number: int | None = None
    head_sha: str | None = None

    # -- verdicts ----------------------------------------------------------------------------

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ownership_refused(self) -> list[FileReview]:
        return [f for f in self.files if f.ownership is not None and f.ownership.refused]

    @property
    def needs_maintainer(self) -> bool:
        return bool(self.outside or self.ownership_refused or not self.files
                    or (self.author is not None and self.author.via == "bot"))

    @property
    def ok(self) -> bool:
        """No errors, no refused ownership, nothing outside projects/: ready for a maintainer to merge."""
        return not self.errors and not self.needs_maintainer

    def labels(self) -> set[str]:
        wanted = set()
        if self.files:
            wanted.add(NEEDS_CHANGES if self.errors else VALID)
        wanted |= {KIND_LABELS[f.kind] for f in self.files}
        if self.needs_maintainer:
            wanted.add(NEEDS_MAINTAINER)
        return wanted

    def headline(self) -> str:
        if self.errors:
            return "❌ Needs changes"
        if self.needs_maintainer:
            return "👀 Needs a maintainer"
        return "✅ Ready for a maintainer's review"

    # -- renderings --------------------------------------------------------------------------

    def markdown(self, extra: Iterable[str] = ()) -> str:
        """The report comment: summary table, then each posting's problems, ownership and preview."""
        lines = [f"## Microboard check: {self.headline()}", ""]
        if self.author is not None:
            lines += [f"Judged as the work of {markdown_text(self.author.describe())}.", ""]
        lines += ["| Check | Result |", "|---|---|"]
        lines += [f"| {name} | {result} |" for name, result in self._summary_rows()]
        lines.append("")
        for note in list(self.notes) + list(extra):
            lines += [f"> {note}", ""]
        for index, item in enumerate(self.files, 1):
            lines += self._file_section(index, item)
        if self.outside:
            lines += ["### Files outside projects/", "",
                      "This pull request changes more than postings, so a maintainer must review it "
                      "(label `needs maintainer`):", ""]
            lines += [f"- {markdown_text(p)}" for p in self.outside[:MAX_LISTED]]
            if len(self.outside) > MAX_LISTED:
                lines.append(f"- … and {len(self.outside) - MAX_LISTED} more")
            lines.append("")
        lines += ["<sub>Microboard checks every push to this pull request and updates this comment. "
                  "Fix a problem by editing the file in this pull request.</sub>"]
        return "\n".join(lines) + "\n"

    def _summary_rows(self) -> list[tuple[str, str]]:
        errors = len(self.errors)
        warnings = len(self.problems) - errors
        count = len(self.files)
        noun = "posting" if count == 1 else "postings"
        if not self.files:
            postings = "👀 no posting files change"
        elif errors:
            postings = f"❌ {count} {noun} checked: {errors} error(s), {warnings} warning(s)"
        else:
            postings = f"✅ {count} {noun} checked: no errors" + (f", {warnings} warning(s)" if warnings else "")
        rows = [("Postings", postings)]
        judged = [f for f in self.files if f.ownership is not None]
        if self.author is None:
            rows.append(("Ownership", "checked by the bot's comment on the pull request"))
        elif self.ownership_refused:
            rows.append(("Ownership", f"❌ {len(self.ownership_refused)} change(s) need an owner or a maintainer"))
        elif judged:
            approved = sum(1 for f in judged if f.ownership.state == "approved")
            rows.append(("Ownership", "✅ every change is by an owner" if not approved
                         else f"✅ {approved} change(s) approved by a maintainer"))
        if self.outside:
            rows.append(("Only postings", f"👀 {len(self.outside)} file(s) outside projects/"))
        else:
            rows.append(("Only postings", "✅ nothing outside projects/"))
        return rows

    def _file_section(self, index: int, item: FileReview) -> list[str]:
        mark = "❌" if item.errors or (item.ownership and item.ownership.refused) else "✅"
        title = f"### {mark} {index}. {markdown_text(item.path)}: {KIND_TEXT[item.kind]}"
        lines = [title, ""]
        if item.change.previous_filename and item.change.previous_filename != item.path:
            lines += [f"Moved from {markdown_text(item.change.previous_filename)}.", ""]
        if item.kind == "removed":
            lines += ["Deleting a posting removes its page from the board. To take a posting down, "
                      "prefer `status: closed` (or `filled`): its page stays, marked closed.", ""]
        elif item.kind == "removed-organization":
            lines += ["Deleting organization.yaml leaves the organization's postings with nothing to show: "
                      "they fail validation until the file is back.", ""]
        elif item.problems:
            lines += [as_markdown(1, item.problems).rstrip("\n"), ""]
        else:
            lines += ["No problems found.", ""]
        if item.ownership is not None:
            symbol = {"ok": "✅", "approved": "✅", "refused": "❌"}[item.ownership.state]
            lines += [f"**Ownership:** {symbol} {markdown_text(item.ownership.message)}", ""]
        if item.preview_ready:
            lines += ["**Preview** (the card students see on the board):", ""]
            lines += preview_markdown(item.project, self.today).rstrip("\n").split("\n") + [""]
        elif item.kind in ORGANIZATION_KINDS:
            lines += organization_preview(item)
        elif item.kind != "removed":
            lines += ["No preview until the errors are fixed.", ""]
        return lines

    def text(self) -> str:
        """For a terminal: the problems as file:line lines, then ownership and outside files."""
        out = [f"Microboard check: {self.headline()}"]
        if self.author is not None:
            out.append(f"judged as: {self.author.describe()}")
        out.append(as_text(len(self.files), self.problems).rstrip("\n"))
        for item in self.files:
            if item.ownership is not None:
                out.append(f"{item.path}: ownership {item.ownership.state}: {item.ownership.message}")
        out += [f"outside projects/: {p}" for p in self.outside]
        out += [f"note: {n}" for n in self.notes]
        return "\n".join(out) + "\n"

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "headline": self.headline(),
            "number": self.number,
            "head_sha": self.head_sha,
            "author": None if self.author is None else {
                "login": self.author.login, "via": self.author.via, "issue": self.author.issue,
                "maintainer": self.author.maintainer},
            "labels": sorted(self.labels()),
            "report": json.loads(as_json(len(self.files), self.problems)),
            "files": [{
                "path": f.path, "status": f.change.status, "previous_path": f.change.previous_filename,
                "kind": f.kind, "errors": len(f.errors), "warnings": len(f.problems) - len(f.errors),
                "base_owners": list(f.base_owners or ()), "head_owners": list(f.head_owners or ()),
                "ownership": None if f.ownership is None else {"state": f.ownership.state,
                                                                "message": f.ownership.message},
                "preview": preview_markdown(f.project, self.today) if f.preview_ready else None,
            } for f in self.files],
            "outside": list(self.outside[:MAX_LISTED]),
            "outside_count": len(self.outside),
        }


# -- building a review --------------------------------------------------------------------------


def _status_of(content: bytes | None) -> str | None:
    if content is None:
        return None
    data = load_bytes(content, "posting").data
    status = data.get("status") if isinstance(data, dict) else None
    return status if isinstance(status, str) else None


def kind_of(change: ChangedFile) -> str:
    if is_organization_file(change.filename):
        return {"added": "new-organization", "copied": "new-organization",
                "removed": "removed-organization"}.get(change.status, "organization")
    if change.status in ("added", "copied"):
        return "new"
    if change.status == "removed":
        return "removed"
    before, after = _status_of(change.base_content), _status_of(change.head_content)
    if after in ("closed", "filled") and before not in ("closed", "filled"):
        return "closing"
    return "edit"


def review_file(change: ChangedFile, settings: Settings, root: Path,
                organizations: dict[str, bytes | None] | None = None,
                pending: Iterable[str] = (), removed: Iterable[str] = ()) -> FileReview:
    item = FileReview(change, kind_of(change))
    item.base_owners = owners_of(change.base_content)
    item.head_owners = owners_of(change.head_content)
    if change.status == "removed":
        return item
    if change.too_large:
        item.problems = [Problem(change.filename, 1, 1, ERROR, "file-too-large",
                                 "the file is too large to read (over 1 MB)",
                                 "a posting is a few kilobytes of text; shorten the description")]
        return item
    if change.head_content is None:
        item.problems = [Problem(change.filename, 1, 1, ERROR, "not-a-file",
                                 "this is not a plain file (a symbolic link, or a folder)",
                                 "add the posting as an ordinary text file")]
        return item
    result = validate_text(change.head_content, change.filename, settings, root, organizations, pending, removed)
    # the same problem can be found twice (for example one missing field per schema error); show it once
    item.problems = sorted(dict.fromkeys(result.problems), key=lambda p: (p.line, p.column, p.code))
    item.project = result.projects[0] if result.projects else None  # previewed only once it has no errors
    return item


def review_changes(
    changes: PostingChanges,
    settings: Settings,
    root: Path,
    *,
    author: Author | None = None,
    approved: Callable[[], bool] | None = None,
    notes: Iterable[str] = (),
    number: int | None = None,
    head_sha: str | None = None,
    base_root: Path | None = None,
) -> Review:
    """Validate every changed posting and, when `author` is known, judge ownership.

    `approved()` (a maintainer approved the pull request) is asked at most once, and only if some
    change would otherwise be refused. Organizations on the board (their owners, their names for the
    look-alike check) are read from `base_root` (default: `root`), a folder holding the base branch.
    """
    asked: list[bool] = []

    def approval() -> bool:
        if not asked:
            asked.append(bool(approved()) if approved is not None else False)
        return asked[0]

    proposed = org_review.head_organizations(changes.files)
    # `root` may still hold what the change deletes or moves away: a title it shares is no duplicate; two
    # new postings that repeat each other are told apart by their posted dates
    gone = {c.filename for c in changes.files if c.status == "removed"} | {
        c.previous_filename for c in changes.files if c.previous_filename and c.previous_filename != c.filename}
    new = {c.filename for c in changes.files if c.status in ("added", "renamed", "copied")}
    with hint_budget():  # suggestions of what was meant, for at most as many problems as are listed
        files = [review_file(change, settings, root, proposed, new - {change.filename}, gone)
                 for change in sorted(changes.files, key=lambda c: c.filename)]
    board = org_review.Board(changes.files, base_root if base_root is not None else root, settings.projects_dir)
    for item in files:
        item.problems += org_review.organization_warnings(item.change, board, author)
    # a bounded report: the pull request's problems are listed up to a total, the rest counted
    for item, listed in zip(files, cap_review([item.problems for item in files])):
        item.problems = listed
    if author is not None:
        for item in files:
            change = item.change
            item.ownership = org_review.judge_change(change, board, author, approval, item.base_owners,
                                                     item.head_owners)
    return Review(files, tuple(changes.outside), author, settings.build_date(), list(notes), number, head_sha)


# -- the preview card ---------------------------------------------------------------------------


def _closes_text(apply_by: dt.date, today: dt.date | None) -> str:
    if today is None:
        return ""
    if apply_by < today:
        return " (applications closed)"
    text = closes_text(apply_by, today)
    return f" ({text})" if text else ""


def preview_markdown(project: Project, today: dt.date | None = None) -> str:
    """The posting as a card in Markdown: what a student sees on the board, every value escaped."""
    e = markdown_text
    field_name = FIELD_LABELS.get(project.field, project.field)
    lines = [f"> **{e(project.title)}**",
             f"> {e(project.organization)} · {e(field_name)} · {project.hours} hours",
             f"> Pay: {e(project.pay_text)} · Where: {e(project.location_text)}",
             f"> Apply by {long_date(project.apply_by)}{_closes_text(project.apply_by, today)}"]
    if project.status != "open":
        lines.append(f"> Status: {e(project.status)}")
    if project.skills:
        lines.append("> Skills: " + " · ".join(e(s) for s in project.skills))
    if project.mentor or project.check_ins or project.feedback:
        parts = []
        if project.mentor:
            parts.append(f"mentor {e(project.mentor)}")
        if project.check_ins:
            parts.append(e(CHECK_IN_LABELS.get(project.check_ins, project.check_ins)))
        if project.feedback:
            parts.append("feedback: " + ", ".join(e(FEEDBACK_LABELS.get(f, f)) for f in project.feedback))
        lines.append("> Mentorship: " + "; ".join(parts))
    else:
        lines.append("> Mentorship: none named")
    lines += [">", f"> {e(project.summary)}"]
    return "\n".join(lines) + "\n"


# -- an organization's card --------------------------------------------------------------------------

ORGANIZATION_KINDS = frozenset({"new-organization", "organization"})


def organization_preview(item: FileReview) -> list[str]:
    """How a changed organization.yaml presents the organization, every value escaped."""
    data = load_bytes(item.change.head_content or b"", item.path).data
    if item.errors or not isinstance(data, dict):
        return ["No preview until the errors are fixed.", ""]
    e = markdown_text
    lines = ["**Preview** (how the organization is presented on every one of its pages):", "",
             f"> **{e(data.get('name', ''))}**"]
    if data.get("url"):
        lines.append(f"> Website: {e(data['url'])}")
    if data.get("about"):
        lines.append(f"> {e(data['about'])}")
    lines.append("> Owners: " + ", ".join(e(o) for o in data.get("owners") or []))
    return lines + [""]
