"""A change to the board's files as data: what a pull request changes, with each file's bytes before and
after, whether GitHub's API listed it (generator/github.py) or two checkouts were compared
(generator/bot/trees.py). The checks (generator/review.py) read this and nothing of GitHub."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChangedFile:
    """One file a pull request changes, with its bytes before and after.

    `base_content` is the file at the pull request's base commit (for a rename, the previous
    path), None if it did not exist: that is the version whose owners may approve a change.
    `head_content` is the proposed file, None when removed. `too_large` marks a file over the
    1 MB that the contents API returns inline; its content is then None.
    """

    filename: str
    status: str  # added, modified, removed, renamed (GitHub also knows copied, changed)
    previous_filename: str | None
    base_content: bytes | None
    head_content: bytes | None
    too_large: bool = False


@dataclass(frozen=True)
class PostingChanges:
    """The posting files of a pull request, and the paths it changes outside projects/."""

    files: tuple[ChangedFile, ...]
    outside: tuple[str, ...]

    @property
    def touches_outside(self) -> bool:
        return bool(self.outside)
