"""The "Post a project" issue form, generated from the schema, and its answers turned back into a posting.

Every leaf of the schema becomes one form field whose id is its dotted path with hyphens
(`compensation.amount` -> `compensation-amount`) and whose label is the schema's title. GitHub
writes the answers into the issue body as `### <label>` headings; `posting_from_issue_body` reads
them back by label, converts each answer by the schema's type and rebuilds the nested posting.
Answers are data only: they never become YAML text (the YAML is written by `yaml.safe_dump`), and
the slugs that become a file path are checked before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator import issue_body
from generator.characters import is_multiline
from generator.slugs import explain as explain_slug, is_slug, slugify
from generator.schema import load_schema
from generator.settings import PROJECTS_DIR

POST_LABEL = "new posting"  # the label and title prefix the form gives its issues: the bot acts on those
POST_TITLE_PREFIX = "[Post]"

FORM_PATH = ".github/ISSUE_TEMPLATE/post-a-project.yml"
NO_RESPONSE = issue_body.NO_RESPONSE
MAX_BODY = 65_536  # GitHub's own limit for an issue body
LIST_HINT = "One per line."

# Fields that are not in the schema but decide where the posting goes.
SLUG_FIELDS = [
    ("organization-slug", "Organization short name",
     "Lowercase letters, digits and hyphens, used in the posting's address. Leave empty to derive it from the "
     "organization's name; keep it the same for all your postings."),
    ("project-slug", "Project short name",
     "Lowercase letters, digits and hyphens. Leave empty to derive it from the title."),
]


@dataclass(frozen=True)
class FormField:
    path: tuple[str, ...]
    schema: dict
    required: bool

    @property
    def id(self) -> str:
        return "-".join(self.path).replace("_", "-")

    @property
    def label(self) -> str:
        return self.schema.get("title") or self.id

    @property
    def kind(self) -> str:
        """input, textarea, dropdown or multi (a dropdown with several choices)."""
        schema = self.schema
        if "enum" in schema:
            return "dropdown"
        if schema.get("type") == "array":
            return "multi" if "enum" in schema.get("items", {}) else "textarea"
        if is_multiline(schema, self.path[-1]):
            return "textarea"
        return "input"


def form_schema() -> dict:
    """The posting's schema with the organization's presentation (name, website, about) after the title.

    Postings hold no organization details, but an employer filling in the form for a new organization
    gives them there; the answers become the folder's organization.yaml (see generator/issue_org.py).
    """
    from generator.schema import ORG_SCHEMA_PATH

    project, org = load_schema(), load_schema(ORG_SCHEMA_PATH)
    block = {"title": "Organization", "type": "object", "required": ["name"],
             "properties": {k: v for k, v in org["properties"].items() if k != "owners"}}
    block["properties"]["name"] = {**block["properties"]["name"], "description": (
        "Your organization's name as students see it. If it already posts on this board, the posting goes under "
        "it and its name, website and about text stay as its owners wrote them.")}
    properties = {}
    for key, value in project["properties"].items():
        properties[key] = value
        if key == "title":
            properties["organization"] = block
    return {**project, "required": list(project["required"]) + ["organization"], "properties": properties}


def form_fields(schema: dict | None = None) -> list[FormField]:
    schema = schema or form_schema()
    fields: list[FormField] = []

    def walk(node: dict, prefix: tuple[str, ...], parent_required: bool) -> None:
        required = set(node.get("required", []))
        for name, sub in node.get("properties", {}).items():
            if sub.get("type") == "object":
                walk(sub, prefix + (name,), parent_required and name in required)
            else:
                fields.append(FormField(prefix + (name,), sub, parent_required and name in required))

    walk(schema, (), True)
    return fields


# ---------------------------------------------------------------- writing the form


def issue_form(schema: dict | None = None) -> str:
    """The YAML of `.github/ISSUE_TEMPLATE/post-a-project.yml`."""
    body: list[dict] = [{
        "type": "markdown",
        "attributes": {"value": (
            "Thank you for posting a project. Fill in the fields below; a bot turns your answers into a posting "
            "file, checks it and opens a pull request for the board's maintainers. If something needs fixing, "
            "the bot comments here: edit this issue and the pull request follows.\n\n"
            "Dates are written YYYY-MM-DD. Lists take one item per line.")},
    }]
    for slug_id, label, description in SLUG_FIELDS:
        body.append({"type": "input", "id": slug_id, "attributes": {"label": label, "description": description},
                     "validations": {"required": False}})
    for item in form_fields(schema):
        body.append(_form_element(item))
    form = {
        "name": "Post a project",
        "description": "Post a paid micro-internship. A bot turns this form into a posting and a pull request.",
        "title": POST_TITLE_PREFIX + " ",
        "labels": [POST_LABEL],
        "body": body,
    }
    header = "# Generated by `python -m generator forms` from schema/project.schema.json: do not edit by hand.\n"
    return header + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=1000)


def _form_element(item: FormField) -> dict:
    schema = item.schema
    description = schema.get("description", "")
    attributes: dict[str, Any] = {"label": item.label}
    kind = item.kind
    if kind in ("dropdown", "multi"):
        options = schema["enum"] if kind == "dropdown" else schema["items"]["enum"]
        attributes["description"] = description
        attributes["options"] = list(options)
        if kind == "multi":
            attributes["multiple"] = True
        element = {"type": "dropdown", "id": item.id, "attributes": attributes}
    else:
        if kind == "textarea" and schema.get("type") == "array" and "per line" not in description:
            description = f"{description} {LIST_HINT}".strip()
        attributes["description"] = description
        examples = schema.get("examples") or []
        if examples:
            example = examples[0]
            attributes["placeholder"] = "\n".join(map(str, example)) if isinstance(example, list) else str(example)
        element = {"type": "textarea" if kind == "textarea" else "input", "id": item.id, "attributes": attributes}
    element["validations"] = {"required": item.required}
    return element


# ---------------------------------------------------------------- reading the answers


@dataclass
class IssuePosting:
    """What an issue body becomes: the posting, where it goes, and what could not be read."""

    data: dict = field(default_factory=dict)
    org_slug: str | None = None
    slug: str | None = None
    problems: list[str] = field(default_factory=list)  # what stops the posting from being made
    notes: list[str] = field(default_factory=list)  # what the author should know, but blocks nothing

    @property
    def path(self) -> str | None:
        if self.org_slug and self.slug:
            return f"{PROJECTS_DIR}/{self.org_slug}/{self.slug}.yaml"
        return None

    def yaml_text(self) -> str:
        from generator.fake import SCHEMA_COMMENT

        return SCHEMA_COMMENT + "\n" + yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True, width=100)


def form_labels() -> list[str]:
    """The headings GitHub writes into the body, in the form's order."""
    return [label for _, label, _ in SLUG_FIELDS] + [f.label for f in form_fields()]


def split_answers(body: str) -> tuple[dict[str, str], list[str]]:
    """The answers of an issue body, by label ("" for a field left alone).

    GitHub writes every field as `### <label>` in the form's order. Answers are free text and may hold
    `### ` lines themselves (a Markdown description often does), so boundaries are found from the end:
    each label's heading is its last occurrence before the next label's heading. A heading written
    inside an answer therefore stays part of that answer, and nothing the author wrote is dropped.
    A section the author moved out of the form's order still starts at its own heading.
    """
    lines = issue_body.lines_of(body)
    headings: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        heading = issue_body.heading_of(line)
        if heading is not None:
            headings.setdefault(heading, []).append(number)
    labels = form_labels()
    bounds: list[tuple[int, str]] = []
    limit = len(lines)
    for label in reversed(labels):
        before = [n for n in headings.get(label, []) if n < limit]
        if before:
            limit = before[-1]
            bounds.append((limit, label))
    chosen = {label for _, label in bounds}
    bounds += [(headings[label][-1], label) for label in labels if label not in chosen and label in headings]
    bounds.sort()
    problems: list[str] = []
    answers: dict[str, str] = {}
    dropdowns = _dropdown_labels()
    for index, (start, label) in enumerate(bounds):
        stop = bounds[index + 1][0] if index + 1 < len(bounds) else len(lines)
        text = "\n".join(lines[start + 1:stop]).strip()
        if issue_body.is_empty(text, dropdown=label in dropdowns):
            text = ""
        elif label in dropdowns and "\n" in text:
            # a choice is one line; text written below it when the body was edited is not part of it
            text, rest = text.split("\n", 1)
            problems.append(f"the text after your choice in “{_short(label)}” was ignored: "
                            f"“{_short(' '.join(rest.split()))}”")
        answers[label] = text
    known = set(labels)
    for heading in headings:
        if heading not in known:
            problems.append(f"the heading “{_short(heading)}” is not a field of the form; "
                            "it was kept as part of the answer above it")
    if bounds and "\n".join(lines[:bounds[0][0]]).strip():
        problems.append("the text before the first field of the form was ignored")
    return answers, problems


def _dropdown_labels() -> set[str]:
    """Labels of the dropdowns, whose empty answer GitHub writes as `None`."""
    return {f.label for f in form_fields() if f.kind in ("dropdown", "multi")}


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def posting_from_issue_body(body: str, author: str | None = None) -> IssuePosting:
    """Rebuild a posting from an issue form's body. Never raises for bad input; problems are collected."""
    result = IssuePosting()
    if len(body.encode("utf-8", "replace")) > MAX_BODY:
        result.problems.append(f"the issue is longer than {MAX_BODY // 1024} KB; shorten the description")
        return result
    answers, result.notes = split_answers(body)
    if not answers:
        result.problems.append("no answers from the “Post a project” form were found in this issue")
        return result
    for item in form_fields():
        raw = answers.get(item.label, "")
        if not raw:
            continue
        value, problem = _convert(item, raw)
        if problem:
            result.problems.append(f"{item.label}: {problem}")
            continue
        target = result.data
        for part in item.path[:-1]:
            target = target.setdefault(part, {})
        target[item.path[-1]] = value
    if author:
        owners = result.data.setdefault("owners", [])
        if author.lower() not in (o.lower() for o in owners):
            owners.insert(0, author)
    _place(result, answers)
    result.data = _ordered(result.data)
    return result


def _place(result: IssuePosting, answers: dict[str, str]) -> None:
    org_name = str(result.data.get("organization", {}).get("name", ""))
    for slug_id, label, _ in SLUG_FIELDS:
        given = answers.get(label, "").strip()
        fallback = slugify(org_name if slug_id == "organization-slug" else str(result.data.get("title", "")))
        slug = given or fallback
        if not is_slug(slug):
            result.problems.append(_slug_problem(label, given, slug))
            slug = None
        if slug_id == "organization-slug":
            result.org_slug = slug
        else:
            result.slug = slug


def _slug_problem(label: str, given: str, slug: str) -> str:
    """Why a short name cannot be used, and what to write instead."""
    if not given and not slug:
        return (f"{label}: the name gives no letters or digits to make a short name from: write one, "
                "using lowercase letters, digits and hyphens, e.g. green-valley")
    suggestion = slugify(given)
    instead = f"e.g. {suggestion}" if suggestion and suggestion != given else "e.g. green-valley"
    return (f"{label}: {_short(given or slug)!r} is not a short name ({explain_slug(given or slug)}): use "
            f"lowercase letters, digits and hyphens, {instead}")


def _convert(item: FormField, raw: str) -> tuple[Any, str | None]:
    schema = item.schema
    kind = schema.get("type")
    if item.kind == "multi":
        return [part.strip() for part in raw.split(",") if part.strip()], None
    if kind == "array":
        items = [re.sub(r"^\s*(?:[-*•]\s+|\d+[.)]\s+)", "", line).strip() for line in raw.split("\n")]
        return [i for i in items if i], None
    if kind in ("integer", "number"):
        return _number(schema, raw)
    if item.kind == "textarea":
        return raw.strip("\n") + ("\n" if item.path[-1] == "description" else ""), None
    return " ".join(raw.split()), None  # one-line answers: newlines and runs of spaces fold into one space


MAX_DIGITS = 15  # more than any hours or pay on a board; Python's int() raises on 4,300+ digits


def _number(schema: dict, raw: str) -> tuple[Any, str | None]:
    """A number answer in digits (commas allowed); never raises. The range is the validator's to check."""
    whole = schema.get("type") == "integer"
    text = raw.strip().replace(",", "").replace("_", "")
    shown = _short(" ".join(raw.split()))
    pattern = r"[-+]?\d+" if whole else r"[-+]?(\d+(\.\d*)?|\.\d+)"
    if not re.fullmatch(pattern, text):
        return None, f"write {'a whole number' if whole else 'a number'} in digits, not {shown!r}"
    if len(text.lstrip("+-").split(".")[0].lstrip("0")) > MAX_DIGITS:
        return None, f"{shown!r} is far too large: {_range_words(schema)}"
    number: Any = int(text) if whole else float(text)
    if not whole and number.is_integer():
        number = int(number)
    return number, None  # the validator checks the range, with the line and a hint


def _range_words(schema: dict) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"write a number from {low} to {high}"
    if high is not None:
        return f"write a number up to {high}"
    if low is not None:
        return f"write a number of at least {low}"
    return "write a smaller number"


def _ordered(data: dict) -> dict:
    """Keys in the schema's order, so the file reads like every other posting."""
    def order(node: dict, schema: dict) -> dict:
        props = schema.get("properties", {})
        out = {}
        for key in props:
            if key in node:
                value = node[key]
                out[key] = order(value, props[key]) if isinstance(value, dict) else value
        for key in node:
            out.setdefault(key, node[key])
        return out

    return order(data, load_schema())


# ---------------------------------------------------------------- and back (for the round trip)


def issue_body_from_posting(data: dict, org_slug: str = "", slug: str = "") -> str:
    """The body GitHub would write for a form filled in with this posting (tests use it for round trips)."""
    parts = []
    for slug_id, label, _ in SLUG_FIELDS:
        value = org_slug if slug_id == "organization-slug" else slug
        parts.append(f"### {label}\n\n{value or NO_RESPONSE}")
    for item in form_fields():
        value: Any = data
        for part in item.path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or value == []:
            text = issue_body.EMPTY_DROPDOWN if item.kind in ("dropdown", "multi") else NO_RESPONSE
        elif item.kind == "multi":
            text = ", ".join(value)
        elif isinstance(value, list):
            text = "\n".join(map(str, value))
        else:
            text = str(value).strip("\n")
        parts.append(f"### {item.label}\n\n{text}")
    return "\n\n".join(parts) + "\n"
