"""Which postings the board shows: the operator's own, or the samples while there are none yet.

The sample postings live in samples/projects/, out of the operator's projects/ folder, so a new
fork shows a live-looking board, the operator's first posting replaces the samples without
deleting anything, and upstream can improve the samples without ever touching the operator's files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.settings import SAMPLES_DIR, Settings

POSTING_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Postings:
    """The folder of postings to validate and publish (None: there are none), and whether it is the samples."""

    folder: Path | None
    samples: bool = False

    @property
    def targets(self) -> list[Path]:
        return [self.folder] if self.folder is not None else []


def has_postings(folder: Path) -> bool:
    """True when the folder holds any YAML file (a broken one counts: the validator must see it)."""
    if not folder.is_dir():
        return False
    return any(path.suffix in POSTING_SUFFIXES and path.is_file() and not path.name.startswith(".")
               for path in folder.rglob("*"))


def samples_folder(root: Path, settings: Settings) -> Path:
    return Path(root) / SAMPLES_DIR / settings.projects_dir


def board_postings(root: Path, settings: Settings) -> Postings:
    """The operator's projects/ when it holds a posting; else the samples, if the board shows them."""
    own = Path(root) / settings.projects_dir
    if has_postings(own):
        return Postings(own)
    samples = samples_folder(root, settings)
    if settings.show_samples and has_postings(samples):
        return Postings(samples, samples=True)
    return Postings(own if own.is_dir() else None)
