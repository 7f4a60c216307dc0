"""Housekeeping: close postings past their apply-by date, and remind owners before the deadline.

Pure logic; generator/bot/housekeeping_command.py runs it against GitHub (`python -m generator housekeeping`).

Closing edits the file as text, minimally: the value of the top-level `status:` becomes `closed`
and `updated:` is set (or added after `posted:`). Every other byte stays as the employer wrote
it, comments included, so the pull request's diff is two lines per posting. `updated` becomes the
day the posting closed, the day after its apply-by date, so that running again on a later day
proposes exactly the same files.

Reminders go out once per posting and deadline: each carries a hidden marker naming the posting
and its apply-by date, so a second run finds and keeps the first (an extended deadline is a new
deadline and gets a new reminder).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.github_server import server_url
from generator.formats import long_date
from generator.model import Project
from generator.ownership import LOGIN
from generator.report import markdown_text
from generator.settings import Settings
from generator.validate import validate_paths, validate_text


class EditError(ValueError):
    """The file's text is not a posting that can be edited in place."""


@dataclass(frozen=True)
class Closing:
    project: Project
    old_text: str
    new_text: str
    updated: dt.date


@dataclass
class Plan:
    today: dt.date
    closings: list[Closing]
    reminders: list[Project]
    skipped: list[str]  # postings that could not be edited, with the reason (trusted text + paths)


# -- editing the text ---------------------------------------------------------------------------


def _top_level(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def close_text(text: str, updated: dt.date) -> str:
    """`text` with `status: closed` and `updated: "<date>"`, and nothing else changed."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)  # pure-Python marks: indexes are characters
    except yaml.YAMLError as exc:
        raise EditError(f"not readable YAML: {exc}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise EditError("not a posting (no top-level keys)")
    status = _top_level(root, "status")
    if status is None or not isinstance(status[1], yaml.ScalarNode):
        raise EditError("no status: line to change")
    stamp = f'"{updated.isoformat()}"'
    edits: list[tuple[int, int, str]] = [(status[1].start_mark.index, status[1].end_mark.index, "closed")]
    current = _top_level(root, "updated")
    if current is not None:
        if not isinstance(current[1], yaml.ScalarNode):
            raise EditError("updated: is not a single value")
        edits.append((current[1].start_mark.index, current[1].end_mark.index, stamp))
    else:
        posted = _top_level(root, "posted")
        if posted is not None:
            key, value = posted
            end = value.end_mark.index
            line_end = body.find("\n", end)
            at = len(body) if line_end < 0 else line_end + 1
            prefix = "" if line_end >= 0 else "\n"
            edits.append((at, at, f"{prefix}{' ' * key.start_mark.column}updated: {stamp}\n"))
        else:
            at = len(body)
            edits.append((at, at, ("" if body.endswith("\n") or not body else "\n") + f"updated: {stamp}\n"))
    for start, end, replacement in sorted(edits, reverse=True):
        body = body[:start] + replacement + body[end:]
    before, after = yaml.safe_load(text[len(bom):]), yaml.safe_load(body)
    expected = dict(before, status="closed", updated=updated.isoformat())
    if after != expected:  # never propose an edit that changes more than the two values
        raise EditError("the edit would change more than status and updated")
    return bom + body


def closing_date(project: Project) -> dt.date:
    """The day the posting closed: the day after apply_by (never before posted or a later update)."""
    day = project.apply_by + dt.timedelta(days=1)
    for other in (project.posted, project.updated):
        if other is not None and other > day:
            day = other
    return day


# -- what to do today ---------------------------------------------------------------------------


def is_expired(project: Project, today: dt.date) -> bool:
    return project.status == "open" and project.apply_by < today


def reminder_due(project: Project, today: dt.date, days: int) -> bool:
    return project.status == "open" and 0 <= (project.apply_by - today).days <= days


def plan(root: Path, settings: Settings, today: dt.date | None = None) -> Plan:
    """Read the board's postings (valid ones only) and decide what to close and whom to remind."""
    today = today or settings.build_date()
    result = validate_paths([Path(root) / settings.projects_dir], settings, root)
    broken = {p.file for p in result.errors}
    closings: list[Closing] = []
    reminders: list[Project] = []
    skipped: list[str] = []
    for project in sorted(result.projects, key=lambda p: p.path):
        if project.path in broken:
            continue
        if is_expired(project, today):
            text = (Path(root) / project.path).read_text(encoding="utf-8")
            updated = closing_date(project)
            try:
                new_text = close_text(text, updated)
            except EditError as exc:
                skipped.append(f"{project.path}: {exc}")
                continue
            check = validate_text(new_text, project.path, settings, root)
            if not check.ok:
                skipped.append(f"{project.path}: the closed version would not be valid")
                continue
            closings.append(Closing(project, text, new_text, updated))
        elif reminder_due(project, today, settings.deadline_reminder_days):
            reminders.append(project)
    return Plan(today, closings, reminders, skipped)


# -- the texts ----------------------------------------------------------------------------------


def _day(day: dt.date) -> str:
    return long_date(day)


def mentions(owners: tuple[str, ...]) -> str:
    """@-mentions of the owners; only well-formed logins (the schema's pattern) are mentioned."""
    return " ".join(f"@{o}" for o in owners if LOGIN.fullmatch(o))


def pull_request_title(closings: list[Closing]) -> str:
    count = len(closings)
    return f"Housekeeping: close {count} expired posting{'s' if count != 1 else ''}"


def pull_request_body(closings: list[Closing]) -> str:
    lines = ["Microboard's daily housekeeping marks postings `status: closed` once their apply-by date has "
             "passed. The board already shows them as closed; this makes the files say so too. Only "
             "`status` and `updated` change.", "",
             "| Posting | Apply by | Owners |", "|---|---|---|"]
    for c in closings:
        p = c.project
        lines.append(f"| {markdown_text(p.title)} ({markdown_text(p.path)}) | {_day(p.apply_by)} | "
                     f"{mentions(p.owners)} |")
    lines += ["", "Owners: to take applications again, open a pull request of your own that moves "
              "`timeline.apply_by` to a later date; the next run leaves your posting out of this one. "
              "This pull request is rebuilt on every run, so it always lists exactly the postings to close."]
    return "\n".join(lines) + "\n"


def commit_message(closings: list[Closing]) -> str:
    return pull_request_title(closings) + "\n\n" + "\n".join(f"- {c.project.path}" for c in closings) + "\n"


def reminder_marker(project: Project) -> str:
    """One hidden marker per posting and deadline (paths and dates hold no `--`)."""
    return f"<!-- microboard-reminder {project.path} {project.apply_by.isoformat()} -->"


def reminder_body(project: Project, repository: str = "", branch: str = "main") -> str:
    path = project.path
    where = markdown_text(path)
    if repository:
        server = server_url()
        where = f"[{markdown_text(path)}]({server}/{repository}/blob/{branch}/{path})"
        edit = f" ([edit it on GitHub]({server}/{repository}/edit/{branch}/{path}))"
    else:
        edit = ""
    lines = [f"📅 **{markdown_text(project.title)}** ({where}) stops taking applications after "
             f"**{_day(project.apply_by)}**.", ""]
    who = mentions(project.owners)
    if who:
        lines += [f"{who}: you are listed as its owners. What you can do{edit}:", ""]
    lines += ["- **Keep it open longer:** move `timeline.apply_by` to a later date in a pull request.",
              "- **Found your student?** Set `status: filled`.",
              "- **No longer offering it?** Set `status: closed`.",
              "- **Nothing:** the day after, the board shows it as closed and housekeeping proposes "
              "`status: closed`.", ""]
    return "\n".join(lines)
