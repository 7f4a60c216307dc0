"""Schema errors explained: each jsonschema error becomes problems an employer can act on, at the line
of the value or key, in words about the posting rather than about JSON Schema."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any, Iterable

from generator.bounds import MAX_PROBLEMS_PER_FILE
from generator.load import Document
from generator.messages import say
from generator.problems import ERROR, Problem, field_name
from generator.schema import SCHEMA_PATH, subschema


def explain_errors(errors: Iterable, doc: Document, schema_path: Path = SCHEMA_PATH) -> list[Problem]:
    """The problems for a document's schema errors, each once, in the order of the fields.

    A misspelt key is reported once, as the misspelling, not again as the missing key it was meant to be.
    """
    meant: set[tuple] = set()
    ordered = sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])
    # one `required` error per missing key, each naming the whole list: keep every problem once
    problems = list(dict.fromkeys(problem for error in ordered for problem in _explain(error, doc, schema_path, meant)))
    return [p for p in problems if not (p.code == "missing-field" and p.field in meant)]


def _explain(error, doc: Document, schema_path: Path, meant: set[tuple]) -> list[Problem]:
    """One jsonschema error as problems an employer can act on, at the line of the value or key.

    A key that looks like a misspelling adds the path of the key it was meant to be to `meant`."""
    path = tuple(error.absolute_path)
    name = field_name(path)
    kind = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    def at_value(code: str, message: str, hint: str = "") -> list[Problem]:
        line, column = doc.value_position(path)
        return [Problem(doc.path, line, column, ERROR, code, message, hint, path)]

    if kind == "required":
        missing = [key for key in error.validator_value if not isinstance(value, dict) or key not in value]
        line, column = doc.key_position(path) if path else (1, 1)
        return [Problem(doc.path, line, column, ERROR, *missing_text(path, key, schema_path), path + (key,))
                for key in missing]
    if kind == "additionalProperties":
        allowed = sorted((schema.get("properties") or {}).keys())
        problems = []
        for key in value:
            if key in allowed:
                continue
            line, column = doc.key_position(path + (key,))
            # a suggestion only for keys that will be listed (generator.bounds); the rest are counted
            listed = len(problems) < MAX_PROBLEMS_PER_FILE
            near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6) if listed else None
            hint = f"did you mean `{near[0]}`?" if near else "allowed here: " + ", ".join(allowed)
            if near:
                meant.add(path + (near[0],))
            where = f" in {name}" if path else ""
            problems.append(Problem(doc.path, line, column, ERROR, "unknown-field",
                                    f"`{key}` is not a field{where}", hint, path + (key,)))
        return problems
    described = _describe(value)
    if kind in ("format", "pattern") and schema.get("format") == "email":
        return at_value(*say("email", name=name, value=described))
    if kind == "type":
        expected = error.validator_value
        return at_value(*say("type", name=name, expected=_type_words(expected), value=described,
                             hint=_type_hint(expected, value, schema)))
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        near = difflib.get_close_matches(str(value), [str(v) for v in error.validator_value], n=1, cutoff=0.5)
        return at_value(*say("enum", value=described, name=name, allowed=allowed,
                             near=f"did you mean {near[0]}? " if near else ""))
    if kind == "format":
        fmt = error.validator_value
        if fmt in ("date", "uri"):
            return at_value(*say(fmt, name=name, value=described))
        return at_value(*say("format", name=name, format=fmt, value=described, hint=""))
    if kind == "pattern":
        if error.validator_value == "^https://":
            return at_value(*say("https", name=name, value=described))
        return at_value(*say("pattern", name=name, value=described, hint=_pattern_hint(path, schema)))
    if kind in ("minLength", "maxLength"):
        length = len(value) if isinstance(value, str) else 0
        return at_value(*say(kind, name=name, length=length, limit=error.validator_value))
    if kind in ("minItems", "maxItems"):
        return at_value(*say(kind, name=name, count=len(value), limit=error.validator_value))
    if kind == "uniqueItems":
        return at_value(*say(kind, name=name))
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return at_value(*say(kind, name=name, value=value, limit=error.validator_value))
    if kind == "anyOf" and path and path[-1] in ("timeline", "apply"):
        line, column = doc.key_position(path)
        return [Problem(doc.path, line, column, ERROR, *say(f"anyOf:{path[-1]}"), path)]
    if error.schema is False:
        # a key the schema forbids in this case (amount or currency of unpaid work); the error names no key
        owner = _value_at(doc.data, path)
        key = next((k for k, v in owner.items() if v is value), None) if isinstance(owner, dict) else None
        if key is not None:
            path = path + (key,)
        line, column = doc.key_position(path)
        return [Problem(doc.path, line, column, ERROR, *say("false", name=field_name(path)), path)]
    return at_value("schema", f"{name}: {error.message}", "")


def missing_text(path: tuple, key: str, schema_path: Path = SCHEMA_PATH) -> tuple[str, str, str]:
    """(code, message, hint) for `key` missing from the object at `path`: names the key, shows an example."""
    sub = subschema(path + (key,), schema_path)
    return say("required", key=f"`{key}`", where=f" in {field_name(path)}" if path else "",
               example=_example_line(key, sub), about=f" ({sub['description']})" if sub.get("description") else "")


def _value_at(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _example_line(key: str, schema: dict) -> str:
    examples = schema.get("examples") or []
    if examples and not isinstance(examples[0], (dict, list)):
        return f"`{key}: {json.dumps(examples[0], ensure_ascii=False)}`"
    return f"`{key}:`"


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
               "object": "a set of `key: value` lines", "boolean": "true or false", "null": "empty"}


def _type_words(expected: Any) -> str:
    if isinstance(expected, list):
        return " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    return _TYPE_WORDS.get(expected, str(expected))


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, list):
        return "a list"
    return "a set of `key: value` lines"


def _type_hint(expected: Any, value: Any, schema: dict) -> str:
    example = (schema.get("examples") or [None])[0]
    if expected in ("integer", "number") and isinstance(value, str):
        if re.fullmatch(r"0[0-9]+", value.strip()):
            return f"write the number without leading zeros, e.g. {int(value)}"
        return f"write a plain number without quotes or units, e.g. {example if example is not None else 20}"
    if expected == "string" and isinstance(value, (int, float, bool)):
        return f'put the value in quotes, e.g. "{value}"'
    if expected == "string" and value is None:
        return "write the value after the colon, or remove the line"
    if expected == "array":
        return "write a list, one item per line starting with '- '"
    if expected == "object":
        return "write the nested fields indented under this key"
    return ""


def _pattern_hint(path: tuple, schema: dict) -> str:
    examples = schema.get("examples") or []
    last = path[-1] if path else ""
    if isinstance(last, int) and len(path) > 1:
        last = path[-2]
    hints = {
        "currency": "use a three-letter ISO 4217 code in capitals, e.g. USD, EUR, GBP",
        "country": "use a two-letter ISO 3166 code in capitals, e.g. US, GB, NO",
        "countries": "use two-letter ISO 3166 codes in capitals, e.g. US, GB, NO",
        "owners": "write GitHub user names without the @, e.g. dana-ruiz",
        "tags": "lowercase words joined by hyphens, e.g. food-security",
        "timezones": "use IANA time zone names, e.g. America/New_York or Europe/Berlin",
    }
    if last in hints:
        return hints[last]
    return f"for example {examples[0]!r}" if examples else ""
