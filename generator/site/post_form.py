"""The "Post a project" page: a web form generated from the schema, checked in the browser as the validator checks.

The fields come from the schema (generator/issue_form.py walks it for the issue form too); the page is
rendered through the templates microboard/post-form.html and microboard/post-form-fields.html, so a site
can override them like any other page. The rules the answers are checked against travel with the page
as JSON (generator/site/form_rules.py): form-check.js interprets them, post-form.js shows what it finds
the GOV.UK way, writes the YAML and hands it to GitHub as a prefilled new-file page or issue form.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Iterable

from generator.issue_form import FORM_PATH, LIST_HINT, SLUG_FIELDS, FormField, form_fields, form_schema
from generator.model import Project
from generator.settings import Settings
from generator.site.outputs import FILE, PAGE, Output, SiteOptions
from generator.site.form_rules import TITLES_DIR, form_rules, title_files
from generator.site.pages import environment
from generator.slugs import MAX_LENGTH as SLUG_MAX_LENGTH, PATTERN as SLUG_PATTERN, RULE as SLUG_RULE, browser_rule

PAGE_PATH = "post/index.md"
TITLE = "Post with the web form"  # the employers' guide is "Post a project": each page its own title
# The YAML way to write a date; a date picker shows its own (post-form.js says which)
_YAML_DATE = re.compile(r',? as a date in quotes: "YYYY-MM-DD"')

# What the form asks besides the posting, in the validator's manner: what is wrong, then what to do
FORM_TEXT = {
    "org-kind": ["organization-kind", "say whether your organization already posts on this board",
                 "choose yes to add the posting to it, or no to introduce it with this posting"],
    "org-slug": ["missing-field", "the organization's short name is missing",
                 "write the short name of your organization on this board; the list offers the ones it has"],
    "slug": ["path-slug", "this short name is not one the board can use", SLUG_RULE],
    "derive": ["path-slug", "a short name cannot be made from this name",
               "write a short name yourself: lowercase letters, digits and hyphens, e.g. green-valley"],
}

# Words the script writes: before an error (in the page's title too), and the order a date box shows
WORDS = {"error": "Error: ", "dateOrder": "Type it as {order}, or pick the day in the calendar."}


def form_help(item: FormField) -> str:
    """The schema's description as the form's help: no YAML quoting for dates, one list item per line."""
    text = item.schema.get("description", "")
    if item.schema.get("format") == "date":
        text = _YAML_DATE.sub("", text)
    if item.schema.get("type") == "array" and item.kind == "textarea" and "per line" not in text:
        text = f"{text} {LIST_HINT}".strip()
    return text


def _attrs(item: FormField) -> dict[str, Any]:
    """What the control needs beyond its name: its kind of input, its size, an example as placeholder."""
    schema = item.schema
    attrs: dict[str, Any] = {}
    example = (schema.get("examples") or [None])[0]
    if item.kind == "textarea":
        attrs["rows"] = 6 if item.path[-1] == "description" else 3
        if schema.get("type") != "array":
            attrs["maxlength"] = schema.get("maxLength")
        if example is not None:
            attrs["placeholder"] = "\n".join(map(str, example)) if isinstance(example, list) else str(example)
        return attrs
    kind = schema.get("type")
    if kind in ("integer", "number"):  # a text box, as GOV.UK advises: a number box hides what was typed
        attrs.update({"type": "text", "inputmode": "numeric" if kind == "integer" else "decimal",
                      "autocomplete": "off"})
    else:
        fmt = schema.get("format")
        attrs["type"] = {"date": "date", "email": "email", "uri": "url"}.get(fmt, "text")
        if fmt != "date":
            attrs["maxlength"] = schema.get("maxLength")
    if example is not None and attrs["type"] != "date":
        attrs["placeholder"] = str(example)
    return attrs


def _field(item: FormField) -> dict[str, Any]:
    kind = item.kind
    options = item.schema.get("enum") if kind == "dropdown" else \
        item.schema.get("items", {}).get("enum") if kind == "multi" else None
    return {"id": item.id, "path": ".".join(item.path), "label": item.label, "kind": kind,
            "type": "date" if item.schema.get("format") == "date" else item.schema.get("type", "string"),
            "required": item.required, "help": form_help(item), "options": options or [], "attrs": _attrs(item)}


def post_form_page(settings: Settings, options: SiteOptions, script_url: str,
                   organizations: list[tuple[str, str]] | None = None, check_url: str | None = None) -> Output:
    """The page at /post/: the form, grouped by the schema's sections, and the place the YAML appears.

    `organizations` (folder, name) are offered as the organizations already on the board.
    """
    schema = form_schema()
    sections: dict[str, dict[str, Any]] = {}
    for item in form_fields(schema):
        key = item.path[0] if len(item.path) > 1 else "_posting"
        title = schema["properties"][key].get("title", key) if key != "_posting" else "The project"
        sections.setdefault(key, {"key": key, "title": title, "fields": []})["fields"].append(_field(item))
    issue_template = FORM_PATH.rsplit("/", 1)[-1]
    config = {"github": options.github_url, "repository": settings.repository, "branch": settings.branch, "projectsDir": settings.projects_dir,
              "issueTemplate": issue_template, "fields": [f.id for f in form_fields(schema)],
              "slug": browser_rule(), "slugPattern": SLUG_PATTERN, "text": FORM_TEXT, "words": WORDS}
    root = options.schema_path.parent.parent if options.schema_path else None
    env = environment(options.template_dirs)
    body = env.get_template("microboard/post-form.html").render(
        config=config, sections=list(sections.values()), organizations=organizations or [],
        slug_fields=[{"id": ident, "label": label, "help": help_text, "max": SLUG_MAX_LENGTH}
                     for ident, label, help_text in SLUG_FIELDS],
        rules=form_rules(settings, root), script_url=script_url,
        check_url=check_url or script_url.replace("post-form.js", "form-check.js"),
        issue_url=f"{options.github_url}/{settings.repository}/issues/new?template={issue_template}")
    meta = {"title": TITLE, "description": "Post a paid micro-internship on the board.", "search": {"exclude": True}}
    return Output(PAGE_PATH, body, PAGE, meta, in_nav=True)


def post_form_files(projects: Iterable[Project], settings: Settings, today: dt.date) -> list[Output]:
    """Each organization's live postings, one file per organization, for the form's duplicate check."""
    return [Output(f"{TITLES_DIR}/{org}.json", json.dumps(titles, ensure_ascii=False, separators=(",", ":")), FILE)
            for org, titles in sorted(title_files(projects, settings, today).items())]
