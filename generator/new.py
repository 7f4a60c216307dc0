"""`python -m generator new`: a few questions, then a valid starter posting in the right place."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from generator.fake import SCHEMA_COMMENT
from generator.model import FIELD_LABELS
from generator.report import as_text
from generator.settings import Settings
from generator.slugs import slugify
from generator.validate import validate_paths

_QUESTIONS = [
    ("organization", "Organization name", None),
    ("title", "Project title (what the student will do)", None),
    ("field", f"Field ({', '.join(FIELD_LABELS)})", "data"),
    ("owner", "Your GitHub user name (you will own the posting)", None),
    ("hours", "Estimated hours (5 to 40)", "20"),
    ("pay", "Fixed fee for the whole project", None),
    ("apply_by", "Last day to apply (YYYY-MM-DD)", None),
    ("remote", "Remote? (yes/no)", "yes"),
]


class AnswerError(ValueError):
    pass


def _ask(label: str, default: str | None) -> str:
    suffix = f" [{default}]" if default else ""
    answer = input(f"{label}{suffix}: ").strip()
    return answer or (default or "")


def collect_answers(args: argparse.Namespace, settings: Settings, interactive: bool) -> dict[str, str]:
    answers: dict[str, str] = {}
    for key, label, default in _QUESTIONS:
        given = getattr(args, key, None)
        if key == "apply_by" and default is None:
            default = (settings.build_date() + dt.timedelta(days=30)).isoformat()
        if key == "pay" and default is None:
            default = str(int(settings.pay_floor * int(answers.get("hours") or 20)))
        if given:
            answers[key] = str(given).strip()
        elif interactive:
            answers[key] = _ask(label, default)
        elif default is not None:
            answers[key] = default
        else:
            raise AnswerError(f"--{key.replace('_', '-')} is required with --no-input")
    return answers


def starter_posting(answers: dict[str, str], settings: Settings) -> dict:
    if answers["field"] not in FIELD_LABELS:
        raise AnswerError(f"field must be one of: {', '.join(FIELD_LABELS)}")
    try:
        hours = int(answers["hours"])
        pay = float(answers["pay"])
        apply_by = dt.date.fromisoformat(answers["apply_by"])
    except ValueError as exc:
        raise AnswerError(f"hours and pay are numbers and apply-by is a date YYYY-MM-DD ({exc})") from exc
    remote = answers["remote"].lower() in ("y", "yes", "true", "1")
    today = settings.build_date()
    location: dict = {"type": "remote"} if remote else {"type": "on-site", "city": "TODO: your city",
                                                                   "country": "US"}
    return {
        "title": answers["title"],
        "organization": {"name": answers["organization"]},
        "summary": f"TODO: one sentence on what {answers['organization']} needs and why it matters.",
        "description": ("TODO: describe the project in Markdown: the context, the problem, and what good looks "
                        "like.\n\nSay what the student will have access to and who they will work with.\n"),
        "deliverables": ["TODO: the first thing the student hands over"],
        "field": answers["field"],
        "skills": ["TODO: a skill from the skills list"],
        "hours": hours,
        "timeline": {"apply_by": apply_by.isoformat(), "duration_weeks": 4},
        "compensation": {"type": "fixed", "amount": int(pay) if pay.is_integer() else pay,
                         "currency": settings.currency},
        "location": location,
        "mentorship": {"mentor": "TODO: name, role", "check_ins": "weekly", "feedback": ["written-review"]},
        "apply": {"email": "TODO@example.org"},
        "owners": [answers["owner"].lstrip("@")],
        "status": "open",
        "posted": today.isoformat(),
    }


def run_new(args: argparse.Namespace, settings: Settings, root: Path) -> int:
    interactive = not args.no_input and sys.stdin.isatty()
    try:
        answers = collect_answers(args, settings, interactive)
        posting = starter_posting(answers, settings)
    except (AnswerError, EOFError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    org, slug = slugify(answers["organization"]), slugify(answers["title"])
    if not org or not slug:
        print("error: the organization and the title need letters or digits", file=sys.stderr)
        return 2
    target = Path(root) / settings.projects_dir / org / f"{slug}.yaml"
    if target.exists():
        print(f"error: {target} already exists; edit it, or choose another title", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(posting, sort_keys=False, allow_unicode=True, width=100)
    target.write_text(SCHEMA_COMMENT + "\n" + text, encoding="utf-8")
    result = validate_paths([target], settings, root)
    print(f"wrote {target}")
    print("Replace every TODO, then check the file with: python -m generator validate " + str(target))
    # TODO placeholders are expected in a starter; anything else means an answer broke a rule
    other = [p for p in result.problems if p.code != "placeholder-left"]
    if any(p.is_error for p in other):
        sys.stdout.write(as_text(result.files_checked, other))
        return 1
    return 0
