"""The posting and organization schemas, loaded once, and the two validators that run them.

jsonschema-rs answers only valid or not, about ten times faster than the reference validator
(jsonschema), which explains every error. Valid files, nearly all of them, never reach the reference
validator; a file the fast one refuses is explained by the reference one, whose verdict stands.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from generator.freshness import reread_when_changed

SCHEMA_PATH = Path(__file__).parent / "data" / "project.schema.json"
ORG_SCHEMA_PATH = Path(__file__).parent / "data" / "organization.schema.json"


@reread_when_changed(maxsize=4)
def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@reread_when_changed(maxsize=4)
def reference_validator(path: Path = SCHEMA_PATH):
    """The reference validator (jsonschema): it explains every error, so it runs on files that have one."""
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(path), format_checker=FormatChecker())


@reread_when_changed(maxsize=4)
def fast_check(path: Path = SCHEMA_PATH) -> Callable[[Any], bool]:
    """Whether a document is valid, by the compiled validator (jsonschema-rs, a dependency)."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(load_schema(path), validate_formats=True).is_valid


def schema_at(schema: dict, path: tuple) -> dict:
    """The part of `schema` that describes the value at `path` (keys and list indexes), {} where it says nothing."""
    node: Any = schema
    for part in path:
        if not isinstance(node, dict):
            return {}
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = (node.get("properties") or {}).get(part, {})
    return node if isinstance(node, dict) else {}


def subschema(path: tuple, schema_path: Path = SCHEMA_PATH) -> dict:
    """The schema of the value at `path` in the schema file `schema_path`."""
    return schema_at(load_schema(schema_path), path)
