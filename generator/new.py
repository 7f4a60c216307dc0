"""`python -m generator new`: a few questions, then a valid starter posting in the right place.

The organization is asked first: the folder of one already on the board (or its name), whose postings
the new one joins, or the name of a new organization, for which organization.yaml is written too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from generator.fake import SCHEMA_COMMENT
from generator.load import load_file
from generator.organization import ORG_FILE, organization_data, organization_yaml
from generator.ownership import owners_of, same_login
from generator.model import FIELD_LABELS
from generator.report import as_text
from generator.settings import Settings
from generator.slugs import slugify
from generator.validate import validate_paths

_QUESTIONS = [
    ("organization", "Organization (its folder under projects/ if it posts here already, else its name)", None),
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


def existing_organization(root: Path, settings: Settings, answer: str) -> tuple[str, dict] | None:
    """(folder, organization.yaml values) of the organization on the board that `answer` names, if any."""
    slug = slugify(answer)
    file = Path(root) / settings.projects_dir / slug / ORG_FILE if slug else None
    if file is None or not file.is_file():
        return None
    data = load_file(file).data
    return slug, (data if isinstance(data, dict) else {})


def _organization_names(root: Path, settings: Settings) -> list[str]:
    return sorted(p.parent.name for p in (Path(root) / settings.projects_dir).glob(f"*/{ORG_FILE}"))


def collect_answers(args: argparse.Namespace, settings: Settings, interactive: bool,
                    root: Path = Path(".")) -> dict[str, str]:
    answers: dict[str, str] = {}
    if interactive and not getattr(args, "organization", None):
        names = _organization_names(root, settings)
        if names:
            print("Organizations on this board: " + ", ".join(names[:40]) + (" …" if len(names) > 40 else ""))
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
        if key == "organization" and existing_organization(root, settings, answers[key]) is None:
            for extra, text in (("website", "Organization website (https://..., optional)"),
                                ("about", "About the organization, one paragraph (optional)")):
                given = getattr(args, extra, None)
                answers[extra] = str(given).strip() if given else (_ask(text, None) if interactive else "")
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
        answers = collect_answers(args, settings, interactive, root)
        posting = starter_posting(answers, settings)
    except (AnswerError, EOFError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    org, slug = slugify(answers["organization"]), slugify(answers["title"])
    if not org or not slug or slug == Path(ORG_FILE).stem:
        print("error: the organization and the title need letters or digits (and a title other than "
              "'organization')", file=sys.stderr)
        return 2
    target = Path(root) / settings.projects_dir / org / f"{slug}.yaml"
    if target.exists():
        print(f"error: {target} already exists; edit it, or choose another title", file=sys.stderr)
        return 2
    owner = posting["owners"][0]
    existing = existing_organization(root, settings, answers["organization"])
    org_file = target.parent / ORG_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    if existing is None:
        org_data = organization_data(answers["organization"].strip(), answers.get("website") or None,
                                     answers.get("about") or None, [owner])
        org_file.write_text(organization_yaml(org_data), encoding="utf-8")
        print(f"wrote {org_file} (a new organization, owned by {owner})")
    else:
        owners = owners_of(org_file.read_bytes()) or ()
        print(f"the posting joins {existing[1].get('name') or org}, described in {org_file}")
        if not any(same_login(owner, o) for o in owners):
            print(f"note: {owner} is not among its owners ({', '.join(owners) or 'none'}): a pull request adding this "
                  "posting needs one of them, or a maintainer's approval")
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
