"""How big a built site is, against GitHub Pages' limit: one measure for the build, its report and the health check."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PAGES_LIMIT_BYTES = 1_000_000_000  # GitHub Pages refuses a published site over 1 GB
SIZE_WARNING_SHARE = 0.8
SIZE_ADVICE = ("Remove closed postings you no longer need to show, or publish the site somewhere without that "
               "limit; docs/benchmarks.md shows how the site grows with the number of postings.")


def directory_bytes(path: str | os.PathLike) -> int:
    """Total size of the files under `path` (links are not followed)."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


def size_note(built_bytes: int) -> tuple[bool, str]:
    """(too close to the limit?, a line on the site's size against GitHub Pages' limit)."""
    share = built_bytes / PAGES_LIMIT_BYTES
    line = f"the site is {megabytes(built_bytes)}, {share:.0%} of GitHub Pages' {megabytes(PAGES_LIMIT_BYTES)} limit"
    if share > SIZE_WARNING_SHARE:
        return True, f"{line}; past the limit Pages refuses to publish it. {SIZE_ADVICE}"
    return False, line


def tell_size(site_dir: Path) -> int:
    """Print the built site's size against GitHub Pages' limit (a warning past 80 %); returns the size."""
    built = directory_bytes(site_dir)
    warn, line = size_note(built)
    print(f"{'WARNING' if warn else 'INFO   '} -  microboard: {line}", file=sys.stderr)
    return built
