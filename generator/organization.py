"""An organization: who posts, described once in `projects/<org-slug>/organization.yaml` beside its postings.

The folder is the organization's identity; the file says how to present it (name, website, about) and
who owns it. Postings carry no organization details of their own, so a posting cannot re-present an
organization: only a change to this file can, and only its owners (or a maintainer) may make one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import yaml

ORG_FILE = "organization.yaml"
ORG_SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/organization.schema.json\n"


@dataclass(frozen=True)
class Organization:
    slug: str
    name: str
    url: str | None
    about: str | None
    owners: tuple[str, ...]
    path: str = ""


def organization_from_data(path: str, slug: str, data: dict[str, Any]) -> Organization:
    """The model from data that has passed validation."""
    return Organization(slug=slug, name=data["name"].strip(), url=data.get("url"), about=data.get("about"),
                        owners=tuple(data["owners"]), path=path)


def is_organization_file(path: str) -> bool:
    return path.replace("\\", "/").rsplit("/", 1)[-1] == ORG_FILE


def organization_data(name: str, url: str | None = None, about: str | None = None,
                      owners: Iterable[str] = ()) -> dict[str, Any]:
    """The values of an organization.yaml, in the file's order, leaving out what is not given."""
    data: dict[str, Any] = {"name": name}
    if url:
        data["url"] = url
    if about:
        data["about"] = about
    data["owners"] = list(dict.fromkeys(owners))
    return data


def organization_yaml(data: dict[str, Any]) -> str:
    """The text of an organization.yaml: the schema line for editors, then the values (safely dumped)."""
    return ORG_SCHEMA_COMMENT + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
