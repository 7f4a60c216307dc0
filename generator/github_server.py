"""Where GitHub is: github.com, or a GitHub Enterprise Server named by the variables GitHub Actions sets.

GitHub Actions sets GITHUB_SERVER_URL (the web address, e.g. https://github.example.edu) and GITHUB_API_URL
(e.g. https://github.example.edu/api/v3) on every runner; every link to GitHub and every API call takes its
address from here, so a board on GitHub Enterprise links to its own server.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

DEFAULT_SERVER_URL = "https://github.com"
DEFAULT_API_URL = "https://api.github.com"
# Addresses that may be plain http: a GitHub double in tests, or a proxy on the same machine.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def allowed(url: str, *, path: bool) -> bool:
    """https (http only on this machine), a host, no credentials, query or fragment; a path only where `path`."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return False
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)
    return (secure and bool(parts.hostname) and "@" not in parts.netloc and not parts.query and not parts.fragment
            and (path or parts.path in ("", "/")) and all(c.isprintable() and not c.isspace() for c in url))


def server_url(environ: Mapping[str, str] | None = None) -> str:
    """GitHub's web address for links, without a trailing slash: $GITHUB_SERVER_URL when it is a plain https
    address, else https://github.com."""
    value = ((os.environ if environ is None else environ).get("GITHUB_SERVER_URL") or "").strip().rstrip("/")
    return value if value and allowed(value, path=False) else DEFAULT_SERVER_URL


def api_url_from_environment() -> str:
    """$GITHUB_API_URL as given (connect refuses one it must not send a token to), else https://api.github.com."""
    return (os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL).strip().rstrip("/")


def is_loopback(url: str) -> bool:
    try:
        return urlsplit(url).hostname in LOOPBACK_HOSTS
    except ValueError:
        return False
