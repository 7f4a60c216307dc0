"""Reading a JSON file that someone else wrote (an event, an artifact, a build report): bounded in size,
and every way it can fail told in one sentence, raised as the caller's own error."""

from __future__ import annotations

import json
import os
from typing import Any


def read_json(path: str | os.PathLike, what: str, limit: int, error: type[Exception]) -> Any:
    """The JSON value in the file at `path`, read up to `limit` bytes; `error(sentence)` when it cannot be."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read the {what} {path}: {exc.strerror or exc}") from exc
    if len(raw) > limit:
        raise error(f"the {what} {path} is larger than {limit:,} bytes")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # nesting deep enough to exhaust the parser is not JSON to us
        raise error(f"the {what} {path} is not JSON: {exc}") from exc
