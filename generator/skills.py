"""The skills vocabulary: canonical names and their aliases, so that facets stay clean."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.freshness import reread_when_changed

PACKAGED = Path(__file__).parent / "data" / "skills.yaml"
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C one reads the list about ten times faster


@dataclass(frozen=True)
class Vocabulary:
    canonical: frozenset[str]
    # lowercased spelling (alias or canonical) -> canonical name
    lookup: dict[str, str]

    def canonical_for(self, name: str) -> str | None:
        return self.lookup.get(name.strip().lower())

    def closest(self, name: str) -> str | None:
        matches = difflib.get_close_matches(name.lower(), list(self.lookup), n=1, cutoff=0.6)
        return self.lookup[matches[0]] if matches else None


def vocabulary_path(root: Path | None) -> Path:
    """The board's own schema/skills.yaml when it has one (operators may extend it), else the packaged one."""
    if root is not None and (Path(root) / "schema" / "skills.yaml").is_file():
        return Path(root) / "schema" / "skills.yaml"
    return PACKAGED


@reread_when_changed(maxsize=8)
def load_vocabulary(path: Path = PACKAGED) -> Vocabulary:
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SafeLoader) or {}
    entries = data.get("skills") or {}
    lookup: dict[str, str] = {}
    for name, aliases in entries.items():
        name = str(name)
        lookup[name.lower()] = name
        for alias in aliases or []:
            lookup.setdefault(str(alias).lower(), name)
    return Vocabulary(frozenset(str(n) for n in entries), lookup)
