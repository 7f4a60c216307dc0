"""The "Post a project" page: a web form generated from the schema, with the browser's own validation.

Each schema keyword becomes the matching HTML constraint (required, minlength, maxlength, pattern,
min, max, step, type=date/email/url), so the browser blocks bad input before anything is made.
post-form.js adds the rules HTML cannot say (lists, "one of these two", conditions), writes the
YAML, and hands it to GitHub as a prefilled new-file page or issue form: no server, no token.
"""

from __future__ import annotations

import html
import json
import re

from generator.issue_form import FORM_PATH, SLUG_FIELDS, FormField, form_fields, form_schema
from generator.settings import Settings
from generator.site.outputs import PAGE, Output, SiteOptions
from generator.slugs import MAX_LENGTH as SLUG_MAX_LENGTH, PATTERN as SLUG_PATTERN, browser_rule

PAGE_PATH = "post/index.md"


def html_pattern(pattern: str) -> str:
    """A schema pattern as an HTML `pattern` attribute: anchored whole-value, valid with the `v` flag."""
    if pattern == "^https://":
        return "https://.+"
    body = pattern.removeprefix("^").removesuffix("$")
    # with the v flag a hyphen at the end of a character class must be escaped
    return re.sub(r"-\]", r"\-]", body)


def _attrs(values: dict) -> str:
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        parts.append(key if value is True else f'{key}="{html.escape(str(value), quote=True)}"')
    return " ".join(parts)


def _constraints(schema: dict, required: bool) -> dict:
    found: dict = {"required": required}
    kind = schema.get("type")
    if kind == "string":
        fmt = schema.get("format")
        found["type"] = {"date": "date", "email": "email", "uri": "url"}.get(fmt, "text")
        if fmt != "date":
            found["minlength"] = schema.get("minLength")
            found["maxlength"] = schema.get("maxLength")
        if "pattern" in schema:
            found["pattern"] = html_pattern(schema["pattern"])
    elif kind in ("integer", "number"):
        found["type"] = "number"
        found["step"] = "1" if kind == "integer" else "any"
        found["min"] = schema.get("minimum", schema.get("exclusiveMinimum"))
        found["max"] = schema.get("maximum")
        found["inputmode"] = "numeric" if kind == "integer" else "decimal"
    return found


def _control(item: FormField) -> str:
    schema = item.schema
    ident = f"mb-{item.id}"
    data = {"id": ident, "name": item.id, "data-path": ".".join(item.path), "data-type": schema.get("type", "string"),
            "aria-describedby": f"{ident}-help"}
    kind = item.kind
    if kind == "dropdown":
        options = [] if item.required else ['<option value="">(none)</option>']
        options += [f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in schema["enum"]]
        return f'<select {_attrs({**data, "required": item.required})}>{"".join(options)}</select>'
    if kind == "multi":
        boxes = []
        for value in schema["items"]["enum"]:
            box_id = f"{ident}-{value}"
            boxes.append(f'<label class="mb-check" for="{box_id}"><input type="checkbox" id="{box_id}" '
                         f'name="{html.escape(item.id)}" value="{html.escape(value)}"> {html.escape(value)}</label>')
        return (f'<div class="mb-checks" role="group" aria-labelledby="{ident}-label" data-path="{".".join(item.path)}"'
                f' data-type="multi" id="{ident}" aria-describedby="{ident}-help">{"".join(boxes)}</div>')
    if kind == "textarea":
        extra: dict = {"rows": 6 if item.path[-1] == "description" else 3, "required": item.required}
        if schema.get("type") == "array":
            items = schema.get("items", {})
            extra.update({"data-min-items": schema.get("minItems"), "data-max-items": schema.get("maxItems"),
                          "data-item-pattern": items.get("pattern"),
                          "data-item-min-length": items.get("minLength"),
                          "data-item-max-length": items.get("maxLength"),
                          "data-unique": "true" if schema.get("uniqueItems") else None})
        else:
            extra.update({"minlength": schema.get("minLength"), "maxlength": schema.get("maxLength")})
        example = (schema.get("examples") or [None])[0]
        if example is not None:
            extra["placeholder"] = "\n".join(map(str, example)) if isinstance(example, list) else str(example)
        return f"<textarea {_attrs({**data, **extra})}></textarea>"
    attrs = {**data, **_constraints(schema, item.required)}
    example = (schema.get("examples") or [None])[0]
    if example is not None and attrs.get("type") != "date":
        attrs["placeholder"] = str(example)
    return f"<input {_attrs(attrs)}>"


def _field_html(item: FormField) -> str:
    ident = f"mb-{item.id}"
    needed = ' <span class="mb-required" aria-hidden="true">*</span>' if item.required else ""
    label_tag = "span" if item.kind == "multi" else "label"
    label_for = "" if item.kind == "multi" else f' for="{ident}"'
    help_text = item.schema.get("description", "")
    if item.schema.get("type") == "array" and item.kind == "textarea" and "per line" not in help_text:
        help_text += " One per line."
    return (f'<div class="mb-field" data-field="{html.escape(item.id)}">'
            f'<{label_tag} class="mb-label" id="{ident}-label"{label_for}>{html.escape(item.label)}{needed}'
            f'</{label_tag}>{_control(item)}'
            f'<p class="mb-help" id="{ident}-help">{html.escape(help_text)}</p></div>')


def _slug_field(slug_id: str, label: str, description: str) -> str:
    ident = f"mb-{slug_id}"
    attrs = {"id": ident, "name": slug_id, "type": "text", "pattern": html_pattern("^" + SLUG_PATTERN + "$"),
             "maxlength": SLUG_MAX_LENGTH, "data-slug": slug_id, "aria-describedby": f"{ident}-help", "autocomplete": "off",
             "list": "mb-organizations" if slug_id == "organization-slug" else None}
    return (f'<div class="mb-field"><label class="mb-label" for="{ident}">{html.escape(label)}</label>'
            f'<input {_attrs(attrs)}><p class="mb-help" id="{ident}-help">{html.escape(description)}</p></div>')


ORGANIZATION_CHOICE = """<div class="mb-field" role="radiogroup" aria-labelledby="mb-org-kind-label">
<span class="mb-label" id="mb-org-kind-label">Does your organization already post on this board?
<span class="mb-required" aria-hidden="true">*</span></span>
<label class="mb-check"><input type="radio" name="mb-org-kind" value="existing" required> Yes: the posting joins it
(give its short name below)</label>
<label class="mb-check"><input type="radio" name="mb-org-kind" value="new" required> No: this posting introduces it
to the board</label>
<p class="mb-help" id="mb-org-kind-help">An organization is described once, in its own file, and only the people
it names as owners may post for it or change how it is presented.</p></div>"""


def _organizations_list(organizations: list[tuple[str, str]]) -> str:
    options = "".join(f'<option value="{html.escape(slug)}">{html.escape(name)}</option>'
                      for slug, name in organizations)
    return f'<datalist id="mb-organizations">{options}</datalist>'


def post_form_page(settings: Settings, options: SiteOptions, script_url: str,
                   organizations: list[tuple[str, str]] | None = None) -> Output:
    """The page at /post/: the form, grouped by the schema's sections, and the place the YAML appears.

    `organizations` (folder, name) are offered as the organizations already on the board.
    """
    groups: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    schema = form_schema()
    for item in form_fields(schema):
        section = item.path[0] if len(item.path) > 1 else "_posting"
        titles.setdefault(section, schema["properties"][section].get("title", section) if section != "_posting"
                          else "The project")
        groups.setdefault(section, []).append(_field_html(item))
    sections = []
    for section, fields in groups.items():
        marker = " data-org-details hidden disabled" if section == "organization" else ""
        sections.append(f'<fieldset class="mb-fieldset"{marker}><legend>{html.escape(titles[section])}</legend>'
                        + "".join(fields) + "</fieldset>")
    slugs = ORGANIZATION_CHOICE + "".join(_slug_field(*field) for field in SLUG_FIELDS) \
        + _organizations_list(organizations or [])
    config = {"github": options.github_url, "repository": settings.repository, "branch": settings.branch,
              "projectsDir": settings.projects_dir,
              "issueTemplate": FORM_PATH.rsplit("/", 1)[-1], "fields": [f.id for f in form_fields(schema)], "slug": browser_rule()}
    body = f"""<div class="mb-post" data-mb-post-form>
<p>Fill in the form to post a paid micro-internship. Your browser checks each answer as you go; when everything is
valid the form shows the posting file it made, and sends it to GitHub for review: as a pull request (GitHub
makes a copy of the board for you) or as an issue that a bot turns into a pull request. Nothing is sent
anywhere until you press one of those buttons.</p>
<noscript><p class="mb-notice"><strong>This form needs JavaScript.</strong> You can post without it: use the
<a href="{html.escape(options.github_url)}/{html.escape(settings.repository)}/issues/new?template={html.escape(config['issueTemplate'])}">issue form on GitHub</a>,
or write the file yourself as the employer guide explains.</p></noscript>
<form class="mb-post-form" id="mb-post-form" data-config="{html.escape(json.dumps(config), quote=True)}">
<fieldset class="mb-fieldset"><legend>Where the posting goes</legend>{slugs}</fieldset>
{''.join(sections)}
<div class="mb-actions"><button type="submit" class="md-button md-button--primary">Check and make the posting</button></div>
</form>
<section class="mb-result" id="mb-result" hidden aria-live="polite">
<h2>Your posting</h2>
<p id="mb-result-path"></p>
<label class="mb-label" for="mb-yaml">The posting file (YAML)</label>
<textarea id="mb-yaml" rows="20" readonly></textarea>
<div id="mb-org-result" hidden>
<p class="mb-notice" id="mb-org-note"></p>
<label class="mb-label" for="mb-org-yaml">The organization's file (YAML)</label>
<textarea id="mb-org-yaml" rows="8" readonly></textarea>
</div>
<p class="mb-help" id="mb-owners-note" hidden></p>
<div class="mb-actions">
<a class="md-button md-button--primary" id="mb-open-pr" rel="noopener">Open a pull request on GitHub</a>
<a class="md-button" id="mb-open-issue" rel="noopener">Submit as an issue instead</a>
<button type="button" class="md-button" id="mb-copy">Copy the YAML</button>
</div>
<p class="mb-help" id="mb-long-note" hidden>The posting is too long to send in a link. Copy the YAML, then
paste it into the file page that opens.</p>
<p class="mb-help" id="mb-copied" role="status"></p>
</section>
</div>
<script src="{html.escape(script_url)}" defer></script>
"""
    meta = {"title": "Post a project", "description": "Post a paid micro-internship on the board.",
            "search": {"exclude": True}}
    return Output(PAGE_PATH, body, PAGE, meta, in_nav=True)
