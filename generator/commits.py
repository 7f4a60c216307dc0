"""How Microboard recognises a Git commit: by its full id, forty lowercase hexadecimal digits."""

from __future__ import annotations

import re

SHA = re.compile(r"[0-9a-f]{40}")


def is_sha(value: object) -> bool:
    """Whether `value` is a full commit id as GitHub sends it (never a short or uppercase one)."""
    return isinstance(value, str) and SHA.fullmatch(value) is not None
