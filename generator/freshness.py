"""Caches that notice an edited file: `serve` runs for hours while an operator edits schema/ and skills.yaml."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def stamp(path: Path) -> tuple[int, int] | None:
    """What changes when the file is written again: its modification time and size (None: no such file)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def reread_when_changed(maxsize: int = 8) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a function whose first argument is a file path, until that file changes."""
    def wrap(func: Callable[..., T]) -> Callable[..., T]:
        signature = inspect.signature(func)
        first = next(iter(signature.parameters))

        @functools.lru_cache(maxsize=maxsize)
        def cached(_stamp: Any, *args: Any) -> T:
            return func(*args)

        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> T:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return cached(stamp(Path(bound.arguments[first])), *bound.args)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call
    return wrap
