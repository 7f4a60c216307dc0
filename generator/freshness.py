"""Caches that notice an edited file: `serve` runs for hours while an operator edits schema/ and skills.yaml."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def stamp(path: "os.PathLike[str] | str") -> tuple[int, int] | None:
    """What changes when the file is written again: its modification time and size (None: no such file)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def reread_when_changed(maxsize: int = 8) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a function of one argument, a file path (its default allowed), until that file changes."""
    def wrap(func: Callable[..., T]) -> Callable[..., T]:
        [parameter] = inspect.signature(func).parameters.values()
        default = parameter.default

        @functools.lru_cache(maxsize=maxsize)
        def cached(path: Any, _stamp: Any) -> T:
            return func(path)

        @functools.wraps(func)
        def call(path: Any = default) -> T:
            return cached(path, stamp(path))

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call
    return wrap
