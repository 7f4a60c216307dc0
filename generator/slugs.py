"""Slugs: the lowercase-and-hyphens names that become folders, files and addresses."""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def slugify(text: str, max_length: int | None = None) -> str:
    """`Green Valley Food Bank` -> `green-valley-food-bank`; an empty string when nothing is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if max_length is not None:
        slug = slug[:max_length].strip("-")
    return slug
