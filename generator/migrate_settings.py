"""`python -m generator migrate-settings`: move a board's own settings from mkdocs.yml into board.yml.

Boards set up before board.yml kept their name, address and `microboard` options in mkdocs.yml,
the file upstream changes in every upgrade. This moves each of them to board.yml (over the example
values a board.yml from upstream may hold), and takes them out of mkdocs.yml line by line, keeping
everything else in mkdocs.yml (comments, navigation, the operator's other changes) as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from generator.settings import (BOARD_FILE, SITE_KEYS, UPSTREAM_SITE_NAME, SettingsError, _ConfigLoader,
                                legacy_settings, read_board_file)

HEADER = ("# This board's own settings. Upgrades from upstream never change this file, so edit it freely.\n"
          "# Every line is optional; docs/operators/index.md explains each one.\n")


def migrate(root: Path, config_file: str = "mkdocs.yml") -> list[str]:
    """Move the settings; returns what was moved, one line each (empty when there was nothing to move)."""
    config_path = Path(root) / config_file
    board_path = Path(root) / BOARD_FILE
    leftovers = legacy_settings(config_path)
    if not leftovers:
        return []
    values = _current_values(board_path)
    moved = {item.key: item.value for item in leftovers}
    values.update(moved)
    text = HEADER + "\n" + yaml.safe_dump(_plain(values), sort_keys=False, allow_unicode=True, width=100)
    candidate = board_path.with_name(BOARD_FILE + ".new")
    candidate.write_text(text, encoding="utf-8")
    try:
        read_board_file(candidate)  # refuse to write a board.yml the board would not accept
    except SettingsError as exc:
        candidate.unlink()
        raise SettingsError(f"{exc.detail}; fix it in {config_file}, then run migrate-settings again",
                            exc.key, config_file) from None
    config_text = config_path.read_text(encoding="utf-8")
    config_path.write_text(_without_settings(config_text), encoding="utf-8")
    candidate.replace(board_path)
    return [f"{key}: moved from {config_file} to {BOARD_FILE}" for key in moved]


def _current_values(board_path: Path) -> dict[str, Any]:
    if not board_path.is_file():
        return {}
    loaded = yaml.safe_load(board_path.read_text(encoding="utf-8"))
    return dict(loaded) if isinstance(loaded, dict) else {}


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Values safe_dump writes as an operator would (dates as text)."""
    return {key: (value.isoformat() if hasattr(value, "isoformat") else value) for key, value in values.items()}


def _without_settings(text: str) -> str:
    """mkdocs.yml with the site keys and the microboard options taken out, line ranges read from the YAML nodes."""
    node = yaml.compose(text, Loader=_ConfigLoader)
    lines = text.splitlines(keepends=True)
    drop: set[int] = set()
    replace: dict[int, str] = {}
    for key, value in node.value:
        name = getattr(key, "value", None)
        if name == "site_name":
            replace[key.start_mark.line] = f"site_name: {UPSTREAM_SITE_NAME}\n"
            drop.update(range(key.start_mark.line + 1, _last_line(value) + 1))
        elif name in SITE_KEYS:
            drop.update(range(key.start_mark.line, _last_line(value) + 1))
        elif name == "plugins" and isinstance(value, yaml.SequenceNode):
            for entry in value.value:
                if not isinstance(entry, yaml.MappingNode):
                    continue
                for plugin, options in entry.value:
                    if getattr(plugin, "value", None) == "microboard":
                        line = plugin.start_mark.line
                        indent = lines[line][:len(lines[line]) - len(lines[line].lstrip())]
                        replace[line] = f"{indent}- microboard         # its settings are in {BOARD_FILE}\n"
                        drop.update(range(line + 1, _last_line(options) + 1))
    return "".join(replace.get(number, line) for number, line in enumerate(lines) if number not in drop)


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) holding part of a value: block collections end where their next sibling starts."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    children = [child for pair in node.value for child in pair] if isinstance(node, yaml.MappingNode) else node.value
    return max((_last_line(child) for child in children), default=node.start_mark.line)


def run(root: Path) -> int:
    try:
        moved = migrate(root)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not moved:
        print(f"nothing to move: the board's settings are already in {BOARD_FILE}")
        return 0
    for line in moved:
        print(line)
    print(f"check {BOARD_FILE}, then commit both files")
    return 0
