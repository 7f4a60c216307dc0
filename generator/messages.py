"""The validator's words, as templates: one wording for the command line, the bot and the web form.

Each entry is (code, message, hint). Placeholders in braces are filled by `say` here and by
post-form.js in the browser, which receives this table in the form's rules (generator/site/form_rules.py),
so a rule the form checks reads exactly as the validator would report it.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str, str]] = {
    # the schema's keywords, as generator.validate explains them
    "required": ("missing-field", "{key} is missing{where}", "add {example}{about}"),
    "email": ("bad-email", "{name} is not an e-mail address: {value}", "write an address like jobs@example.org"),
    "type": ("wrong-type", "{name} must be {expected}, not {value}", "{hint}"),
    "enum": ("not-allowed", "{value} is not an allowed value for {name}", "{near}write one of: {allowed}"),
    "date": ("bad-date", "{name} is not a real date: {value}",
             'write the date as "YYYY-MM-DD" in quotes, e.g. "2031-03-01"'),
    "format": ("bad-format", "{name} is not a valid {format}: {value}", "{hint}"),
    "uri": ("bad-format", "{name} is not a valid uri: {value}", "write a full link starting with https://"),
    "https": ("not-https", "{name} must be an https:// link, not {value}",
              "links on the board must start with https://"),
    "pattern": ("bad-pattern", "{name} is not in the expected form: {value}", "{hint}"),
    "minLength": ("bad-length", "{name} is {length} characters long; it must be at least {limit}",
                  "add a little more detail"),
    "maxLength": ("bad-length", "{name} is {length} characters long; it must be at most {limit}", "shorten it"),
    "minItems": ("bad-count", "{name} has {count} item(s); it needs at least {limit}",
                 "list one item per line, each starting with '- '"),
    "maxItems": ("bad-count", "{name} has {count} item(s); it needs at most {limit}",
                 "list one item per line, each starting with '- '"),
    "uniqueItems": ("repeated-item", "{name} lists the same item twice", "remove the repeated item"),
    "minimum": ("out-of-range", "{name} is {value}; it must be at least {limit}", ""),
    "maximum": ("out-of-range", "{name} is {value}; it must be at most {limit}", ""),
    "exclusiveMinimum": ("out-of-range", "{name} is {value}; it must be more than {limit}", ""),
    "exclusiveMaximum": ("out-of-range", "{name} is {value}; it must be less than {limit}", ""),
    "anyOf:timeline": ("missing-field", "the timeline needs an end",
                       'add `due: "YYYY-MM-DD"` or `duration_weeks: 4` under timeline'),
    "anyOf:apply": ("missing-field", "apply needs a link or an e-mail address",
                    "add `url: https://...` or `email: jobs@example.org` under apply"),
    "false": ("not-allowed-here", "{name} is not used when the pay type is unpaid",
              "remove it, or choose another pay type"),
    # what a schema cannot say
    "date-order": ("date-order", "{later_name} ({later}) is before {earlier_name} ({earlier})",
                   "dates go in order: posted, apply_by, start, due; set {later_name} on or after {earlier}"),
    "updated-order": ("date-order", "updated is before posted", "set updated on or after {posted}"),
    "unpaid": ("unpaid", "this board does not accept unpaid projects",
               "micro-internships are paid work: give a fixed fee, an hourly rate or a stipend"),
    "pay-below-floor": ("pay-below-floor", "the pay works out to {hourly} {currency} an hour, below this board's "
                        "floor of {floor} {board_currency} an hour", "pay at least {floor_here} {currency} an hour"),
    "pay-below-floor-total": ("pay-below-floor", "the pay works out to {hourly} {currency} an hour, below this "
                              "board's floor of {floor} {board_currency} an hour",
                              "pay at least {floor_here} {currency} an hour, so at least {total} {currency} for "
                              "{hours} hours, or reduce the estimated hours"),
    "skill-alias": ("skill-alias", "the skill {skill} is written {canonical} on this board",
                    "write {canonical} instead, so students filtering by it find the posting"),
    "timezone-unknown": ("timezone-unknown", "{zone} is not a known time zone",
                         "{near}use IANA names like America/New_York"),
    "placeholder-left": ("placeholder-left", "{name} still holds a TODO placeholder",
                         "replace the TODO text with the real content"),
    "organization-invalid": ("organization-invalid", "{org_file} has errors, so no posting of this organization "
                             "can be published",
                             "fix the problems reported for {org_file} (python -m generator validate {org_file})"),
    # warnings: the posting is accepted, and its author told
    "hours-range": ("hours-range", "{hours} hours is outside the usual {low} to {high} hours of a micro-internship",
                    "split a larger project into stages, or check the estimate"),
    "pay-unchecked": ("pay-unchecked", "the pay floor cannot be checked for {currency}",
                      "a maintainer will check it by hand; operators can add {currency} under exchange_rates in board.yml"),
    "skill-unknown": ("skill-unknown", "the skill {skill} is not in the board's skills list",
                      "{near}see the skills list in the docs; an operator can add new skills to schema/skills.yaml"),
    "duplicate-posting": ("duplicate-posting", "{first} already has the title {title} for this organization, open at "
                          "the same place and dates",
                          "give this posting a title of its own, tell the two apart by location or dates (start, "
                          "due), or edit the existing posting instead"),
    "duplicate-apply-url": ("duplicate-apply-url", "{first} is open with the same title, {title}, and the same apply "
                            "link", "give each place or season its own apply link, or close the other posting "
                            "(status: closed) if this one replaces it"),
}


def say(entry: str, **values: object) -> tuple[str, str, str]:
    """(code, message, hint) of one entry, its placeholders filled."""
    code, message, hint = TEXT[entry]
    return code, message.format(**values), hint.format(**values)
