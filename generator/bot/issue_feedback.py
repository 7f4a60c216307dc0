"""The comment on an issue whose answers cannot become a posting yet: what to fix, field by field."""

from __future__ import annotations

from generator import issue_form as form
from generator.from_issue import IssueResult
from generator.organization import is_organization_file
from generator.problems import Problem
from generator.report import markdown_text


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
        lines += ["**Answers that could not be used:**", ""] + [f"- {markdown_text(p)}" for p in problems] + [""]
    missing = missing_required(body)
    if missing:
        lines += ["**Required fields left empty:** " + ", ".join(markdown_text(m) for m in missing), ""]
    # a field left empty, or answered in a way that could not be used, is named above already
    answered: set[tuple] = set()
    if len(body.encode("utf-8", "replace")) <= form.MAX_BODY:
        answers, _ = form.split_answers(body)
        answered = {f.path for f in form.form_fields() if answers.get(f.label, "").strip() not in ("", form.NO_RESPONSE)}
    shown = [p for p in dict.fromkeys(result.problems) if not (p.code == "missing-field" and (
        missing or _form_path(p) in answered))]
    errors = [p for p in shown if p.is_error]
    if errors:
        lines += ["**Problems in the posting:**", "", "| Problem | What to write |", "|---|---|"]
        for p in errors:
            lines.append(f"| {markdown_text(p.message)} | {markdown_text(p.hint)} |")
        lines.append("")
    if result.posting.notes:
        lines += ["**Notes:**", ""] + [f"- {markdown_text(n)}" for n in result.posting.notes] + [""]
    return "\n".join(lines)


def _form_path(problem: Problem) -> tuple:
    """The form field a problem's field comes from: the form asks for the organization's file under
    `organization`."""
    return ("organization", *problem.field) if is_organization_file(problem.file) else problem.field
