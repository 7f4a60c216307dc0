"""The board as one engine-neutral bundle: postings chosen, checked, and turned into outputs.

Every engine adapter (the MkDocs plugin, the Zensical build) starts here, so both publish the same
postings, leave out the same broken ones, and add the same operator pages and assets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.samples import Postings, board_postings
from generator.settings import BOARD_FILE, PAGES_DIR, SAMPLES_DIR, Settings
from generator.site.core import build_outputs
from generator.site.outputs import Output, SiteOptions
from generator.site.publishable import Selection, select

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
ASSETS = PACKAGE / "assets"
STYLESHEET = "assets/microboard/microboard.css"


@dataclass(frozen=True)
class Assembly:
    """What one build publishes: the postings' folder, the selection made from it, and every output."""

    postings: Postings
    selection: Selection
    outputs: list[Output]
    today: dt.date
    notes: list = field(default_factory=list)  # what happened with each partner board (board.yml `sources`)


def assemble(root: Path, settings: Settings, options: SiteOptions, site_settings: Settings | None = None) -> Assembly:
    """Validate the board's postings, keep the publishable ones, and build every page and file.

    `site_settings` (default: `settings`) are the ones the pages are built with: a board built from another
    folder with --projects still proposes new postings to board.yml's folder. Raises SettingsError when the
    build date is not a date.
    """
    from generator.validate import validate_paths

    today = settings.build_date()
    postings = board_postings(root, settings)
    # the sample postings' dates move with the build date, so the sample board stays alive for years
    selection = select(validate_paths(postings.targets, settings, root, date_shift=postings.date_shift(today)))
    projects, notes = list(selection.projects), []
    if settings.sources:  # partner boards' open postings, checked like our own; a source never fails the build
        from generator.remote_postings import gather

        gathered = gather(settings, selection.projects, root, today)
        projects += gathered.projects
        notes = list(gathered.notes)
    outputs = build_outputs(projects, site_settings or settings, today, options)
    return Assembly(postings, selection, outputs, today, notes)


def board_inputs(root: Path, settings: Settings) -> list[Path]:
    """What the board is built from beyond the engine's own docs and config: the postings, the samples, the
    schema and skills, the operator's pages and board.yml. A serve rebuilds when one of them changes."""
    root = Path(root)
    return [settings.projects_folder(root), root / SAMPLES_DIR, root / "schema", root / PAGES_DIR, root / BOARD_FILE]


def operator_pages(root: Path) -> list[tuple[str, Path]]:
    """(site path, file) for each file of the operator's pages/ folder; hidden files and links are skipped."""
    folder = Path(root) / PAGES_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not path.is_symlink() and not any(part.startswith(".") for part in relative.parts):
            found.append((relative.as_posix(), path))
    return found


def asset_files() -> list[tuple[str, Path]]:
    """(site path, file) for the board's script and styles."""
    return [("assets/" + path.relative_to(ASSETS).as_posix(), path) for path in sorted(ASSETS.rglob("*"))
            if path.is_file() and not path.name.startswith(".")]
