"""Fetching partner boards' projects.json: bounded in time and size, conditional, and cached.

A partner board can be down, slow, huge or hostile; none of that may break this board's build.
Each fetch has a deadline for the whole answer (not only for each read), a size cap, and sends
the ETag and Last-Modified of the last good copy, so an unchanged board answers 304 and costs
nothing. It asks for the answer gzipped, as GitHub Pages sends it when asked (a board's
projects.json crosses the network at a third to a fourteenth of its size), and holds the
unpacked answer to the same cap, so a small answer that unpacks to gigabytes is refused as it
unpacks. A copy becomes the "last good copy" only once it parses as a board's projects.json;
when a fetch fails, that copy is used instead, and the outcome says so. What is inside each
posting is judged later, by generator.remote_postings.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import urllib.error
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from generator.settings import Source, source_address_ok
from generator.site.feeds import API_VERSION  # the projects.json version this board reads (docs/api.md)

# Large enough for any board GitHub Pages can hold: a board of 10,000 postings publishes a projects.json of about
# 29 MB, and the largest board that fits Pages' 1 GB (about 64,000 postings, docs/operators/index.md) about 190 MB.
# Read and parsed, 190 MB of projects.json takes about 0.8 GB of memory.
MAX_BYTES = 256 * 1024 * 1024  # unpacked, and on the wire
MAX_POSTINGS = 100_000
USER_AGENT = "Microboard (gathering partner boards' postings)"

# How a fetch ended, as data (the log's words are built from these, never the other way round).
FETCHED, UNCHANGED, CACHED, MISSING = "fetched", "unchanged", "cached", "missing"


class SourceError(Exception):
    """Why a partner board's answer cannot be used, in words for the build log."""


@dataclass(frozen=True)
class Outcome:
    """What fetching one source gave: its parsed projects.json (or None), and how it was obtained.

    state: FETCHED (a new copy), UNCHANGED (304: the cached copy is current), CACHED (the fetch failed
      and the last good copy from `copied` is used), MISSING (the fetch failed and there is no copy).
    reason: why the fetch failed, for CACHED and MISSING.
    """

    source: Source
    feed: dict[str, Any] | None
    state: str
    reason: str = ""
    copied: str = ""  # when the copy in use was fetched, ISO date and time (UTC)


def fetch_all(sources: Sequence[Source], cache: Path, timeout: float) -> list[Outcome]:
    """Every source, fetched side by side (a slow one delays the build by `timeout` at most), in the given order."""
    if not sources:
        return []
    with ThreadPoolExecutor(max_workers=min(8, len(sources))) as pool:
        return list(pool.map(lambda source: fetch(source, cache, timeout), sources))


def fetch(source: Source, cache: Path, timeout: float) -> Outcome:
    body_path, meta_path = _cache_paths(cache, source)
    meta = _read_meta(meta_path) if body_path.is_file() else {}
    if meta.get("url") != source.url:  # the operator moved the source: the old copy is of another board
        meta = {}
    try:
        status, body, headers = _get(source.url, meta, timeout)
        if status == 304:
            if not meta:
                raise SourceError("answered 304 Not Modified to a request that had nothing to compare")
            return Outcome(source, parse_feed(body_path.read_bytes()), UNCHANGED, copied=meta.get("fetched", ""))
        feed = parse_feed(body)
    except SourceError as exc:
        return _fallback(source, body_path, meta, str(exc))
    fetched = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    _save(cache, body_path, meta_path, body, {"url": source.url, "etag": headers.get("ETag"),
                                               "last_modified": headers.get("Last-Modified"), "fetched": fetched})
    return Outcome(source, feed, FETCHED, copied=fetched)


def parse_feed(body: bytes) -> dict[str, Any]:
    """projects.json's outer shape: an object of version 1 with a list of postings. Postings are judged later."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SourceError(f"sent something that is not JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("projects"), list):
        raise SourceError("sent JSON that is not a board's projects.json (no list of projects)")
    if data.get("version") != API_VERSION:
        raise SourceError(f"publishes projects.json version {str(data.get('version'))[:20]!r}; this board reads "
                          f"version {API_VERSION}")
    if len(data["projects"]) > MAX_POSTINGS:
        raise SourceError(f"lists {len(data['projects']):,} postings, more than the {MAX_POSTINGS:,} a source may list")
    return data


# ---------------------------------------------------------------- HTTP


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an address a source may have (https), never to file: or plain http."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        if not source_address_ok(newurl):
            raise SourceError(f"redirected to an address that is not https ({newurl[:100]!r})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_CheckedRedirects)


def _get(url: str, meta: dict[str, Any], timeout: float) -> tuple[int, bytes, Any]:
    """(status, body, headers); SourceError for anything but 200 or 304, past the deadline or over the cap."""
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": "gzip"}
    if meta.get("etag"):
        headers["If-None-Match"] = str(meta["etag"])
    if meta.get("last_modified"):
        headers["If-Modified-Since"] = str(meta["last_modified"])
    request = urllib.request.Request(url, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise SourceError(f"is too big ({int(length):,} bytes; at most {MAX_BYTES:,})")
            unpack = _unpacker(response.headers.get("Content-Encoding"))
            return response.status, _read(response, deadline, timeout, unpack), response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, b"", exc.headers
        raise SourceError(f"answered HTTP {exc.code}") from None
    except SourceError:
        raise
    except TimeoutError:
        raise SourceError(f"did not answer within {timeout:g} seconds") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise SourceError(f"did not answer within {timeout:g} seconds") from None
        raise SourceError(f"could not be reached ({str(reason)[:200]})") from None


def _unpacker(encoding: str | None) -> Any:
    """A gzip stream's unpacker for a gzipped answer, None for a plain one; SourceError for any other encoding."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):  # HTTP takes x-gzip as another name of gzip (RFC 9110, 8.4.1.3)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding != "identity":
        raise SourceError(f"answered in an encoding it was not asked for ({encoding[:40]!r})")
    return None


def _read(response: Any, deadline: float, timeout: float, unpack: Any = None) -> bytes:
    """The body, in pieces, so that a board sending a byte a second still ends at the deadline; unpacked as it
    arrives when `unpack` is a gzip unpacker, never to more than MAX_BYTES."""
    chunks, size, wire = [], 0, 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SourceError(f"did not finish answering within {timeout:g} seconds")
        sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(64 * 1024) if hasattr(response, "read1") else response.read(64 * 1024)
        wire += len(chunk)
        if wire > MAX_BYTES:
            raise SourceError(f"is too big (more than {MAX_BYTES:,} bytes)")
        pieces = [chunk] if unpack is None else _unpacked(unpack, chunk, MAX_BYTES - size)
        if not chunk:
            if unpack is not None and not unpack.eof:
                raise SourceError("sent a gzipped answer that was cut short")
            return b"".join(chunks + pieces)
        for piece in pieces:
            size += len(piece)
            if size > MAX_BYTES:
                raise SourceError(f"is too big (more than {MAX_BYTES:,} bytes unpacked)")
            chunks.append(piece)


def _unpacked(unpack: Any, chunk: bytes, room: int) -> list[bytes]:
    """What `chunk` unpacks to, stopping one byte past `room` so that a bomb never unpacks in memory."""
    try:
        pieces, data = [], chunk
        while True:
            piece = unpack.decompress(data, room + 1)
            pieces.append(piece)
            room -= len(piece)
            data = unpack.unconsumed_tail
            if room < 0 or not data:
                return pieces
    except zlib.error:
        raise SourceError("sent an answer marked gzip that is not gzip") from None


# ---------------------------------------------------------------- the cache


def _cache_paths(cache: Path, source: Source) -> tuple[Path, Path]:
    # source.id is a checked slug (generator.settings), so it names a file inside the cache folder and nothing else
    return cache / f"{source.id}.json", cache / f"{source.id}.meta.json"


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _save(cache: Path, body_path: Path, meta_path: Path, body: bytes, meta: dict[str, Any]) -> None:
    """Write the copy, then its metadata, each whole or not at all; a cache that cannot be written is no failure."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for path, content in ((body_path, body), (meta_path, json.dumps(meta).encode("utf-8"))):
            partial = path.with_name(path.name + ".partial")
            partial.write_bytes(content)
            os.replace(partial, path)
    except OSError:
        pass


def _fallback(source: Source, body_path: Path, meta: dict[str, Any], reason: str) -> Outcome:
    if meta and body_path.is_file():
        try:
            return Outcome(source, parse_feed(body_path.read_bytes()), CACHED, reason, meta.get("fetched", ""))
        except (SourceError, OSError):
            pass
    return Outcome(source, None, MISSING, reason)
