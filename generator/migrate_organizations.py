"""`python -m generator migrate`: move each posting's `organization:` block into its folder's organization.yaml.

Before organization.yaml, every posting carried the organization's name, website and about text. This
command rewrites a board of that layout in place: for each folder it writes organization.yaml from the
postings' blocks (owners: every posting's owners; name, url and about: the newest posting's, with a
warning when postings disagree) and removes the blocks. The postings' text is edited, not re-written
from parsed values, so their comments, order and quoting stay exactly as they were.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.load import Document, load_text
from generator.organization import ORG_FILE, organization_data, organization_yaml

PRESENTED = ("name", "url", "about")
MAX_OWNERS = 100  # organization.schema.json's maxItems for owners


@dataclass
class FolderPlan:
    folder: Path
    organization: dict | None = None  # what to write to organization.yaml; None: keep the one there
    rewrites: dict[Path, str] = field(default_factory=dict)  # posting -> its text without the block
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def remove_top_level_key(text: str, key: str, doc: Document | None = None) -> str | None:
    """`text` without the top-level `key` and its value (the lines they span); None if there is no such key.

    Comments on the lines around the block are kept: only the key's line through the last line of its
    value go.
    """
    doc = doc if doc is not None else load_text(text, "posting")
    root = doc.root
    if root is None or not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            first = key_node.start_mark.line
            last = _last_line(value_node)
            lines = text.splitlines(keepends=True)
            while last > first and (not lines[last].strip() or lines[last].startswith("#")):
                last -= 1  # blank lines and comments after the block belong to what follows
            return "".join(lines[:first] + lines[last + 1:])
    return None


def _last_line(node: yaml.Node) -> int:
    """The 0-based line where a node's content ends (block collections end at the next line's start)."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        # a block scalar ends at the start of the line after its last (possibly blank) line
        return max(node.start_mark.line, end.line - 1 if end.column == 0 else end.line)
    return end.line if end.column > 0 else max(node.start_mark.line, end.line - 1)


def _posted(data: dict) -> tuple[str, str]:
    posted = data.get("posted") if isinstance(data.get("posted"), str) else ""
    updated = data.get("updated") if isinstance(data.get("updated"), str) else ""
    return (posted, updated or posted)


def plan_folder(folder: Path) -> FolderPlan:
    """What migrating one organization's folder will write; nothing is written here."""
    plan = FolderPlan(folder)
    blocks: list[tuple[tuple[str, str], Path, dict, list[str]]] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == ORG_FILE:
            continue
        text = path.read_text(encoding="utf-8")
        doc = load_text(text, str(path))
        if not doc.ok or not isinstance(doc.data, dict) or "organization" not in doc.data:
            continue
        block = doc.data["organization"]
        if not isinstance(block, dict) or not isinstance(block.get("name"), str):
            plan.errors.append(f"{path}: the organization block has no name; fix it by hand")
            continue
        stripped = remove_top_level_key(text, "organization", doc)
        if stripped is None:
            continue
        owners = [o for o in doc.data.get("owners") or [] if isinstance(o, str)]
        blocks.append((_posted(doc.data), path, block, owners))
        plan.rewrites[path] = stripped
    if not blocks:
        return plan
    newest = max(blocks, key=lambda b: (b[0], b[1].name))
    for key in PRESENTED:
        values = {str(b[2].get(key)) for b in blocks if b[2].get(key) is not None}
        if len(values) > 1:
            plan.warnings.append(f"{folder}: postings give different values for the organization's {key}; "
                                 f"kept the newest posting's ({newest[1].name}); check {folder / ORG_FILE}")
    owners = _unique_logins([o for b in sorted(blocks, key=lambda b: (b[0], b[1].name), reverse=True) for o in b[3]])
    if len(owners) > MAX_OWNERS:  # they keep their rights over their own postings, listed there
        plan.warnings.append(f"{folder}: {len(owners)} people own postings here; {ORG_FILE} lists the "
                             f"{MAX_OWNERS} from the newest postings, the other {len(owners) - MAX_OWNERS} stay "
                             "owners of their own postings")
        owners = owners[:MAX_OWNERS]
    if not (folder / ORG_FILE).exists():
        block = newest[2]
        plan.organization = organization_data(block["name"].strip(), block.get("url"), block.get("about"), owners)
    return plan


def _unique_logins(owners: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for login in owners:
        seen.setdefault(login.casefold(), login)
    return list(seen.values())


def migrate(projects: Path, *, dry_run: bool = False) -> tuple[list[FolderPlan], int]:
    """Migrate every folder under `projects`; returns the plans and how many files were written."""
    plans, written = [], 0
    for folder in sorted(p for p in projects.iterdir() if p.is_dir() and not p.is_symlink()):
        plan = plan_folder(folder)
        plans.append(plan)
        if dry_run or plan.errors:
            continue
        if plan.organization is not None:
            (folder / ORG_FILE).write_text(organization_yaml(plan.organization), encoding="utf-8")
            written += 1
        for path, text in plan.rewrites.items():
            path.write_text(text, encoding="utf-8")
            written += 1
    return plans, written


def run_migrate(args, settings, root: Path) -> int:
    projects = Path(root) / settings.projects_dir
    if not projects.is_dir():
        print(f"error: {projects} is not a folder", file=sys.stderr)
        return 2
    plans, written = migrate(projects, dry_run=args.dry_run)
    errors = 0
    for plan in plans:
        for warning in plan.warnings:
            print(f"warning: {warning}")
        for error in plan.errors:
            print(f"error: {error}", file=sys.stderr)
            errors += 1
        if plan.organization is not None:
            print(f"{'would write' if args.dry_run else 'wrote'} {plan.folder / ORG_FILE}")
        for path in plan.rewrites:
            print(f"{'would remove' if args.dry_run else 'removed'} the organization block from {path}")
    if not any(p.rewrites or p.organization for p in plans):
        print("nothing to migrate: no posting has an organization block")
    elif not args.dry_run:
        print(f"{written} file(s) written; check them with: python -m generator validate")
    return 1 if errors else 0

