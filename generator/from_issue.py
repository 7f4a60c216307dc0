"""`python -m generator from-issue`: a "Post a project" issue becomes a posting file, checked like any other."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.issue_form import IssuePosting, posting_from_issue_body
from generator.issue_org import IssueOrganization, organization_for_issue
from generator.problems import Problem
from generator.report import as_markdown, as_text, markdown_text
from generator.settings import Settings
from generator.validate import validate_text


@dataclass
class IssueResult:
    posting: IssuePosting
    problems: list[Problem] = field(default_factory=list)
    organization: IssueOrganization | None = None

    @property
    def ok(self) -> bool:
        return not self.posting.problems and self.posting.path is not None and not any(
            p.is_error for p in self.problems)

    def markdown(self) -> str:
        """The comment the bot leaves on the issue."""
        lines = []
        if self.ok:
            lines.append(f"✅ Your posting is valid and will be saved as `{self.posting.path}`.")
        else:
            lines.append("❌ Your posting needs a few changes before it can be published. "
                         "Edit this issue (the ··· menu, then Edit) and the check runs again.")
        if self.posting.problems:
            lines += ["", "**Answers that could not be used:**", ""]
            lines += [f"- {markdown_text(p)}" for p in self.posting.problems]
        if self.posting.notes:
            lines += ["", "**Notes:**", ""] + [f"- {markdown_text(n)}" for n in self.posting.notes]
        if self.problems:
            lines += ["", as_markdown(1, self.problems)]
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict:
        return {"ok": self.ok, "path": self.posting.path, "yaml": self.posting.yaml_text(),
                "issue_problems": self.posting.problems, "notes": self.posting.notes,
                "problems": [p.as_dict() for p in self.problems], "comment": self.markdown()}


def check_issue(body: str, author: str | None, settings: Settings, root: Path) -> IssueResult:
    posting = posting_from_issue_body(body, author, settings.projects_dir)
    # the organization's answers describe a new organization; a posting itself holds none
    answers = posting.data.pop("organization", None)
    result = IssueResult(posting)
    org = result.organization = organization_for_issue(posting.org_slug, answers if isinstance(answers, dict)
                                                       else {}, author, settings, root)
    posting.notes.extend(org.notes)
    if not posting.problems or posting.path is None:
        # without a usable path, check the answers at a stand-in path so every missing field is still named
        shown = posting.path or f"{settings.projects_dir}/your-organization/your-project.yaml"
        proposed = {org.slug: org.new_text.encode("utf-8")} if org.new_text is not None else None
        problems = validate_text(posting.yaml_text(), shown, settings, root, proposed).problems
        for path, text in org.files.items():
            problems += validate_text(text, path, settings, root).problems
        result.problems = [p for p in problems if posting.path or not (
            p.code.startswith("path-") or p.code == "organization-missing")]
    return result


def _read_event(path: str) -> tuple[str, str | None]:
    event = json.loads(Path(path).read_text(encoding="utf-8"))
    issue = event.get("issue") or {}
    body = issue.get("body") or ""
    author = (issue.get("user") or {}).get("login")
    return (body if isinstance(body, str) else ""), author


def run_from_issue(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    try:
        if args.event:
            body, author = _read_event(args.event)
        else:
            body, author = Path(args.body_file).read_text(encoding="utf-8", errors="replace"), None
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the issue: {exc}", file=sys.stderr)
        return 2
    result = check_issue(body, args.author or author, settings, root)
    if args.format == "json":
        sys.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(result.markdown())
    else:
        for problem in result.posting.problems:
            print(f"issue: error: {problem}")
        sys.stdout.write(as_text(1, result.problems) if result.posting.path else "")
    if result.ok and args.write:
        target = root / result.posting.path  # the path is built only from checked slugs
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.posting.yaml_text(), encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
        for path, text in (result.organization.files if result.organization else {}).items():
            (root / path).write_text(text, encoding="utf-8")
            print(f"wrote {root / path}", file=sys.stderr)
    return 0 if result.ok else 1
