"""`serve` puts the board where board.yml's site_url puts it (sub-path included) and says so; 404.html works there."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from site_fixtures import BUILD_DATE, ROOT, built, copy_board, mkdocs_build, parse_html


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _local_links(page: Path) -> list[str]:
    parsed = parse_html(page)
    found = [e.attrs.get("href", "") for e in parsed.find("a") + parsed.find("link")]
    found += [e.attrs.get("src", "") for e in parsed.find("script") + parsed.find("img")]
    return [link for link in found if link and not re.match(r"[a-z]+:", link) and not link.startswith("#")]


def test_404_page_links_under_the_sub_path_of_site_url(tmp_path):
    board = copy_board(tmp_path / "board")  # test settings: https://example-org.github.io/microboard/
    site = tmp_path / "site"
    built(mkdocs_build(board, site))
    links = _local_links(site / "404.html")
    assert links and all(link.startswith("/microboard/") for link in links), links
    for link in links:  # every one of them is a file of the site, wherever the 404 page is shown
        target = site / link.removeprefix("/microboard/").split("#")[0]
        assert target.is_file() or (target / "index.html").is_file(), link


def test_serve_prints_the_address_with_the_sub_path_and_serves_404_there(tmp_path):
    board = copy_board(tmp_path / "board")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(board), "serve", "--dev-addr",
                               f"127.0.0.1:{port}", "--today", BUILD_DATE.isoformat()], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        address, deadline, seen = None, time.monotonic() + 180, []
        while address is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            seen.append(line)
            match = re.search(r"Serving on (http://\S+)", line)
            address = match.group(1) if match else None
        assert address == f"http://127.0.0.1:{port}/microboard/", "".join(seen)
        with urllib.request.urlopen(address) as answer:
            assert answer.status == 200 and b"mb-slot-title" in answer.read()
        try:
            urllib.request.urlopen(address + "no/such/page/")
            raise AssertionError("a missing page must answer 404")
        except urllib.error.HTTPError as missing:
            assert missing.code == 404
            body = missing.read().decode("utf-8")
        stylesheet = re.search(r'href="(/microboard/assets/stylesheets/main\.[^"]+\.css)"', body).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{stylesheet}") as answer:
            assert answer.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
