"""How big a built site is, against GitHub Pages' limit: one measure for the build, its report and the health check.

The measure is the archive GitHub Pages receives: the deploy workflow's `actions/upload-pages-artifact` packs
the site folder into one tar file (GNU tar, `--dereference --hard-dereference`, without `.git` and `.github`),
and that archive is what Pages holds to its 1 GB limit. A tar stores each file and folder behind a 512-byte
header, pads each file to whole 512-byte blocks and writes a name of 100 bytes or more as an extra entry, so a
site of many small files weighs more than its bytes. `archive_bytes` works that size out without writing it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PAGES_LIMIT_BYTES = 1_000_000_000  # GitHub Pages refuses a published site over 1 GB
SIZE_WARNING_SHARE = 0.8
SIZE_ADVICE = ("Remove closed postings you no longer need to show, or publish the site somewhere without that "
               "limit; docs/benchmarks.md shows how the site grows with the number of postings.")


BLOCK = 512  # a tar header, and the unit a tar pads every file to
RECORD = 20 * BLOCK  # GNU tar writes whole records of 20 blocks
NAME_FIELD = 100  # a name this long or longer goes in an extra entry before its header
SKIPPED = (".git", ".github")  # what upload-pages-artifact leaves out, at any depth


def directory_bytes(path: str | os.PathLike) -> int:
    """Total size of the files under `path` (links are not followed)."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            if name in SKIPPED:
                continue
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def _blocks(size: int) -> int:
    return -(-size // BLOCK) * BLOCK


def _entry(name: str, size: int) -> int:
    """One member of the archive: its long-name entry if it needs one, its header, its content padded."""
    encoded = len(os.fsencode(name))
    long_name = BLOCK + _blocks(encoded + 1) if encoded >= NAME_FIELD else 0
    return long_name + BLOCK + _blocks(size)


def archive_bytes(path: str | os.PathLike) -> int:
    """The size of the tar upload-pages-artifact makes of the folder `path`: its members are "./" and every
    folder ("./a/", followed if a link) and file ("./a/b", its content, links followed) under it."""
    total = _entry("./", 0)
    for folder, folders, files in os.walk(path, followlinks=True):
        relative = os.path.relpath(folder, path)
        prefix = "./" if relative == "." else f"./{relative}/"
        folders[:] = [name for name in folders if name not in SKIPPED]
        for name in folders:
            total += _entry(f"{prefix}{name}/", 0)
        for name in files:
            if name in SKIPPED:
                continue
            try:
                size = os.stat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            total += _entry(prefix + name, size)
    total += 2 * BLOCK  # the end of the archive
    return -(-total // RECORD) * RECORD


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


def size_note(built_bytes: int) -> tuple[bool, str]:
    """(too close to the limit?, a line on the site's size, as the archive Pages receives, against its limit)."""
    share = built_bytes / PAGES_LIMIT_BYTES
    line = (f"the site is {megabytes(built_bytes)} as GitHub Pages receives it, {share:.0%} of its "
            f"{megabytes(PAGES_LIMIT_BYTES)} limit")
    if share > SIZE_WARNING_SHARE:
        return True, f"{line}; past the limit Pages refuses to publish it. {SIZE_ADVICE}"
    return False, line


def tell_size(site_dir: Path) -> int:
    """Print the built site's size against GitHub Pages' limit (a warning past 80 %); returns the size."""
    built = archive_bytes(site_dir)
    warn, line = size_note(built)
    print(f"{'WARNING' if warn else 'INFO   '} -  microboard: {line}", file=sys.stderr)
    return built
