"""Which postings the board shows: the operator's own, or the samples while there are none yet.

The sample postings live in samples/projects/, out of the operator's projects/ folder, so a new
fork shows a live-looking board, the operator's first posting replaces the samples without
deleting anything, and upstream can improve the samples without ever touching the operator's files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.settings import SAMPLES_DIR, Settings

POSTING_SUFFIXES = (".yaml", ".yml")
# The sample postings' dates are written as if the board were built on this day. A board that shows
# them moves every date by the days since, so the samples stay as fresh as when they were written:
# the same postings are new, closing soon or closed, whatever year the board is built in.
SAMPLES_WRITTEN_FOR = dt.date(2026, 11, 21)


@dataclass(frozen=True)
class Postings:
    """The folder of postings to validate and publish (None: there are none), and whether it is the samples."""

    folder: Path | None
    samples: bool = False

    @property
    def targets(self) -> list[Path]:
        return [self.folder] if self.folder is not None else []

    def date_shift(self, today: dt.date) -> int:
        """Days to move the postings' dates by: from the day the samples were written for to `today`."""
        return (today - SAMPLES_WRITTEN_FOR).days if self.samples else 0


def shift_dates(data: dict[str, Any], days: int) -> dict[str, Any]:
    """A sample posting's data with its dates `days` later (values that are not dates are left to the validator)."""
    def later(value: Any) -> Any:
        try:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
        except (TypeError, ValueError, OverflowError):
            return value

    moved = dict(data)
    for key in ("posted", "updated"):
        if key in moved:
            moved[key] = later(moved[key])
    if isinstance(moved.get("timeline"), dict):
        moved["timeline"] = {key: later(value) if key in ("apply_by", "start", "due") else value
                             for key, value in moved["timeline"].items()}
    return moved


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
