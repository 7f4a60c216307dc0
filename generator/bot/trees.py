"""Two checkouts side by side, as `pr-check` sees a pull request without a token: what the head
changes against the base, and the base board staged with the head's postings for a preview build.
Symbolic links are compared as links and never followed; only regular files are read or copied."""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
from pathlib import Path

from generator.changes import ChangedFile, PostingChanges
from generator.settings import PROJECTS_DIR


def _tree(root: Path, skip: set[Path]) -> dict[str, Path]:
    """Every file and symbolic link under `root` by POSIX relative path; .git and `skip` left out."""
    found: dict[str, Path] = {}
    root = root.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        keep = []
        for name in dirs:
            path = here / name
            if name == ".git" or path.resolve() in skip:
                continue
            if path.is_symlink():  # recorded, never followed
                found[path.relative_to(root).as_posix()] = path
            else:
                keep.append(name)
        dirs[:] = keep
        for name in files:
            path = here / name
            found[path.relative_to(root).as_posix()] = path
    return found


def _regular_bytes(path: Path | None) -> bytes | None:
    """A regular file's bytes; None for links, folders and anything else (never followed)."""
    if path is None:
        return None
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        return None
    return path.read_bytes()


def _same(a: Path, b: Path) -> bool:
    la, lb = os.lstat(a), os.lstat(b)
    if stat.S_ISLNK(la.st_mode) or stat.S_ISLNK(lb.st_mode):
        return stat.S_ISLNK(la.st_mode) and stat.S_ISLNK(lb.st_mode) and os.readlink(a) == os.readlink(b)
    return la.st_size == lb.st_size and filecmp.cmp(a, b, shallow=False)


def tree_changes(base_dir: Path, head_dir: Path, projects_dir: str = PROJECTS_DIR,
                 skip: set[Path] | None = None) -> PostingChanges:
    """What the head tree changes against the base tree, shaped like generator.github.changed_postings.

    In the workflow the head is the pull request's merge commit, which is the base plus the pull
    request's changes, so comparing the two trees finds exactly what the pull request changes.
    Symbolic links are compared as links and never read through.
    """
    skip = {p.resolve() for p in (skip or set())} | {head_dir.resolve(), base_dir.resolve()}
    base = _tree(base_dir, skip - {base_dir.resolve()})
    head = _tree(head_dir, skip - {head_dir.resolve()})
    prefix = projects_dir.rstrip("/") + "/"
    files, outside = [], []
    for rel in sorted(set(base) | set(head)):
        before, after = base.get(rel), head.get(rel)
        if before is not None and after is not None and _same(before, after):
            continue
        if not rel.startswith(prefix):
            outside.append(rel)
            continue
        status = "added" if before is None else "removed" if after is None else "modified"
        files.append(ChangedFile(rel, status, None, _regular_bytes(before), _regular_bytes(after)))
    return PostingChanges(tuple(files), tuple(outside))


def _copy_regular(source: Path, target: Path) -> None:
    """Copy the regular files and folders below `source`; links and special files are left behind."""
    for folder, dirs, files in os.walk(source, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not (here / d).is_symlink() and d != ".git"]
        destination = target / here.relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            path = here / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                shutil.copyfile(path, destination / name)


def stage_board(base_dir: Path, head_dir: Path, stage_dir: Path, projects_dir: str = PROJECTS_DIR) -> None:
    """The base board (configuration, docs, schema) with the pull request's postings, for a preview build.

    The pull request's mkdocs.yml, hooks and templates are never used: only its projects/ folder.
    """
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    skip = {head_dir.resolve(), stage_dir.resolve()}

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n == ".git" or (Path(folder) / n).resolve() in skip}

    shutil.copytree(base_dir, stage_dir, symlinks=True, ignore=ignore)
    shutil.rmtree(stage_dir / projects_dir, ignore_errors=True)
    if (head_dir / projects_dir).is_dir() and not (head_dir / projects_dir).is_symlink():
        _copy_regular(head_dir / projects_dir, stage_dir / projects_dir)
    else:
        (stage_dir / projects_dir).mkdir(parents=True, exist_ok=True)
