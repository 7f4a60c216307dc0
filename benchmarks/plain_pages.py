"""The pages a board publishes, written out as plain Markdown files: what `mkdocs build` and `zensical build`
would have to build without Microboard. The floor the benchmark compares the board's build with.

    python benchmarks/plain_pages.py BOARD --today 2026-12-01     # writes BOARD/plain/

BOARD/plain/mkdocs.yml is the board's mkdocs.yml without the Microboard plugin, with the generated pages kept
out of the navigation and `site_dir: site` (Zensical has no option for it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
from pathlib import Path

PLAIN_SECTIONS = ("projects", "organizations", "fields", "skills", "page")


def write_plain_pages(board: Path, today: dt.date) -> Path:
    from generator.settings import load_settings
    from generator.site.core import build_outputs
    from generator.site.outputs import DOCUMENT, PAGE, SiteOptions
    from generator.validate import validate_paths

    settings = load_settings(board)
    result = validate_paths([board / "projects"], settings, board)
    outputs = build_outputs(result.projects, settings, today,
                            SiteOptions(schema_path=board / "schema" / "project.schema.json"))
    plain = board / "plain"
    if plain.exists():
        shutil.rmtree(plain)
    shutil.copytree(board / "docs", plain / "docs")
    for output in outputs:
        target = plain / "docs" / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if output.kind in (PAGE, DOCUMENT):
            # a document (posting, organization, field, skill) as the engine's page it would otherwise be: its body
            body = output.content if output.kind == PAGE else _main(output.text())
            target = target.with_suffix(".md")
            title = str(output.meta.get("title", "")).replace('"', "'")
            target.write_text(f'---\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8")
        elif isinstance(output.content, bytes):
            target.write_bytes(output.content)
        else:
            target.write_text(output.content, encoding="utf-8")
    config = (board / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - microboard\b.*(\n      .*)*", "", config)  # the same site without the plugin
    config += "\nsite_dir: site\nnot_in_nav: |\n" + "".join(f"  /{name}/\n" for name in PLAIN_SECTIONS)
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    return plain


def _main(document: str) -> str:
    """What a complete document shows inside its <main>: the body an engine's page would hold."""
    found = re.search(r"<main\b[^>]*>(.*)</main>", document, re.S)
    return found.group(1) if found else document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("board", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, required=True)
    args = parser.parse_args()
    write_plain_pages(args.board, args.today)


if __name__ == "__main__":
    main()
